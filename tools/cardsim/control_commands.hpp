#pragma once
/// What each control command does to the slot and its card.

#include <string>

#include "drivers/common/result.hpp"
#include "tools/cardsim/control_protocol.hpp"
#include "tools/cardsim/slot.hpp"

namespace ektp::cardsim {

/// Execute `command` on `slot`: the text after "ok" (often empty), or an
/// error for people. `quit` only answers; the server acts on it.
Result<std::string> execute_command(Slot& slot, const ControlCommand& command);

}  // namespace ektp::cardsim
