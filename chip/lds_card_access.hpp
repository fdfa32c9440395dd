#pragma once
/// EF.CardAccess (FID 011C, SFI 1C, in the MF, readable by all): the SecurityInfos
/// (ICAO 9303-11, section 9.2) that announce PACE to a reader. KTP-OPEN writes one
/// PACEInfo (chip-profile.md, "Access and life cycle"; docs/chip-data.md).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

inline constexpr std::uint16_t kCardAccessFid = 0x011C;
inline constexpr std::uint8_t kCardAccessSfi = 0x1C;
/// id-PACE (bsi-de 2 2 4): every PACE protocol OID is this plus two arcs.
inline constexpr const char* kIdPace = "0.4.0.127.0.7.2.2.4";
/// id-PACE-ECDH-GM-AES-CBC-CMAC-128: KTP-OPEN's PACE protocol.
inline constexpr const char* kPaceEcdhGmAes128 = "0.4.0.127.0.7.2.2.4.2.2";
/// Standardized domain parameters 13: brainpoolP256r1 (ICAO 9303-11, table 6).
inline constexpr int kParamBrainpoolP256r1 = 13;

/// One PACEInfo: protocol, version (2), and the standardized domain parameters.
struct PaceInfo {
  std::string protocol;  ///< dotted OID under id-PACE
  int version = 2;
  std::optional<int> parameter_id;  ///< absent: the card holds PACEDomainParameterInfo
  friend bool operator==(const PaceInfo&, const PaceInfo&) = default;
};

/// KTP-OPEN v1's PACEInfo.
PaceInfo ktp_open_pace_info();

/// EF.CardAccess holding exactly `infos` (DER: SET OF SEQUENCE).
Result<Bytes> build_card_access(const std::vector<PaceInfo>& infos);

/// The PACEInfos in an EF.CardAccess, in file order; other SecurityInfos (chip
/// authentication, terminal authentication, card info locators, domain
/// parameters) are skipped as ICAO asks. Refuses malformed DER, a PACEInfo
/// without a version, a version other than 2, and a file without any PACEInfo.
Result<std::vector<PaceInfo>> parse_card_access(std::span<const std::uint8_t> bytes);

/// Dotted text of a DER OID's content bytes; "" when malformed.
std::string oid_text(std::span<const std::uint8_t> content);
/// DER content bytes of a dotted OID; empty when malformed.
Bytes oid_content(const std::string& dotted);

}  // namespace ektp::chip
