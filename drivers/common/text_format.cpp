#include "drivers/common/text_format.hpp"

#include <algorithm>
#include <optional>

namespace ektp::text {
namespace {

struct Placeholder {
  size_t length;  // of "{N}"
  int index;
};

// A placeholder starting at pattern[pos] (which is '{'), if there is one.
std::optional<Placeholder> placeholder_at(std::string_view pattern, size_t pos) {
  size_t end = pos + 1;
  int index = 0;
  while (end < pattern.size() && pattern[end] >= '0' && pattern[end] <= '9') {
    if (end - pos > 4) return std::nullopt;  // no message has 10,000 arguments
    index = index * 10 + (pattern[end] - '0');
    ++end;
  }
  if (end == pos + 1 || end >= pattern.size() || pattern[end] != '}') return std::nullopt;
  return Placeholder{end + 1 - pos, index};
}

}  // namespace

std::string format(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(pattern.size() + 32);
  size_t pos = 0;
  while (pos < pattern.size()) {
    const size_t brace = pattern.find('{', pos);
    if (brace == std::string_view::npos) {
      out.append(pattern.substr(pos));
      break;
    }
    out.append(pattern.substr(pos, brace - pos));
    const auto ph = placeholder_at(pattern, brace);
    if (ph && static_cast<size_t>(ph->index) < args.size()) {
      out.append(*(args.begin() + ph->index));
      pos = brace + ph->length;
    } else {
      out.push_back('{');
      pos = brace + 1;
    }
  }
  return out;
}

std::vector<int> placeholders(std::string_view pattern) {
  std::vector<int> found;
  for (size_t pos = pattern.find('{'); pos != std::string_view::npos;
       pos = pattern.find('{', pos + 1)) {
    if (const auto ph = placeholder_at(pattern, pos)) found.push_back(ph->index);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.append(separator);
    out.append(items[i]);
  }
  return out;
}

}  // namespace ektp::text
