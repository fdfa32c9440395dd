// Checks the translation files themselves (po/), as a translator would leave them:
// every message of po/ektp.pot (all libraries' catalogues) has its Indonesian text in
// po/id.po, with the same {N} placeholders. msgfmt --check-format cannot check them
// (they are not printf). That po/ektp.pot matches the sources is po_pot_current's job.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "drivers/common/messages.hpp"
#include "drivers/common/text_format.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/po_file.hpp"

namespace {

using ektp::test::read_po;

std::string po_path(const char* name) { return ektp::test::source_dir() + "/po/" + name; }

std::set<std::string> ids_of(const std::vector<ektp::test::PoEntry>& entries) {
  std::set<std::string> ids;
  for (const auto& e : entries) ids.insert(e.msgid);
  return ids;
}

}  // namespace

TEST_CASE("po/id.po: every translation keeps the placeholders of its English original") {
  const auto entries = read_po(po_path("id.po"));
  REQUIRE_FALSE(entries.empty());
  for (const auto& e : entries) {
    CAPTURE(e.msgid);
    CHECK_FALSE(e.fuzzy);
    CHECK_FALSE(e.msgstr.empty());
    CHECK(ektp::text::placeholders(e.msgstr) == ektp::text::placeholders(e.msgid));
  }
}

TEST_CASE("po/id.po translates exactly the messages of po/ektp.pot") {
  const auto in_pot = ids_of(read_po(po_path("ektp.pot")));
  const auto translated = ids_of(read_po(po_path("id.po")));
  for (const auto& id : translated) {
    CAPTURE(id);
    CHECK_MESSAGE(in_pot.count(id) == 1, "stale entry (msgmerge --update po/id.po po/ektp.pot)");
  }
  for (const auto& id : in_pot) {
    CAPTURE(id);
    CHECK_MESSAGE(translated.count(id) == 1, "missing from po/id.po");
  }
}

TEST_CASE("po/ektp.pot holds exactly the messages of drivers/common's catalogue") {
  const auto from_common = ektp::test::po_ids_from(read_po(po_path("ektp.pot")), "drivers/common/");
  std::set<std::string> catalogue;
  for (const char* id : ektp::msg::catalogue()) catalogue.insert(id);
  CHECK_MESSAGE(std::set<std::string>(from_common.begin(), from_common.end()) == catalogue,
                "regenerate it: cmake --build <dir> --target ektp_pot");
}

TEST_CASE("the placeholder check catches a translation that drops or renames one") {
  CHECK(ektp::text::placeholders("Pembaca '{0}' tidak terhubung.") !=
        ektp::text::placeholders("The card reader '{0}' is not connected. Connected: {1}."));
  CHECK(ektp::text::placeholders("Pembaca '{1}'.") != ektp::text::placeholders("Reader '{0}'."));
}
