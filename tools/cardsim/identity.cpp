#include "tools/cardsim/identity.hpp"

#include "tools/cardsim/tlv.hpp"

namespace ektp::cardsim {

std::vector<std::uint8_t> build_atr(const CardConfig& config) {
  if (!config.atr.empty()) return config.atr;
  // Third capabilities byte: b7 = extended Lc/Le, b6 = extended length info in EF.ATR/INFO.
  std::uint8_t capabilities3 = config.max_ext_length > 0 ? 0x60 : 0x00;
  // Category 80; 73 = card capabilities (3 bytes): selection by full DF name,
  // path, FID, SFI supported; data unit 1 byte; no chaining, one logical channel.
  std::vector<std::uint8_t> historical = {0x80, 0x73, 0xB4, 0x01, capabilities3, 0x82, 0x90, 0x00};
  std::vector<std::uint8_t> atr = {0x3B, static_cast<std::uint8_t>(0x80 | historical.size()), 0x80,
                                   0x01};
  atr.insert(atr.end(), historical.begin(), historical.end());
  std::uint8_t tck = 0;
  for (std::size_t i = 1; i < atr.size(); ++i) tck ^= atr[i];
  atr.push_back(tck);
  return atr;
}

std::vector<std::uint8_t> build_cplc(const CardConfig& config) {
  std::vector<std::uint8_t> s = config.serial;
  s.resize(8, 0x00);
  std::vector<std::uint8_t> cplc = {
      s[0], s[1],              // IC fabricator
      s[2], s[3],              // IC type
      0x47, 0x10,              // operating system identifier
      0x60, 0x01,              // operating system release date
      0x01, 0x00,              // operating system release level
      0x60, 0x10,              // IC fabrication date
      s[4], s[5], s[6], s[7],  // IC serial number
      0x00, 0x01,              // IC batch identifier
      0x47, 0x90,              // IC module fabricator
      0x60, 0x20,              // IC module packaging date
      0x00, 0x00,              // ICC manufacturer
      0x60, 0x30,              // IC embedding date
      0x00, 0x00,              // IC pre-personalizer
      0x00, 0x00,              // IC pre-personalization date
      0x00, 0x00, 0x00, 0x00,  // IC pre-personalization equipment identifier
      0x00, 0x00,              // IC personalizer
      0x00, 0x00,              // IC personalization date
      0x00, 0x00, 0x00, 0x00,  // IC personalization equipment identifier
  };
  return cplc;
}

namespace {
std::vector<std::uint8_t> der_integer(std::size_t v) {
  std::vector<std::uint8_t> bytes;
  do {
    bytes.insert(bytes.begin(), static_cast<std::uint8_t>(v & 0xFF));
    v >>= 8;
  } while (v != 0);
  if (bytes[0] & 0x80) bytes.insert(bytes.begin(), 0x00);
  return encode_tlv(0x02, bytes);
}
}  // namespace

std::vector<std::uint8_t> build_ef_atr(const CardConfig& config) {
  auto max_command = der_integer(config.max_ext_length);
  auto max_response = der_integer(config.max_ext_length);
  std::vector<std::uint8_t> value = max_command;
  value.insert(value.end(), max_response.begin(), max_response.end());
  return encode_tlv(0x7F66, value);
}

}  // namespace ektp::cardsim
