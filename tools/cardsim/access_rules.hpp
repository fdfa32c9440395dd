#pragma once
/// Access rules from the life cycle and the compact security attributes (8C),
/// ISO/IEC 7816-4 §5.4.3.1. See README.md for the encoding this card uses.

#include <cstdint>
#include <span>

#include "tools/cardsim/file_system.hpp"

namespace ektp::cardsim {

/// Access-mode bits of the AM byte for EFs.
enum class Operation : std::uint8_t {
  read = 0x01,
  update = 0x02,
  write = 0x04,
  deactivate = 0x08,
  activate = 0x10,
  terminate = 0x20,
  remove = 0x40,  ///< DELETE FILE
};

/// Whether an 8C value is well formed: an AM byte with b8 = 0, followed by one
/// SC byte per bit set in b7..b1.
bool valid_compact_attributes(std::span<const std::uint8_t> attributes);

/// 9000 when `op` is allowed on `node`, else 6982 (security status not satisfied).
/// Initialisation state: everything allowed. Operational: no 8C = allowed;
/// AM bit clear or SC FF = never; SC 00 = always; any other SC = only in an
/// authenticated session.
std::uint16_t check_access(const Node& node, Operation op, bool session_authenticated);

}  // namespace ektp::cardsim
