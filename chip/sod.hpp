#pragma once
/// EF.SOD (ICAO 9303-10 4.6.2): tag 77 around a CMS SignedData whose attached
/// content (eContentType id-icao-ldsSecurityObject) is the LDS security object,
/// signed by a document signer whose certificate is included.
///
/// Building is for the test PKI and the central simulator (the station never
/// signs). Parsing treats the bytes as hostile: size bounded, strict framing,
/// OpenSSL's d2i bounded by the length, exactly one signer.

#include <cstdint>
#include <span>
#include <vector>

#include "chip/openssl_util.hpp"
#include "chip/sod_security_object.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// Largest EF.SOD accepted (the profile's SOD is about 1.3 KB).
inline constexpr std::size_t kMaxSodBytes = 16 * 1024;
/// Most certificates an SOD may carry.
inline constexpr int kMaxSodCertificates = 4;

/// Build EF.SOD over `groups`, signed with `key` (ECDSA P-256 expected) and SHA-256,
/// `signer` included. No role check here: callers sign with what they are given.
Result<Bytes> build_sod(const DataGroups& groups, X509* signer, EVP_PKEY* key);

/// Wrap a DER CMS ContentInfo in the EF.SOD tag 77 / take it out again (strict).
Bytes wrap_ef_sod(std::span<const std::uint8_t> cms_der);
Result<std::span<const std::uint8_t>> unwrap_ef_sod(std::span<const std::uint8_t> ef_sod);

/// A parsed EF.SOD: structure checked, signature NOT yet verified.
struct ParsedSod {
  CmsPtr cms;                         ///< the SignedData
  Bytes content;                      ///< the LDS security object (DER), as signed
  DataGroupHashes hashes;             ///< parsed from `content`
  X509Ptr signer;                     ///< the signer's certificate, from the SOD
  std::vector<X509Ptr> certificates;  ///< every certificate in the SOD (signer included)
};

/// Parse EF.SOD (tag 77 + CMS). Refuses oversized, truncated, trailing bytes, another
/// content type, detached content, not exactly one signer, a missing signer
/// certificate, a digest other than SHA-2, or a malformed security object.
Result<ParsedSod> parse_sod(std::span<const std::uint8_t> ef_sod);

/// Check the CMS signature (signed attributes, message digest) with the included
/// signer certificate. Says nothing about whether that certificate is trusted.
Result<void> verify_sod_signature(ParsedSod& sod);

}  // namespace ektp::chip
