#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <string>

#include "drivers/common/language.hpp"
#include "drivers/common/message_template.hpp"
#include "drivers/common/messages.hpp"
#include "drivers/common/text_format.hpp"
#include "env_guard.hpp"

using ektp::i18n::Language;
namespace msg = ektp::msg;

namespace {

// Sets the language for the scope; English again afterwards.
struct InLanguage {
  explicit InLanguage(Language language) { ektp::i18n::use_language(language); }
  ~InLanguage() { ektp::i18n::use_language(Language::english); }
  ektp::test::EnvGuard guard{"LANGUAGE"};
};

}  // namespace

TEST_CASE("English messages carry their arguments") {
  InLanguage in_english{Language::english};
  CHECK(msg::pcsc_not_running() ==
        "The card reader service (pcscd) is not running. Start it (tools/rig/start on a test "
        "station) and try again.");
  CHECK(msg::reader_absent("Virtual PCD 00 00", {"Virtual PCD 00 01", "Virtual PCD 00 02"}) ==
        "The card reader 'Virtual PCD 00 00' is not connected. Connected readers: "
        "Virtual PCD 00 01, Virtual PCD 00 02.");
  CHECK(msg::reader_absent("ACS 01", {}) ==
        "The card reader 'ACS 01' is not connected. Connected readers: none.");
  CHECK(msg::card_timeout(std::chrono::milliseconds{1500}) ==
        "The card did not answer within 1500 ms. Take the card out and put it back.");
  CHECK(msg::queue_paused("card") ==
        "The card printer queue 'card' is paused, so nothing can print. Ask the administrator "
        "to resume it (cupsenable card).");
  CHECK(msg::cups_unreachable().rfind("The print service (CUPS) cannot be reached.", 0) == 0);
}

TEST_CASE("Indonesian messages carry the same arguments") {
  InLanguage in_indonesian{Language::indonesian};
  CHECK(msg::reader_absent("ACS 01", {}) ==
        "Pembaca kartu 'ACS 01' tidak terhubung. Pembaca yang terhubung: tidak ada.");
  CHECK(msg::card_timeout(std::chrono::milliseconds{1500}) ==
        "Kartu tidak menjawab dalam 1500 milidetik. Keluarkan kartu, lalu masukkan kembali.");
  CHECK(msg::queue_paused("card") ==
        "Antrean cetak printer kartu 'card' sedang dijeda, jadi tidak ada yang bisa dicetak. "
        "Minta administrator untuk menjalankannya kembali (cupsenable card).");
  CHECK(msg::print_failed("card", "job-stopped") ==
        "Antrean cetak printer kartu 'card' tidak mencetak pekerjaan ini (job-stopped). Periksa "
        "printer, lalu coba lagi.");
}

TEST_CASE("every message of the catalogue has an Indonesian text with the same placeholders") {
  InLanguage in_indonesian{Language::indonesian};
  std::set<std::string> seen;
  for (const char* english : msg::catalogue()) {
    CAPTURE(english);
    CHECK(seen.insert(english).second);  // no message twice
    const std::string indonesian = ektp::i18n::translate(english);
    CHECK(indonesian != english);
    CHECK(ektp::text::placeholders(indonesian) == ektp::text::placeholders(english));
  }
}

TEST_CASE("every English message says what happened and what to do") {
  InLanguage in_english{Language::english};
  for (const char* english : msg::catalogue()) {
    const std::string text = english;
    if (text == "none") continue;  // a word used inside other messages
    CAPTURE(text);
    // At least two sentences: what happened. What to do.
    CHECK(text.find(". ") != std::string::npos);
    CHECK(text.back() == '.');
  }
}

// Library catalogues (chip/chip_messages_*.hpp) use Template<N> and say(); the English
// text is the message id, looked up in the same "ektp" catalogue as the messages above.
TEST_CASE("say() fills a template's placeholders with text and integers, in any order") {
  InLanguage in_english{Language::english};
  constexpr ektp::msg::Template<2> reordered{"{1} of {0} bytes"};
  CHECK(ektp::msg::say(reordered, std::size_t{8192}, "none") == "none of 8192 bytes");
  constexpr ektp::msg::Template<1> twice{"{0}, then {0} again"};
  CHECK(ektp::msg::say(twice, -3) == "-3, then -3 again");
  // An argument that looks like a placeholder is inserted as it is.
  CHECK(ektp::msg::say(twice, "{0}") == "{0}, then {0} again");
}

TEST_CASE("say() answers in the current language") {
  constexpr ektp::msg::Template<0> none{"none"};  // an id of the catalogue
  {
    InLanguage in_indonesian{Language::indonesian};
    CHECK(ektp::msg::say(none) == "tidak ada");
  }
  CHECK(ektp::msg::say(none) == "none");
}
