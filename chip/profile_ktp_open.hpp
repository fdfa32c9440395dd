#pragma once
/// KTP-OPEN v1 (chip-profile.md): the ICAO LDS1 application with EF.COM,
/// DG1, DG2, DG3, DG7, DG11, DG12, DG13 and EF.SOD, no personalization
/// authentication (transport-open blanks), every EF locked as "update never,
/// read only in an authenticated session" once activated.

#include "chip/profile.hpp"

namespace ektp::chip {

/// The application DF's FID (chip-profile.md names only the AID; KTP-OPEN's choice).
inline constexpr std::uint16_t kKtpOpenApplicationFid = 0x0A01;

/// Compact security attributes of every KTP-OPEN EF: AM = read | update, then
/// SC(update) = FF never, SC(read) = 90 authenticated session.
inline const Bytes kKtpOpenEfSecurity{0x03, 0xFF, 0x90};

class KtpOpenV1 final : public Profile {
 public:
  KtpOpenV1();
  std::string name() const override { return "KTP-OPEN v1"; }
  const Bytes& application_aid() const override { return aid_; }
  std::uint16_t application_fid() const override { return kKtpOpenApplicationFid; }
  const std::vector<ProfileFile>& files() const override { return files_; }
  SessionAuth auth() const override { return SessionAuth::none; }
  Bytes application_fcp() const override;

 private:
  Bytes aid_;
  std::vector<ProfileFile> files_;
};

/// The default profile (one shared, immutable instance).
const Profile& ktp_open_v1();

}  // namespace ektp::chip
