#pragma once
/// Job bundles (central-protocol.md, docs/bundle.md): a CMS SignedData (DER, content
/// attached, eContentType kBundleContentTypeOid) whose content is one JSON document
/// describing one card job. This header holds the bundle's plain content, its limits
/// and the builder used by tests and the central simulator; verification is in
/// chip/bundle_verify.hpp, the JSON schema in chip/bundle_json.hpp.

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "chip/openssl_util.hpp"
#include "chip/record.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// eContentType of a job bundle: KTP-OPEN arc (chip/pki.hpp) .2 (content types) .1
/// (job bundle, JSON). A private type, so a bundle can never be mistaken for another
/// record signed by the same job signer (e.g. a cancel record), nor the reverse.
inline constexpr const char* kBundleContentTypeOid =
    "2.25.137022844628597072542587622364638402932.2.1";

/// Limits of a bundle (docs/bundle.md).
struct BundleLimits {
  static constexpr std::size_t bundle_bytes = 256 * 1024;    ///< whole DER, checked first
  static constexpr std::size_t json_bytes = 240 * 1024;      ///< the signed content
  static constexpr int json_depth = 3;                       ///< root object = depth 1
  static constexpr std::size_t photo_bytes = 64 * 1024;      ///< face photo, decoded
  static constexpr std::size_t signature_bytes = 8 * 1024;   ///< face signature, decoded
  static constexpr std::size_t chip_file_bytes = 16 * 1024;  ///< each LDS file, decoded
  static constexpr std::size_t text_bytes = 128;             ///< any text field (then validate())
  static constexpr int priority_min = 0;
  static constexpr int priority_max = 9;
  static constexpr int max_certificates = 4;
};

/// Largest base64 text (padded, no line breaks) of `decoded` bytes.
constexpr std::size_t base64_length(std::size_t decoded) { return (decoded + 2) / 3 * 4; }

/// Standard base64 (RFC 4648 section 4), padded, no line breaks.
std::string base64_encode(std::span<const std::uint8_t> data);
/// Strict decoding: standard alphabet only, padded to a multiple of 4, no whitespace,
/// unused bits zero (one text per byte string). Refuses text longer than
/// base64_length(max_bytes) before decoding. `field` names the field in messages.
Result<Bytes> base64_decode(const std::string& text, std::size_t max_bytes,
                            const std::string& field);

/// Everything a bundle's JSON carries, decoded.
struct BundleContent {
  std::string job_id;                 ///< UUID v4, lower-case text: the idempotency key
  int priority = 0;                   ///< BundleLimits::priority_min .. priority_max (higher first)
  Date pickup_date;                   ///< promised pickup date
  std::string created_at;             ///< RFC 3339 UTC, "2026-01-31T12:00:00Z"
  CitizenRecord record;               ///< face fields, NIK and CAN
  Bytes photo;                        ///< JPEG for the printed face
  Bytes signature;                    ///< JPEG of the citizen's signature for the printed face
  std::map<std::string, Bytes> chip;  ///< "EF.COM", "DG1", ..., "EF.SOD" -> file content
  friend bool operator==(const BundleContent&, const BundleContent&) = default;
};

/// Build a bundle: the JSON of `content` (bundle_json.hpp) signed with `key` and
/// SHA-256, `signer` included. No checks of roles or content here (tests make
/// deliberately bad bundles with it). For tests and the central simulator.
Result<Bytes> make_bundle(const BundleContent& content, X509* signer, EVP_PKEY* key);

/// Sign arbitrary `json` text as a bundle (for tests of the JSON checks).
Result<Bytes> make_bundle_from_json(const std::string& json, X509* signer, EVP_PKEY* key);

}  // namespace ektp::chip
