#pragma once
/// The personalizer on the rig's encoder, as the station drives it: one
/// PcscReader kept for every card (through pcscd restarts, mute and torn
/// cards), the Transmit seam bound to Reader::transmit with a deadline, the
/// ATR passed on.

#include <chrono>
#include <functional>

#include "chip/personalizer.hpp"
#include "chip/personalizer_trace.hpp"
#include "drivers/reader/pcsc_reader.hpp"
#include "tests/support/encoder_slot.hpp"

namespace ektp::test {

struct PersoEncoder : EncoderSlot {
  /// The station's Reader for the encoder (distinct from the slot's watcher).
  ektp::reader::PcscReader station{reader};
  /// Called before each APDU with its number (1, 2, ...), e.g. to kill pcscd mid-run.
  std::function<void(std::size_t)> before_apdu;

  /// Connect to the card in the encoder and personalize it with `job`; a
  /// failed connect is a retry outcome (nothing sent).
  chip::PersoOutcome personalize(const chip::PersoJob& job, chip::ApduTrace* trace = nullptr,
                                 std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
    auto info = station.connect(std::chrono::seconds(5));
    if (!info) {
      chip::PersoOutcome out;
      out.detail = info.error();
      return out;
    }
    std::size_t n = 0;
    const chip::Transmit transmit = [this, deadline, &n](const chip::Bytes& apdu) {
      if (before_apdu) before_apdu(++n);
      return station.transmit(apdu, deadline);
    };
    chip::PersoOptions options;
    options.atr = info->atr;
    options.trace = trace;
    auto out = chip::personalize(job, transmit, options);
    (void)station.disconnect();  // may fail: the card may have left
    return out;
  }

  /// Put back the card that a tear (or `remove`) took out of the field, faults cleared.
  void put_back() {
    REQUIRE_OK(watcher.wait_card_absent(std::chrono::seconds(10)));
    cmd("clear_faults");
    cmd("insert");
  }
};

}  // namespace ektp::test
