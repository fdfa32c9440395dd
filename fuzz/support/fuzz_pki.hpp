#pragma once
/// The trust the fuzz harnesses verify against, the same on every run.
///
/// Seeds (fuzz/corpus/sod, fuzz/corpus/bundle) are signed by a test PKI made once by
/// the seed writer (tests/unit/fuzz_replay, EKTP_WRITE_FUZZ_SEEDS=1), which also wrote
/// that PKI's two root certificates and CRLs into fuzz/support/fixed_roots.inc
/// (public certificates only: no private key is committed). A harness that signs
/// fuzzed content itself uses a Job CA, job signer and station made at start with
/// ektp_testpki.

#include <cstdint>

#include "chip/pki.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::fuzz {

/// 2026-01-01 00:00:00 UTC: the "now" of every verification, inside the validity of
/// the fixed PKI (made at this time) and of the one made at start.
inline constexpr std::int64_t kFuzzNow = 1767225600;

struct FuzzTrust {
  /// The seeds' CSCA and Job CA, each with its CRL (one document signer and one job
  /// signer of the seeds are revoked).
  chip::TrustStore fixed;
  /// The seeds' CSCA and CRL, and the Job CA made at start: for bundles whose JSON is
  /// fuzzed and then signed by `made.job_signers[0]`.
  chip::TrustStore resign;
  /// Made at start: Job CA, one job signer, the station (batch files).
  testpki::TestPki made;
};

/// Built on first use; aborts when it cannot be built (a broken harness, not a finding).
const FuzzTrust& fuzz_trust();

}  // namespace ektp::fuzz
