#include "drivers/printer/print_placeholder.hpp"

#include "drivers/common/messages.hpp"
#include "drivers/printer/permit_protocol.hpp"

// The formats themselves are permit_protocol's (the gate's side parses them there): this
// is the submitting side's view of them, with the token as the driver carries it (hex).
namespace ektp::printer {

std::string job_name(std::int64_t attempt_id) { return permit::job_title(attempt_id); }

std::int64_t attempt_of_job_name(std::string_view name) {
  auto id = permit::parse_job_title(name);
  return id ? *id : 0;
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
  permit::Placeholder placeholder{attempt_id, {}};
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i < placeholder.token.size(); ++i) {
    placeholder.token[i] =
        static_cast<std::uint8_t>(nibble(token[2 * i]) << 4 | nibble(token[2 * i + 1]));
  }
  std::string document = permit::format_placeholder(placeholder);
  placeholder.token.fill(0);
  return document;
}

}  // namespace ektp::printer
