#include "chip/profile_ktp_open.hpp"

#include "chip/lds_dataset.hpp"

namespace ektp::chip {

KtpOpenV1::KtpOpenV1() : aid_{0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01} {
  // The LDS table (lds_dataset.hpp) in writing order, then EF.SOD last.
  for (const FileSpec& spec : profile_files()) {
    ProfileFile f;
    f.name = spec.name;
    f.fid = spec.fid;
    f.sfi = spec.sfi;
    f.data_group = (spec.fid == 0x011E || spec.fid == 0x011D) ? 0 : (spec.fid & 0xFF);
    f.security = kKtpOpenEfSecurity;
    f.read_protected = true;
    if (spec.fid != 0x011D) files_.push_back(f);
  }
  files_.push_back({"EF.SOD", 0x011D, 0x1D, 0, kKtpOpenEfSecurity, true});
}

Bytes KtpOpenV1::application_fcp() const {
  const std::uint16_t fid = application_fid();
  Bytes body{0x82,
             0x01,
             0x38,
             0x83,
             0x02,
             static_cast<std::uint8_t>(fid >> 8),
             static_cast<std::uint8_t>(fid & 0xFF),
             0x84,
             static_cast<std::uint8_t>(aid_.size())};
  body.insert(body.end(), aid_.begin(), aid_.end());
  // Initialisation state; once operational, no EF or DF may be created in it
  // (AM b3 | b2 = 06, then SC(b3) = FF, SC(b2) = FF).
  body.insert(body.end(), {0x8A, 0x01, 0x03, 0x8C, 0x03, 0x06, 0xFF, 0xFF});
  return wrap_fcp(body);
}

const Profile& ktp_open_v1() {
  static const KtpOpenV1 profile;
  return profile;
}

}  // namespace ektp::chip
