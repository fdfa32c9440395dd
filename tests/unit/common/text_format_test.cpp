#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "drivers/common/text_format.hpp"

using ektp::text::format;
using ektp::text::placeholders;

TEST_CASE("format replaces numbered placeholders, in any order and repeated") {
  CHECK(format("Reader '{0}', readers: {1}.", {"ACS 01", "A, B"}) ==
        "Reader 'ACS 01', readers: A, B.");
  CHECK(format("{1} before {0}", {"zero", "one"}) == "one before zero");
  CHECK(format("resume it (cupsenable {0}); queue {0}", {"card"}) ==
        "resume it (cupsenable card); queue card");
  CHECK(format("no placeholder", {"unused"}) == "no placeholder");
  CHECK(format("", {}) == "");
}

TEST_CASE("format inserts arguments verbatim: no printf, no second expansion") {
  CHECK(format("{0}", {"%s %n {1}"}) == "%s %n {1}");
  CHECK(format("{0}-{1}", {"{1}", "x"}) == "{1}-x");
  CHECK(format("100% of {0}", {"cards"}) == "100% of cards");
}

TEST_CASE("format leaves what is not a placeholder, or has no argument, as written") {
  CHECK(format("{2} missing", {"a"}) == "{2} missing");
  CHECK(format("{name} {} {0 } {", {"a"}) == "{name} {} {0 } {");
  CHECK(format("{{0}}", {"a"}) == "{a}");
  CHECK(format("{12}", {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "twelve"}) ==
        "twelve");
}

TEST_CASE("placeholders lists the distinct numbers, ascending") {
  CHECK(placeholders("{1} {0} {1}") == std::vector<int>{0, 1});
  CHECK(placeholders("none here, {name} {}") == std::vector<int>{});
  CHECK(placeholders("{10} and {2}") == std::vector<int>{2, 10});
}

TEST_CASE("join separates items") {
  CHECK(ektp::text::join({}) == "");
  CHECK(ektp::text::join({"A"}) == "A");
  CHECK(ektp::text::join({"A", "B", "C"}) == "A, B, C");
  CHECK(ektp::text::join({"A", "B"}, " / ") == "A / B");
}
