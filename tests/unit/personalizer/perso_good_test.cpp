// Good cards through the in-process card simulator: the card image afterwards
// holds exactly the signed files, all activated, and the lock is real.
#include <doctest/doctest.h>

#include "chip/personalizer_card.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using chip::PersoResult;

TEST_CASE("8 KB short-APDU card: written, verified, locked") {
  SimSeam sim(card_8k());
  const auto& job = job_8k();
  REQUIRE(total_bytes(job) > 6000);  // the ~7 KB data set
  std::size_t longest = 0;
  sim.intercept = [&](const chip::Bytes& apdu) -> std::optional<chip::Bytes> {
    if (apdu.size() > 5 && apdu[1] == 0xD6) longest = std::max<std::size_t>(longest, apdu[4]);
    return std::nullopt;
  };
  const auto out = sim.run(job);
  INFO(out.detail.message);
  REQUIRE(out.result == PersoResult::good);
  CHECK(out.reason == chip::SpoilReason::none);
  CHECK(out.serial == "479012345678");  // IC fabricator 4790 + IC serial 12345678
  CHECK(out.uid == chip::Bytes{0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6});
  CHECK(out.digest == job.digest);
  CHECK_FALSE(out.resumed);
  CHECK(longest == 255);  // short APDUs in full 255-byte chunks

  const auto w = witness(sim.card, job);
  CHECK_MESSAGE(w.exactly_signed, w.why);
  CHECK(w.all_activated);
  CHECK(w.application_activated);

  // The lock, seen by a plain host: no read, no rewrite.
  const chip::Bytes select_dg1{0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0,
                               0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
  REQUIRE(sim.card.transmit(select_dg1).response == chip::Bytes{0x90, 0x00});
  auto read = sim.card.transmit(chip::Bytes{0x00, 0xB0, 0x81, 0x00, 0x10});  // SFI 01 = DG1
  CHECK(read.response == chip::Bytes{0x69, 0x82});
}

TEST_CASE("32 KB extended card (ext_max 1024): ~24 KB in 1 KB chunks") {
  SimSeam sim(card_32k());
  const auto& job = job_32k();
  REQUIRE(total_bytes(job) > 20000);
  std::size_t longest = 0;
  sim.intercept = [&](const chip::Bytes& apdu) -> std::optional<chip::Bytes> {
    if (apdu.size() > 7 && apdu[1] == 0xD6 && apdu[4] == 0x00) {
      longest = std::max<std::size_t>(longest, (std::size_t{apdu[5]} << 8) | apdu[6]);
    }
    return std::nullopt;
  };
  const auto out = sim.run(job);
  INFO(out.detail.message);
  REQUIRE(out.result == PersoResult::good);
  CHECK(longest == 1024);
  // Writing and reading back in 255-byte chunks alone would take this many APDUs.
  CHECK(out.apdus < 2 * total_bytes(job) / 255);

  const auto w = witness(sim.card, job);
  CHECK_MESSAGE(w.exactly_signed, w.why);
  CHECK(w.all_activated);
  CHECK(w.application_activated);
}

TEST_CASE("ATR without extended length: EF.ATR/INFO is not asked") {
  SimSeam sim(card_8k());
  chip::PersoOptions options;
  options.atr = sim.card.atr();
  CHECK_FALSE(chip::atr_announces_extended(*options.atr));
  const auto out = chip::personalize(job_8k(), sim.transmit(), options);
  REQUIRE(out.result == PersoResult::good);

  SimSeam ext(card_32k());
  CHECK(chip::atr_announces_extended(ext.card.atr()));
  SimSeam plain(card_8k());
  const auto without = plain.run(job_8k());
  CHECK(without.apdus == out.apdus + 2);  // SELECT MF + READ EF.ATR saved
}

TEST_CASE("The card takes less than it announced: UPDATE backs off on 6700") {
  SimSeam sim(card_32k());
  std::size_t refused = 0, longest_after = 0;
  sim.intercept = [&](const chip::Bytes& apdu) -> std::optional<chip::Bytes> {
    if (apdu.size() > 7 && apdu[1] == 0xD6 && apdu[4] == 0x00) {
      const std::size_t lc = (std::size_t{apdu[5]} << 8) | apdu[6];
      if (lc > 300) {
        ++refused;
        return chip::Bytes{0x67, 0x00};
      }
      longest_after = std::max(longest_after, lc);
    }
    return std::nullopt;
  };
  const auto out = sim.run(job_32k());
  INFO(out.detail.message);
  REQUIRE(out.result == PersoResult::good);
  CHECK(refused == 2);  // 1024 refused, 512 refused, then 256 from there on
  CHECK(longest_after == 256);
  CHECK(witness(sim.card, job_32k()).exactly_signed);
}
