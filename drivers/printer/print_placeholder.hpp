#pragma once
/// The document the station submits to CUPS for each attempt, and the job's name.
///
/// CUPS never holds the card face: the job is a placeholder that carries the attempt's
/// one-time print token, which the station's backend (ektp-gate) trades for the face
/// (docs/printing.md). Contract shared with the gate, fixed:
///   - format `application/vnd.cups-raw` (no filter touches it), ASCII, exactly
///     "EKTP-PERMIT 1\nattempt <attempt id, decimal>\ntoken <64 lowercase hex>\n";
///   - job name `ektp-attempt-<attempt id>`;
///   - no personal data in either (the token is random, the attempt id a counter).

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"

namespace ektp::printer {

/// MIME type of the placeholder.
inline constexpr std::string_view kPlaceholderFormat = "application/vnd.cups-raw";
/// Every station job name starts with this (the start-up rule relies on it).
inline constexpr std::string_view kJobNamePrefix = "ektp-attempt-";

/// "ektp-attempt-<attempt_id>".
std::string job_name(std::int64_t attempt_id);

/// The attempt id in a station job name, or 0 when `name` is not one.
std::int64_t attempt_of_job_name(std::string_view name);

/// True when `token` is 64 lowercase hex digits (a 32-byte token).
bool valid_token(std::string_view token);

/// The placeholder for `attempt_id` (> 0) and `token`. Fails with
/// printer.bad_placeholder (a bug in the caller: no message for operators needed beyond
/// "internal error") when the id is not positive or the token is not 64 lowercase hex.
Result<std::string> make_placeholder(std::int64_t attempt_id, std::string_view token);

}  // namespace ektp::printer
