#pragma once
/// A test PKI made at run time (never committed): CSCA and document signers,
/// Job CA and job signers, a station key pair and certificate, and a CRL for
/// each CA. P-256 ECDSA keys, SHA-256 signatures, roles marked as in docs/trust.md.
/// For tests, the central simulator and benchmarks, never for production.

#include <cstdint>
#include <string>
#include <vector>

#include "chip/openssl_util.hpp"
#include "chip/pki.hpp"
#include "drivers/common/result.hpp"

namespace ektp::testpki {

/// A certificate and its private key.
struct Identity {
  chip::X509Ptr cert;
  chip::PkeyPtr key;
};

/// Validity window, seconds since the epoch.
struct Validity {
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
};

/// A fresh P-256 key pair.
Result<chip::PkeyPtr> make_p256_key();

/// A self-signed root: CA:TRUE (critical), keyUsage keyCertSign + cRLSign.
Result<Identity> make_root(const std::string& common_name, Validity validity, long serial);

/// A signer issued by `issuer` for `role`: CA:FALSE, keyUsage digitalSignature
/// (+ keyAgreement for a station), extended key usage of the role.
Result<Identity> issue(const Identity& issuer, const std::string& common_name, chip::Role role,
                       Validity validity, long serial);

/// Like issue(), with the extended key usage given as text (e.g. two roles at once,
/// or none: ""), to make deliberately wrong certificates in tests.
Result<Identity> issue_with_eku(const Identity& issuer, const std::string& common_name,
                                const std::string& eku, Validity validity, long serial);

/// A CRL of `ca` revoking `revoked` (issued by `ca`), valid from `this_update` to `next_update`.
Result<chip::X509CrlPtr> make_crl(const Identity& ca, const std::vector<const X509*>& revoked,
                                  std::int64_t this_update, std::int64_t next_update);

struct Options {
  std::int64_t now = 0;  ///< the validity windows are placed around this time
  int document_signers = 1;
  int job_signers = 1;
};

/// The whole test PKI. Roots valid now-1d .. now+10y, signers now-1d .. now+3y,
/// CRLs (empty) now-1h .. now+30d.
struct TestPki {
  Identity csca;
  Identity job_ca;
  std::vector<Identity> document_signers;
  std::vector<Identity> job_signers;
  Identity station;  ///< issued by the Job CA
  chip::X509CrlPtr csca_crl;
  chip::X509CrlPtr job_ca_crl;
};

Result<TestPki> make_test_pki(const Options& options);

/// Write the PKI as PEM files into `dir` (created): csca.pem csca.key.pem
/// ds1.pem ds1.key.pem ... jobca.pem js1.pem ... station.pem station.key.pem
/// csca.crl.pem jobca.crl.pem. Keys are written mode 0600.
Result<void> write_test_pki(const TestPki& pki, const std::string& dir);

/// Pin both roots and load both CRLs of `pki` into `store`.
Result<void> load_into(const TestPki& pki, chip::TrustStore& store);

}  // namespace ektp::testpki
