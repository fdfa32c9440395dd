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
    return fail("apdu.bad_le", "Expected length " + std::to_string(*c.le) +
                                   " is not allowed in a " + (ext ? "extended" : "short") +
                                   " APDU.");
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
    return fail("card.no_response",
                "The card gave no answer (it was removed or is not responding).");
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
    if (ch >= '0' && ch <= '9')
      v = ch - '0';
    else if (ch >= 'a' && ch <= 'f')
      v = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F')
      v = ch - 'A' + 10;
    else
      return fail("hex.bad_digit", std::string("Not a hexadecimal digit: '") + ch + "'.");
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

Followup followup(std::uint16_t sw) {
  const std::uint8_t sw1 = static_cast<std::uint8_t>(sw >> 8);
  const std::uint32_t xx = sw & 0xFF;
  if (sw1 == 0x61) return {Next::get_response, xx == 0 ? 256u : xx};
  if (sw1 == 0x6C) return {Next::resend_with_le, xx == 0 ? 256u : xx};
  return {};
}

Command get_response(std::uint32_t le, std::uint8_t cla) {
  Command c;
  c.cla = static_cast<std::uint8_t>(cla & 0x03);  // keep the logical channel only
  c.ins = 0xC0;
  c.le = le;
  return c;
}

Result<Response> exchange(const Command& command, const Transmit& transmit, std::size_t max_rounds,
                          std::size_t max_bytes) {
  Command current = command;
  bool resent = false;
  Bytes data;
  for (std::size_t round = 0; round < max_rounds; ++round) {
    auto apdu = encode_auto(current);
    if (!apdu) return apdu.error();
    auto raw = transmit(*apdu);
    if (!raw) return raw.error();
    auto r = parse_response(*raw);
    if (!r) return r.error();
    data.insert(data.end(), r->data.begin(), r->data.end());
    if (data.size() > max_bytes) {
      return fail("card.response_too_long", "The card sent more than " + std::to_string(max_bytes) +
                                                " bytes for one command; the card is faulty.");
    }
    const Followup f = followup(r->sw);
    if (f.next == Next::done) {
      r->data = std::move(data);
      return r;
    }
    if (f.next == Next::resend_with_le) {
      if (resent) {
        return fail("card.bad_length_loop",
                    "The card asked twice for a different expected "
                    "length (" +
                        sw_hex(r->sw) + "); the card is faulty.");
      }
      resent = true;
      data.clear();
      current = command;
      current.le = f.le;
    } else {
      current = get_response(f.le, command.cla);
    }
  }
  return fail("card.too_many_rounds", "The card kept asking for more exchanges (over " +
                                          std::to_string(max_rounds) +
                                          "); the card is faulty or not supported.");
}

std::string sw_meaning(std::uint16_t sw) {
  struct Entry {
    std::uint16_t sw;
    const char* text;
  };
  static constexpr Entry exact[] = {
      {0x9000, "success"},
      {0x6281, "part of the returned data may be corrupted"},
      {0x6282, "end of file reached before the expected length"},
      {0x6283, "the selected file is deactivated"},
      {0x6284, "file control information not formatted as expected"},
      {0x6300, "verification failed"},
      {0x6400, "execution error, card memory unchanged"},
      {0x6581, "memory failure (the card could not write)"},
      {0x6700, "wrong length"},
      {0x6881, "logical channel not supported"},
      {0x6882, "secure messaging not supported"},
      {0x6883, "last command of the chain expected"},
      {0x6884, "command chaining not supported"},
      {0x6981, "command incompatible with the file structure"},
      {0x6982, "security status not satisfied (access refused)"},
      {0x6983, "authentication method blocked"},
      {0x6984, "reference data not usable"},
      {0x6985, "conditions of use not satisfied"},
      {0x6986, "command not allowed (no current file)"},
      {0x6987, "expected secure messaging data objects missing"},
      {0x6988, "secure messaging data objects incorrect"},
      {0x6A80, "incorrect data in the command"},
      {0x6A81, "function not supported"},
      {0x6A82, "file or application not found"},
      {0x6A83, "record not found"},
      {0x6A84, "not enough memory space in the file"},
      {0x6A85, "data length inconsistent with its TLV structure"},
      {0x6A86, "incorrect parameters P1-P2"},
      {0x6A87, "data length inconsistent with P1-P2"},
      {0x6A88, "referenced data not found"},
      {0x6A89, "file already exists"},
      {0x6A8A, "application name already exists"},
      {0x6B00, "wrong parameters (offset outside the file)"},
      {0x6D00, "instruction not supported"},
      {0x6E00, "class not supported"},
      {0x6F00, "no precise diagnosis (card error)"},
  };
  const std::string hex = " (" + sw_hex(sw) + ")";
  for (const auto& e : exact) {
    if (e.sw == sw) return e.text + hex;
  }
  const std::uint8_t sw1 = static_cast<std::uint8_t>(sw >> 8), sw2 = sw & 0xFF;
  if (sw1 == 0x61) return std::to_string(sw2 == 0 ? 256 : sw2) + " more bytes available" + hex;
  if (sw1 == 0x6C)
    return "wrong expected length; exactly " + std::to_string(sw2 == 0 ? 256 : sw2) +
           " bytes available" + hex;
  if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0) {
    return "verification failed, " + std::to_string(sw2 & 0x0F) + " tries left" + hex;
  }
  if (sw1 == 0x62 || sw1 == 0x63) return "warning" + hex;
  if (sw1 == 0x64 || sw1 == 0x65 || sw1 == 0x66) return "execution error" + hex;
  if (sw1 >= 0x67 && sw1 <= 0x6F) return "checking error" + hex;
  return "unknown status" + hex;
}

}  // namespace ektp::chip
