#pragma once
/// The station's trust store: the two pinned roots (CSCA for document signers,
/// Job CA for job signers), their CRLs, certificate-role checks and chain
/// verification with a cache of verified signer chains. See docs/trust.md.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "chip/openssl_util.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// Private arc for KTP-OPEN (a UUID-based OID, X.667 / RFC 4122 "2.25"; no registration
/// needed). ICAO 9303-12 defines no extended key usage for document signers.
inline constexpr const char* kKtpOpenArc = "2.25.137022844628597072542587622364638402932";
/// Extended key usage: signs EF.SOD (LDS security objects).
inline constexpr const char* kEkuDocumentSigner =
    "2.25.137022844628597072542587622364638402932.1.1";
/// Extended key usage: signs job bundles and other records from central.
inline constexpr const char* kEkuJobSigner = "2.25.137022844628597072542587622364638402932.1.2";
/// Extended key usage: a print station's identity (TLS client, batch-file recipient).
inline constexpr const char* kEkuStation = "2.25.137022844628597072542587622364638402932.1.3";

/// What a certificate may do.
enum class Role { document_signer, job_signer, station };

/// The pinned root that anchors each role: CSCA for document signers, Job CA otherwise.
enum class Root { csca, job_ca };
Root root_for(Role role);
const char* role_name(Role role);  ///< "document signer", ...
const char* root_name(Root root);  ///< "CSCA", "Job CA"
const char* eku_for(Role role);

/// Check a leaf certificate's own marks for `role`: the role's EKU present and no
/// other KTP-OPEN role's, keyUsage digitalSignature, not a CA. No chain here.
Result<void> check_role(const X509* leaf, Role role);

struct TrustOptions {
  /// How long after a CRL's nextUpdate it is still used at intake. Past that,
  /// signers of that root are refused until a fresh CRL is loaded ("pki.crl_stale").
  /// nullopt: a stale CRL is never a reason to refuse.
  std::optional<std::chrono::seconds> crl_grace = std::chrono::hours(24 * 7);
  /// Verified-chain cache entries at most (cleared when full).
  std::size_t cache_capacity = 4096;
};

/// What a successful verification established, for the intake record.
struct SignerCheck {
  std::string subject;       ///< the signer's subject
  bool crl_checked = false;  ///< a CRL of the root was consulted
  bool from_cache = false;   ///< served from the verified-chain cache
};

/// Pinned roots, CRLs and the verified-chain cache. Configure (set_root, set_crl)
/// before or between uses; verify_signer may be called from several threads.
class TrustStore {
 public:
  explicit TrustStore(TrustOptions options = {});
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

  /// Pin a root (self-signed, CA:TRUE, keyCertSign). Replaces the previous one and its CRL.
  Result<void> set_root(Root root, X509Ptr cert);
  /// Load the CRL of a root (its signature is checked against the root). Clears the cache.
  Result<void> set_crl(Root root, X509CrlPtr crl);
  /// Forget the CRL of a root (no revocation check). Clears the cache.
  void clear_crl(Root root);

  /// The pinned root, or null.
  const X509* root(Root root) const;

  /// Verify that `leaf` may act as `role` at `now` (seconds since the epoch): its role
  /// marks, its chain to the role's pinned root only (`untrusted` may hold
  /// intermediates), validity dates of the whole chain, the root's CRL when loaded.
  Result<SignerCheck> verify_signer(X509* leaf, Role role, std::int64_t now,
                                    const std::vector<X509*>& untrusted = {}) const;

  /// Number of cached verified chains (for tests).
  std::size_t cache_size() const;

 private:
  struct Anchor {
    X509Ptr cert;
    X509StorePtr store;  // holds only this root
    X509CrlPtr crl;
    std::int64_t crl_next_update = 0;  // 0: none given
  };
  struct CacheEntry {
    std::int64_t valid_from = 0;
    std::int64_t valid_until = 0;
    std::uint64_t generation = 0;
    std::string subject;
    bool crl_checked = false;
  };

  Result<SignerCheck> verify_chain(X509* leaf, Role role, std::int64_t now,
                                   const std::vector<X509*>& untrusted, CacheEntry& entry) const;

  TrustOptions options_;
  mutable std::shared_mutex config_mutex_;
  std::map<Root, Anchor> anchors_;
  std::uint64_t generation_ = 1;  // bumped on every root/CRL change

  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, CacheEntry> cache_;  // key: role + SHA-256 of leaf DER
};

}  // namespace ektp::chip
