// pcsc-lite return codes become distinct outcomes the personalizer can act on.
#include <doctest/doctest.h>

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

#include "drivers/reader/pcsc_errors.hpp"

using ektp::reader::pcsc_error;

TEST_CASE("pcscd gone or restarted: pcsc.no_service, whatever the handle says") {
  CHECK(pcsc_error(SCARD_E_NO_SERVICE, "x").code == "pcsc.no_service");
  CHECK(pcsc_error(SCARD_E_SERVICE_STOPPED, "x").code == "pcsc.no_service");
  CHECK(pcsc_error(SCARD_E_INVALID_HANDLE, "x").code == "pcsc.no_service");
}

TEST_CASE("card removed, card reset, reader unplugged, timeouts: each its own code") {
  CHECK(pcsc_error(SCARD_W_REMOVED_CARD, "x").code == "card.removed");
  CHECK(pcsc_error(SCARD_E_NO_SMARTCARD, "x").code == "card.removed");
  CHECK(pcsc_error(SCARD_W_RESET_CARD, "x").code == "card.reset");
  CHECK(pcsc_error(SCARD_E_READER_UNAVAILABLE, "x", "R").code == "reader.gone");
  CHECK(pcsc_error(SCARD_E_UNKNOWN_READER, "x", "R").code == "reader.gone");
  CHECK(pcsc_error(SCARD_E_TIMEOUT, "x").code == "card.not_responding");
  CHECK(pcsc_error(SCARD_W_UNRESPONSIVE_CARD, "x").code == "card.not_responding");
  CHECK(pcsc_error(SCARD_E_NO_READERS_AVAILABLE, "x").code == "reader.none");
}

TEST_CASE("an unexpected code keeps pcscd's own text and the step") {
  const auto e = pcsc_error(SCARD_E_SHARING_VIOLATION, "connecting to the card");
  CHECK(e.code == "pcsc.error");
  CHECK(e.message.find("connecting to the card") != std::string::npos);
}

TEST_CASE("the reader's name is in the unplugged message") {
  const auto e = pcsc_error(SCARD_E_READER_UNAVAILABLE, "x", "EKTP Encoder 00 00");
  CHECK(e.message.find("EKTP Encoder 00 00") != std::string::npos);
}
