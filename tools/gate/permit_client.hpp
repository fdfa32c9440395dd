#pragma once
/// The gate's side of the print permit socket (docs/print-permit.md): connect, send one
/// redeem request, receive the whole face into memory (never a file) or a refusal.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/permit_protocol.hpp"

namespace ektp::gate {

/// Asks the permit service at `socket_path` to redeem `request`. Returns the face, all
/// of it (exactly the announced size), or an error: "gate.unreachable" (no service),
/// "gate.refused" (the service said no; the message says why, never the token),
/// "gate.protocol" (a broken or short answer), "gate.timeout". `timeout` bounds each
/// wait for the service.
Result<std::vector<std::uint8_t>> redeem(const std::string& socket_path,
                                         const printer::permit::RedeemRequest& request,
                                         std::chrono::milliseconds timeout);

}  // namespace ektp::gate
