// Sealing a bundle: round trip, and every way a wrong or changed input is refused.
#include <doctest/doctest.h>

#include "spool/bundle_crypto.hpp"
#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::contains;
using ektp::spool::test::fixed_key;
using ektp::spool::test::make_bundle;

namespace {
const std::string kJob = "00000000-0000-4000-8000-000000000001";
const std::string kOther = "00000000-0000-4000-8000-000000000002";
}  // namespace

TEST_CASE("a sealed bundle opens with its key and job id, and holds nothing in clear") {
  const auto key = fixed_key();
  const auto b = make_bundle(1);
  const auto sealed = crypto::seal_bundle(key, kJob, b.bytes);
  CHECK(sealed.wrapped_key.size() == crypto::kWrappedKeySize);
  CHECK(sealed.blob.size() == b.bytes.size() + 8 + 24 + 16);
  for (const auto& marker : b.markers()) CHECK_FALSE(contains(sealed.blob, marker));
  auto opened = crypto::open_bundle(key, kJob, sealed.wrapped_key, sealed.blob);
  REQUIRE_OK(opened);
  CHECK(*opened == b.bytes);
  // The job id is compared in lower case, as the spool stores it.
  std::string upper = kJob;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK_OK(crypto::open_bundle(key, upper, sealed.wrapped_key, sealed.blob));
  // Two seals of the same bundle share nothing (fresh data key and nonces).
  const auto again = crypto::seal_bundle(key, kJob, b.bytes);
  CHECK(again.blob != sealed.blob);
  CHECK(again.wrapped_key != sealed.wrapped_key);
}

TEST_CASE("tampering, another job's id, another storage key: refused, naming the job only") {
  const auto key = fixed_key();
  const auto b = make_bundle(2);
  const auto sealed = crypto::seal_bundle(key, kJob, b.bytes);
  auto refused = [&](const ektp::Result<std::vector<std::uint8_t>>& r) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "spool.bundle_damaged");
    CHECK(r.error().message.find(kJob) != std::string::npos);
    CHECK(r.error().message.find(b.nik) == std::string::npos);
    CHECK(r.error().message.find(b.name) == std::string::npos);
  };
  SUBCASE("one bit of the ciphertext") {
    auto blob = sealed.blob;
    blob[blob.size() / 2] ^= 0x01;
    refused(crypto::open_bundle(key, kJob, sealed.wrapped_key, blob));
  }
  SUBCASE("the tag") {
    auto blob = sealed.blob;
    blob.back() ^= 0x80;
    refused(crypto::open_bundle(key, kJob, sealed.wrapped_key, blob));
  }
  SUBCASE("truncated") {
    auto blob = sealed.blob;
    blob.resize(blob.size() - 100);
    refused(crypto::open_bundle(key, kJob, sealed.wrapped_key, blob));
  }
  SUBCASE("the wrapped key") {
    auto wrapped = sealed.wrapped_key;
    wrapped[30] ^= 0x01;
    refused(crypto::open_bundle(key, kJob, wrapped, sealed.blob));
  }
  SUBCASE("another job's id") {
    auto r = crypto::open_bundle(key, kOther, sealed.wrapped_key, sealed.blob);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "spool.bundle_damaged");
  }
  SUBCASE("another job's bundle under this job's key") {
    const auto other = crypto::seal_bundle(key, kOther, b.bytes);
    refused(crypto::open_bundle(key, kJob, sealed.wrapped_key, other.blob));
  }
  SUBCASE("another storage key") {
    refused(crypto::open_bundle(fixed_key(0x43), kJob, sealed.wrapped_key, sealed.blob));
  }
  SUBCASE("no wrapped key (erased)") { refused(crypto::open_bundle(key, kJob, {}, sealed.blob)); }
}

TEST_CASE("the key check tells keys apart without being the key") {
  const auto a = crypto::key_check(fixed_key(1));
  CHECK(a == crypto::key_check(fixed_key(1)));
  CHECK(a != crypto::key_check(fixed_key(2)));
  const auto key = fixed_key(1);
  CHECK_FALSE(std::equal(a.begin(), a.end(), key.bytes().begin()));
}
