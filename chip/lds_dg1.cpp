#include "chip/lds_dg1.hpp"

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
    return lds_error(file, "the MRZ is not an Indonesian identity card (code " + m.document_code +
                               ", state " + m.issuing_state + ")");
  }
  if (d.mrz[14] != '<') return lds_error(file, "the NIK is not written with the overflow rule");
  if (auto r = validate_nik(m.document_number, "NIK in the MRZ"); !r) return r.error();
  if (m.sex != 'M' && m.sex != 'F') return lds_error(file, "the sex is not M or F");
  if (m.nationality != "IDN" && m.nationality != "XXX") {
    return lds_error(file, "the nationality is " + m.nationality + " (IDN or XXX expected)");
  }
  return d;
}

}  // namespace ektp::chip
