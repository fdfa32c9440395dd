#pragma once
/// The shape check shared by every signed object the station accepts (EF.SOD, job
/// bundles): a CMS SignedData with attached content of one expected type, exactly one
/// signer, a SHA-2 digest, the signer's certificate included, and a bounded number of
/// certificates. The signature and the chain are checked by the callers (they differ).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chip/openssl_util.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// What the caller expects, and how it words a refusal.
struct SignedCmsRules {
  const char* code_prefix = "";       ///< "sod", "bundle": codes are <prefix>.malformed, ...
  const char* content_type_oid = "";  ///< the eContentType required, dotted
  /// For people: a catalogue entry's English (msg::content_*), translated when used.
  const char* content_name = "";
  int max_certificates = 0;
  /// Builds the refusal for `code` from the object's own words, e.g. "The chip
  /// security data (EF.SOD) " + what + ". <what to do>".
  Error (*refused)(const char* code, const std::string& what) = nullptr;
};

/// A parsed SignedData. `content` points into `cms`.
struct SignedCms {
  CmsPtr cms;
  std::span<const std::uint8_t> content;
  X509Ptr signer;                     ///< the certificate matching the one SignerInfo
  std::vector<X509Ptr> certificates;  ///< every certificate carried (signer included)
};

/// Parses `der` (the whole of it: trailing bytes are refused) under `rules`.
/// Codes: <prefix>.malformed, .content_type, .signer_count, .digest_algorithm,
/// .no_signer_certificate.
Result<SignedCms> parse_signed_cms(std::span<const std::uint8_t> der, const SignedCmsRules& rules);

}  // namespace ektp::chip
