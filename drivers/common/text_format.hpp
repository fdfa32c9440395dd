#pragma once
/// Safe formatting of messages for people: `{0}`, `{1}`, ... replaced by plain text.
///
/// Translations come from files, so they are never used as printf format strings:
/// a wrong `%s` in a .po file would be undefined behaviour. Here a placeholder is
/// `{` digits `}`; everything else is copied as is, and arguments are inserted
/// verbatim (an argument containing "{1}" is not expanded again).

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace ektp::text {

/// Replaces each `{N}` in `pattern` with `args[N]`. A placeholder without an argument
/// stays as written, so the mistake shows in the message instead of crashing.
std::string format(std::string_view pattern, std::initializer_list<std::string_view> args);

/// The distinct placeholder numbers in `pattern`, ascending: "{1} {0} {1}" gives {0, 1}.
/// A translation must have the same set as its English original.
std::vector<int> placeholders(std::string_view pattern);

/// Joins `items` with ", ".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace ektp::text
