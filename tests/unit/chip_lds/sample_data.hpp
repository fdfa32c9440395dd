#pragma once
/// Sample citizen records and images for the LDS tests.

#include <cstddef>

#include "chip/lds_dataset.hpp"

namespace ektp::chip::test {

/// A valid record: a woman born 17-08-1990 in Bandung, lifetime validity.
CitizenRecord sample_record();

/// `size` bytes that start and end like a JPEG (FF D8 FF E0 ... FF D9),
/// pseudo-random in between.
Bytes jpeg_like(std::size_t size, unsigned seed = 1);

/// Two index fingers with `per_finger` minutiae each (64 gives about 0.8 KB).
FingerMinutiae sample_fingers(std::size_t per_finger = 64);

/// A whole data set input: portrait of `face_bytes`, 0.8 KB of minutiae,
/// a signature of `signature_bytes`.
DatasetInput sample_input(std::size_t face_bytes = 3500, std::size_t signature_bytes = 1000);

}  // namespace ektp::chip::test
