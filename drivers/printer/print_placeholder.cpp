#include "drivers/printer/print_placeholder.hpp"

#include <charconv>

#include "drivers/common/messages.hpp"

namespace ektp::printer {

std::string job_name(std::int64_t attempt_id) {
  return std::string(kJobNamePrefix) + std::to_string(attempt_id);
}

std::int64_t attempt_of_job_name(std::string_view name) {
  if (name.substr(0, kJobNamePrefix.size()) != kJobNamePrefix) return 0;
  const std::string_view digits = name.substr(kJobNamePrefix.size());
  // Only the form job_name() writes: decimal digits, no sign, no leading zero.
  if (digits.empty() || digits.front() == '0') return 0;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (error != std::errc() || end != digits.data() + digits.size() || id <= 0) return 0;
  return id;
}

bool valid_token(std::string_view token) {
  if (token.size() != 64) return false;
  for (char c : token)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Result<std::string> make_placeholder(std::int64_t attempt_id, std::string_view token) {
  if (attempt_id <= 0 || !valid_token(token))
    return fail("printer.bad_placeholder", msg::internal_error());
  std::string out = "EKTP-PERMIT 1\nattempt ";
  out += std::to_string(attempt_id);
  out += "\ntoken ";
  out += token;
  out += '\n';
  return out;
}

}  // namespace ektp::printer
