#include "tools/cardsim/apdu.hpp"

namespace ektp::cardsim {

namespace {
bool fail_length(std::uint16_t& status) {
  status = sw::wrong_length;
  return false;
}
}  // namespace

bool parse_command(std::span<const std::uint8_t> apdu, std::size_t max_ext, Command& out,
                   std::uint16_t& status) {
  out = Command{};
  if (apdu.size() < 4) return fail_length(status);
  out.cla = apdu[0];
  out.ins = apdu[1];
  out.p1 = apdu[2];
  out.p2 = apdu[3];
  auto body = apdu.subspan(4);
  if (body.empty()) return true;  // case 1

  if (body.size() == 1) {  // case 2 short
    out.le_present = true;
    out.le_wildcard = body[0] == 0;
    out.ne = body[0] == 0 ? 256 : body[0];
    return true;
  }
  if (body[0] != 0) {  // case 3 or 4 short
    std::size_t lc = body[0];
    if (body.size() == 1 + lc) {
      out.data.assign(body.begin() + 1, body.end());
      return true;
    }
    if (body.size() == 2 + lc) {
      out.data.assign(body.begin() + 1, body.end() - 1);
      out.le_present = true;
      out.le_wildcard = body.back() == 0;
      out.ne = body.back() == 0 ? 256 : body.back();
      return true;
    }
    return fail_length(status);
  }

  // Extended: a leading 00 then two-byte lengths.
  if (body.size() < 3) return fail_length(status);
  if (max_ext == 0) return fail_length(status);  // the card announced short APDUs only
  out.extended = true;
  auto set_le = [&](std::uint8_t hi, std::uint8_t lo) {
    std::size_t le = static_cast<std::size_t>(hi) << 8 | lo;
    out.le_present = true;
    out.le_wildcard = le == 0;
    out.ne = le == 0 ? max_ext : le;
    return le == 0 || le <= max_ext;
  };
  if (body.size() == 3) {  // case 2 extended
    if (!set_le(body[1], body[2])) return fail_length(status);
    return true;
  }
  std::size_t lc = static_cast<std::size_t>(body[1]) << 8 | body[2];
  if (lc == 0 || lc > max_ext) return fail_length(status);
  if (body.size() == 3 + lc) {  // case 3 extended
    out.data.assign(body.begin() + 3, body.end());
    return true;
  }
  if (body.size() == 5 + lc) {  // case 4 extended
    out.data.assign(body.begin() + 3, body.end() - 2);
    if (!set_le(body[body.size() - 2], body.back())) return fail_length(status);
    return true;
  }
  return fail_length(status);
}

}  // namespace ektp::cardsim
