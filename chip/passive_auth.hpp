#pragma once
/// Passive authentication of chip data (ICAO 9303-11 5.1): EF.SOD's signature,
/// its document signer's role and chain to the pinned CSCA (validity at `now`,
/// CRL when loaded), then every data group's hash recomputed and compared.
/// (The agreement of DG11/DG1 with the job's face fields is checked elsewhere.)

#include <cstdint>
#include <span>
#include <string>

#include "chip/pki.hpp"
#include "chip/sod.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// What passive authentication established, for the intake record.
struct PassiveAuthReport {
  std::string signer_subject;  ///< the document signer
  bool crl_checked = false;    ///< the CSCA's CRL was consulted
  bool chain_from_cache = false;
  DataGroupHashes hashes;  ///< as signed (equal to the data's)
};

/// Verify `ef_sod` over `groups` (the whole EF of each data group, by number) at
/// `now` (seconds since the epoch; injected so results are reproducible).
/// Each refusal has its own code (sod.*, pki.*) and says which part and what differs:
///   sod.dg_missing        a DG listed in the SOD is not in `groups`
///   sod.dg_extra          a DG in `groups` is not listed in the SOD
///   sod.dg_hash_mismatch  a DG's content differs from what was signed
Result<PassiveAuthReport> verify_passive_auth(std::span<const std::uint8_t> ef_sod,
                                              const DataGroups& groups, const TrustStore& trust,
                                              std::int64_t now);

/// Only the hash comparison (the last step), for callers that already hold a verified SOD.
Result<void> compare_data_group_hashes(const DataGroupHashes& signed_hashes,
                                       const DataGroups& groups);

}  // namespace ektp::chip
