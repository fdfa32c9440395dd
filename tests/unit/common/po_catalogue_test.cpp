// Checks the translation files themselves (po/), as a translator would leave them:
// msgfmt --check-format cannot check our {N} placeholders (they are not printf), so
// this test parses the .po files.
#include <doctest/doctest.h>

#include "tests/support/paths.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "drivers/common/messages.hpp"
#include "drivers/common/text_format.hpp"

namespace {

struct Entry {
  std::string msgid;
  std::string msgstr;
  bool fuzzy = false;
};

// The text inside one "..." PO string, unescaped.
std::string unquote(const std::string& line) {
  const auto first = line.find('"');
  const auto last = line.rfind('"');
  std::string out;
  for (size_t i = first + 1; i < last; ++i) {
    if (line[i] == '\\' && i + 1 < last) {
      const char c = line[++i];
      out.push_back(c == 'n' ? '\n' : c == 't' ? '\t' : c);
    } else {
      out.push_back(line[i]);
    }
  }
  return out;
}

// A small PO reader: msgid/msgstr with continuation lines, "#, fuzzy" flags; obsolete
// ("#~") entries and the header (empty msgid) are skipped.
std::vector<Entry> read_po(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::vector<Entry> entries;
  Entry current;
  std::string* field = nullptr;
  bool fuzzy = false;
  auto finish = [&] {
    if (!current.msgid.empty()) entries.push_back(current);
    current = Entry{};
    field = nullptr;
  };
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#,", 0) == 0) {
      fuzzy = line.find("fuzzy") != std::string::npos;
    } else if (line.rfind("msgid ", 0) == 0) {
      finish();
      current.fuzzy = fuzzy;
      fuzzy = false;
      current.msgid = unquote(line);
      field = &current.msgid;
    } else if (line.rfind("msgstr ", 0) == 0) {
      current.msgstr = unquote(line);
      field = &current.msgstr;
    } else if (line.rfind("\"", 0) == 0 && field != nullptr) {
      *field += unquote(line);
    } else if (line.rfind("msgid_plural", 0) == 0 || line.rfind("msgctxt", 0) == 0) {
      FAIL("unexpected PO construct (plural or context): " << line);
    }
  }
  finish();
  return entries;
}

std::set<std::string> catalogue_ids() {
  std::set<std::string> ids;
  for (const char* id : ektp::msg::catalogue()) ids.insert(id);
  return ids;
}

}  // namespace

TEST_CASE("po/id.po: every translation keeps the placeholders of its English original") {
  const auto entries = read_po(ektp::test::source_dir() + "/po/id.po");
  REQUIRE_FALSE(entries.empty());
  for (const auto& e : entries) {
    CAPTURE(e.msgid);
    CHECK_FALSE(e.fuzzy);
    CHECK_FALSE(e.msgstr.empty());
    CHECK(ektp::text::placeholders(e.msgstr) == ektp::text::placeholders(e.msgid));
  }
}

TEST_CASE("po/id.po translates exactly the messages of the catalogue") {
  const auto ids = catalogue_ids();
  std::set<std::string> translated;
  for (const auto& e : read_po(ektp::test::source_dir() + "/po/id.po")) {
    CAPTURE(e.msgid);
    CHECK_MESSAGE(ids.count(e.msgid) == 1, "stale entry: not in messages.cpp (msgmerge)");
    translated.insert(e.msgid);
  }
  for (const auto& id : ids) {
    CAPTURE(id);
    CHECK_MESSAGE(translated.count(id) == 1, "missing from po/id.po");
  }
}

TEST_CASE("po/ektp.pot is up to date with the catalogue") {
  std::set<std::string> in_pot;
  for (const auto& e : read_po(ektp::test::source_dir() + "/po/ektp.pot")) {
    in_pot.insert(e.msgid);
  }
  CHECK_MESSAGE(in_pot == catalogue_ids(), "regenerate it: cmake --build <dir> --target ektp_pot");
}

TEST_CASE("the placeholder check catches a translation that drops or renames one") {
  CHECK(ektp::text::placeholders("Pembaca '{0}' tidak terhubung.") !=
        ektp::text::placeholders("The card reader '{0}' is not connected. Connected: {1}."));
  CHECK(ektp::text::placeholders("Pembaca '{1}'.") != ektp::text::placeholders("Reader '{0}'."));
}
