#pragma once
/// The language of messages for people (Indonesian or English), chosen by the locale,
/// and the gettext binding of the "ektp" text domain.
///
/// How the language is chosen (works on a fresh Debian 12 box with only C.UTF-8):
/// glibc's gettext picks a catalogue from LANGUAGE, or else from the *name of the
/// current LC_MESSAGES locale*, and it ignores LANGUAGE when that locale is "C" or
/// "POSIX". An office machine usually has LANG=id_ID.UTF-8 without that locale being
/// generated, so `setlocale(LC_ALL, "")` fails, the locale stays "C", and plain gettext
/// would always answer in English. We therefore do not rely on the locale existing:
///  1. We read LANGUAGE, LC_ALL, LC_MESSAGES and LANG ourselves (choose_language()).
///  2. If LC_MESSAGES is "C"/"POSIX", we switch that one category to "C.UTF-8" (built
///     into glibc since 2.35, so always present on Debian 12), where LANGUAGE is honoured.
///  3. We set LANGUAGE to the chosen code ("id" or "en") and tell gettext the catalogues
///     changed (textdomain(textdomain(NULL)) bumps its cache counter; without that, a
///     translation cached for one language is returned for the other).
/// Verified on this machine (glibc 2.36, `locale -a` = C, C.utf8, POSIX): LANG=id_ID.UTF-8
/// gives Indonesian, LANG=en_US.UTF-8 or nothing gives English, switching works both ways.
///
/// Threads: use_language()/init_from_environment() call setenv(), which races with
/// getenv() in other threads. Call them at the start of main(), before threads start
/// (tests are single-threaded). translate() is thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace ektp::i18n {

enum class Language { english, indonesian };

/// The gettext text domain of the station: catalogues are <dir>/<code>/LC_MESSAGES/ektp.mo.
inline constexpr const char* kTextDomain = "ektp";

/// The catalogue code: "en" or "id".
std::string_view code(Language language);

/// The language named by one locale name or LANGUAGE entry ("id_ID.UTF-8", "id", "in",
/// "en_GB", "C.UTF-8" -> English), or nullopt for a language the station does not speak.
std::optional<Language> parse_language(std::string_view name);

/// The language for these environment values (empty = unset). LANGUAGE (a colon
/// list, GNU) is looked at first: its first entry the station speaks wins. Otherwise
/// the first non-empty of LC_ALL, LC_MESSAGES, LANG (POSIX precedence); otherwise, or
/// for a language the station does not speak, English.
Language choose_language(std::string_view language, std::string_view lc_all,
                         std::string_view lc_messages, std::string_view lang);

/// choose_language() on the process environment.
Language language_from_environment();

/// Where the catalogues are: $EKTP_LOCALEDIR if set, else the directory compiled in
/// (the build tree's locale/ for tests and the demo; an installed build passes its own).
std::string locale_dir();

/// Binds the text domain to locale_dir() and applies language_from_environment().
/// Returns the language chosen. Call once at the start of main(), after any
/// setlocale(LC_ALL, "") (which could put LC_MESSAGES back to "C").
Language init_from_environment();

/// Makes `language` the language of every later translate() (see Threads above), and
/// (re)binds the text domain to locale_dir().
void use_language(Language language);

/// The language last applied (English before any init).
Language current_language();

/// The text for `msgid` (an English message) in the current language; the English
/// text itself when there is no translation. Binds the domain on first use.
std::string translate(const char* msgid);

}  // namespace ektp::i18n
