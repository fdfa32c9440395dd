// The redacted APDU trace: headers, lengths and status words, never a data
// byte; every command case (short and extended) shows its Lc and Le.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "chip/personalizer_trace.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using chip::Bytes;

TEST_CASE("each command case shows its header, Lc and Le, and the response's length and SW") {
  const Result<Bytes> ok_only = Bytes{0x90, 0x00};
  CHECK(chip::redacted_exchange({0x00, 0xA4, 0x00, 0x0C}, ok_only) == "00 A4 00 0C -> 9000");
  CHECK(chip::redacted_exchange({0x80, 0xCA, 0x9F, 0x7F, 0x00}, Bytes{1, 2, 3, 0x90, 0x00}) ==
        "80 CA 9F 7F le=256 -> 9000 len=3");
  CHECK(chip::redacted_exchange({0x00, 0xA4, 0x04, 0x0C, 0x02, 0x3F, 0x00}, Bytes{0x6A, 0x82}) ==
        "00 A4 04 0C lc=2 -> 6A82");
  CHECK(chip::redacted_exchange({0x00, 0xA4, 0x02, 0x04, 0x02, 0x01, 0x01, 0x00}, ok_only) ==
        "00 A4 02 04 lc=2 le=256 -> 9000");
  Bytes ext_read{0x00, 0xB0, 0x00, 0x00, 0x00, 0x04, 0x00};
  CHECK(chip::redacted_exchange(ext_read, ok_only) == "00 B0 00 00 le=1024 ext -> 9000");
  Bytes ext_write{0x00, 0xD6, 0x04, 0x00, 0x00, 0x04, 0x00};
  ext_write.resize(ext_write.size() + 1024, 0x55);
  CHECK(chip::redacted_exchange(ext_write, ok_only) == "00 D6 04 00 lc=1024 ext -> 9000");
  CHECK(chip::redacted_exchange({0x00, 0xB0, 0x00, 0x00, 0x10},
                                fail("card.removed", "The card was taken out.")) ==
        "00 B0 00 00 le=16 -> error card.removed");
  CHECK(chip::redacted_exchange({0x00, 0xD6, 0x00, 0x00, 0x05, 0x01}, ok_only) ==
        "00 D6 00 00 malformed (6 bytes) -> 9000");
}

TEST_CASE("a whole personalization traced: one line per APDU, no data bytes") {
  SimSeam sim(card_8k());
  chip::ApduTrace trace;
  chip::PersoOptions options;
  options.trace = &trace;
  const auto out = chip::personalize(job_8k(), sim.transmit(), options);
  REQUIRE(out.result == chip::PersoResult::good);
  CHECK(trace.exchanges() == out.apdus);

  // Every line fits the grammar: no field can carry a data byte.
  const std::regex line(
      R"(\d{4} [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2}( lc=\d+)?( le=\d+)?( ext)? -> )"
      R"(([0-9A-F]{4}( len=\d+)?|error [a-z_.]+))");
  std::istringstream in(trace.text());
  std::string l;
  REQUIRE(std::getline(in, l));
  CHECK(l.rfind("# ektp apdu trace v1", 0) == 0);
  std::size_t lines = 0;
  while (std::getline(in, l)) {
    ++lines;
    CHECK_MESSAGE(std::regex_match(l, line), l);
  }
  CHECK(lines == out.apdus);
  // The serial and UID are data: not in the trace.
  CHECK(trace.text().find(out.serial) == std::string::npos);
  CHECK(trace.text().find(chip::to_hex(out.uid)) == std::string::npos);
}
