// The chip catalogue as a whole: every message in it has its Indonesian text with the
// same placeholders, the compiled catalogue the station reads holds exactly that text,
// and the chip library writes no message text outside its catalogue.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "chip/chip_messages_data.hpp"
#include "drivers/common/language.hpp"
#include "drivers/common/text_format.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/po_file.hpp"

namespace {

using ektp::i18n::Language;

std::string po_path(const char* name) { return ektp::test::source_dir() + "/po/" + name; }

struct InIndonesian {
  InIndonesian() { ektp::i18n::use_language(Language::indonesian); }
  ~InIndonesian() { ektp::i18n::use_language(Language::english); }
};

// The text between "fail(" and its closing parenthesis (strings and nesting respected).
std::string call_arguments(const std::string& text, std::size_t open) {
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\') ++i;
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return text.substr(open + 1, i - open - 1);
    }
  }
  return {};
}

}  // namespace

TEST_CASE("every chip message has an Indonesian text with the same placeholders") {
  const auto chip_ids = ektp::test::po_ids_from(ektp::test::read_po(po_path("ektp.pot")), "chip/");
  // Some 400 templates, clauses and names: a much smaller number means the template
  // lost the chip catalogue (po_pot_current checks it against the sources).
  CHECK(chip_ids.size() > 300);
  std::map<std::string, std::string> indonesian;
  for (const auto& e : ektp::test::read_po(po_path("id.po"))) {
    if (!e.fuzzy) indonesian[e.msgid] = e.msgstr;
  }
  InIndonesian in_indonesian;
  for (const auto& id : chip_ids) {
    CAPTURE(id);
    const auto it = indonesian.find(id);
    REQUIRE_MESSAGE(it != indonesian.end(), "no Indonesian text in po/id.po");
    CHECK_FALSE(it->second.empty());
    CHECK(ektp::text::placeholders(it->second) == ektp::text::placeholders(id));
    // What the station shows is the compiled catalogue: it must be this text.
    CHECK(ektp::i18n::translate(id.c_str()) == it->second);
  }
}

TEST_CASE("the English stays the default and the message id") {
  ektp::i18n::use_language(Language::english);
  namespace msg = ektp::chip::msg;
  CHECK(msg::say(msg::tlv_damaged, "byte 3", "the tag is cut short") ==
        "The data is damaged at byte 3: the tag is cut short.");
  CHECK(msg::say(msg::lds_invalid, "DG2", msg::say(msg::lds_face_short)) ==
        "The chip file DG2 is not valid: the facial record is too short. The data cannot be "
        "written; ask for the job to be sent again.");
}

TEST_CASE("the chip library writes no message text outside its catalogue") {
  const std::filesystem::path dir = ektp::test::source_dir() + "/chip";
  int calls = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for (auto at = text.find("fail("); at != std::string::npos; at = text.find("fail(", at + 1)) {
      const std::string args = call_arguments(text, at + 4);
      const auto comma = args.find("\",");
      if (args.empty() || comma == std::string::npos) continue;  // not fail("code", ...)
      ++calls;
      const auto message = args.find_first_not_of(" \n", comma + 2);
      CAPTURE(entry.path().filename().string());
      CAPTURE(args);
      // The message is made by msg::say(...) or passed on from another refusal.
      CHECK(args[message] != '"');
      CHECK(args.find("std::string(\"", comma) == std::string::npos);
    }
  }
  CHECK(calls > 50);
}
