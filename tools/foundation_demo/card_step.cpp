#include <cstdio>

#include "tests/support/card_ops.hpp"
#include "tools/cardsim/card.hpp"
#include "tools/cardsim/control_client.hpp"
#include "tools/foundation_demo/steps.hpp"

namespace ektp::demo {
namespace {

using namespace std::chrono_literals;

bool check(bool ok, const std::string& what) {
  std::printf("   %s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  return ok;
}

template <class T>
bool check(const Result<T>& r, const std::string& what) {
  return check(r.ok(), what + (r.ok() ? "" : ": " + r.error().message));
}

}  // namespace

bool card_step(const test::RigEnv& rig, const std::filesystem::path& out) {
  const std::string ctl = rig.at("EKTP_ENCODER_CTL");
  const std::string reader_name = rig.at("EKTP_ENCODER_READER");
  std::printf("== Card: a blank 8 KB chip in '%s', through pcscd\n", reader_name.c_str());
  (void)cardsim::control_request(ctl, "remove");
  if (!check(reader::wait_card_absent(reader_name, 5s), "encoder empty")) return false;
  if (!check(cardsim::control_request(ctl, "new capacity=8192"), "blank card in the encoder")) return false;
  (void)cardsim::control_request(ctl, "trace " + (out / "card-trace.txt").string());
  if (!check(cardsim::control_request(ctl, "insert"), "card enters the field")) return false;

  auto session = reader::PcscSession::connect(reader_name, 5s);
  if (!check(session, "PC/SC connection")) return false;
  test::CardOps card(**session);
  const auto data = test::pattern(6 * 1024, 42);  // non-personal demo content
  const std::uint16_t df = 0x0A01, ef = 0x0102;

  auto serial = card.cplc();
  bool good = check(serial, "chip serial (GET DATA CPLC): " +
                                (serial ? chip::to_hex(std::span(*serial).subspan(0, std::min<std::size_t>(serial->size(), 18))) : ""));
  good = good && check(card.create_df(df, test::kLdsAid), "application created (AID A0000002471001)");
  good = good && check(card.create_ef(ef, data.size(), 2), "file 0102 created, 6 KB, life cycle 03");
  good = good && check(card.write_all(data, 255), "6 KB written in 255-byte UPDATE BINARY chunks");
  good = good && check(card.select_fcp(ef), "file selected");
  auto back = good ? card.read_all(data.size(), 256) : Result<chip::Bytes>(fail("skip", "skipped"));
  good = good && check(back.ok() && *back == data, "read back: identical");
  good = good && check(card.activate_current(), "ACTIVATE FILE: locked");
  if (good) {
    auto rewrite = card.send({0x00, 0xD6, 0x00, 0x00, chip::Bytes(data.begin(), data.begin() + 16), {}});
    good = check(rewrite.ok() && rewrite->sw == 0x6982, "identical rewrite refused (6982)");
    auto read = card.send({0x00, 0xB0, 0x00, 0x00, {}, 16});
    good = check(read.ok() && read->sw == 0x6982, "unauthenticated read refused (6982)") && good;
  }
  session->reset();
  (void)cardsim::control_request(ctl, "remove");
  (void)cardsim::control_request(ctl, "trace off");
  auto counters = cardsim::control_request(ctl, "counters");
  if (counters) std::printf("   card counters: %s\n", counters->c_str());
  const auto image = out / "card.img";
  good = check(cardsim::control_request(ctl, "save " + image.string()), "card image saved") && good;
  return good;
}

}  // namespace ektp::demo
