#pragma once
/// Access rules from the life cycle and the compact security attributes (8C),
/// ISO/IEC 7816-4 §5.4.3.1. See README.md for the encoding this card uses.

#include <cstdint>
#include <span>

#include "tools/cardsim/file_system.hpp"

namespace ektp::cardsim {

/// Access-mode bits of the AM byte: ISO/IEC 7816-4's tables of the access mode
/// byte for EFs and for DFs (Table 17 in the 2013 edition for DFs). b1 to b3
/// name different commands for EFs and DFs (the values repeat); b4 to b7 are the
/// same for both.
enum class Operation : std::uint8_t {
  // EFs
  read = 0x01,    ///< READ BINARY
  update = 0x02,  ///< UPDATE BINARY
  write = 0x04,   ///< WRITE BINARY
  // DFs
  delete_child = 0x01,  ///< DELETE FILE (child)
  create_ef = 0x02,     ///< CREATE FILE (EF creation)
  create_df = 0x04,     ///< CREATE FILE (DF creation)
  // EFs and DFs
  deactivate = 0x08,   ///< DEACTIVATE FILE
  activate = 0x10,     ///< ACTIVATE FILE
  terminate = 0x20,    ///< TERMINATE EF / TERMINATE DF
  delete_self = 0x40,  ///< DELETE FILE (self)
};

/// Whether an 8C value is well formed: an AM byte with b8 = 0, followed by one
/// SC byte per bit set in b7..b1.
bool valid_compact_attributes(std::span<const std::uint8_t> attributes);

/// 9000 when `op` is allowed on `node` (the EF itself, or the DF a command works
/// in: CREATE FILE asks the parent DF), else 6982 (security status not satisfied).
/// Initialisation state: everything allowed. Operational: no 8C = allowed;
/// AM bit clear or SC FF = never; SC 00 = always; any other SC = only in an
/// authenticated session.
std::uint16_t check_access(const Node& node, Operation op, bool session_authenticated);

}  // namespace ektp::cardsim
