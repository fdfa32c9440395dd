#include "chip/lds_dg13.hpp"

#include "chip/chip_messages_data.hpp"
#include "chip/chip_messages_record.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {

Result<Bytes> build_dg13(const CitizenRecord& r) {
  if (auto v = validate(r, false); !v) return v.error();
  Bytes inner;
  append_tlv(inner, 0x80, Bytes{kDg13Version});
  append_tlv(inner, 0x81, r.rt_rw);
  append_tlv(inner, 0x82, r.kelurahan_desa);
  append_tlv(inner, 0x83, r.kecamatan);
  append_tlv(inner, 0x84, r.religion);
  append_tlv(inner, 0x85, r.marital_status);
  append_tlv(inner, 0x86, r.blood_type);
  append_tlv(inner, 0x87, r.citizenship);
  append_tlv(inner, 0x88, r.validity_text());
  append_tlv(inner, 0x89, r.province);
  append_tlv(inner, 0x8A, r.regency_city);
  return make_tlv(0x6D, inner);
}

Result<void> parse_dg13(std::span<const std::uint8_t> bytes, CitizenRecord& out) {
  const std::string file = "DG13";
  auto root = parse_file(bytes, 0x6D, file);
  if (!root) return root.error();
  auto r = expect_children(
      *root, {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A}, file);
  if (!r) return r;
  const auto& c = root->children;
  auto version = small_int(c[0], file);
  if (!version) return version.error();
  if (*version != kDg13Version) {
    return lds_error(file, msg::say(msg::lds_dg13_version, *version));
  }
  // Each value is checked by the same rules as the record: copy the fields
  // into a known-good record and let validate() judge them.
  // (Dates of the probe are the earliest accepted, so any later validity passes
  // here; the dataset checks validity against the real date of issue.)
  CitizenRecord probe;
  probe.nik = "3201010101000001";
  probe.name = "N";
  probe.birth_place = "P";
  probe.birth_date = {1900, 1, 1};
  probe.address = "A";
  probe.occupation = "O";
  probe.issuing_city = "C";
  probe.issue_date = {1900, 1, 1};
  probe.rt_rw = text(c[1]);
  probe.kelurahan_desa = text(c[2]);
  probe.kecamatan = text(c[3]);
  probe.religion = text(c[4]);
  probe.marital_status = text(c[5]);
  probe.blood_type = text(c[6]);
  probe.citizenship = text(c[7]);
  probe.province = text(c[9]);
  probe.regency_city = text(c[10]);
  const std::string validity = text(c[8]);
  if (validity != kLifetime) {
    auto d = parse_dmy(validity, msg::field_validity.english);
    if (!d) return d.error();
    probe.valid_until = *d;
  }
  if (auto v = validate(probe, false); !v) return v;
  out.rt_rw = std::move(probe.rt_rw);
  out.kelurahan_desa = std::move(probe.kelurahan_desa);
  out.kecamatan = std::move(probe.kecamatan);
  out.religion = std::move(probe.religion);
  out.marital_status = std::move(probe.marital_status);
  out.blood_type = std::move(probe.blood_type);
  out.citizenship = std::move(probe.citizenship);
  out.valid_until = probe.valid_until;
  out.province = std::move(probe.province);
  out.regency_city = std::move(probe.regency_city);
  return ok();
}

}  // namespace ektp::chip
