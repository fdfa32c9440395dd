#pragma once
/// DG2 (tag 75): the face, an ISO/IEC 19794-5:2005 facial record ('FAC\0'
/// '010\0') with one image, a JPEG, inside the CBEFF group of lds_cbeff.hpp.

#include <cstdint>
#include <span>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// The portrait as stored: the JPEG bytes and its size in pixels.
struct FaceImage {
  Bytes jpeg;
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  friend bool operator==(const FaceImage&, const FaceImage&) = default;
};

/// DG2 holding `face` (a JPEG of at most kMaxImageBytes, width and height 1..65535).
/// Record fields written: one image, no feature points, gender/eyes/hair
/// unspecified, full frontal, JPEG, 24-bit RGB, digital still camera.
Result<Bytes> build_dg2(const FaceImage& face);

/// Read DG2: the CBEFF structure, the 19794-5 header and lengths all
/// consistent, exactly one JPEG image.
Result<FaceImage> parse_dg2(std::span<const std::uint8_t> bytes);

}  // namespace ektp::chip
