#include "tools/cardsim/access_rules.hpp"

#include <bit>

#include "tools/cardsim/apdu.hpp"

namespace ektp::cardsim {

bool valid_compact_attributes(std::span<const std::uint8_t> attributes) {
  if (attributes.empty()) return false;
  std::uint8_t am = attributes[0];
  if (am & 0x80) return false;  // b8 = 1 would mean "proprietary / instruction-coded"
  return attributes.size() == 1 + static_cast<std::size_t>(std::popcount(am));
}

std::uint16_t check_access(const Node& node, Operation op, bool session_authenticated) {
  if (node.life_cycle == lcs::initialisation) return sw::ok;  // personalization
  if (node.security.empty()) return sw::ok;                   // no attributes: nothing to protect
  std::uint8_t am = node.security[0];
  auto bit = static_cast<std::uint8_t>(op);
  if ((am & bit) == 0) return sw::security_not_satisfied;  // not granted = never
  // SC bytes follow from b7 down to b1: the index is 1 + the set bits above `bit`.
  auto above = static_cast<std::uint8_t>(am & 0x7F & ~((bit << 1) - 1));
  std::uint8_t sc = node.security[1 + static_cast<std::size_t>(std::popcount(above))];
  if (sc == 0x00) return sw::ok;
  if (sc == 0xFF) return sw::security_not_satisfied;
  return session_authenticated ? sw::ok : sw::security_not_satisfied;
}

}  // namespace ektp::cardsim
