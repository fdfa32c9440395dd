#include "drivers/common/language.hpp"

#include <libintl.h>

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <cstring>

#ifndef EKTP_DEFAULT_LOCALEDIR
#error "EKTP_DEFAULT_LOCALEDIR must be defined by the build (drivers/common/CMakeLists.txt)"
#endif

namespace ektp::i18n {
namespace {

std::atomic<Language> g_language{Language::english};
std::atomic<bool> g_bound{false};

std::string_view env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string_view{} : std::string_view{value};
}

// bindtextdomain() is thread-safe in glibc; binding twice to the same place is harmless.
void bind_domain() {
  const std::string dir = locale_dir();
  bindtextdomain(kTextDomain, dir.c_str());
  // Catalogues are UTF-8 and so is our output, whatever LC_CTYPE is (it stays "C"
  // when the office locale is not generated).
  bind_textdomain_codeset(kTextDomain, "UTF-8");
  g_bound.store(true);
}

}  // namespace

std::string_view code(Language language) { return language == Language::indonesian ? "id" : "en"; }

std::optional<Language> parse_language(std::string_view name) {
  // "ll_CC.codeset@modifier": only the language part matters.
  const auto end = name.find_first_of("_.@");
  const std::string_view lang = name.substr(0, end);
  // "in" is the old ISO 639 code for Indonesian, still used by some systems.
  if (lang == "id" || lang == "in") return Language::indonesian;
  if (lang == "en" || lang == "C" || lang == "POSIX") return Language::english;
  return std::nullopt;
}

Language choose_language(std::string_view language, std::string_view lc_all,
                         std::string_view lc_messages, std::string_view lang) {
  while (!language.empty()) {
    const auto colon = language.find(':');
    if (const auto found = parse_language(language.substr(0, colon))) return *found;
    language = colon == std::string_view::npos ? std::string_view{} : language.substr(colon + 1);
  }
  for (const std::string_view value : {lc_all, lc_messages, lang}) {
    if (!value.empty()) return parse_language(value).value_or(Language::english);
  }
  return Language::english;
}

Language language_from_environment() {
  return choose_language(env("LANGUAGE"), env("LC_ALL"), env("LC_MESSAGES"), env("LANG"));
}

std::string locale_dir() {
  const std::string_view from_env = env("EKTP_LOCALEDIR");
  return from_env.empty() ? std::string{EKTP_DEFAULT_LOCALEDIR} : std::string{from_env};
}

Language init_from_environment() {
  const Language language = language_from_environment();
  use_language(language);
  return language;
}

void use_language(Language language) {
  bind_domain();
  // gettext ignores LANGUAGE under "C"/"POSIX"; C.UTF-8 is not "C" for that rule.
  const char* current = std::setlocale(LC_MESSAGES, nullptr);
  if (current == nullptr || std::strcmp(current, "C") == 0 || std::strcmp(current, "POSIX") == 0) {
    std::setlocale(LC_MESSAGES, "C.UTF-8");
  }
  setenv("LANGUAGE", std::string{code(language)}.c_str(), 1);
  // Tell gettext the catalogues changed, or it may return a cached translation of
  // the previous language.
  textdomain(textdomain(nullptr));
  g_language.store(language);
}

Language current_language() { return g_language.load(); }

std::string translate(const char* msgid) {
  if (!g_bound.load()) bind_domain();
  return dgettext(kTextDomain, msgid);
}

}  // namespace ektp::i18n
