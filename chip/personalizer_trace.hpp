#pragma once
/// A redacted APDU trace of a personalization: one line per exchange on the
/// Transmit seam, with the command header (CLA INS P1 P2), Lc, Le, the
/// response's data length and status word, or the transport error code.
/// Never a data byte: no UID, serial, AID, file content or personal data.
/// The text is stable from run to run for the same data set and card, so it
/// can be kept as a golden file and diffed (tests/fixtures/traces/).
///
///   # ektp apdu trace v1: headers, lengths and status words only
///   0001 80 CA 9F 7F le=256 -> 9000 len=45
///   0002 00 D6 00 00 lc=255 -> 9000
///   0003 00 D6 00 FF lc=255 -> error card.removed

#include <cstddef>
#include <string>

#include "chip/apdu.hpp"

namespace ektp::chip {

class ApduTrace {
 public:
  ApduTrace();
  /// `inner` with every exchange recorded here. The trace must outlive the result.
  Transmit wrap(Transmit inner);
  /// Record one exchange (what wrap() does).
  void record(const Bytes& command, const Result<Bytes>& response);
  /// The trace so far (header line first, one line per exchange, '\n' ended).
  const std::string& text() const { return text_; }
  /// Exchanges recorded.
  std::size_t exchanges() const { return count_; }

 private:
  std::string text_;
  std::size_t count_ = 0;
};

/// One exchange as a trace line without its number: "00 B0 00 00 le=256 -> 9000 len=256".
std::string redacted_exchange(const Bytes& command, const Result<Bytes>& response);

}  // namespace ektp::chip
