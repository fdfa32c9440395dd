#pragma once
/// The images of a data set: the chip's token portrait (DG2) and signature
/// (DG7), encoded small enough for an 8 KB chip; the printable face photo; and
/// the fingerprint minutiae (DG3). All drawn or drawn up from a seed.

#include <cstddef>
#include <cstdint>

#include "chip/lds_dg2.hpp"
#include "chip/lds_dg3.hpp"
#include "tools/dataset/face_drawing.hpp"
#include "tools/dataset/jpeg_codec.hpp"
#include "tools/dataset/rng.hpp"

namespace ektp::dataset {

/// Token portrait size in pixels (3:4) and its byte budget on the chip.
inline constexpr int kPortraitWidth = 240;
inline constexpr int kPortraitHeight = 320;
inline constexpr std::size_t kPortraitMaxBytes = 3400;
/// Printable photo for the card face (not on the chip).
inline constexpr int kPhotoWidth = 480;
inline constexpr int kPhotoHeight = 640;
/// Signature image and its budget (the profile allows DG7 at most 1 KB).
inline constexpr int kSignatureWidth = 240;
inline constexpr int kSignatureHeight = 80;
inline constexpr std::size_t kSignatureMaxBytes = 900;

/// The portrait in colour, at the best JPEG quality (from 60 down) that fits
/// `max_bytes` ("dataset.image_too_large" when even quality 5 does not).
Result<chip::FaceImage> make_portrait(const FaceStyle& style,
                                      std::size_t max_bytes = kPortraitMaxBytes);

/// The printable face photo: the same face, larger, JPEG quality 90, with a
/// little seeded sensor noise as a camera would give (about 20-30 KB).
Result<Bytes> make_face_photo(const FaceStyle& style, std::uint64_t noise_seed);

/// A handwritten-looking signature (grey JPEG) within `max_bytes`.
Result<Bytes> make_signature(Rng& rng, std::size_t max_bytes = kSignatureMaxBytes);

/// Minutiae of both index fingers (right, then left): 40 to 70 each (0.25-0.4 KB), seeded
/// positions spread over a finger-shaped area, angles, types and qualities.
chip::FingerMinutiae make_fingers(Rng& rng);

}  // namespace ektp::dataset
