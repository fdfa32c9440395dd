#pragma once
/// JPEG encoding of drawn images (libjpeg-turbo) and a full decode to check
/// that bytes are a real JPEG. Errors of libjpeg become Error values.

#include <cstdint>
#include <span>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::dataset {

using Bytes = std::vector<std::uint8_t>;

/// Pixels in cairo's ARGB32 layout (native-endian 32-bit words, 0xAARRGGBB),
/// `stride` bytes per row.
struct Pixels {
  const std::uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;
};

/// Encode `pixels` as a baseline JPEG of `quality` (1..100), in colour (YCbCr
/// 4:2:0) or grey. No JFIF thumbnail or comments: every byte counts on the chip.
Result<Bytes> encode_jpeg(const Pixels& pixels, int quality, bool grey);

/// What a full decode found.
struct JpegInfo {
  int width = 0;
  int height = 0;
  int components = 0;  ///< 1 grey, 3 colour
};

/// Decode the whole image (every scanline) with libjpeg; refuses anything that
/// is not a complete, readable JPEG ("jpeg.invalid").
Result<JpegInfo> decode_jpeg(std::span<const std::uint8_t> jpeg);

}  // namespace ektp::dataset
