#pragma once
/// The card transport of the rig's printer simulator (tools/printersim), driven over
/// its control socket (rig.env EKTP_PRINTERSIM_CTL). Speaks only the simulator's line
/// protocol (tools/printersim/README.md): `feed`, `eject`, `reject`, `status`; one
/// connection per call, each bounded by `timeout`.

#include <chrono>
#include <filesystem>
#include <string>

#include "drivers/printer/card_transport.hpp"

namespace ektp::printer {

class SimCardTransport final : public CardTransport {
 public:
  /// `socket`: the simulator's control socket. `timeout` bounds each exchange (a slow
  /// printer fault makes feed take longer: give it room).
  explicit SimCardTransport(std::filesystem::path socket,
                            std::chrono::milliseconds timeout = std::chrono::seconds(30));

  Result<void> feed() override;
  Result<void> eject() override;
  Result<void> reject() override;
  Result<TransportStatus> status() override;

  /// One raw exchange: the text after "ok", or the printer's error (code from its
  /// answer). Public for tests and tools.
  Result<std::string> request(const std::string& line);

 private:
  std::filesystem::path socket_;
  std::chrono::milliseconds timeout_;
};

/// Parse the simulator's `status` answer (key=value words) into a TransportStatus.
Result<TransportStatus> parse_transport_status(const std::string& text);

}  // namespace ektp::printer
