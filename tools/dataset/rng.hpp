#pragma once
/// A small seeded random generator (SplitMix64) whose output is the same on
/// every compiler and platform, unlike the std distributions. Data sets made
/// from the same seed are byte-for-byte the same.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

namespace ektp::dataset {

class Rng {
 public:
  /// A stream for (seed, stream): different streams of one seed are independent.
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0)
      : state_(seed * 0x9E3779B97F4A7C15ull ^ (stream + 0x632BE59BD9B4E019ull)) {
    next();
  }

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  /// 0 .. n-1 (n > 0).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// lo .. hi inclusive.
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  /// 0.0 .. 1.0 (exclusive).
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  /// lo .. hi (real).
  double real(double lo, double hi) { return lo + (hi - lo) * unit(); }
  /// True with probability `p`.
  bool chance(double p) { return unit() < p; }

  /// One element of a non-empty list.
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

  /// An index chosen with the given weights (not all zero).
  std::size_t weighted(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = static_cast<int>(below(static_cast<std::size_t>(total)));
    std::size_t i = 0;
    for (int w : weights) {
      if (r < w) return i;
      r -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  std::uint64_t state_;
};

}  // namespace ektp::dataset
