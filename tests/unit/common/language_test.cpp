#include <doctest/doctest.h>

#include "tests/support/paths.hpp"
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "drivers/common/language.hpp"
#include "drivers/common/messages.hpp"
#include "env_guard.hpp"

using ektp::i18n::choose_language;
using ektp::i18n::Language;
using ektp::test::EnvGuard;

namespace {

constexpr const char* kRemovedEn =
    "The card was removed during the operation. Put it back and try again.";
constexpr const char* kRemovedId =
    "Kartu dikeluarkan saat proses sedang berjalan. Masukkan kembali kartu, lalu coba lagi.";

// The environment of an office machine: only the given variables set.
void office_env(const char* language, const char* lc_all, const char* lc_messages,
                const char* lang) {
  EnvGuard::set("LANGUAGE", language);
  EnvGuard::set("LC_ALL", lc_all);
  EnvGuard::set("LC_MESSAGES", lc_messages);
  EnvGuard::set("LANG", lang);
}

#define LOCALE_VARS \
  { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "EKTP_LOCALEDIR" }

}  // namespace

TEST_CASE("locale names map to the languages the station speaks") {
  using ektp::i18n::parse_language;
  CHECK(parse_language("id_ID.UTF-8") == Language::indonesian);
  CHECK(parse_language("id") == Language::indonesian);
  CHECK(parse_language("in_ID") == Language::indonesian);
  CHECK(parse_language("id_ID@latin") == Language::indonesian);
  CHECK(parse_language("en_US.UTF-8") == Language::english);
  CHECK(parse_language("C.UTF-8") == Language::english);
  CHECK(parse_language("POSIX") == Language::english);
  CHECK_FALSE(parse_language("fr_FR.UTF-8").has_value());
  CHECK_FALSE(parse_language("").has_value());
  CHECK_FALSE(parse_language("ind").has_value());
}

TEST_CASE("the language is chosen like gettext: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG") {
  CHECK(choose_language("", "", "", "") == Language::english);
  CHECK(choose_language("", "", "", "id_ID.UTF-8") == Language::indonesian);
  CHECK(choose_language("", "", "", "en_US.UTF-8") == Language::english);
  CHECK(choose_language("", "", "id_ID.UTF-8", "en_US.UTF-8") == Language::indonesian);
  CHECK(choose_language("", "en_US.UTF-8", "id_ID.UTF-8", "id_ID.UTF-8") == Language::english);
  CHECK(choose_language("id", "C", "", "") == Language::indonesian);
  CHECK(choose_language("fr:id:en", "", "", "") == Language::indonesian);
  CHECK(choose_language("fr", "", "", "id_ID.UTF-8") == Language::indonesian);
  CHECK(choose_language("en", "", "", "id_ID.UTF-8") == Language::english);
  CHECK(choose_language("", "", "", "fr_FR.UTF-8") == Language::english);
}

TEST_CASE("LANG=id_ID.UTF-8 gives Indonesian although that locale is not installed") {
  EnvGuard guard LOCALE_VARS;
  office_env(nullptr, nullptr, nullptr, "id_ID.UTF-8");
  // What a program normally does first; on this box it fails and leaves "C".
  const bool generated = std::setlocale(LC_ALL, "") != nullptr;
  if (!generated) CHECK(std::string{std::setlocale(LC_MESSAGES, nullptr)} == "C");
  MESSAGE("id_ID.UTF-8 locale generated on this machine: " << generated);

  CHECK(ektp::i18n::init_from_environment() == Language::indonesian);
  CHECK(ektp::i18n::current_language() == Language::indonesian);
  CHECK(ektp::msg::card_removed() == kRemovedId);
  std::setlocale(LC_ALL, "C");
}

TEST_CASE("LANG=en_US.UTF-8, or nothing set, gives English") {
  EnvGuard guard LOCALE_VARS;
  std::setlocale(LC_ALL, "C");
  office_env(nullptr, nullptr, nullptr, "en_US.UTF-8");
  CHECK(ektp::i18n::init_from_environment() == Language::english);
  CHECK(ektp::msg::card_removed() == kRemovedEn);

  office_env(nullptr, nullptr, nullptr, nullptr);
  CHECK(ektp::i18n::init_from_environment() == Language::english);
  CHECK(ektp::msg::card_removed() == kRemovedEn);
}

TEST_CASE("LC_ALL overrides LANG, and LANGUAGE overrides both") {
  EnvGuard guard LOCALE_VARS;
  std::setlocale(LC_ALL, "C");
  office_env(nullptr, "en_US.UTF-8", nullptr, "id_ID.UTF-8");
  ektp::i18n::init_from_environment();
  CHECK(ektp::msg::card_removed() == kRemovedEn);

  office_env("id", "C.UTF-8", nullptr, nullptr);
  ektp::i18n::init_from_environment();
  CHECK(ektp::msg::card_removed() == kRemovedId);
}

TEST_CASE("switching language at run time is not fooled by gettext's cache") {
  EnvGuard guard LOCALE_VARS;
  std::setlocale(LC_ALL, "C");
  for (int round = 0; round < 2; ++round) {
    ektp::i18n::use_language(Language::indonesian);
    CHECK(ektp::msg::card_removed() == kRemovedId);
    ektp::i18n::use_language(Language::english);
    CHECK(ektp::msg::card_removed() == kRemovedEn);
  }
}

TEST_CASE("the catalogue directory is chosen at run time by EKTP_LOCALEDIR") {
  EnvGuard guard LOCALE_VARS;
  std::setlocale(LC_ALL, "C");
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("ektp-locale-" + std::to_string(getpid()));
  fs::create_directories(dir / "id" / "LC_MESSAGES");
  {
    std::ofstream po(dir / "test.po");
    po << "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
          "msgid \"none\"\nmsgstr \"nihil (test catalogue)\"\n";
  }
  const std::string compile = "msgfmt -o '" + (dir / "id/LC_MESSAGES/ektp.mo").string() + "' '" +
                              (dir / "test.po").string() + "'";
  REQUIRE(std::system(compile.c_str()) == 0);

  office_env(nullptr, nullptr, nullptr, "id_ID.UTF-8");
  setenv("EKTP_LOCALEDIR", dir.c_str(), 1);
  CHECK(ektp::i18n::locale_dir() == dir.string());
  ektp::i18n::init_from_environment();
  CHECK(ektp::msg::none() == "nihil (test catalogue)");

  unsetenv("EKTP_LOCALEDIR");
  CHECK(ektp::i18n::locale_dir() == ektp::test::build_dir() + "/locale");
  ektp::i18n::init_from_environment();
  CHECK(ektp::msg::none() == "tidak ada");
  fs::remove_all(dir);
  ektp::i18n::use_language(Language::english);
}
