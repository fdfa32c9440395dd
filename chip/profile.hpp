#pragma once
/// A chip profile: what the personalizer writes where, and how the card is
/// locked. The personalizer knows only this interface, so a vendor profile can
/// be added beside KTP-OPEN v1 without touching the sequence.

#include <cstdint>
#include <string>
#include <vector>

#include "chip/apdu.hpp"

namespace ektp::chip {

/// One EF of the profile's application.
struct ProfileFile {
  std::string name;            ///< "EF.COM", "DG1", ..., "EF.SOD"
  std::uint16_t fid = 0;       ///< file identifier, e.g. 0x0101
  std::uint8_t sfi = 0;        ///< short file identifier (1..30), 0 = none
  int data_group = 0;          ///< LDS data group number (1..16); 0 = EF.COM / EF.SOD
  Bytes security;              ///< value of tag 8C (compact security attributes)
  bool read_protected = true;  ///< once operational, an unauthenticated READ is refused
};

/// How the personalization session is opened.
enum class SessionAuth {
  none,  ///< transport-open test blanks (KTP-OPEN v1 today; the SAM plugs in here later)
};

class Profile {
 public:
  virtual ~Profile() = default;

  /// "KTP-OPEN v1": for logs and messages.
  virtual std::string name() const = 0;
  /// The application's DF name (SELECT by AID, tag 84 when creating it).
  virtual const Bytes& application_aid() const = 0;
  /// The application DF's file identifier (used when creating it in the MF).
  virtual std::uint16_t application_fid() const = 0;
  /// The EFs in writing order. EF.SOD must be last: it is activated last, so a
  /// card interrupted while being locked is recognised by its EF.SOD.
  virtual const std::vector<ProfileFile>& files() const = 0;
  /// How the personalization session is opened.
  virtual SessionAuth auth() const = 0;
  /// Largest UPDATE BINARY data field on a short-APDU card (255 plain; less
  /// under secure messaging).
  virtual std::size_t short_write_max() const { return 255; }
  /// Largest READ BINARY Le on a short-APDU card (256).
  virtual std::size_t short_read_max() const { return 256; }
  /// Whether locking activates the application DF too (after every EF but
  /// EF.SOD), so that its operational access rules (tag 8C) apply, e.g. no
  /// file may be created in it any more.
  virtual bool activate_application() const { return true; }
  /// Bytes the card's file system spends per file (capacity planning).
  virtual std::size_t per_file_overhead() const { return 32; }

  /// The FCP template (62 ...) of CREATE FILE for the application DF:
  /// 82 01 38, 83 FID, 84 AID, 8A 01 03 and the DF's 8C.
  virtual Bytes application_fcp() const = 0;
  /// The FCP template (62 ...) of CREATE FILE for `file` of `size` bytes:
  /// 80 size, 82 01 01, 83 FID, 88 SFI<<3, 8A 01 03, 8C attributes.
  virtual Bytes ef_fcp(const ProfileFile& file, std::size_t size) const;
};

/// Wrap `body` in tag 62 (short BER length: the FCPs here stay under 128 bytes).
Bytes wrap_fcp(const Bytes& body);

}  // namespace ektp::chip
