#pragma once
/// The JSON document inside a job bundle (docs/bundle.md): writing it, and reading it
/// as hostile input with limits (size, depth, duplicate keys), a strict schema (every
/// field required, unknown fields refused, bounds and formats, the record validated
/// with chip::validate) and strict base64 bounded before decoding.

#include <cstdint>
#include <span>
#include <string>

#include "chip/bundle.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// Version written in, and required of, the JSON ("version": 1).
inline constexpr int kBundleJsonVersion = 1;

/// The JSON text of `content` (fields in the documented order, no whitespace).
std::string bundle_to_json(const BundleContent& content);

/// Read the JSON of a bundle. Codes, in the order checked (docs/bundle.md):
///   bundle.json_too_large, bundle.json_malformed, bundle.json_too_deep,
///   bundle.json_duplicate_key; bundle.unsupported_version, bundle.unknown_field,
///   bundle.missing_field, bundle.field_type, bundle.field_too_long,
///   bundle.field_invalid, bundle.face_invalid; bundle.too_large_field,
///   bundle.bad_base64, bundle.not_jpeg.
/// Messages name the field (e.g. "face.birth_date") and never show its value.
/// The chip files are decoded but not parsed here.
Result<BundleContent> parse_bundle_json(std::span<const std::uint8_t> json);

}  // namespace ektp::chip
