#include "drivers/reader/pcsc_errors.hpp"

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

#include "drivers/common/messages.hpp"

namespace ektp::reader {

Error pcsc_error(long rc, const std::string& what, const std::string& reader) {
  switch (rc) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    case SCARD_E_INVALID_HANDLE:  // a context or card handle from before pcscd restarted
      return fail("pcsc.no_service", msg::pcsc_not_running());
    case SCARD_E_NO_READERS_AVAILABLE:
      return fail("reader.none", msg::no_readers());
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      return fail("reader.gone", msg::reader_unavailable(reader));
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_REMOVED_CARD:
      return fail("card.removed", msg::card_removed());
    case SCARD_W_RESET_CARD:
      return fail("card.reset", msg::card_reset());
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_TIMEOUT:
      return fail("card.not_responding", msg::card_not_responding());
    default:
      // pcscd's own text names the failure; `what` says which step it was.
      return fail("pcsc.error", msg::pcsc_failed(what + ": " + pcsc_stringify_error(rc)));
  }
}

}  // namespace ektp::reader
