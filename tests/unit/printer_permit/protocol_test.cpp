// The print permit's wire format (drivers/printer/permit_protocol.hpp) on good and
// hostile input: placeholders, job names, requests and response headers. A parser
// accepts exactly the documented spelling and never echoes the token in an error.
#include <doctest/doctest.h>

#include <string>

#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/print_placeholder.hpp"
#include "tests/support/require_ok.hpp"

using namespace ektp::printer::permit;

namespace {

Token sample_token() {
  Token t{};
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<std::uint8_t>(0xA0 + i * 7);
  return t;
}

const std::string kHex = token_hex(sample_token());

std::string valid_placeholder() { return "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex + "\n"; }

}  // namespace

TEST_CASE("a placeholder round-trips and has the documented form") {
  const Placeholder p{42, sample_token()};
  const auto text = format_placeholder(p);
  CHECK(text == valid_placeholder());
  CHECK(kHex.size() == 64);
  auto parsed = parse_placeholder(text);
  REQUIRE_OK(parsed);
  CHECK(parsed->attempt_id == 42);
  CHECK(parsed->token == p.token);
  auto big = parse_placeholder(format_placeholder({9223372036854775807, sample_token()}));
  REQUIRE_OK(big);
  CHECK(big->attempt_id == 9223372036854775807);
}

TEST_CASE("every truncation of a placeholder is refused") {
  const auto text = valid_placeholder();
  for (std::size_t n = 0; n < text.size(); ++n) {
    auto parsed = parse_placeholder(text.substr(0, n));
    CHECK_MESSAGE(!parsed.ok(), "prefix of " << n << " bytes accepted");
  }
}

TEST_CASE("hostile placeholders are refused without echoing the token") {
  const std::string upper = [] {
    std::string h = kHex;
    for (auto& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return h;
  }();
  const std::string bad[] = {
      "EKTP-PERMIT 2\nattempt 42\ntoken " + kHex + "\n",        // another version
      "EKTP-PERMIT 1 \nattempt 42\ntoken " + kHex + "\n",       // trailing space
      "EKTP-PERMIT 1\r\nattempt 42\r\ntoken " + kHex + "\r\n",  // CRLF
      "EKTP-PERMIT 1\nattempt 0\ntoken " + kHex + "\n",         // attempt 0
      "EKTP-PERMIT 1\nattempt 042\ntoken " + kHex + "\n",       // leading zero
      "EKTP-PERMIT 1\nattempt -4\ntoken " + kHex + "\n",        // sign
      "EKTP-PERMIT 1\nattempt +4\ntoken " + kHex + "\n",
      "EKTP-PERMIT 1\nattempt 9223372036854775808\ntoken " + kHex + "\n",  // overflow
      "EKTP-PERMIT 1\nattempt 4x\ntoken " + kHex + "\n",
      "EKTP-PERMIT 1\nattempt  4\ntoken " + kHex + "\n",
      "EKTP-PERMIT 1\nattempt\ntoken " + kHex + "\n",
      "EKTP-PERMIT 1\ntoken " + kHex + "\nattempt 42\n",                 // order
      "EKTP-PERMIT 1\nattempt 42\ntoken " + upper + "\n",                // uppercase hex
      "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex.substr(0, 63) + "g\n",  // bad digit
      "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex.substr(0, 62) + "\n",   // short
      "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex + "00\n",               // long
      "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex,                        // no final newline
      "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex + "\n\n",               // extra line
      "EKTP-PERMIT 1\nattempt 42\ntoken " + kHex + "\n%PDF-1.4",         // a face after it
      std::string("EKTP-PERMIT 1\nattempt 42\0\ntoken ", 31) + kHex + "\n",
      "%PDF-1.7\n",
      "",
      valid_placeholder() + std::string(300, 'x'),  // too long
  };
  for (const auto& doc : bad) {
    auto parsed = parse_placeholder(doc);
    REQUIRE_MESSAGE(!parsed.ok(), "accepted: " << doc);
    CHECK(parsed.error().code == "permit.malformed_placeholder");
    CHECK(parsed.error().message.find(kHex.substr(0, 16)) == std::string::npos);
    CHECK(parsed.error().message.find(upper.substr(0, 16)) == std::string::npos);
  }
  CHECK_FALSE(parse_placeholder(std::string(kMaxPlaceholderBytes + 1, 'E')).ok());
}

TEST_CASE("job names carry the attempt id only") {
  CHECK(job_title(42) == "ektp-attempt-42");
  auto id = parse_job_title("ektp-attempt-42");
  REQUIRE_OK(id);
  CHECK(*id == 42);
  for (const char* bad : {"ektp-attempt-", "ektp-attempt-0", "ektp-attempt-042", "ektp-attempt-4 ",
                          "attempt-42", "EKTP-ATTEMPT-42", "ektp-attempt-99999999999999999999", ""})
    CHECK_MESSAGE(!parse_job_title(bad).ok(), bad);
}

TEST_CASE("a redeem request round-trips; hostile requests are refused") {
  const RedeemRequest r{42, 7, sample_token()};
  const auto line = format_request(r);
  CHECK(line == "REDEEM 1 42 7 " + kHex + "\n");
  auto parsed = parse_request(line);
  REQUIRE_OK(parsed);
  CHECK(parsed->attempt_id == 42);
  CHECK(parsed->cups_job_id == 7);
  CHECK(parsed->token == r.token);
  for (std::size_t n = 0; n < line.size(); ++n)
    CHECK_MESSAGE(!parse_request(line.substr(0, n)).ok(), "prefix of " << n << " accepted");
  const std::string bad[] = {
      "REDEEM 2 42 7 " + kHex + "\n",
      "redeem 1 42 7 " + kHex + "\n",
      "REDEEM 1 42 7 " + kHex + " \n",
      "REDEEM 1 42  7 " + kHex + "\n",
      "REDEEM 1 42 0 " + kHex + "\n",
      "REDEEM 1 42 2147483648 " + kHex + "\n",  // job id beyond int
      "REDEEM 1 0 7 " + kHex + "\n",
      "REDEEM 1 42 7 " + kHex + "\nREDEEM 1 42 7 " + kHex + "\n",  // two requests
      "REDEEM 1 42 7 " + kHex.substr(1) + "Z\n",
      "REDEEM 1 42 7\n",
      "REDEEM 1 " + std::string(300, '9') + "\n",
  };
  for (const auto& b : bad) {
    auto p = parse_request(b);
    REQUIRE_MESSAGE(!p.ok(), "accepted: " << b);
    CHECK(p.error().code == "permit.malformed_request");
    CHECK(p.error().message.find(kHex.substr(0, 16)) == std::string::npos);
  }
}

TEST_CASE("response headers: a granted face of a bounded size, or a known refusal") {
  CHECK(format_granted(123) == "OK 123\n");
  auto ok_header = parse_response_header("OK 123\n");
  REQUIRE_OK(ok_header);
  CHECK(ok_header->granted);
  CHECK(ok_header->face_size == 123);
  for (auto r : {Refusal::permit, Refusal::peer, Refusal::malformed, Refusal::unavailable}) {
    auto h = parse_response_header(format_refused(r));
    REQUIRE_OK(h);
    CHECK_FALSE(h->granted);
    CHECK(h->refusal == r);
  }
  const std::string too_big = "OK " + std::to_string(kMaxFaceBytes + 1) + "\n";
  for (const std::string& bad :
       {std::string("OK 0\n"), std::string("OK -1\n"), std::string("OK 12"),
        std::string("OK 1 2\n"), too_big, std::string("REFUSED maybe\n"), std::string("REFUSED\n"),
        std::string("ok 12\n"), std::string(""), std::string("OK ") + std::string(80, '1') + "\n"})
    CHECK_MESSAGE(!parse_response_header(bad).ok(), bad);
  CHECK(parse_response_header("OK " + std::to_string(kMaxFaceBytes) + "\n").ok());
}

TEST_CASE("the CUPS driver's placeholder and job name are the ones the gate reads") {
  // drivers/printer/print_placeholder.hpp (the submitting side) against this parser.
  auto made = ektp::printer::make_placeholder(42, kHex);
  REQUIRE_OK(made);
  CHECK(*made == format_placeholder({42, sample_token()}));
  auto parsed = parse_placeholder(*made);
  REQUIRE_OK(parsed);
  CHECK(parsed->token == sample_token());
  CHECK(ektp::printer::job_name(42) == job_title(42));
  CHECK(ektp::printer::attempt_of_job_name(job_title(42)) == 42);
}
