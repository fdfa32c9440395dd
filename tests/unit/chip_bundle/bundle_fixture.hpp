#pragma once
/// Shared set-up for the bundle tests: the test PKI of the SOD tests, a good bundle's
/// content built from the LDS sample data, and helpers to make bundles from it.

#include <nlohmann/json.hpp>

#include <string>

#include "chip/bundle.hpp"
#include "chip/bundle_json.hpp"
#include "chip/bundle_verify.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"
#include "tests/unit/chip_sod/sod_fixture.hpp"

namespace ektp::test {

/// Content of a good bundle: the chip built from `chip_input` and signed (EF.SOD) by
/// `document_signer`, the face fields from `chip_input.record`.
chip::BundleContent good_content(const chip::DatasetInput& chip_input = chip::test::sample_input(),
                                 const testpki::Identity* document_signer = nullptr);

/// `content` signed as a bundle by `signer` (default: the first job signer).
chip::Bytes bundle_of(const chip::BundleContent& content,
                      const testpki::Identity* signer = nullptr);

/// `json` (any text) signed as a bundle by the first job signer.
chip::Bytes bundle_of_json(const std::string& json);

/// The JSON of `content`, to edit in a test.
nlohmann::ordered_json json_of(const chip::BundleContent& content);

/// verify_bundle at kNow against pinned_store().
Result<chip::VerifiedBundle> verify(const chip::Bytes& der);

}  // namespace ektp::test
