// GET CHALLENGE, GET DATA (CPLC), GET DATA UID (FF CA), GET RESPONSE.
#include "tools/cardsim/card_impl.hpp"
#include "tools/cardsim/identity.hpp"
#include "tools/cardsim/tlv.hpp"

namespace ektp::cardsim {

Response CardImpl::get_challenge(const Command& c) {
  if (c.p1 != 0x00 || c.p2 != 0x00) return {{}, sw::wrong_p1p2};
  Bytes challenge(8);
  for (auto& b : challenge) b = static_cast<std::uint8_t>(rng());
  return deliver_fixed(std::move(challenge), c);
}

Response CardImpl::get_data(const Command& c) {
  if (c.p1 != 0x9F || c.p2 != 0x7F) return {{}, sw::data_not_found};
  auto cplc = build_cplc(config);
  return deliver_fixed(encode_tlv(0x9F7F, cplc), c);  // 9F 7F 2A + 42 bytes
}

Response CardImpl::get_uid(const Command& c) {
  if (c.p1 != 0x00 || c.p2 != 0x00) return {{}, sw::wrong_p1p2};
  return deliver_fixed(uid, c);
}

Response CardImpl::get_response(const Command& c) {
  if (c.p1 != 0x00 || c.p2 != 0x00) return {{}, sw::wrong_p1p2};
  if (!c.le_present || !c.data.empty()) return {{}, sw::wrong_length};
  if (pending.empty()) return {{}, sw::conditions_not_satisfied};
  Bytes rest = std::move(pending);
  pending.clear();
  return deliver(std::move(rest), c);
}

}  // namespace ektp::cardsim
