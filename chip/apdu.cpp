#include "chip/apdu.hpp"

#include <cctype>

namespace ektp::chip {

Result<Bytes> encode(const Command& c, Length form) {
  const bool ext = form == Length::extended;
  const std::size_t max_lc = ext ? 65535 : 255;
  const std::uint32_t max_le = ext ? 65536 : 256;
  if (c.data.size() > max_lc) {
    return fail("apdu.too_long", "Command data of " + std::to_string(c.data.size()) +
                                     " bytes does not fit a " + (ext ? "extended" : "short") +
                                     " APDU (at most " + std::to_string(max_lc) + ").");
  }
  if (c.le && (*c.le == 0 || *c.le > max_le)) {
    return fail("apdu.bad_le", "Expected length " + std::to_string(*c.le) + " is not allowed in a " +
                                   (ext ? "extended" : "short") + " APDU.");
  }
  Bytes out{c.cla, c.ins, c.p1, c.p2};
  const bool has_lc = !c.data.empty();
  if (has_lc) {
    if (ext) {
      out.push_back(0x00);
      out.push_back(static_cast<std::uint8_t>(c.data.size() >> 8));
    }
    out.push_back(static_cast<std::uint8_t>(c.data.size()));
    out.insert(out.end(), c.data.begin(), c.data.end());
  }
  if (c.le) {
    const std::uint32_t le = *c.le == max_le ? 0 : *c.le;  // 0 encodes the maximum
    if (ext) {
      if (!has_lc) out.push_back(0x00);
      out.push_back(static_cast<std::uint8_t>(le >> 8));
    }
    out.push_back(static_cast<std::uint8_t>(le));
  }
  return out;
}

Result<Bytes> encode_auto(const Command& c) {
  const bool fits_short = c.data.size() <= 255 && (!c.le || *c.le <= 256);
  return encode(c, fits_short ? Length::short_form : Length::extended);
}

Result<Response> parse_response(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 2) {
    return fail("card.no_response", "The card gave no answer (it was removed or is not responding).");
  }
  Response r;
  r.data.assign(bytes.begin(), bytes.end() - 2);
  r.sw = static_cast<std::uint16_t>((bytes[bytes.size() - 2] << 8) | bytes[bytes.size() - 1]);
  return r;
}

std::string sw_hex(std::uint16_t sw) {
  const std::uint8_t b[2] = {static_cast<std::uint8_t>(sw >> 8), static_cast<std::uint8_t>(sw)};
  return to_hex(b);
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 0x0F]);
  }
  return s;
}

Result<Bytes> from_hex(const std::string& hex) {
  Bytes out;
  int nibble = -1;
  for (char ch : hex) {
    if (std::isspace(static_cast<unsigned char>(ch))) continue;
    int v;
    if (ch >= '0' && ch <= '9') v = ch - '0';
    else if (ch >= 'a' && ch <= 'f') v = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F') v = ch - 'A' + 10;
    else return fail("hex.bad_digit", std::string("Not a hexadecimal digit: '") + ch + "'.");
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(nibble << 4 | v));
      nibble = -1;
    }
  }
  if (nibble >= 0) return fail("hex.odd_length", "Hexadecimal text has an odd number of digits.");
  return out;
}

}  // namespace ektp::chip
