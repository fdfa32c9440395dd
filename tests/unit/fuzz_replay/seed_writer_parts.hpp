#pragma once
/// Shared by the seed writer's files (seed_writer.cpp): where seeds go and the byte
/// helpers. Internal to tests/unit/fuzz_replay.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "chip/apdu.hpp"
#include "chip/lds_dataset.hpp"
#include "drivers/common/result.hpp"
#include "fuzz/support/fuzz_input.hpp"

namespace ektp::test::seeds {

namespace fs = std::filesystem;
using chip::Bytes;

struct Writer {
  fs::path root;

  Result<void> put(const std::string& harness, const std::string& name, const Bytes& bytes) {
    const fs::path dir = root / "fuzz" / "corpus" / harness;
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) return fail("seeds.write", "Cannot write " + (dir / name).string());
    return ok();
  }
  /// `mode` byte, then `body`.
  Result<void> put(const std::string& harness, const std::string& name, std::uint8_t mode,
                   const Bytes& body) {
    Bytes b{mode};
    b.insert(b.end(), body.begin(), body.end());
    return put(harness, name, b);
  }
};

inline Bytes hex(const std::string& text) { return chip::from_hex(text).value(); }
inline Bytes text_bytes(const std::string& s) { return Bytes(s.begin(), s.end()); }
inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
inline Bytes chunk(const Bytes& part) {
  Bytes out;
  fuzz::append_chunk(out, part);
  return out;
}

/// The byte-level harnesses' seeds (seed_writer_bytes.cpp).
Result<void> write_tlv(Writer& w, const chip::Dataset& set);
Result<void> write_apdu(Writer& w);

}  // namespace ektp::test::seeds
