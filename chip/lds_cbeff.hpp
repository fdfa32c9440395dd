#pragma once
/// The CBEFF biometric information group template of DG2 and DG3 (ICAO
/// 9303-10): outer { 7F61 { 02 count=1, 7F60 { A1 header, 5F2E data block } } }.
/// KTP-OPEN writes one template per group (DG3's one record holds both fingers).

#include <cstdint>
#include <span>
#include <string>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// CBEFF biometric types (header tag 81) and format types (88; owner 0101 =
/// ISO/IEC JTC 1/SC 37).
inline constexpr std::uint8_t kBiometricFace = 0x02;
inline constexpr std::uint8_t kBiometricFinger = 0x08;
inline constexpr std::uint16_t kFormatFingerMinutiae = 0x0001;  ///< ISO/IEC 19794-2
inline constexpr std::uint16_t kFormatFace = 0x0008;            ///< ISO/IEC 19794-5

/// The group with one template holding `block` (header: 80 version 0101,
/// 81 type, 87 owner 0101, 88 format).
Bytes build_biometric_group(std::uint32_t outer_tag, std::uint8_t type, std::uint16_t format,
                            std::span<const std::uint8_t> block);

/// The data block of a group built as above; exact structure and header
/// values required. The span points into `bytes`.
Result<std::span<const std::uint8_t>> parse_biometric_group(std::span<const std::uint8_t> bytes,
                                                            std::uint32_t outer_tag,
                                                            std::uint8_t type, std::uint16_t format,
                                                            const std::string& file);

}  // namespace ektp::chip
