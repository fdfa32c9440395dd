// Fuzz harness: whole job-bundle verification (chip/bundle_verify.hpp) at kFuzzNow.
// Input byte 0, low bit:
//   0  the rest is a bundle (DER) checked against the seeds' fixed trust: the CMS
//      structure, signature and signer checks see the fuzzed bytes;
//   1  the rest is the bundle's JSON, signed here by the job signer made at start, so
//      every later step (schema, data set, passive authentication of its EF.SOD
//      against the seeds' CSCA, face fields, capacity) sees the fuzzed content.
// A bundle that passes holds what verify_bundle promises.

#include <cstddef>
#include <cstdint>
#include <span>

#include "chip/bundle.hpp"
#include "chip/bundle_verify.hpp"
#include "chip/openssl_util.hpp"
#include "fuzz/support/fuzz_input.hpp"
#include "fuzz/support/fuzz_pki.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

void check_verified(const VerifiedBundle& v, std::span<const std::uint8_t> der,
                    const BundleVerifyOptions& options) {
  FUZZ_CHECK(der.size() <= BundleLimits::bundle_bytes);
  FUZZ_CHECK(v.content_hash == sha256(der));
  FUZZ_CHECK(v.record.nik == v.nik);
  FUZZ_CHECK(validate(v.record).ok());
  FUZZ_CHECK(!v.signer_subject.empty());
  FUZZ_CHECK(v.priority >= BundleLimits::priority_min && v.priority <= BundleLimits::priority_max);
  FUZZ_CHECK(!v.dataset.files.empty());
  FUZZ_CHECK(std::string(v.dataset.files.back().spec.name) == "EF.SOD");
  FUZZ_CHECK(v.dataset.fits(options.card_capacity, options.per_file_overhead).ok());
  // Every data group is the one the document signer signed.
  FUZZ_CHECK(v.sod.hashes == hash_data_groups(data_groups_of(v.dataset)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& trust = fuzz::fuzz_trust();
  fuzz::InputReader in({data, size});
  const BundleVerifyOptions options;
  if ((in.u8() & 1) == 0) {
    const auto der = in.rest();
    if (auto v = verify_bundle(der, trust.fixed, fuzz::kFuzzNow, options)) {
      check_verified(*v, der, options);
    }
    return 0;
  }
  const auto json = in.rest();
  const auto& signer = trust.made.job_signers.at(0);
  auto der = make_bundle_from_json(std::string(json.begin(), json.end()), signer.cert.get(),
                                   signer.key.get());
  if (!der) return 0;  // e.g. larger than CMS signing takes; nothing to verify
  if (auto v = verify_bundle(*der, trust.resign, fuzz::kFuzzNow, options)) {
    check_verified(*v, *der, options);
  }
  return 0;
}
