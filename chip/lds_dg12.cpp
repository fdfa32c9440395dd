#include "chip/lds_dg12.hpp"

#include <algorithm>

#include "chip/chip_messages_data.hpp"
#include "chip/chip_messages_record.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {

Result<Bytes> build_dg12(const CitizenRecord& r) {
  if (auto v = validate(r, false); !v) return v.error();
  Bytes inner;
  append_tlv(inner, 0x5C, tag_list({0x5F19, 0x5F26}));
  append_tlv(inner, 0x5F19, r.issuing_city);
  append_tlv(inner, 0x5F26, r.issue_date.ccyymmdd());
  return make_tlv(0x6C, inner);
}

Result<void> parse_dg12(std::span<const std::uint8_t> bytes, CitizenRecord& out) {
  const std::string file = "DG12";
  auto root = parse_file(bytes, 0x6C, file);
  if (!root) return root.error();
  if (auto r = expect_children(*root, {0x5C, 0x5F19, 0x5F26}, file); !r) return r;
  const Bytes want = tag_list({0x5F19, 0x5F26});
  const auto& list = root->children[0].value;
  if (!std::equal(list.begin(), list.end(), want.begin(), want.end())) {
    return lds_error(file, msg::say(msg::lds_tag_list));
  }
  std::string city = text(root->children[1]);
  if (auto v = validate_text(city, msg::field_issuing_city.english, FieldLimits::place); !v)
    return v;
  auto date = parse_ccyymmdd(text(root->children[2]), msg::field_issue_date.english);
  if (!date) return date.error();
  out.issuing_city = std::move(city);
  out.issue_date = *date;
  return ok();
}

}  // namespace ektp::chip
