#pragma once
/// A strict, bounded JSON reader (RFC 8259) for hostile input, building nlohmann::json
/// values. Why not nlohmann's own parser: it builds every string one character at a time
/// and a job bundle carries ~66 KB of base64 text, which made parsing three quarters of
/// a bundle's verification time; this reader copies runs of plain characters at once.
/// Stricter than RFC 8259 where the station wants it: nesting depth bounded, a key
/// repeated in one object refused, strings must be valid UTF-8 (no lone surrogates).

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>

namespace ektp::chip {

/// Why a text was refused; `offset` is the byte where reading stopped.
struct JsonRefusal {
  enum class Kind { malformed, too_deep, duplicate_key } kind = Kind::malformed;
  std::size_t offset = 0;
};

/// Reads exactly one JSON value filling `text` (whitespace around it allowed).
/// `max_depth`: objects and arrays nested at most this deep (the top level is 1).
std::variant<nlohmann::json, JsonRefusal> read_strict_json(std::span<const std::uint8_t> text,
                                                           int max_depth);

}  // namespace ektp::chip
