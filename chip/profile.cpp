#include "chip/profile.hpp"

#include <cassert>

namespace ektp::chip {

Bytes wrap_fcp(const Bytes& body) {
  assert(body.size() < 0x80 && "FCP templates here use a one-byte length");
  Bytes out{0x62, static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes Profile::ef_fcp(const ProfileFile& file, std::size_t size) const {
  assert(size <= 0xFFFF && "EF sizes are two bytes in tag 80");
  Bytes body{0x80,
             0x02,
             static_cast<std::uint8_t>(size >> 8),
             static_cast<std::uint8_t>(size & 0xFF),
             0x82,
             0x01,
             0x01,
             0x83,
             0x02,
             static_cast<std::uint8_t>(file.fid >> 8),
             static_cast<std::uint8_t>(file.fid & 0xFF)};
  if (file.sfi == 0) {
    body.insert(body.end(), {0x88, 0x00});  // explicitly none (no implicit SFI from the FID)
  } else {
    body.insert(body.end(), {0x88, 0x01, static_cast<std::uint8_t>(file.sfi << 3)});
  }
  body.insert(body.end(), {0x8A, 0x01, 0x03});  // initialisation state
  if (!file.security.empty()) {
    body.push_back(0x8C);
    body.push_back(static_cast<std::uint8_t>(file.security.size()));
    body.insert(body.end(), file.security.begin(), file.security.end());
  }
  return wrap_fcp(body);
}

}  // namespace ektp::chip
