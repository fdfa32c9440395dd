#pragma once
/// The rig's encoder slot for integration tests: fresh simulated cards through
/// the simulator's control socket, PC/SC sessions through the real pcscd, and
/// the simulator's saved image as the witness of what the card holds.

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "drivers/reader/pcsc_session.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/cardsim/card.hpp"
#include "tools/cardsim/control_client.hpp"

namespace ektp::test {

struct EncoderSlot {
  RigEnv rig;
  std::filesystem::path ctl = rig.at("EKTP_ENCODER_CTL");
  std::string reader = rig.at("EKTP_ENCODER_READER");

  /// A control command that must succeed; its answer.
  std::string cmd(const std::string& line) {
    auto r = cardsim::control_request(ctl, line);
    REQUIRE_MESSAGE(r.ok(), line << ": " << (r.ok() ? "" : r.error().message));
    return *r;
  }
  /// Out of the field, and seen out by pcscd (which notices only when it next polls).
  void take_out() {
    cmd("remove");
    REQUIRE_OK(reader::wait_card_absent(reader, std::chrono::seconds(5)));
  }
  /// A new blank card of `settings` in the field.
  void fresh_card(const std::string& settings) {
    take_out();
    cmd("new " + settings);
    cmd("insert");
  }
  std::unique_ptr<reader::PcscSession> connect() {
    auto s = reader::PcscSession::connect(reader, std::chrono::seconds(5));
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    return std::move(*s);
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
