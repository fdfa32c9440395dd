#pragma once
/// Whole KTP-OPEN data sets as central would send them: a citizen record, its
/// generated images, every data group (chip::build_dataset) and EF.SOD signed
/// by a document signer of the test PKI; plus the printable face photo.

#include <cstddef>
#include <cstdint>
#include <string>

#include "chip/lds_dataset.hpp"
#include "chip/sod_security_object.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::dataset {

/// The main test card's capacity and the file-system cost of each file on it
/// (the card simulator's kFileOverhead, tools/cardsim/file_system.hpp: FCP and
/// allocation). A data set must satisfy fits(kCardCapacity, kPerFileOverhead).
inline constexpr std::size_t kCardCapacity = 8192;
inline constexpr std::size_t kPerFileOverhead = 32;

/// One made data set.
struct MadeDataset {
  chip::DatasetInput input;  ///< record (with CAN) and chip images
  chip::Dataset dataset;     ///< EF.COM, DG1..DG13 and EF.SOD, in profile order
  chip::Bytes face_photo;    ///< printable JPEG for the card face (not on the chip)
};

/// The chip images for `record`, drawn from `image_seed` (the face also
/// follows the record: sex, religion, birth year's background colour).
Result<chip::DatasetInput> make_input(const chip::CitizenRecord& record, std::uint64_t image_seed);

/// (The data groups of a data set by number: chip::data_groups_of, chip/bundle_verify.hpp.)

/// Build every data group of `input` and EF.SOD signed by `signer`.
Result<chip::Dataset> build_signed_dataset(const chip::DatasetInput& input,
                                           const testpki::Identity& signer);

/// A data set for `record`: images, data groups, EF.SOD, and the face photo
/// when `with_photo` (skip it where only the chip matters: it is the slow part).
Result<MadeDataset> make_dataset(const chip::CitizenRecord& record, std::uint64_t image_seed,
                                 const testpki::Identity& signer, bool with_photo = true);

/// Record `index` of `seed` (generate_record) made into a data set, in memory.
Result<MadeDataset> make_generated_dataset(std::uint64_t seed, std::uint64_t index,
                                           const testpki::Identity& signer, bool with_photo = true);

/// Write `made` into `dir` (created): one file per EF named by its FID in hex
/// (011E, 0101, 0102, 0103, 0107, 010B, 010C, 010D, 011D), record.json (with
/// the CAN), face.jpg (printable photo), portrait.jpg and signature.jpg (the
/// chip's images, for people to look at).
Result<void> write_dataset(const MadeDataset& made, const std::string& dir);

}  // namespace ektp::dataset
