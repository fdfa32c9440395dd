#pragma once
/// The PC/SC handles of one reader and the steps on them; used on the
/// reader's device thread only (PcscReader). Steps return pcsc-lite codes.

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

#include <chrono>
#include <string>
#include <vector>

#include "drivers/reader/pcsc_reader.hpp"

namespace ektp::reader {

/// pcscd went away or restarted: the context (and any card handle) is dead.
bool service_lost(LONG rc);

struct PcscReader::Device {
  std::string reader;
  SCARDCONTEXT ctx = 0;
  bool has_ctx = false;
  SCARDHANDLE card = 0;
  bool has_card = false;
  DWORD protocol = 0;
  /// After a wait that timed out: whether the reader was listed at the end.
  bool reader_listed = false;

  ~Device() { drop_context(); }

  /// A context, establishing one if there is none.
  LONG ensure_context();
  /// Forget the context and card handle (after pcscd restarted).
  void drop_context();
  /// Run `step` in a context; when pcscd restarted, once more in a new one.
  template <class Step>
  LONG with_context(Step step) {
    LONG rc = SCARD_S_SUCCESS;
    for (int attempt = 0; attempt < 2; ++attempt) {
      rc = ensure_context();
      if (rc == SCARD_S_SUCCESS) rc = step();
      if (!service_lost(rc)) return rc;
      drop_context();
    }
    return rc;
  }

  LONG list(std::vector<std::string>& out);
  /// Until the reader is listed and has (want_card) or has not a card, or
  /// SCARD_E_TIMEOUT at `timeout` (reader_listed tells which).
  LONG wait_for(bool want_card, std::chrono::milliseconds timeout);
  /// Connect exclusively to the card in the reader; the ATR into `atr`.
  LONG connect(Bytes& atr);
  /// Transmit on the connected card; fewer than 2 bytes back is left to the caller.
  LONG transmit(const Bytes& apdu, Bytes& rx);
};

}  // namespace ektp::reader
