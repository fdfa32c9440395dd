#include "tools/cardsim/tlv.hpp"

namespace ektp::cardsim {

std::optional<std::vector<Tlv>> parse_tlvs(std::span<const std::uint8_t> data) {
  std::vector<Tlv> out;
  std::size_t i = 0;
  while (i < data.size()) {
    std::uint32_t tag = data[i++];
    if ((tag & 0x1F) == 0x1F) {  // two-byte tag (three-byte tags are not used here)
      if (i >= data.size() || (data[i] & 0x80) != 0) return std::nullopt;
      tag = tag << 8 | data[i++];
    }
    if (i >= data.size()) return std::nullopt;
    std::size_t len = data[i++];
    if (len == 0x81 || len == 0x82 || len == 0x83) {
      std::size_t count = len - 0x80;
      if (data.size() - i < count) return std::nullopt;
      len = 0;
      for (std::size_t k = 0; k < count; ++k) len = len << 8 | data[i++];
    } else if (len >= 0x80) {  // 80 = indefinite length, 84.. = longer than 3 bytes
      return std::nullopt;
    }
    if (data.size() - i < len) return std::nullopt;
    out.push_back(Tlv{tag, data.subspan(i, len)});
    i += len;
  }
  return out;
}

std::vector<std::uint8_t> encode_length(std::size_t n) {
  if (n < 0x80) return {static_cast<std::uint8_t>(n)};
  if (n <= 0xFF) return {0x81, static_cast<std::uint8_t>(n)};
  if (n <= 0xFFFF) return {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
  return {0x83, static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8),
          static_cast<std::uint8_t>(n)};
}

std::vector<std::uint8_t> encode_tlv(std::uint32_t tag, std::span<const std::uint8_t> value) {
  std::vector<std::uint8_t> out;
  if (tag > 0xFF) out.push_back(static_cast<std::uint8_t>(tag >> 8));
  out.push_back(static_cast<std::uint8_t>(tag));
  auto len = encode_length(value.size());
  out.insert(out.end(), len.begin(), len.end());
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

std::optional<std::uint32_t> to_uint(std::span<const std::uint8_t> value) {
  if (value.empty() || value.size() > 4) return std::nullopt;
  std::uint32_t v = 0;
  for (std::uint8_t b : value) v = v << 8 | b;
  return v;
}

}  // namespace ektp::cardsim
