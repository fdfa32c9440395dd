#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "drivers/common/result.hpp"

namespace {

ektp::Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return ektp::fail("input.not_digit", "Type a digit from 0 to 9.");
  return c - '0';
}

ektp::Result<void> check_positive(int n) {
  if (n <= 0) return ektp::fail("input.not_positive", "Type a number above zero.");
  return ektp::ok();
}

}  // namespace

TEST_CASE("Result<T> carries a value") {
  const auto r = parse_digit('7');
  REQUIRE(r.ok());
  CHECK(static_cast<bool>(r));
  CHECK(r.value() == 7);
  CHECK(*r == 7);
  CHECK(r.value_or(-1) == 7);
}

TEST_CASE("Result<T> carries an error with a code and a message for people") {
  const auto r = parse_digit('x');
  REQUIRE_FALSE(r.ok());
  CHECK_FALSE(static_cast<bool>(r));
  CHECK(r.error().code == "input.not_digit");
  CHECK(r.error().message == "Type a digit from 0 to 9.");
  CHECK(r.value_or(-1) == -1);
  CHECK(r.error() == ektp::Error{"input.not_digit", "Type a digit from 0 to 9."});
}

TEST_CASE("Result<T> moves its value out and gives member access") {
  ektp::Result<std::unique_ptr<std::string>> r = std::make_unique<std::string>("card");
  REQUIRE(r.ok());
  CHECK((*r)->size() == 4);
  std::unique_ptr<std::string> owned = std::move(r).value();
  REQUIRE(owned);
  CHECK(*owned == "card");

  ektp::Result<std::string> s = std::string{"queue"};
  CHECK(s->size() == 5);
}

TEST_CASE("Result<void> is success or an error") {
  const auto good = check_positive(3);
  CHECK(good.ok());
  const auto bad = check_positive(0);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "input.not_positive");
  CHECK(bad.error().message == "Type a number above zero.");
}
