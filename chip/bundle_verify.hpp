#pragma once
/// Verification of a job bundle received from central or a batch file: hostile input,
/// checked in a fixed order, each refusal with its own code and a message that names
/// the part or field (never its personal data). docs/bundle.md lists the codes.

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "chip/bundle.hpp"
#include "chip/lds_dataset.hpp"
#include "chip/passive_auth.hpp"
#include "chip/pki.hpp"

namespace ektp::chip {

struct BundleVerifyOptions {
  /// The card's capacity for the data set (bytes) and what each file costs in the
  /// card's file system (Profile::per_file_overhead()).
  std::size_t card_capacity = 8 * 1024;
  std::size_t per_file_overhead = 32;
};

/// A bundle that passed every check.
struct VerifiedBundle {
  std::string job_id;
  std::string nik;
  int priority = 0;
  Date pickup_date;
  std::string created_at;
  CitizenRecord record;                         ///< face fields, with the CAN
  Bytes photo;                                  ///< JPEG for the printed face
  Bytes signature;                              ///< JPEG for the printed face
  Dataset dataset;                              ///< the chip files in profile order, EF.SOD last
  std::array<std::uint8_t, 32> content_hash{};  ///< SHA-256 of the whole DER bundle
  std::string signer_subject;                   ///< the job signer
  PassiveAuthReport sod;                        ///< what passive authentication established
};

/// Verify `der` at `now` (seconds since the epoch), in this order:
///  1. size (bundle.empty, bundle.too_large), before any parsing;
///  2. CMS structure (bundle.truncated, bundle.malformed, bundle.content_type,
///     bundle.signer_count, bundle.digest_algorithm, bundle.no_signer_certificate);
///  3. signature (bundle.signature_invalid);
///  4. signer: role job signer, chain to the pinned Job CA, dates, CRL
///     (bundle.signer.<reason>: the pki.<reason> of TrustStore::verify_signer);
///  5.-7. JSON, schema and base64 (bundle_json.hpp);
///  8. the data set parses (lds.invalid, naming the file);
///  9. passive authentication of EF.SOD (sod.*, pki.*);
/// 10. chip data against the face fields (bundle.nik_mismatch, bundle.name_mismatch,
///     bundle.mrz_mismatch, bundle.face_mismatch);
/// 11. the data set fits the card (dataset.too_large).
Result<VerifiedBundle> verify_bundle(std::span<const std::uint8_t> der, const TrustStore& trust,
                                     std::int64_t now, const BundleVerifyOptions& options = {});

/// The data groups of `dataset` by number (DG1 -> 1 ...), for passive authentication
/// and for signing an SOD over a data set.
DataGroups data_groups_of(const Dataset& dataset);

}  // namespace ektp::chip
