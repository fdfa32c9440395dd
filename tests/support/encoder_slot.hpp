#pragma once
/// The rig's encoder slot for integration tests: fresh simulated cards through
/// the simulator's control socket, Readers (PcscReader) through the real pcscd,
/// and the simulator's saved image as the witness of what the card holds.

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "drivers/reader/pcsc_reader.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/cardsim/card.hpp"
#include "tools/cardsim/control_client.hpp"

namespace ektp::test {

struct EncoderSlot {
  RigEnv rig;
  std::filesystem::path ctl = rig.at("EKTP_ENCODER_CTL");
  std::string reader = rig.at("EKTP_ENCODER_READER");
  /// A Reader on the encoder used only to wait for the card to come or go.
  ektp::reader::PcscReader watcher{reader};

  /// A control command that must succeed; its answer.
  std::string cmd(const std::string& line) {
    auto r = cardsim::control_request(ctl, line);
    REQUIRE_MESSAGE(r.ok(), line << ": " << (r.ok() ? "" : r.error().message));
    return *r;
  }
  /// Out of the field, and seen out by pcscd (which notices only when it next polls).
  void take_out() {
    cmd("remove");
    REQUIRE_OK(watcher.wait_card_absent(std::chrono::seconds(5)));
  }
  /// A new blank card of `settings` in the field.
  void fresh_card(const std::string& settings) {
    take_out();
    cmd("new " + settings);
    cmd("insert");
  }
  /// A Reader on the encoder, connected to the card in it (the ATR in `info`
  /// when given). Destroying it lets the card go without waiting for a stuck call.
  std::unique_ptr<ektp::reader::PcscReader> connect(ektp::reader::CardInfo* info = nullptr) {
    auto r = std::make_unique<ektp::reader::PcscReader>(reader);
    auto c = r->connect(std::chrono::seconds(5));
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
    if (info != nullptr) *info = *c;
    return r;
  }
  /// The card in hand as the simulator stores it (the witness's view).
  cardsim::Card image(const std::string& name) {
    const auto file = std::filesystem::path(rig.dir()) / name;
    cmd("save " + file.string());
    auto card = cardsim::Card::load_image(file, {});
    REQUIRE_MESSAGE(card.ok(), (card.ok() ? "" : card.error().message));
    return std::move(*card);
  }
};

}  // namespace ektp::test
