// Signed data sets of 1,000 generated records: each fits the 8 KB card,
// passes passive authentication against the test CSCA, and reads back to the
// record and images it was made from.
#include <doctest/doctest.h>


#include <algorithm>
#include <filesystem>
#include <vector>

#include "chip/bundle_verify.hpp"
#include "chip/passive_auth.hpp"
#include "support/require_ok.hpp"
#include "tools/dataset/jpeg_codec.hpp"
#include "tools/dataset/signed_dataset.hpp"

using namespace ektp;
using namespace ektp::dataset;

namespace {

/// 2026-01-01 00:00:00 UTC: the tests' "now" (never the wall clock).
constexpr std::int64_t kNow = 1767225600;
constexpr std::uint64_t kSeed = 20260101;

const testpki::TestPki& shared_pki() {
  static const testpki::TestPki pki = [] {
    auto made = testpki::make_test_pki({kNow, 2, 1});
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    return std::move(made.value());
  }();
  return pki;
}

}  // namespace

TEST_CASE("1,000 data sets fit 8 KB, pass passive authentication and round-trip") {
  const auto& pki = shared_pki();
  chip::TrustStore trust;
  REQUIRE_OK(testpki::load_into(pki, trust));
  std::vector<std::size_t> sizes;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    CAPTURE(i);
    // Alternate the two document signers so both chains are checked.
    auto made = make_generated_dataset(kSeed, i, pki.document_signers[i % 2], false);
    REQUIRE_OK(made);
    const auto& ds = made->dataset;
    REQUIRE(ds.files.size() == 9);
    CHECK(ds.files.back().spec.fid == 0x011D);
    CHECK_OK(ds.fits(kCardCapacity, kPerFileOverhead));
    sizes.push_back(ds.total_bytes() + ds.files.size() * kPerFileOverhead);

    auto pa = chip::verify_passive_auth(ds.find(0x011D)->content, chip::data_groups_of(ds), trust, kNow);
    REQUIRE_OK(pa);
    CHECK(pa->hashes.size() == 7);

    auto back = chip::parse_dataset(ds);
    REQUIRE_OK(back);
    chip::DatasetInput expected = made->input;
    expected.record.can.clear();  // never written to the chip
    CHECK(*back == expected);
  }
  std::sort(sizes.begin(), sizes.end());
  MESSAGE("data set bytes on card (content + "
          << kPerFileOverhead << " per file): p50=" << sizes[sizes.size() / 2]
          << " max=" << sizes.back() << " min=" << sizes.front());
  CHECK(sizes.back() <= kCardCapacity);
}

TEST_CASE("a changed data group fails passive authentication (the SOD really covers the data)") {
  const auto& pki = shared_pki();
  chip::TrustStore trust;
  REQUIRE_OK(testpki::load_into(pki, trust));
  auto made = make_generated_dataset(kSeed, 3, pki.document_signers[0], false);
  REQUIRE_OK(made);
  auto groups = chip::data_groups_of(made->dataset);
  groups[11].back() ^= 0x01;
  auto pa = chip::verify_passive_auth(made->dataset.find(0x011D)->content, groups, trust, kNow);
  REQUIRE_FALSE(pa.ok());
  CHECK(pa.error().code == "sod.dg_hash_mismatch");
}

TEST_CASE("the same seed and index make the same chip data") {
  const auto& pki = shared_pki();
  auto a = make_generated_dataset(kSeed, 42, pki.document_signers[0], false);
  auto b = make_generated_dataset(kSeed, 42, pki.document_signers[0], false);
  REQUIRE_OK(a);
  REQUIRE_OK(b);
  CHECK(a->input == b->input);
  // EF.SOD differs (ECDSA signatures and signing time are not deterministic); the groups do not.
  CHECK(chip::data_groups_of(a->dataset) == chip::data_groups_of(b->dataset));
}

TEST_CASE("write_dataset writes one file per EF named by FID, the record and the images") {
  const auto& pki = shared_pki();
  auto made = make_generated_dataset(kSeed, 7, pki.document_signers[0], true);
  REQUIRE_OK(made);
  CHECK_OK(decode_jpeg(made->face_photo));
  const auto dir =
      std::filesystem::temp_directory_path() / ("ektp_dataset_test_" + std::to_string(::getpid()));
  REQUIRE_OK(write_dataset(*made, dir.string()));
  for (const auto& f : made->dataset.files) {
    char name[8];
    std::snprintf(name, sizeof name, "%04X", static_cast<unsigned>(f.spec.fid));
    auto bytes = chip::read_file((dir / name).string());
    REQUIRE_OK(bytes);
    CHECK(*bytes == f.content);
  }
  for (const char* extra : {"record.json", "face.jpg", "portrait.jpg", "signature.jpg"}) {
    CHECK(std::filesystem::exists(dir / extra));
  }
  std::filesystem::remove_all(dir);
}
