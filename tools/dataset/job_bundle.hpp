#pragma once
/// Job bundles as central would send them, from made data sets: the content of
/// docs/bundle.md (face fields from the same record as the chip, the printable photo,
/// the signature image, every chip file with EF.SOD) and job ids. For tests,
/// benchmarks and the central-office simulator.

#include <cstdint>
#include <string>

#include "chip/bundle.hpp"
#include "tools/dataset/signed_dataset.hpp"

namespace ektp::dataset {

/// A UUID version 4 in lower-case text, the same for the same (seed, index).
std::string make_job_id(std::uint64_t seed, std::uint64_t index);

/// What a job adds to its data set.
struct JobFields {
  std::string job_id;
  int priority = 0;
  chip::Date pickup_date{2026, 12, 1};
  std::string created_at = "2026-11-20T08:00:00Z";
};

/// The bundle content of `made` (made with its face photo) for `job`.
chip::BundleContent bundle_content(const MadeDataset& made, const JobFields& job);

/// The signed bundle (DER) of bundle_content(made, job), signed by `job_signer`.
Result<chip::Bytes> make_job_bundle(const MadeDataset& made, const JobFields& job,
                                    const testpki::Identity& job_signer);

}  // namespace ektp::dataset
