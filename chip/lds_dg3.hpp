#pragma once
/// DG3 (tag 63, KTP-OPEN choice): the minutiae of the two index fingers, one
/// ISO/IEC 19794-2:2005 finger minutiae record ('FMR\0' ' 20\0') with two
/// finger views (right index, then left index) inside the CBEFF group of
/// lds_cbeff.hpp. ICAO's DG3 holds finger images instead.

#include <cstdint>
#include <span>
#include <vector>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

inline constexpr std::uint8_t kRightIndex = 2;  ///< ISO finger position codes
inline constexpr std::uint8_t kLeftIndex = 7;

struct Minutia {
  std::uint8_t type = 1;     ///< 0 other, 1 ridge ending, 2 bifurcation
  std::uint16_t x = 0;       ///< pixels, < image width, 14 bits
  std::uint16_t y = 0;       ///< pixels, < image height, 14 bits
  std::uint8_t angle = 0;    ///< units of 360/256 degrees
  std::uint8_t quality = 0;  ///< 0..100 (0 = not reported)
  friend bool operator==(const Minutia&, const Minutia&) = default;
};

struct FingerView {
  std::uint8_t position = 0;      ///< kRightIndex or kLeftIndex
  std::uint8_t quality = 0;       ///< 0..100
  std::vector<Minutia> minutiae;  ///< at most 255
  friend bool operator==(const FingerView&, const FingerView&) = default;
};

struct FingerMinutiae {
  std::uint16_t width = 500;  ///< capture image size, pixels
  std::uint16_t height = 500;
  std::uint16_t resolution = 197;  ///< pixels per cm (500 dpi)
  std::vector<FingerView> views;   ///< right index, then left index
  friend bool operator==(const FingerMinutiae&, const FingerMinutiae&) = default;
};

/// DG3 holding both fingers; every value checked against its range.
Result<Bytes> build_dg3(const FingerMinutiae& fingers);

/// Read DG3: the CBEFF structure, the 19794-2 header, two views (right then
/// left index), every length consistent and every value in range.
Result<FingerMinutiae> parse_dg3(std::span<const std::uint8_t> bytes);

}  // namespace ektp::chip
