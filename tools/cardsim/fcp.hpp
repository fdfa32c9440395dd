#pragma once
/// File control parameters (ISO/IEC 7816-4 §5.3.3): parsing the FCP of
/// CREATE FILE, and building the FCP (62) and FCI (6F) that SELECT returns.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "tools/cardsim/file_system.hpp"

namespace ektp::cardsim {

/// Parse CREATE FILE data: exactly one `62 L {...}` holding 82 (01 transparent
/// EF or 38 DF), 83 FID, and for an EF 80 size, optional 88, 8A (03|05), 8C
/// compact attributes; for a DF optional 84 name, 80/81 (ignored), 8A, 8C, an
/// empty 88. Tag 88 (ISO/IEC 7816-4): absent = the SFI is b5-b1 of the FID (no
/// SFI when those are 00000 or 11111); empty = no SFI; one byte = SFI in b8-b4.
/// Returns null when the FCP is malformed or inconsistent (the card says 6A80).
std::unique_ptr<Node> parse_create_fcp(std::span<const std::uint8_t> data);

/// The FCP template (62) describing `node`.
std::vector<std::uint8_t> build_fcp(const Node& node);
/// The FCI template (6F) with the same content.
std::vector<std::uint8_t> build_fci(const Node& node);

}  // namespace ektp::cardsim
