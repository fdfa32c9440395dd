// Seeds of the byte-level harnesses: TLV and APDU responses (see seed_writer.hpp).
#include <map>
#include <string>
#include <vector>

#include "chip/tlv.hpp"
#include "tests/unit/fuzz_replay/seed_writer_parts.hpp"

namespace ektp::test::seeds {

Result<void> write_tlv(Writer& w, const chip::Dataset& set) {
  // Byte 0: limits (0x0F: 16 levels, minimal lengths; 0x8F: long forms allowed);
  // byte 1: FF = default element count.
  for (const auto& f : set.files) {
    if (auto r = w.put("tlv", std::string("valid_") + f.spec.name, cat({hex("0FFF"), f.content}));
        !r)
      return r;
  }
  const std::map<std::string, std::string> edges = {
      {"edge_empty", "00FF"},
      {"edge_long_form_1",
       "00FF"
       "5F1F8180" +
           std::string(256, 'A')},
      {"edge_non_minimal_allowed",
       "8FFF"
       "5F1F8105"
       "0102030405"},
      {"edge_non_minimal_refused",
       "00FF"
       "5F1F8105"
       "0102030405"},
      {"edge_indefinite",
       "00FF"
       "61800000"},
      {"edge_five_length_bytes",
       "00FF"
       "5F1F850000000001"
       "00"},
      {"edge_truncated_value",
       "00FF"
       "5F1F0A0102"},
      {"edge_tag_leading_zero",
       "00FF"
       "1F8001"
       "00"},
      {"edge_three_byte_tag",
       "00FF"
       "1F818201"
       "AA"},
      {"edge_four_byte_tag",
       "00FF"
       "1F81818101"
       "AA"},
      {"edge_nested_9",
       "08FF"
       "6112"
       "6110"
       "610E"
       "610C"
       "610A"
       "6108"
       "6106"
       "6104"
       "6102"
       "0100"},
      {"edge_padding",
       "00FF"
       "00005F0101AA"},
      {"edge_many_elements",
       "0003"
       "010101"
       "010102"
       "010103"
       "010104"
       "010105"},
      {"edge_total_limit",
       "40FF"
       "0481FF" +
           std::string(510, 'B')},
  };
  for (const auto& [name, h] : edges) {
    if (auto r = w.put("tlv", name, hex(h)); !r) return r;
  }
  return ok();
}

Result<void> write_apdu(Writer& w) {
  const std::map<std::string, std::string> seeds = {
      // 0: one response
      {"response_ok",
       "00"
       "9000"},
      {"response_data",
       "00"
       "0102030405"
       "9000"},
      {"response_not_found",
       "00"
       "6A82"},
      {"response_more",
       "00"
       "6110"},
      {"response_wrong_le",
       "00"
       "6C00"},
      {"response_mute",
       "00"
       "90"},
      // 1: exchange: command (CLA INS P1 P2, shape 05: 1-byte data length + Le), rounds, max bytes,
      //    then the card's answers as chunks.
      {"exchange_get_response",
       "01"
       "00B00000"
       "05"
       "02"
       "000010"
       "10"
       "1000"
       "0002"
       "6105"
       "0007"
       "0102030405"
       "9000"},
      {"exchange_resend_le",
       "01"
       "00B00000"
       "04"
       "000010"
       "10"
       "1000"
       "0002"
       "6C03"
       "0005"
       "010203"
       "9000"},
      {"exchange_le_loop",
       "01"
       "00B00000"
       "04"
       "000010"
       "10"
       "1000"
       "0002"
       "6C03"
       "0002"
       "6C04"},
      {"exchange_endless",
       "01"
       "00C00000"
       "04"
       "000100"
       "03"
       "1000"
       "0002"
       "6100"
       "0002"
       "6100"
       "0002"
       "6100"
       "0002"
       "6100"},
      {"exchange_too_long",
       "01"
       "00B00000"
       "04"
       "000010"
       "10"
       "0004"
       "0008"
       "010203040506"
       "9000"},
      // 2: encoding: short and extended forms, Le at the limits.
      {"encode_case1",
       "02"
       "00A40000"
       "00"},
      {"encode_case2_256",
       "02"
       "00B00000"
       "04"
       "000100"},
      {"encode_case3",
       "02"
       "00D60000"
       "01"
       "10"},
      {"encode_case4_ext",
       "02"
       "00D60000"
       "06"
       "0400"
       "010000"},
      {"encode_case4_long",
       "02"
       "00D60000"
       "07"
       "0001"
       "00FFFF"},
  };
  for (const auto& [name, h] : seeds) {
    if (auto r = w.put("apdu_response", name, hex(h)); !r) return r;
  }
  return ok();
}

}  // namespace ektp::test::seeds
