#include "drivers/printer/permit_protocol.hpp"

#include <limits>
#include <optional>

namespace ektp::printer::permit {

namespace {

constexpr std::string_view kPlaceholderMagic = "EKTP-PERMIT 1\n";
constexpr std::string_view kTitlePrefix = "ektp-attempt-";
constexpr std::string_view kRequestPrefix = "REDEEM 1 ";

// Decimal, no sign, no leading zero, > 0 and <= max; nullopt otherwise.
std::optional<std::int64_t> parse_positive(std::string_view digits, std::int64_t max) {
  if (digits.empty() || digits.size() > 19 || digits[0] == '0') return std::nullopt;
  std::int64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    const int d = c - '0';
    if (value > (max - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // uppercase is refused too: one spelling only
}

std::optional<Token> parse_token(std::string_view hex) {
  Token token{};
  if (hex.size() != token.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    token[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return token;
}

// Takes the text up to `delim` off the front of `rest`; nullopt if there is none.
std::optional<std::string_view> take_until(std::string_view& rest, char delim) {
  const auto end = rest.find(delim);
  if (end == std::string_view::npos) return std::nullopt;
  auto field = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return field;
}

// Takes "<key> <value>\n" off the front of `rest`, returning the value.
std::optional<std::string_view> take_line_value(std::string_view& rest, std::string_view key) {
  if (rest.substr(0, key.size()) != key || rest.size() <= key.size() || rest[key.size()] != ' ')
    return std::nullopt;
  rest.remove_prefix(key.size() + 1);
  return take_until(rest, '\n');
}

Error malformed_placeholder(std::string_view what) {
  return fail("permit.malformed_placeholder",
              "The print job is not a valid print permit placeholder (" + std::string(what) +
                  "); it was not printed.");
}

Error malformed_request(std::string_view what) {
  return fail("permit.malformed_request",
              "The print permit request could not be read (" + std::string(what) + ").");
}

Error malformed_response(std::string_view what) {
  return fail("permit.malformed_response",
              "The station's answer to the print permit request could not be read (" +
                  std::string(what) + ").");
}

}  // namespace

std::string token_hex(const Token& token) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(token.size() * 2);
  for (auto b : token) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

std::string format_placeholder(const Placeholder& placeholder) {
  return std::string(kPlaceholderMagic) + "attempt " + std::to_string(placeholder.attempt_id) +
         "\ntoken " + token_hex(placeholder.token) + "\n";
}

Result<Placeholder> parse_placeholder(std::string_view document) {
  if (document.size() > kMaxPlaceholderBytes) return malformed_placeholder("too long");
  if (document.substr(0, kPlaceholderMagic.size()) != kPlaceholderMagic)
    return malformed_placeholder("not an EKTP-PERMIT 1 document");
  std::string_view rest = document.substr(kPlaceholderMagic.size());
  auto attempt_text = take_line_value(rest, "attempt");
  if (!attempt_text) return malformed_placeholder("no attempt line");
  auto attempt = parse_positive(*attempt_text, std::numeric_limits<std::int64_t>::max());
  if (!attempt) return malformed_placeholder("bad attempt id");
  auto token_text = take_line_value(rest, "token");
  if (!token_text) return malformed_placeholder("no token line");
  auto token = parse_token(*token_text);
  if (!token) return malformed_placeholder("bad token");
  if (!rest.empty()) return malformed_placeholder("extra content after the token line");
  return Placeholder{*attempt, *token};
}

std::string job_title(std::int64_t attempt_id) {
  return std::string(kTitlePrefix) + std::to_string(attempt_id);
}

Result<std::int64_t> parse_job_title(std::string_view title) {
  if (title.substr(0, kTitlePrefix.size()) != kTitlePrefix)
    return fail("permit.malformed_title", "The print job's name is not an attempt's.");
  auto id =
      parse_positive(title.substr(kTitlePrefix.size()), std::numeric_limits<std::int64_t>::max());
  if (!id) return fail("permit.malformed_title", "The print job's name is not an attempt's.");
  return *id;
}

std::string format_request(const RedeemRequest& request) {
  return std::string(kRequestPrefix) + std::to_string(request.attempt_id) + " " +
         std::to_string(request.cups_job_id) + " " + token_hex(request.token) + "\n";
}

Result<RedeemRequest> parse_request(std::string_view line) {
  if (line.size() > kMaxRequestBytes) return malformed_request("too long");
  if (line.empty() || line.back() != '\n') return malformed_request("no end of line");
  if (line.substr(0, kRequestPrefix.size()) != kRequestPrefix)
    return malformed_request("not a REDEEM 1 request");
  std::string_view rest = line.substr(kRequestPrefix.size());
  auto attempt_text = take_until(rest, ' ');
  auto job_text = attempt_text ? take_until(rest, ' ') : std::nullopt;
  auto token_text = job_text ? take_until(rest, '\n') : std::nullopt;
  if (!token_text || !rest.empty()) return malformed_request("wrong number of fields");
  auto attempt = parse_positive(*attempt_text, std::numeric_limits<std::int64_t>::max());
  if (!attempt) return malformed_request("bad attempt id");
  auto job = parse_positive(*job_text, std::numeric_limits<int>::max());
  if (!job) return malformed_request("bad CUPS job id");
  auto token = parse_token(*token_text);
  if (!token) return malformed_request("bad token");
  return RedeemRequest{*attempt, static_cast<int>(*job), *token};
}

std::string_view to_string(Refusal refusal) {
  switch (refusal) {
    case Refusal::permit:
      return "permit";
    case Refusal::peer:
      return "peer";
    case Refusal::malformed:
      return "malformed";
    case Refusal::unavailable:
      return "unavailable";
  }
  return "unavailable";
}

std::string format_granted(std::uint64_t face_size) {
  return "OK " + std::to_string(face_size) + "\n";
}

std::string format_refused(Refusal refusal) {
  return "REFUSED " + std::string(to_string(refusal)) + "\n";
}

Result<ResponseHeader> parse_response_header(std::string_view line) {
  if (line.size() > kMaxResponseHeaderBytes) return malformed_response("too long");
  if (line.empty() || line.back() != '\n') return malformed_response("no end of line");
  line.remove_suffix(1);
  if (line.substr(0, 3) == "OK ") {
    auto size = parse_positive(line.substr(3), static_cast<std::int64_t>(kMaxFaceBytes));
    if (!size) return malformed_response("bad or too large face size");
    return ResponseHeader{true, static_cast<std::uint64_t>(*size), Refusal::permit};
  }
  if (line.substr(0, 8) == "REFUSED ") {
    const auto word = line.substr(8);
    for (auto r : {Refusal::permit, Refusal::peer, Refusal::malformed, Refusal::unavailable})
      if (word == to_string(r)) return ResponseHeader{false, 0, r};
    return malformed_response("unknown refusal");
  }
  return malformed_response("neither OK nor REFUSED");
}

}  // namespace ektp::printer::permit
