// EF.SOD structure: the LDS security object (strict DER) and the CMS wrapper,
// built by the project and parsed as hostile input.

#include <doctest/doctest.h>

#include <algorithm>

#include "chip/sod.hpp"
#include "sod_fixture.hpp"
#include "tests/support/require_ok.hpp"

using namespace ektp;
using namespace ektp::chip;
using ektp::test::error_of;
using ektp::test::has;

namespace {

Bytes security_object() {
  auto der = encode_security_object(hash_data_groups(test::sample_groups()));
  REQUIRE_OK(der);
  return der.value();
}

}  // namespace

TEST_CASE("the LDS security object round-trips and is the DER ICAO describes") {
  const auto hashes = hash_data_groups(test::sample_groups());
  auto der = encode_security_object(hashes);
  REQUIRE_OK(der);
  // SEQUENCE { INTEGER 0, SEQUENCE { OID sha256 }, SEQUENCE OF ... }
  const Bytes head{0x30, 0x82};
  CHECK(std::equal(head.begin(), head.end(), der->begin()));
  const Bytes version_and_alg{0x02, 0x01, 0x00, 0x30, 0x0B, 0x06, 0x09, 0x60,
                              0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
  CHECK(std::equal(version_and_alg.begin(), version_and_alg.end(), der->begin() + 4));
  auto parsed = parse_security_object(*der);
  REQUIRE_OK(parsed);
  CHECK(*parsed == hashes);
}

TEST_CASE("the security object parser refuses non-DER and out-of-profile content") {
  const Bytes good = security_object();
  SUBCASE("every truncation") {
    for (std::size_t n = 0; n < good.size(); ++n) {
      auto r = parse_security_object(std::span(good).first(n));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "sod.security_object_malformed");
    }
  }
  SUBCASE("trailing bytes") {
    Bytes bad = good;
    bad.push_back(0);
    CHECK(has(error_of(parse_security_object(bad)).message, "bytes follow"));
  }
  SUBCASE("version 1") {
    Bytes bad = good;
    bad[6] = 0x01;
    CHECK(error_of(parse_security_object(bad)).code == "sod.security_object_version");
  }
  SUBCASE("a hash algorithm other than SHA-256 (SHA-1)") {
    const Bytes sha1_alg{0x30, 0x07, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A};
    Bytes bad(good.begin(), good.begin() + 7);
    bad.insert(bad.end(), sha1_alg.begin(), sha1_alg.end());
    bad.insert(bad.end(), good.begin() + 20, good.end());
    const std::size_t body = bad.size() - 4;
    bad[2] = static_cast<std::uint8_t>(body >> 8);
    bad[3] = static_cast<std::uint8_t>(body);
    CHECK(error_of(parse_security_object(bad)).code == "sod.hash_algorithm");
  }
  SUBCASE("a non-minimal length") {
    // The version's length in long form (81 01) where the short form (01) is required.
    Bytes worse{0x30, 0x82, 0x00, 0x00, 0x02, 0x81, 0x01, 0x00};
    worse.insert(worse.end(), good.begin() + 7, good.end());
    const std::size_t body = worse.size() - 4;
    worse[2] = static_cast<std::uint8_t>(body >> 8);
    worse[3] = static_cast<std::uint8_t>(body);
    CHECK(has(error_of(parse_security_object(worse)).message, "non-minimal length"));
  }
  SUBCASE("a data group listed twice, a short hash, one group only") {
    DataGroupHashes one{{1, {}}};
    CHECK(error_of(encode_security_object(one)).code == "sod.group_count");
    // Two entries for DG1: rewrite DG2's number in the encoded list.
    DataGroupHashes two{{1, {}}, {2, {}}};
    auto der = encode_security_object(two);
    REQUIRE_OK(der);
    Bytes dup = *der;
    const Bytes dg2_number{0x02, 0x01, 0x02};
    auto it = std::search(dup.begin(), dup.end(), dg2_number.begin(), dg2_number.end());
    REQUIRE(it != dup.end());
    it[2] = 0x01;
    CHECK(has(error_of(parse_security_object(dup)).message, "DG1 is listed twice"));
    Bytes short_hash = *der;
    short_hash.erase(short_hash.end() - 1);
    short_hash[short_hash.size() - 32] = 31;  // DG2 hash length 32 -> 31
    short_hash[1] -= 1;                       // outer SEQUENCE
    short_hash[19] -= 1;                      // the list
    short_hash[60] -= 1;                      // DG2's entry
    CHECK(has(error_of(parse_security_object(short_hash)).message, "hash of DG2 is 31 bytes"));
  }
}

TEST_CASE("an EF.SOD built by the project parses back to what was signed") {
  const auto& pki = test::shared_pki();
  const Bytes ef_sod = test::sod_by(pki.document_signers[0]);
  CHECK(ef_sod[0] == 0x77);
  CHECK(ef_sod.size() < 1500);  // the profile budgets about 1.3 KB
  auto sod = parse_sod(ef_sod);
  REQUIRE_OK(sod);
  CHECK(sod->hashes == hash_data_groups(test::sample_groups()));
  CHECK(sod->content == security_object());
  CHECK(X509_cmp(sod->signer.get(), pki.document_signers[0].cert.get()) == 0);
  CHECK_OK(verify_sod_signature(*sod));
}

TEST_CASE("EF.SOD parsing refuses hostile framing") {
  const auto& pki = test::shared_pki();
  const Bytes good = test::sod_by(pki.document_signers[0]);
  SUBCASE("every truncation is refused, never a crash") {
    for (std::size_t n = 0; n < good.size(); ++n) {
      auto r = parse_sod(std::span(good).first(n));
      REQUIRE_FALSE(r.ok());
      CHECK((r.error().code == "sod.truncated" || r.error().code == "sod.malformed"));
    }
    auto r = parse_sod(std::span(good).first(good.size() - 10));
    CHECK(error_of(r).code == "sod.truncated");
    CHECK(has(error_of(r).message, "truncated"));
  }
  SUBCASE("oversized: declared and actual") {
    Bytes big{0x77, 0x82, 0x50, 0x00};
    big.resize(4 + 0x5000, 0x30);
    auto r = parse_sod(big);
    CHECK(error_of(r).code == "sod.too_large");
    CHECK(has(error_of(r).message, "16384"));
    Bytes declared{0x77, 0x82, 0x7F, 0xFF, 0x30};
    CHECK(error_of(parse_sod(declared)).code == "sod.too_large");
  }
  SUBCASE("another tag, trailing bytes, garbage inside") {
    Bytes bad = good;
    bad[0] = 0x6E;
    CHECK(has(error_of(parse_sod(bad)).message, "tag 77"));
    Bytes longer = good;
    longer.push_back(0);
    CHECK(error_of(parse_sod(longer)).code == "sod.malformed");
    Bytes garbage = wrap_ef_sod(Bytes(600, 0xA5));
    CHECK(has(error_of(parse_sod(garbage)).message, "not a readable CMS"));
  }
  SUBCASE("a changed byte in the signed content breaks the signature") {
    const Bytes content = security_object();
    Bytes bad = good;
    auto it = std::search(bad.begin(), bad.end(), content.begin(), content.end());
    REQUIRE(it != bad.end());
    it[content.size() - 1] ^= 0x01;  // last byte of DG13's hash
    auto sod = parse_sod(bad);
    REQUIRE_OK(sod);
    auto r = verify_sod_signature(*sod);
    CHECK(error_of(r).code == "sod.signature_invalid");
    CHECK(has(error_of(r).message, "altered or damaged"));
  }
}
