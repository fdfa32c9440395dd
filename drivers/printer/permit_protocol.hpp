#pragma once
/// The one-time print permit on the wire: the placeholder document CUPS holds instead
/// of the face, the job name, and the request/response between the station's CUPS
/// backend (`ektp-gate`, tools/gate) and the permit service (permit_service.hpp).
/// Format and rules: docs/print-permit.md.
///
/// Parsers take hostile input (a placeholder is whatever a CUPS client submitted, a
/// request whatever a local process wrote): they check lengths first, accept exactly
/// one spelling (lowercase hex, decimal without sign or leading zeros) and never echo
/// the input, the token above all, in their error messages.
///
/// Dependency-free (no CUPS, no spool) so that the gate, which runs as root inside
/// cupsd, links only this.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"

namespace ektp::printer::permit {

/// The permit's secret: 32 random bytes (the spool stores only its hash).
using Token = std::array<std::uint8_t, 32>;

/// Longest placeholder document accepted (the real one is 101 bytes at most).
inline constexpr std::size_t kMaxPlaceholderBytes = 256;
/// Longest request line accepted, '\n' included.
inline constexpr std::size_t kMaxRequestBytes = 256;
/// Longest response header line accepted, '\n' included.
inline constexpr std::size_t kMaxResponseHeaderBytes = 64;
/// Largest face the service sends and the gate accepts (a face is ~100 KB-1 MB).
inline constexpr std::uint64_t kMaxFaceBytes = 32ull * 1024 * 1024;

/// The placeholder's content: which attempt, and its token.
struct Placeholder {
  std::int64_t attempt_id = 0;  ///< > 0
  Token token{};
};

/// "EKTP-PERMIT 1\nattempt <id>\ntoken <64 lowercase hex>\n".
std::string format_placeholder(const Placeholder& placeholder);
/// Parses a whole placeholder document; anything else (another version, a missing or
/// extra line, bad hex, a longer document) is refused with "permit.malformed_placeholder".
Result<Placeholder> parse_placeholder(std::string_view document);

/// The CUPS job name of an attempt's placeholder: "ektp-attempt-<id>" (no personal data).
std::string job_title(std::int64_t attempt_id);
/// The attempt id in a job name made by job_title(); "permit.malformed_title" otherwise.
Result<std::int64_t> parse_job_title(std::string_view title);

/// What the gate asks: redeem this attempt's permit for CUPS job `cups_job_id`.
struct RedeemRequest {
  std::int64_t attempt_id = 0;  ///< > 0
  int cups_job_id = 0;          ///< > 0; recorded only, never the key
  Token token{};
};

/// "REDEEM 1 <attempt id> <cups job id> <64 lowercase hex>\n".
std::string format_request(const RedeemRequest& request);
/// Parses one request line ('\n' included); "permit.malformed_request" otherwise.
Result<RedeemRequest> parse_request(std::string_view line);

/// Why the service refused (the word after "REFUSED" on the wire).
enum class Refusal {
  permit,       ///< unknown, used or another attempt's token, attempt not ready to print
  peer,         ///< the caller is not root or lp
  malformed,    ///< the request could not be read
  unavailable,  ///< the station could not check the permit or produce the face
};

/// "permit", "peer", "malformed", "unavailable".
std::string_view to_string(Refusal refusal);

/// The response header: a face of `face_size` bytes follows, or a refusal.
struct ResponseHeader {
  bool granted = false;
  std::uint64_t face_size = 0;        ///< when granted: 1..kMaxFaceBytes
  Refusal refusal = Refusal::permit;  ///< when not granted
};

/// "OK <size>\n" (exactly <size> face bytes follow, then the service closes).
std::string format_granted(std::uint64_t face_size);
/// "REFUSED <word>\n" (the service closes after it).
std::string format_refused(Refusal refusal);
/// Parses one header line ('\n' included); "permit.malformed_response" otherwise.
Result<ResponseHeader> parse_response_header(std::string_view line);

/// 64 lowercase hex digits of a token (for the placeholder and the request only;
/// never for logs or messages).
std::string token_hex(const Token& token);

}  // namespace ektp::printer::permit
