#pragma once
/// Message templates: how a library keeps its own catalogue of messages for people.
///
/// A library's catalogue is a header named `<library>_messages*.hpp` (for example
/// chip/chip_messages_trust.hpp) holding one constant per message, its English text
/// marked with N_() so that xgettext puts it into po/ektp.pot:
///
///     // TRANSLATORS: {0} is a file name such as DG11.
///     inline constexpr msg::Template<1> lds_missing{N_("The chip file {0} is missing.")};
///
/// and the call site formats it in the current language (language.hpp):
///
///     return fail("lds.missing", msg::say(chip::msg::lds_missing, file));
///
/// Template<N> checks when compiling that the English text has exactly the placeholders
/// {0}..{N-1}; say() takes exactly N arguments (text or integers), inserted verbatim.
/// Arguments are never personal data (no NIK, no name, no date of birth).
///
/// To add or change a message: edit the catalogue header, regenerate the template
/// (`cmake --build <dir> --target ektp_pot`), `msgmerge --update po/id.po po/ektp.pot`,
/// translate it in po/id.po (remove "fuzzy"). The tests po_pot_current and
/// common_unit/chip_unit fail until the template is regenerated and every message has
/// its Indonesian text with the same placeholders. See docs/messages.md.

#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "drivers/common/language.hpp"
#include "drivers/common/text_format.hpp"

/// Marks an English message for xgettext without translating it (the gettext convention).
#ifndef N_
#define N_(text) text
#endif

namespace ektp::msg {

namespace detail {

/// True when `english` uses exactly the placeholders {0}..{count-1} (each at least once).
consteval bool placeholders_are(const char* english, std::size_t count) {
  bool used[16] = {};
  if (count > 16) return false;
  for (const char* p = english; *p != '\0'; ++p) {
    if (*p != '{') continue;
    const char* q = p + 1;
    std::size_t index = 0;
    while (*q >= '0' && *q <= '9') index = index * 10 + static_cast<std::size_t>(*q++ - '0');
    if (q == p + 1 || *q != '}') continue;  // a lone brace is plain text (text::format)
    if (index >= count) return false;
    used[index] = true;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (!used[i]) return false;
  }
  return true;
}

inline std::string_view as_text(std::string_view text) { return text; }
inline std::string as_text(std::integral auto number) { return std::to_string(number); }

template <std::size_t... I>
std::string format_all(std::string_view pattern, const std::array<std::string, sizeof...(I)>& args,
                       std::index_sequence<I...>) {
  return text::format(pattern, {std::string_view{args[I]}...});
}

}  // namespace detail

/// An English message with N placeholders; also its gettext message id.
template <std::size_t N>
struct Template {
  // Not explicit, so a catalogue entry reads `Template<1> name{N_("...")}`.
  consteval Template(const char* english_text) : english(english_text) {
    // A mismatch makes this constant expression fail: the build stops at the entry.
    if (!detail::placeholders_are(english_text, N)) throw "placeholders are not {0}..{N-1}";
  }
  const char* english;
};

/// The message in the current language with its placeholders filled in.
template <std::size_t N, class... Args>
requires(sizeof...(Args) == N) std::string say(Template<N> message, const Args&... args) {
  const std::string pattern = i18n::translate(message.english);
  if constexpr (N == 0) {
    return pattern;
  } else {
    const std::array<std::string, N> texts{std::string{detail::as_text(args)}...};
    return detail::format_all(pattern, texts, std::make_index_sequence<N>{});
  }
}

}  // namespace ektp::msg
