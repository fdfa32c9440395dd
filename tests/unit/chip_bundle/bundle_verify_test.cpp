// verify_bundle: a good bundle verifies, and each tampering or mistake is refused
// with its own code and a message naming the part or field, never its data.

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/support/require_ok.hpp"
#include "tests/unit/chip_bundle/bundle_fixture.hpp"

using namespace ektp;
using namespace ektp::chip;
namespace t = ektp::test;
namespace sample = ektp::chip::test;
using t::error_of;
using t::has;
using t::kDay;
using t::kNow;

namespace {

/// The refusal's code, after checking that its message shows no personal data.
std::string code_of(const Result<VerifiedBundle>& r, const BundleContent& c) {
  const Error e = error_of(r);
  CHECK_FALSE(has(e.message, c.record.nik));
  CHECK_FALSE(has(e.message, c.record.name));
  return e.code;
}

}  // namespace

TEST_CASE("a good bundle verifies and yields its job, record, images and data set") {
  const BundleContent c = t::good_content();
  const Bytes der = t::bundle_of(c);
  auto v = t::verify(der);
  REQUIRE_OK(v);
  CHECK(v->job_id == c.job_id);
  CHECK(v->nik == c.record.nik);
  CHECK(v->priority == 3);
  CHECK(v->pickup_date == Date{2026, 1, 15});
  CHECK(v->created_at == c.created_at);
  CHECK(v->record == c.record);  // the CAN included
  CHECK(v->photo == c.photo);
  CHECK(v->signature == c.signature);
  REQUIRE(v->dataset.files.size() == profile_files().size());
  for (const auto& f : v->dataset.files) CHECK(f.content == c.chip.at(f.spec.name));
  CHECK(v->content_hash == sha256(der));
  CHECK(has(v->signer_subject, "Job Signer"));
  CHECK(has(v->sod.signer_subject, "Document Signer"));
}

TEST_CASE("the bundle's CMS and signer are checked before its content") {
  const auto& pki = t::shared_pki();
  const BundleContent c = t::good_content();
  Bytes der = t::bundle_of(c);

  SUBCASE("a changed byte of the JSON breaks the signature") {
    const std::string needle = "\"priority\":3";
    auto at = std::search(der.begin(), der.end(), needle.begin(), needle.end());
    REQUIRE(at != der.end());
    at[needle.size() - 1] = '4';
    CHECK(code_of(t::verify(der), c) == "bundle.signature_invalid");
  }
  SUBCASE("truncated DER") {
    der.resize(der.size() - 100);
    auto r = t::verify(der);
    CHECK(code_of(r, c) == "bundle.truncated");
    CHECK(has(error_of(r).message, "cut off"));
  }
  SUBCASE("bytes after the end") {
    der.push_back(0);
    CHECK(code_of(t::verify(der), c) == "bundle.malformed");
  }
  SUBCASE("garbage and empty input") {
    CHECK(error_of(t::verify(Bytes(500, 0x30))).code == "bundle.malformed");
    CHECK(error_of(t::verify(Bytes{})).code == "bundle.empty");
  }
  SUBCASE("oversized input is refused before parsing") {
    Bytes big(BundleLimits::bundle_bytes + 1, 0x00);
    auto r = t::verify(big);
    CHECK(error_of(r).code == "bundle.too_large");
    CHECK(has(error_of(r).message, "262144"));
  }
  SUBCASE("an EF.SOD is not a bundle (another content type)") {
    auto cms = unwrap_ef_sod(c.chip.at("EF.SOD"));
    REQUIRE_OK(cms);
    CHECK(error_of(t::verify(Bytes(cms->begin(), cms->end()))).code == "bundle.content_type");
  }
  SUBCASE("a bundle signed by a document signer is refused (role)") {
    auto r = t::verify(t::bundle_of(c, &pki.document_signers[0]));
    CHECK(code_of(r, c) == "bundle.signer.role_crossed");
    CHECK(has(error_of(r).message, "job bundle's signer"));
  }
  SUBCASE("an expired job signer") {
    auto expired = testpki::issue(pki.job_ca, "Expired Job Signer", Role::job_signer,
                                  {kNow - 30 * kDay, kNow - kDay}, 9001);
    REQUIRE_OK(expired);
    CHECK(code_of(t::verify(t::bundle_of(c, &*expired)), c) == "bundle.signer.expired");
  }
  SUBCASE("a job signer of another, unknown Job CA") {
    auto other_ca = testpki::make_root("Other Job CA", {kNow - kDay, kNow + 365 * kDay}, 77);
    REQUIRE_OK(other_ca);
    auto signer = testpki::issue(*other_ca, "Stray Job Signer", Role::job_signer,
                                 {kNow - kDay, kNow + 365 * kDay}, 78);
    REQUIRE_OK(signer);
    CHECK(code_of(t::verify(t::bundle_of(c, &*signer)), c) == "bundle.signer.unknown_issuer");
  }
}

TEST_CASE("the chip data is checked: passive authentication, face agreement, capacity") {
  const auto& pki = t::shared_pki();
  const BundleContent good = t::good_content();

  SUBCASE("an EF.SOD signed by a job signer is refused (role)") {
    BundleContent c = good;
    c.chip["EF.SOD"] = t::sod_by(pki.job_signers[0], [&] {
      DataGroups g;
      for (const auto& [name, bytes] : c.chip) {
        if (name.rfind("DG", 0) == 0) g[std::stoi(name.substr(2))] = bytes;
      }
      return g;
    }());
    CHECK(code_of(t::verify(t::bundle_of(c)), c) == "pki.role_crossed");
  }
  SUBCASE("a data-group byte changed after central signed EF.SOD") {
    BundleContent c = good;
    c.chip["DG2"][c.chip["DG2"].size() - 10] ^= 0x01;  // inside the JPEG: still parses
    auto r = t::verify(t::bundle_of(c));
    CHECK(code_of(r, c) == "sod.dg_hash_mismatch");
    CHECK(has(error_of(r).message, "DG2"));
  }
  SUBCASE("a data group that does not parse") {
    BundleContent c = good;
    c.chip["DG11"].resize(3);
    auto r = t::verify(t::bundle_of(c));
    CHECK(code_of(r, c) == "lds.invalid");
    CHECK(has(error_of(r).message, "DG11"));
  }
  SUBCASE("NIK in the JSON differs from DG11") {
    BundleContent c = good;
    c.record.nik = "3273015708900004";  // another valid NIK, same birth date and sex
    auto r = t::verify(t::bundle_of(c));
    CHECK(code_of(r, good) == "bundle.nik_mismatch");
    CHECK(has(error_of(r).message, "NIK"));
    CHECK_FALSE(has(error_of(r).message, c.record.nik));
  }
  SUBCASE("name in the JSON differs from DG11") {
    BundleContent c = good;
    c.record.name = "SITI NURHALIZA";
    auto r = t::verify(t::bundle_of(c));
    CHECK(code_of(r, good) == "bundle.name_mismatch");
    CHECK(has(error_of(r).message, "name"));
    CHECK_FALSE(has(error_of(r).message, c.record.name));
  }
  SUBCASE("DG1's MRZ differs from the JSON's face fields") {
    DatasetInput in = sample::sample_input();
    in.record.valid_until = Date{2030, 1, 1};  // the chip says dated, the face lifetime
    BundleContent c = t::good_content(in);
    c.record = good.record;
    auto r = t::verify(t::bundle_of(c));
    CHECK(code_of(r, c) == "bundle.mrz_mismatch");
    CHECK(has(error_of(r).message, "DG1"));
  }
  SUBCASE("another face field differs from the chip") {
    BundleContent c = good;
    c.record.occupation = "PELAJAR/MAHASISWA";
    auto r = t::verify(t::bundle_of(c));
    CHECK(code_of(r, c) == "bundle.face_mismatch");
    CHECK(has(error_of(r).message, "occupation"));
    CHECK_FALSE(has(error_of(r).message, "KARYAWAN"));
  }
  SUBCASE("a data set too large for an 8 KB card") {
    BundleContent c = t::good_content(sample::sample_input(7000));
    const Bytes der = t::bundle_of(c);
    auto r = t::verify(der);
    CHECK(code_of(r, c) == "dataset.too_large");
    CHECK(has(error_of(r).message, "8192"));
    // The same bundle fits a 32 KB card.
    auto store = t::pinned_store();
    BundleVerifyOptions big;
    big.card_capacity = 32 * 1024;
    CHECK_OK(verify_bundle(der, *store, kNow, big));
  }
}
