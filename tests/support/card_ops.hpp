#pragma once
/// Plain ISO 7816-4 file operations over a connected Reader, for the rig's
/// integration tests, benchmarks and the foundation demo. (The station's own
/// personalizer, with its profile and outcomes, lives in chip/ from the
/// personalizer issue on; this is only the raw commands.)

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "drivers/reader/reader.hpp"

namespace ektp::test {

using chip::Bytes;
using namespace std::chrono_literals;

/// ICAO LDS1 application (chip-profile.md).
inline const Bytes kLdsAid = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
/// KTP-OPEN EF security attributes: AM read|update; update never (FF), read only
/// in an authenticated session (90) once the file is operational.
inline const Bytes kProfileEfSecurity = {0x03, 0xFF, 0x90};

class CardOps {
 public:
  /// `reader` must be connected to the card (Reader::connect).
  explicit CardOps(reader::Reader& reader, std::chrono::milliseconds deadline = 5s)
      : s_(reader), deadline_(deadline) {}

  /// Send a command; the response, or the transport error.
  Result<chip::Response> send(const chip::Command& c) {
    auto apdu = chip::encode_auto(c);
    if (!apdu) return apdu.error();
    auto raw = s_.transmit(*apdu, deadline_);
    if (!raw) return raw.error();
    return chip::parse_response(*raw);
  }

  /// Send and require 9000.
  Result<Bytes> expect_ok(const chip::Command& c, const std::string& what) {
    auto r = send(c);
    if (!r) return r.error();
    if (!r->ok()) return fail("card.sw", what + " answered " + chip::sw_hex(r->sw));
    return r->data;
  }

  Result<Bytes> create_df(std::uint16_t fid, const Bytes& aid) {
    Bytes fcp{0x82,    0x01, 0x38,
              0x83,    0x02, hi(fid),
              lo(fid), 0x84, static_cast<std::uint8_t>(aid.size())};
    fcp.insert(fcp.end(), aid.begin(), aid.end());
    return expect_ok({0x00, 0xE0, 0x00, 0x00, wrap62(fcp), {}}, "CREATE FILE (DF)");
  }

  Result<Bytes> create_ef(std::uint16_t fid, std::size_t size, std::uint8_t sfi,
                          const Bytes& security = kProfileEfSecurity) {
    Bytes fcp{0x80,
              0x02,
              hi(static_cast<std::uint16_t>(size)),
              lo(static_cast<std::uint16_t>(size)),
              0x82,
              0x01,
              0x01,
              0x83,
              0x02,
              hi(fid),
              lo(fid),
              0x88,
              0x01,
              static_cast<std::uint8_t>(sfi << 3),
              0x8A,
              0x01,
              0x03,
              0x8C,
              static_cast<std::uint8_t>(security.size())};
    fcp.insert(fcp.end(), security.begin(), security.end());
    return expect_ok({0x00, 0xE0, 0x00, 0x00, wrap62(fcp), {}}, "CREATE FILE (EF)");
  }

  Result<Bytes> select_aid(const Bytes& aid) {
    return expect_ok({0x00, 0xA4, 0x04, 0x0C, aid, {}}, "SELECT application");
  }

  /// SELECT an EF by FID with P2 04: returns its FCP (tag 62).
  Result<Bytes> select_fcp(std::uint16_t fid) {
    return expect_ok({0x00, 0xA4, 0x02, 0x04, {hi(fid), lo(fid)}, 256}, "SELECT (FCP)");
  }

  /// UPDATE BINARY of the current EF in chunks of `chunk` bytes (even INS: offsets < 32768).
  Result<void> write_all(const Bytes& data, std::size_t chunk) {
    for (std::size_t off = 0; off < data.size(); off += chunk) {
      const std::size_t n = std::min(chunk, data.size() - off);
      Bytes part(data.begin() + static_cast<long>(off), data.begin() + static_cast<long>(off + n));
      auto r = expect_ok({0x00,
                          0xD6,
                          hi(static_cast<std::uint16_t>(off)),
                          lo(static_cast<std::uint16_t>(off)),
                          std::move(part),
                          {}},
                         "UPDATE BINARY at " + std::to_string(off));
      if (!r) return r.error();
    }
    return ok();
  }

  /// READ BINARY of the current EF, `size` bytes in chunks of `chunk`.
  Result<Bytes> read_all(std::size_t size, std::size_t chunk) {
    Bytes out;
    while (out.size() < size) {
      const auto off = static_cast<std::uint16_t>(out.size());
      const auto n = static_cast<std::uint32_t>(std::min(chunk, size - out.size()));
      auto r =
          expect_ok({0x00, 0xB0, hi(off), lo(off), {}, n}, "READ BINARY at " + std::to_string(off));
      if (!r) return r.error();
      if (r->empty()) return fail("card.short_read", "READ BINARY returned no data");
      out.insert(out.end(), r->begin(), r->end());
    }
    return out;
  }

  Result<Bytes> activate_current() {
    return expect_ok({0x00, 0x44, 0x00, 0x00, {}, {}}, "ACTIVATE FILE");
  }

  /// The chip's fixed serial: GET DATA of the CPLC.
  Result<Bytes> cplc() { return expect_ok({0x80, 0xCA, 0x9F, 0x7F, {}, 256}, "GET DATA CPLC"); }
  Result<Bytes> uid() { return expect_ok({0xFF, 0xCA, 0x00, 0x00, {}, 256}, "GET UID"); }

  static std::uint8_t hi(std::uint16_t v) { return static_cast<std::uint8_t>(v >> 8); }
  static std::uint8_t lo(std::uint16_t v) { return static_cast<std::uint8_t>(v & 0xFF); }

 private:
  static Bytes wrap62(const Bytes& inner) {
    Bytes out{0x62, static_cast<std::uint8_t>(inner.size())};
    out.insert(out.end(), inner.begin(), inner.end());
    return out;
  }

  reader::Reader& s_;
  std::chrono::milliseconds deadline_;
};

/// Deterministic, non-personal test content.
inline Bytes pattern(std::size_t n, std::uint8_t seed = 1) {
  Bytes b(n);
  std::uint32_t x = seed * 2654435761u + 12345u;
  for (auto& v : b) {
    x = x * 1103515245u + 12345u;
    v = static_cast<std::uint8_t>(x >> 16);
  }
  return b;
}

}  // namespace ektp::test
