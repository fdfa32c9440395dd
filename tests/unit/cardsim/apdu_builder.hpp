#pragma once
/// Small helpers for the card simulator tests: build APDUs and FCPs, run
/// them, split the status word.

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/cardsim/card.hpp"
#include "tools/cardsim/hex.hpp"

namespace cardsim_test {

using ektp::cardsim::Bytes;
using ektp::cardsim::Card;
using ektp::cardsim::CardConfig;

/// Bytes from hex text ("00 A4 04 0C").
inline Bytes hx(const std::string& text) {
  auto b = ektp::cardsim::from_hex(text);
  REQUIRE(b.has_value());
  return *b;
}

/// A command APDU; `le` 256 (short) or 65536 (extended) encode as 00 / 0000.
inline Bytes apdu(std::uint8_t cla, std::uint8_t ins, std::uint8_t p1, std::uint8_t p2,
                  const Bytes& data = {}, std::optional<std::size_t> le = std::nullopt,
                  bool extended = false) {
  Bytes out = {cla, ins, p1, p2};
  if (extended) {
    out.push_back(0x00);
    if (!data.empty()) {
      out.push_back(static_cast<std::uint8_t>(data.size() >> 8));
      out.push_back(static_cast<std::uint8_t>(data.size()));
      out.insert(out.end(), data.begin(), data.end());
    }
    if (le) {
      out.push_back(static_cast<std::uint8_t>(*le >> 8));
      out.push_back(static_cast<std::uint8_t>(*le));
    }
  } else {
    if (!data.empty()) {
      out.push_back(static_cast<std::uint8_t>(data.size()));
      out.insert(out.end(), data.begin(), data.end());
    }
    if (le) out.push_back(static_cast<std::uint8_t>(*le));
  }
  return out;
}

/// A response split into data and status word.
struct Rsp {
  Bytes data;
  std::uint16_t sw = 0;
};

/// Send one APDU; the card must answer (no tear, no mute).
inline Rsp run(Card& card, const Bytes& command) {
  auto r = card.transmit(command);
  REQUIRE(r.kind == ektp::cardsim::Reaction::Kind::respond);
  REQUIRE(r.response.size() >= 2);
  Rsp out;
  out.sw = static_cast<std::uint16_t>(r.response[r.response.size() - 2] << 8 | r.response.back());
  out.data.assign(r.response.begin(), r.response.end() - 2);
  return out;
}

/// Just the status word.
inline std::uint16_t sw(Card& card, const Bytes& command) { return run(card, command).sw; }

inline Bytes be16(std::size_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

/// `sfi` values for fcp_ef besides 1..30: leave tag 88 out (the card takes
/// b5-b1 of the FID), or send an empty 88 (the EF has no SFI).
inline constexpr int kSfiFromFid = -1;
inline constexpr int kNoSfi = 0;

/// FCP of a transparent EF: 62 { 80 size, 82 01, 83 FID, [88], 8A lcs, [8C sec] }.
inline Bytes fcp_ef(std::uint16_t fid, std::size_t size, int sfi = kSfiFromFid,
                    const Bytes& security = {}, std::uint8_t lcs = 0x03) {
  Bytes in = {0x80, 0x02};
  auto s = be16(size);
  in.insert(in.end(), s.begin(), s.end());
  in.insert(in.end(), {0x82, 0x01, 0x01, 0x83, 0x02});
  auto f = be16(fid);
  in.insert(in.end(), f.begin(), f.end());
  if (sfi == kNoSfi) in.insert(in.end(), {0x88, 0x00});
  if (sfi > 0) in.insert(in.end(), {0x88, 0x01, static_cast<std::uint8_t>(sfi << 3)});
  in.insert(in.end(), {0x8A, 0x01, lcs});
  if (!security.empty()) {
    in.push_back(0x8C);
    in.push_back(static_cast<std::uint8_t>(security.size()));
    in.insert(in.end(), security.begin(), security.end());
  }
  Bytes out = {0x62, static_cast<std::uint8_t>(in.size())};
  out.insert(out.end(), in.begin(), in.end());
  return out;
}

/// FCP of a DF with a name: 62 { 82 01 38, 83 FID, 84 AID, [8A lcs], [8C sec] }
/// (lcs 0: no 8A, the card's default 03).
inline Bytes fcp_df(std::uint16_t fid, const Bytes& aid, const Bytes& security = {},
                    std::uint8_t lcs = 0) {
  auto f = be16(fid);
  Bytes in = {
      0x82, 0x01, 0x38, 0x83, 0x02, f[0], f[1], 0x84, static_cast<std::uint8_t>(aid.size())};
  in.insert(in.end(), aid.begin(), aid.end());
  if (lcs != 0) in.insert(in.end(), {0x8A, 0x01, lcs});
  if (!security.empty()) {
    in.push_back(0x8C);
    in.push_back(static_cast<std::uint8_t>(security.size()));
    in.insert(in.end(), security.begin(), security.end());
  }
  Bytes out = {0x62, static_cast<std::uint8_t>(in.size())};
  out.insert(out.end(), in.begin(), in.end());
  return out;
}

inline Bytes create(const Bytes& fcp) { return apdu(0x00, 0xE0, 0x00, 0x00, fcp); }

/// The KTP-OPEN application AID and its protected-EF attributes
/// (UPDATE never, READ in an authenticated session).
inline const Bytes kAid = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
inline const Bytes kProtected = {0x03, 0xFF, 0x90};
inline const Bytes kPublic = {0x03, 0xFF, 0x00};

/// A powered card with the application DF 7F0A selected.
inline Card card_with_app(CardConfig config = {}) {
  Card card(std::move(config));
  card.power_on();
  REQUIRE(sw(card, create(fcp_df(0x7F0A, kAid))) == 0x9000);
  return card;
}

/// Bytes 0, 1, 2, ... (mod 251) of length n, so that offsets show in the content.
inline Bytes pattern(std::size_t n, std::uint8_t seed = 0) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i + seed) % 251);
  return b;
}

inline CardConfig card32k(std::size_t ext_max = 1024) {
  CardConfig c;
  c.capacity = 32768;
  c.max_ext_length = ext_max;
  return c;
}

}  // namespace cardsim_test
