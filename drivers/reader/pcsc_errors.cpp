#include "drivers/reader/pcsc_errors.hpp"

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

namespace ektp::reader {

Error pcsc_error(long rc, const std::string& what, const std::string& reader) {
  const std::string where = reader.empty() ? std::string{} : " (reader '" + reader + "')";
  switch (rc) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
      return fail("pcsc.no_service",
                  "The card reader service (pcscd) is not running. Start it and try again.");
    case SCARD_E_NO_READERS_AVAILABLE:
      return fail("reader.none", "No card reader is connected. Check the printer's USB cable.");
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      return fail("reader.gone", "The card reader" + where +
                                     " is not available. Check that the printer is on and connected.");
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_REMOVED_CARD:
      return fail("card.removed", "The card was removed during " + what +
                                      ". Put it back in the encoder and try again.");
    case SCARD_W_RESET_CARD:
      return fail("card.reset", "The card was reset by another program during " + what +
                                    ". Try again.");
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_TIMEOUT:
      return fail("card.not_responding", "The card does not respond" + where +
                                             ". Take it out and put it back.");
    default:
      return fail("pcsc.error", "The card reader service reported an error during " + what +
                                    where + ": " + pcsc_stringify_error(rc) + ".");
  }
}

}  // namespace ektp::reader
