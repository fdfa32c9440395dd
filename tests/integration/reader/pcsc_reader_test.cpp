// The Reader contract through real pcscd, the vpcd reader and the card
// simulator: the faults a station meets (pcscd restarted, a mute card, no
// card, a misconfigured reader) each give their own outcome, and the same
// Reader object carries on afterwards, in the same process.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "drivers/reader/pcsc_reader.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/cardsim/control_client.hpp"

using namespace ektp;
using namespace std::chrono_literals;
using reader::Bytes;
using reader::PcscReader;

namespace {

const Bytes kChallenge{0x00, 0x84, 0x00, 0x00, 0x08};

struct Encoder {
  test::RigEnv rig;
  std::filesystem::path ctl = rig.at("EKTP_ENCODER_CTL");
  std::string name = rig.at("EKTP_ENCODER_READER");

  void cmd(const std::string& line) {
    auto r = cardsim::control_request(ctl, line);
    REQUIRE_MESSAGE(r.ok(), line << ": " << (r.ok() ? "" : r.error().message));
  }
  /// A fresh card in the field, after the last one was seen out.
  void fresh_card(reader::Reader& r) {
    cmd("remove");
    REQUIRE_OK(r.wait_card_absent(5s));
    cmd("new capacity=8192");
    cmd("insert");
  }
};

/// A working card exchange: GET CHALLENGE answers 8 bytes + 9000.
void card_works(reader::Reader& r) {
  auto info = r.connect(5s);
  REQUIRE_OK(info);
  CHECK_FALSE(info->atr.empty());
  auto rx = r.transmit(kChallenge, 2s);
  REQUIRE_OK(rx);
  CHECK(rx->size() == 10);
  CHECK(rx->at(8) == 0x90);
}

}  // namespace

TEST_CASE("the configured reader and the others are listed") {
  Encoder enc;
  PcscReader r(enc.name);
  auto names = r.list_readers();
  REQUIRE_OK(names);
  CHECK(std::find(names->begin(), names->end(), enc.name) != names->end());
  CHECK_OK(reader::require_present(r));
}

TEST_CASE("waiting for a card with none inserted: card.absent at the end of the wait") {
  Encoder enc;
  PcscReader r(enc.name);
  enc.cmd("remove");
  REQUIRE_OK(r.wait_card_absent(5s));
  auto w = r.wait_card(300ms);
  REQUIRE_FALSE(w.ok());
  CHECK_MESSAGE(w.error().code == "card.absent", w.error().message);
  auto c = r.connect(300ms);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == "card.absent");
}

TEST_CASE("a configured reader that does not exist: reader.absent, listing the readers present") {
  Encoder enc;
  PcscReader r("No Such Reader 00 00");
  auto check = reader::require_present(r);
  REQUIRE_FALSE(check.ok());
  CHECK(check.error().code == "reader.absent");
  CHECK(check.error().message.find("No Such Reader 00 00") != std::string::npos);
  CHECK(check.error().message.find(enc.name) != std::string::npos);
  auto w = r.wait_card(200ms);
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().code == "reader.absent");
  CHECK(w.error().message.find(enc.name) != std::string::npos);
}

TEST_CASE("the UID of the card in the field") {
  Encoder enc;
  PcscReader r(enc.name);
  enc.fresh_card(r);
  REQUIRE_OK(r.connect(5s));
  auto uid = r.uid(2s);
  REQUIRE_OK(uid);
  CHECK(uid->size() >= 4);
  REQUIRE_OK(r.disconnect(reader::Disposition::reset));
  CHECK(r.transmit(kChallenge, 1s).error().code == "card.not_connected");
}

TEST_CASE("pcscd killed and restarted mid-session: the same Reader works with the next card") {
  Encoder enc;
  PcscReader r(enc.name);
  enc.fresh_card(r);
  card_works(r);

  const std::string restart = test::source_dir() + "/tools/rig/restart-pcscd >/dev/null";
  REQUIRE(std::system(restart.c_str()) == 0);

  // The card connected before is lost with pcscd: a retry outcome, not a crash.
  auto lost = r.transmit(kChallenge, 2s);
  REQUIRE_FALSE(lost.ok());
  CHECK_MESSAGE((lost.error().code == "pcsc.no_service" || lost.error().code == "card.removed" ||
                 lost.error().code == "reader.gone"),
                lost.error().code << ": " << lost.error().message);

  // The simulator's card lost its vpcd link with pcscd: present it again.
  enc.fresh_card(r);
  card_works(r);
}

TEST_CASE(
    "a card that goes mute: not responding within the deadline; pulled, the next card works") {
  Encoder enc;
  PcscReader r(enc.name);
  enc.fresh_card(r);
  REQUIRE_OK(r.connect(5s));
  enc.cmd("fault mute_at 1");
  auto mute = r.transmit(kChallenge, 300ms);
  REQUIRE_FALSE(mute.ok());
  CHECK_MESSAGE(mute.error().code == "card.not_responding", mute.error().message);

  // Pulling the card ends the stuck call; the reader waits for it (bounded).
  enc.cmd("remove");
  REQUIRE_OK(r.wait_card_absent(10s));
  enc.cmd("clear_faults");
  enc.cmd("insert");
  card_works(r);
}
