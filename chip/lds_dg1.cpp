#include "chip/lds_dg1.hpp"

#include "chip/chip_messages_data.hpp"
#include "chip/chip_messages_record.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {

Result<Bytes> build_dg1(const CitizenRecord& record) {
  auto mrz = make_td1(record);
  if (!mrz) return mrz.error();
  Bytes inner;
  append_tlv(inner, 0x5F1F, *mrz);
  return make_tlv(0x61, inner);
}

Result<Dg1> parse_dg1(std::span<const std::uint8_t> bytes) {
  const std::string file = "DG1";
  auto root = parse_file(bytes, 0x61, file);
  if (!root) return root.error();
  if (auto r = expect_children(*root, {0x5F1F}, file); !r) return r.error();
  Dg1 d;
  d.mrz = text(root->children[0]);
  auto f = parse_td1(d.mrz);
  if (!f) return f.error();
  d.fields = std::move(*f);
  const Td1Fields& m = d.fields;
  if (m.document_code != "ID" || m.issuing_state != "IDN") {
    return lds_error(file, msg::say(msg::lds_mrz_not_ktp, m.document_code, m.issuing_state));
  }
  if (d.mrz[14] != '<') return lds_error(file, msg::say(msg::lds_nik_overflow));
  if (auto r = validate_nik(m.document_number, msg::field_nik_in_mrz.english); !r) return r.error();
  if (m.sex != 'M' && m.sex != 'F') return lds_error(file, msg::say(msg::lds_sex_code));
  if (m.nationality != "IDN" && m.nationality != "XXX") {
    return lds_error(file, msg::say(msg::lds_nationality, m.nationality));
  }
  return d;
}

}  // namespace ektp::chip
