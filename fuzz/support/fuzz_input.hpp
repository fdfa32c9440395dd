#pragma once
/// Helpers shared by the libFuzzer harnesses in fuzz/ (also compiled with GCC for the
/// corpus replay in tests/unit/fuzz_replay): a reader that splits one fuzz input into
/// parts, and FUZZ_CHECK for the properties a harness asserts.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <vector>

namespace ektp::fuzz {

/// Takes parts off the front of a fuzz input. Never fails: past the end it gives
/// zeros and empty spans, so every input is a valid (if short) instruction.
class InputReader {
 public:
  explicit InputReader(std::span<const std::uint8_t> data) : data_(data) {}

  std::uint8_t u8() {
    if (data_.empty()) return 0;
    const std::uint8_t v = data_[0];
    data_ = data_.subspan(1);
    return v;
  }
  std::uint16_t u16() {
    const std::uint16_t hi = u8();
    return static_cast<std::uint16_t>(hi << 8 | u8());
  }
  /// Up to `n` bytes.
  std::span<const std::uint8_t> bytes(std::size_t n) {
    if (n > data_.size()) n = data_.size();
    auto out = data_.first(n);
    data_ = data_.subspan(n);
    return out;
  }
  /// A part written as a 2-byte big-endian length then that many bytes.
  std::span<const std::uint8_t> chunk() { return bytes(u16()); }
  /// Everything left.
  std::span<const std::uint8_t> rest() { return bytes(data_.size()); }
  bool empty() const { return data_.empty(); }

 private:
  std::span<const std::uint8_t> data_;
};

/// Appends `part` as a chunk (the writer's side of InputReader::chunk, for seeds).
inline void append_chunk(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> part) {
  out.push_back(static_cast<std::uint8_t>(part.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(part.size() & 0xFF));
  out.insert(out.end(), part.begin(), part.end());
}

[[noreturn]] inline void property_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz property violated at %s:%d: %s\n", file, line, what);
  std::abort();
}

}  // namespace ektp::fuzz

/// A property of the code under test; aborts (a crash for libFuzzer, a failure for the
/// replay test) when it does not hold. Not compiled out by NDEBUG.
#define FUZZ_CHECK(cond) \
  ((cond) ? (void)0 : ::ektp::fuzz::property_failed(#cond, __FILE__, __LINE__))
