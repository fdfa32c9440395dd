#include "chip/lds_dg11.hpp"

#include <algorithm>

#include "chip/chip_messages_data.hpp"
#include "chip/chip_messages_record.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {
namespace {

constexpr std::initializer_list<std::uint32_t> kTags = {0x5F0E, 0x5F10, 0x5F2B,
                                                        0x5F11, 0x5F42, 0x5F13};

}  // namespace

Result<Bytes> build_dg11(const CitizenRecord& r) {
  if (auto v = validate(r, false); !v) return v.error();
  Bytes inner;
  append_tlv(inner, 0x5C, tag_list(kTags));
  append_tlv(inner, 0x5F0E, r.name);
  append_tlv(inner, 0x5F10, r.nik);
  append_tlv(inner, 0x5F2B, r.birth_date.ccyymmdd());
  append_tlv(inner, 0x5F11, r.birth_place);
  append_tlv(inner, 0x5F42, r.address);
  append_tlv(inner, 0x5F13, r.occupation);
  return make_tlv(0x6B, inner);
}

Result<void> parse_dg11(std::span<const std::uint8_t> bytes, CitizenRecord& out) {
  const std::string file = "DG11";
  auto root = parse_file(bytes, 0x6B, file);
  if (!root) return root.error();
  auto r = expect_children(*root, {0x5C, 0x5F0E, 0x5F10, 0x5F2B, 0x5F11, 0x5F42, 0x5F13}, file);
  if (!r) return r;
  const Bytes want = tag_list(kTags);
  const auto& list = root->children[0].value;
  if (!std::equal(list.begin(), list.end(), want.begin(), want.end())) {
    return lds_error(file, msg::say(msg::lds_tag_list));
  }
  const auto& c = root->children;
  CitizenRecord got;
  got.name = text(c[1]);
  got.nik = text(c[2]);
  got.birth_place = text(c[4]);
  got.address = text(c[5]);
  got.occupation = text(c[6]);
  if (auto v = validate_text(got.name, msg::field_name.english, FieldLimits::name); !v) return v;
  if (auto v = validate_nik(got.nik); !v) return v;
  auto dob = parse_ccyymmdd(text(c[3]), msg::field_birth_date.english);
  if (!dob) return dob.error();
  if (auto v = validate_text(got.birth_place, msg::field_birth_place.english, FieldLimits::place);
      !v)
    return v;
  if (auto v = validate_text(got.address, msg::field_address.english, FieldLimits::address); !v)
    return v;
  if (auto v =
          validate_text(got.occupation, msg::field_occupation.english, FieldLimits::occupation);
      !v)
    return v;
  out.name = std::move(got.name);
  out.nik = std::move(got.nik);
  out.birth_date = *dob;
  out.birth_place = std::move(got.birth_place);
  out.address = std::move(got.address);
  out.occupation = std::move(got.occupation);
  return ok();
}

}  // namespace ektp::chip
