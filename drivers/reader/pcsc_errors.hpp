#pragma once
/// pcsc-lite return codes as error values for people.

#include <string>

#include "drivers/common/result.hpp"

namespace ektp::reader {

/// Map a failed SCard* return code (LONG) to an Error; `what` names the step.
Error pcsc_error(long rc, const std::string& what, const std::string& reader = {});

}  // namespace ektp::reader
