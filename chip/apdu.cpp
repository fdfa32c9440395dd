#include "chip/apdu.hpp"

#include <cctype>

#include "chip/chip_messages_card.hpp"

namespace ektp::chip {

Result<Bytes> encode(const Command& c, Length form) {
  const bool ext = form == Length::extended;
  const std::size_t max_lc = ext ? 65535 : 255;
  const std::uint32_t max_le = ext ? 65536 : 256;
  if (c.data.size() > max_lc) {
    return fail("apdu.too_long",
                msg::say(ext ? msg::apdu_too_long_extended : msg::apdu_too_long_short,
                         c.data.size(), max_lc));
  }
  if (c.le && (*c.le == 0 || *c.le > max_le)) {
    return fail("apdu.bad_le",
                msg::say(ext ? msg::apdu_bad_le_extended : msg::apdu_bad_le_short, *c.le));
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
    return fail("card.no_response", msg::say(msg::card_no_answer));
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
      return fail("hex.bad_digit", msg::say(msg::hex_bad_digit, std::string(1, ch)));
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(nibble << 4 | v));
      nibble = -1;
    }
  }
  if (nibble >= 0) return fail("hex.odd_length", msg::say(msg::hex_odd_length));
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
      return fail("card.response_too_long", msg::say(msg::card_response_too_long, max_bytes));
    }
    const Followup f = followup(r->sw);
    if (f.next == Next::done) {
      r->data = std::move(data);
      return r;
    }
    if (f.next == Next::resend_with_le) {
      if (resent) {
        return fail("card.bad_length_loop", msg::say(msg::card_length_loop, sw_hex(r->sw)));
      }
      resent = true;
      data.clear();
      current = command;
      current.le = f.le;
    } else {
      current = get_response(f.le, command.cla);
    }
  }
  return fail("card.too_many_rounds", msg::say(msg::card_too_many_rounds, max_rounds));
}

std::string sw_meaning(std::uint16_t sw) {
  const std::string hex = " (" + sw_hex(sw) + ")";
  for (const auto& e : msg::kStatusTexts) {
    if (e.sw == sw) return msg::say(e.text) + hex;
  }
  const std::uint8_t sw1 = static_cast<std::uint8_t>(sw >> 8), sw2 = sw & 0xFF;
  const int available = sw2 == 0 ? 256 : sw2;
  if (sw1 == 0x61) return msg::say(msg::sw_more_bytes, available) + hex;
  if (sw1 == 0x6C) return msg::say(msg::sw_wrong_le, available) + hex;
  if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0) {
    return msg::say(msg::sw_tries_left, sw2 & 0x0F) + hex;
  }
  if (sw1 == 0x62 || sw1 == 0x63) return msg::say(msg::sw_warning) + hex;
  if (sw1 == 0x64 || sw1 == 0x65 || sw1 == 0x66) return msg::say(msg::sw_execution_error) + hex;
  if (sw1 >= 0x67 && sw1 <= 0x6F) return msg::say(msg::sw_checking_error) + hex;
  return msg::say(msg::sw_unknown) + hex;
}

}  // namespace ektp::chip
