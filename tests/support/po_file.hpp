#pragma once
// Reads gettext PO/POT files (po/id.po, po/ektp.pot) for the catalogue tests: msgid,
// msgstr, the "fuzzy" flag and the source locations ("#: chip/chip_messages_data.hpp").
// msgfmt --check-format cannot check our {N} placeholders (they are not printf), so the
// tests read the files themselves. Header-only; tests only.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ektp::test {

struct PoEntry {
  std::string msgid;
  std::string msgstr;
  bool fuzzy = false;
  std::vector<std::string> locations;  ///< the files of its "#:" lines
};

/// The text inside one "..." PO string, unescaped.
inline std::string po_unquote(const std::string& line) {
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

/// The entries of a PO file; the header (empty msgid) and obsolete ("#~") entries are
/// skipped. Plural forms and contexts are not used by the station and fail the test.
inline std::vector<PoEntry> read_po(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::vector<PoEntry> entries;
  PoEntry current;
  std::string* field = nullptr;
  bool fuzzy = false;
  std::vector<std::string> locations;
  auto finish = [&] {
    if (!current.msgid.empty()) entries.push_back(current);
    current = PoEntry{};
    field = nullptr;
  };
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#,", 0) == 0) {
      fuzzy = line.find("fuzzy") != std::string::npos;
    } else if (line.rfind("#:", 0) == 0) {
      std::istringstream words(line.substr(2));
      for (std::string file; words >> file;) locations.push_back(file.substr(0, file.find(':')));
    } else if (line.rfind("msgid ", 0) == 0) {
      finish();
      current.fuzzy = fuzzy;
      current.locations = std::move(locations);
      fuzzy = false;
      locations.clear();
      current.msgid = po_unquote(line);
      field = &current.msgid;
    } else if (line.rfind("msgstr ", 0) == 0) {
      current.msgstr = po_unquote(line);
      field = &current.msgstr;
    } else if (line.rfind("\"", 0) == 0 && field != nullptr) {
      *field += po_unquote(line);
    } else if (line.rfind("msgid_plural", 0) == 0 || line.rfind("msgctxt", 0) == 0) {
      FAIL("unexpected PO construct (plural or context): " << line);
    }
  }
  finish();
  return entries;
}

/// The msgids of `entries` found in a file whose path starts with `prefix` ("chip/").
inline std::vector<std::string> po_ids_from(const std::vector<PoEntry>& entries,
                                            const std::string& prefix) {
  std::vector<std::string> ids;
  for (const auto& e : entries) {
    for (const auto& file : e.locations) {
      if (file.rfind(prefix, 0) == 0) {
        ids.push_back(e.msgid);
        break;
      }
    }
  }
  return ids;
}

}  // namespace ektp::test
