// Passive authentication: each tampering of the chip data or of the signer is
// refused with its own code and a message that says which part and what differs.

#include <doctest/doctest.h>

#include "chip/passive_auth.hpp"
#include "sod_fixture.hpp"
#include "tests/support/require_ok.hpp"

using namespace ektp;
using namespace ektp::chip;
using test::error_of;
using test::has;
using test::kDay;
using test::kNow;

namespace {

Error refusal(const Bytes& ef_sod, const DataGroups& groups = test::sample_groups(),
              std::int64_t now = kNow) {
  auto store = test::pinned_store();
  return error_of(verify_passive_auth(ef_sod, groups, *store, now));
}

testpki::Identity document_signer(testpki::Validity v, long serial = 555) {
  auto ds = testpki::issue(test::shared_pki().csca, "KTP-OPEN Test Document Signer X",
                           Role::document_signer, v, serial);
  REQUIRE_OK(ds);
  return std::move(ds.value());
}

}  // namespace

TEST_CASE("genuine chip data passes passive authentication") {
  const auto& pki = test::shared_pki();
  auto store = test::pinned_store();
  auto report = verify_passive_auth(test::sod_by(pki.document_signers[1]), test::sample_groups(),
                                    *store, kNow);
  REQUIRE_OK(report);
  CHECK(has(report->signer_subject, "KTP-OPEN Test Document Signer 2"));
  CHECK(report->crl_checked);
  CHECK(report->hashes.size() == 7);
}

TEST_CASE("tampered data groups are refused, naming the data group") {
  const Bytes sod = test::sod_by(test::shared_pki().document_signers[0]);
  SUBCASE("one byte of DG2 changed") {
    auto groups = test::sample_groups();
    groups[2][1234] ^= 0x40;
    const Error e = refusal(sod, groups);
    CHECK(e.code == "sod.dg_hash_mismatch");
    CHECK(has(e.message, "DG2 does not match what central signed"));
  }
  SUBCASE("DG3 missing") {
    auto groups = test::sample_groups();
    groups.erase(3);
    const Error e = refusal(sod, groups);
    CHECK(e.code == "sod.dg_missing");
    CHECK(has(e.message, "DG3 is listed"));
  }
  SUBCASE("DG14 added") {
    auto groups = test::sample_groups();
    groups[14] = test::fake_group(14, 40);
    const Error e = refusal(sod, groups);
    CHECK(e.code == "sod.dg_extra");
    CHECK(has(e.message, "DG14 is in the data but not listed"));
  }
}

TEST_CASE("a signer that is not a valid document signer of the pinned CSCA is refused") {
  const auto& pki = test::shared_pki();
  SUBCASE("roles crossed: a job signer signed the SOD") {
    const Error e = refusal(test::sod_by(pki.job_signers[0]));
    CHECK(e.code == "pki.role_crossed");
    CHECK(has(e.message, "is a job signer certificate; it may not act as document signer"));
  }
  SUBCASE("a certificate with no KTP-OPEN role") {
    auto bare = testpki::issue_with_eku(pki.csca, "No Role", "", {kNow - kDay, kNow + kDay}, 7);
    REQUIRE_OK(bare);
    CHECK(refusal(test::sod_by(*bare)).code == "pki.role_missing");
  }
  SUBCASE("the CSCA itself signed the SOD") {
    CHECK(refusal(test::sod_by(pki.csca)).code == "pki.signer_is_ca");
  }
  SUBCASE("expired document signer") {
    const Error e = refusal(test::sod_by(document_signer({kNow - 400 * kDay, kNow - 30 * kDay})));
    CHECK(e.code == "pki.expired");
    CHECK(has(e.message, "document signer certificate"));
    CHECK(has(e.message, "expired on 2025-12-02 00:00:00 UTC"));
  }
  SUBCASE("document signer not yet valid") {
    const Error e = refusal(test::sod_by(document_signer({kNow + kDay, kNow + 400 * kDay})));
    CHECK(e.code == "pki.not_yet_valid");
    CHECK(has(e.message, "valid only from 2026-01-02"));
  }
  SUBCASE("unknown CSCA (another root with another name)") {
    auto rogue = testpki::make_root("Rogue CSCA", {kNow - kDay, kNow + 365 * kDay}, 1);
    REQUIRE_OK(rogue);
    auto ds = testpki::issue(*rogue, "Rogue Document Signer", Role::document_signer,
                             {kNow - kDay, kNow + kDay}, 2);
    REQUIRE_OK(ds);
    const Error e = refusal(test::sod_by(*ds));
    CHECK(e.code == "pki.unknown_issuer");
    CHECK(has(e.message, "not issued by the pinned CSCA"));
    CHECK(has(e.message, "Rogue CSCA"));
  }
  SUBCASE("impostor CSCA with the pinned CSCA's name") {
    auto rogue = testpki::make_root("KTP-OPEN Test CSCA", {kNow - kDay, kNow + 365 * kDay}, 1);
    REQUIRE_OK(rogue);
    auto ds = testpki::issue(*rogue, "Impostor Document Signer", Role::document_signer,
                             {kNow - kDay, kNow + kDay}, 2);
    REQUIRE_OK(ds);
    CHECK(refusal(test::sod_by(*ds)).code == "pki.unknown_issuer");
  }
  SUBCASE("no CSCA pinned") {
    TrustStore empty;
    auto r = verify_passive_auth(test::sod_by(pki.document_signers[0]), test::sample_groups(),
                                 empty, kNow);
    CHECK(error_of(r).code == "pki.no_root");
  }
}

TEST_CASE("the CRL: revoked signers are refused, a stale CRL follows the documented policy") {
  const auto& pki = test::shared_pki();
  const Bytes by_ds1 = test::sod_by(pki.document_signers[0]);
  const Bytes by_ds2 = test::sod_by(pki.document_signers[1]);
  auto store = test::pinned_store();
  REQUIRE_OK(verify_passive_auth(by_ds1, test::sample_groups(), *store, kNow));

  SUBCASE("revoked document signer; a CRL update reaches signers already cached") {
    auto crl = testpki::make_crl(pki.csca, {pki.document_signers[0].cert.get()}, kNow - 60,
                                 kNow + 30 * kDay);
    REQUIRE_OK(crl);
    REQUIRE_OK(store->set_crl(Root::csca, std::move(*crl)));
    auto r = verify_passive_auth(by_ds1, test::sample_groups(), *store, kNow);
    CHECK(error_of(r).code == "pki.revoked");
    CHECK(has(error_of(r).message, "Document Signer 1' (serial 101) is revoked"));
    CHECK_OK(verify_passive_auth(by_ds2, test::sample_groups(), *store, kNow));
  }
  SUBCASE("a CRL past its next update plus the grace period stops intake") {
    auto crl = testpki::make_crl(pki.csca, {}, kNow - 40 * kDay, kNow - 8 * kDay);
    REQUIRE_OK(crl);
    REQUIRE_OK(store->set_crl(Root::csca, std::move(*crl)));
    auto r = verify_passive_auth(by_ds1, test::sample_groups(), *store, kNow);
    CHECK(error_of(r).code == "pki.crl_stale");
    CHECK(has(error_of(r).message, "out of date"));
    // Within the grace period (7 days by default) the CRL is still used.
    auto recent = testpki::make_crl(pki.csca, {}, kNow - 40 * kDay, kNow - 3 * kDay);
    REQUIRE_OK(recent);
    REQUIRE_OK(store->set_crl(Root::csca, std::move(*recent)));
    CHECK_OK(verify_passive_auth(by_ds1, test::sample_groups(), *store, kNow));
  }
  SUBCASE("with no grace limit a stale CRL is still applied") {
    auto lenient = test::pinned_store(false, TrustOptions{std::nullopt, 16});
    auto crl = testpki::make_crl(pki.csca, {pki.document_signers[1].cert.get()}, kNow - 40 * kDay,
                                 kNow - 8 * kDay);
    REQUIRE_OK(crl);
    REQUIRE_OK(lenient->set_crl(Root::csca, std::move(*crl)));
    CHECK_OK(verify_passive_auth(by_ds1, test::sample_groups(), *lenient, kNow));
    CHECK(error_of(verify_passive_auth(by_ds2, test::sample_groups(), *lenient, kNow)).code ==
          "pki.revoked");
  }
  SUBCASE("a CRL not signed by the CSCA is not loaded") {
    auto crl = testpki::make_crl(pki.job_ca, {}, kNow - 60, kNow + kDay);
    REQUIRE_OK(crl);
    CHECK(error_of(store->set_crl(Root::csca, std::move(*crl))).code == "pki.crl_bad_signature");
  }
}

TEST_CASE("verified chains are cached, but never past a certificate's validity") {
  const auto& pki = test::shared_pki();
  const Bytes sod = test::sod_by(pki.document_signers[0]);
  auto store = test::pinned_store(false);
  auto first = verify_passive_auth(sod, test::sample_groups(), *store, kNow);
  REQUIRE_OK(first);
  CHECK_FALSE(first->chain_from_cache);
  auto second = verify_passive_auth(sod, test::sample_groups(), *store, kNow + 100);
  REQUIRE_OK(second);
  CHECK(second->chain_from_cache);
  CHECK(store->cache_size() == 1);
  // The document signers are valid for 3 years: 4 years on, the cache must not answer.
  auto later = verify_passive_auth(sod, test::sample_groups(), *store, kNow + 4 * 365 * kDay);
  CHECK(error_of(later).code == "pki.expired");
  // Before notBefore too.
  auto earlier = verify_passive_auth(sod, test::sample_groups(), *store, kNow - 2 * kDay);
  CHECK(error_of(earlier).code == "pki.not_yet_valid");
  // A cached chain does not excuse tampered data.
  auto groups = test::sample_groups();
  groups[11][5] ^= 1;
  CHECK(error_of(verify_passive_auth(sod, groups, *store, kNow)).code == "sod.dg_hash_mismatch");
}
