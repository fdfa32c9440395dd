#pragma once
/// The golden data sets of the trace files (tests/fixtures/traces/): the
/// sample record (tests/unit/chip_lds/sample_data) with a 3,500-byte portrait
/// for the 8 KB card and a 20,000-byte one for the 32 KB card, EF.SOD signed
/// by a fresh test document signer. Every length is the same from run to run:
/// the contents are fixed, and ECDSA signatures (70 to 72 bytes in DER) are
/// made again until they take their longest form, in the document signer's
/// certificate and in EF.SOD.

#include <openssl/cms.h>
#include <openssl/x509.h>

#include <ctime>
#include <string>

#include "chip/bundle_verify.hpp"
#include "chip/lds_dataset.hpp"
#include "chip/sod.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::test {

inline constexpr int kLongestEcdsaDer = 72;

/// A document signer whose certificate's signature has its longest form.
inline const testpki::Identity& golden_signer() {
  static const testpki::Identity signer = [] {
    const std::int64_t now = std::time(nullptr);
    auto root = testpki::make_root("Golden CSCA", {now - 86400, now + 86400 * 365}, 1);
    REQUIRE_OK(root);
    for (long serial = 2;; ++serial) {
      auto ds = testpki::issue(*root, "Golden DS", chip::Role::document_signer,
                               {now - 86400, now + 86400 * 365}, serial);
      REQUIRE_OK(ds);
      const ASN1_BIT_STRING* sig = nullptr;
      X509_get0_signature(&sig, nullptr, ds->cert.get());
      if (ASN1_STRING_length(sig) == kLongestEcdsaDer) return std::move(*ds);
      REQUIRE(serial < 200);
    }
  }();
  return signer;
}

/// The golden data set with a portrait of `face_bytes`.
inline chip::Dataset golden_dataset(std::size_t face_bytes) {
  auto built = chip::build_dataset(chip::test::sample_input(face_bytes, 1000));
  REQUIRE_OK(built);
  chip::Dataset d = std::move(*built);
  const auto& signer = golden_signer();
  for (int attempt = 0;; ++attempt) {
    REQUIRE(attempt < 200);
    auto sod = chip::build_sod(chip::data_groups_of(d), signer.cert.get(), signer.key.get());
    REQUIRE_OK(sod);
    auto parsed = chip::parse_sod(*sod);
    REQUIRE_OK(parsed);
    auto* infos = CMS_get0_SignerInfos(parsed->cms.get());
    REQUIRE(sk_CMS_SignerInfo_num(infos) == 1);
    const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(sk_CMS_SignerInfo_value(infos, 0));
    if (ASN1_STRING_length(sig) != kLongestEcdsaDer) continue;
    d.files.push_back({*chip::find_spec("EF.SOD"), std::move(*sod)});
    return d;
  }
}

/// The golden trace file for `card` ("short8k", "ext32k").
inline std::string golden_trace_path(const std::string& card) {
  return fixtures_dir() + "/traces/" + card + ".trace";
}

}  // namespace ektp::test
