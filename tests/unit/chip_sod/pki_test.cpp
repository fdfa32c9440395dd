// Certificate roles and the trust store, as the bundle code will use them
// (verify_signer for job signers), and the test PKI's own shape.

#include <doctest/doctest.h>

#include <openssl/x509v3.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "chip/pki.hpp"
#include "sod_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"

using namespace ektp;
using namespace ektp::chip;
using test::error_of;
using test::has;
using test::kDay;
using test::kNow;

TEST_CASE("verify_signer: each role only for what it may sign") {
  const auto& pki = test::shared_pki();
  auto store = test::pinned_store();
  X509* js = pki.job_signers[0].cert.get();
  X509* ds = pki.document_signers[0].cert.get();
  CHECK_OK(store->verify_signer(js, Role::job_signer, kNow));
  CHECK_OK(store->verify_signer(ds, Role::document_signer, kNow));
  CHECK_OK(store->verify_signer(pki.station.cert.get(), Role::station, kNow));

  auto crossed = store->verify_signer(ds, Role::job_signer, kNow);
  CHECK(error_of(crossed).code == "pki.role_crossed");
  CHECK(has(error_of(crossed).message,
            "is a document signer certificate; it may not act as job "
            "signer"));
  CHECK(error_of(store->verify_signer(js, Role::document_signer, kNow)).code == "pki.role_crossed");
  CHECK(error_of(store->verify_signer(pki.station.cert.get(), Role::job_signer, kNow)).code ==
        "pki.role_crossed");
}

TEST_CASE("a job signer issued by the CSCA is still refused: each role has its own root") {
  const auto& pki = test::shared_pki();
  auto store = test::pinned_store();
  auto js = testpki::issue(pki.csca, "Misissued Job Signer", Role::job_signer,
                           {kNow - kDay, kNow + kDay}, 77);
  REQUIRE_OK(js);
  auto r = store->verify_signer(js->cert.get(), Role::job_signer, kNow);
  CHECK(error_of(r).code == "pki.unknown_issuer");
  CHECK(has(error_of(r).message, "not issued by the pinned Job CA"));
}

TEST_CASE("a certificate carrying two roles is refused for both") {
  const auto& pki = test::shared_pki();
  const std::string both = std::string(kEkuDocumentSigner) + "," + kEkuJobSigner;
  auto two = testpki::issue_with_eku(pki.csca, "Two Roles", both, {kNow - kDay, kNow + kDay}, 8);
  REQUIRE_OK(two);
  CHECK(error_of(check_role(two->cert.get(), Role::document_signer)).code == "pki.role_crossed");
  CHECK(error_of(check_role(two->cert.get(), Role::job_signer)).code == "pki.role_crossed");
}

TEST_CASE("only self-signed CA certificates can be pinned as roots") {
  const auto& pki = test::shared_pki();
  TrustStore store;
  CHECK(error_of(store.set_root(Root::csca, share(pki.document_signers[0].cert.get()))).code ==
        "pki.root_not_self_signed");
  CHECK_OK(store.set_root(Root::csca, share(pki.csca.cert.get())));
  CHECK(store.root(Root::csca) != nullptr);
  CHECK(store.root(Root::job_ca) == nullptr);
}

TEST_CASE("the test PKI marks roles as docs/trust.md says") {
  const auto& pki = test::shared_pki();
  for (const X509* root : {pki.csca.cert.get(), pki.job_ca.cert.get()}) {
    X509* c = const_cast<X509*>(root);
    CHECK(X509_check_ca(c) == 1);
    CHECK((X509_get_key_usage(c) & (KU_KEY_CERT_SIGN | KU_CRL_SIGN)) ==
          (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  }
  CHECK_OK(check_role(pki.document_signers[1].cert.get(), Role::document_signer));
  CHECK_OK(check_role(pki.job_signers[1].cert.get(), Role::job_signer));
  X509* station = pki.station.cert.get();
  CHECK((X509_get_extended_key_usage(station) & XKU_SSL_CLIENT) != 0);
  CHECK((X509_get_key_usage(station) & KU_KEY_AGREEMENT) != 0);
}

TEST_CASE("ektp-pki writes a PKI that the trust store loads back") {
  char tmpl[] = "/tmp/ektp-pki-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  const auto& pki = test::shared_pki();
  REQUIRE_OK(testpki::write_test_pki(pki, dir));
  auto root = read_file(dir + "/csca.pem");
  REQUIRE_OK(root);
  auto cert = parse_certificate(*root);
  REQUIRE_OK(cert);
  auto crl_bytes = read_file(dir + "/csca.crl.pem");
  REQUIRE_OK(crl_bytes);
  auto crl = parse_crl(*crl_bytes);
  REQUIRE_OK(crl);
  auto key_bytes = read_file(dir + "/ds2.key.pem");
  REQUIRE_OK(key_bytes);
  auto key = parse_private_key(*key_bytes);
  REQUIRE_OK(key);
  CHECK(EVP_PKEY_eq(key->get(), pki.document_signers[1].key.get()) == 1);
  TrustStore store;
  REQUIRE_OK(store.set_root(Root::csca, std::move(*cert)));
  REQUIRE_OK(store.set_crl(Root::csca, std::move(*crl)));
  CHECK_OK(store.verify_signer(pki.document_signers[1].cert.get(), Role::document_signer, kNow));
  CHECK(std::system(("rm -rf '" + dir + "'").c_str()) == 0);
}

TEST_CASE("the ektp-pki tool makes a PKI that openssl verifies, keys private") {
  char tmpl[] = "/tmp/ektp-pki-cli-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  const std::string tool = test::build_dir() + "/tools/pki/ektp-pki";
  const auto run = [](const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str());
  };
  REQUIRE(run("'" + tool + "' make '" + dir + "/pki' --now " + std::to_string(kNow) +
              " --document-signers 3 --job-signers 2") == 0);
  const std::string at = " -attime " + std::to_string(kNow) + " ";
  CHECK(run("openssl verify -x509_strict" + at + "-CAfile '" + dir + "/pki/csca.pem' '" + dir +
            "/pki/ds3.pem'") == 0);
  CHECK(run("openssl verify -x509_strict" + at + "-CAfile '" + dir + "/pki/jobca.pem' '" + dir +
            "/pki/js2.pem'") == 0);
  CHECK(run("openssl verify" + at + "-CAfile '" + dir + "/pki/csca.pem' '" + dir +
            "/pki/js1.pem'") != 0);
  CHECK(run("openssl crl -noout -CAfile '" + dir + "/pki/csca.pem' -in '" + dir +
            "/pki/csca.crl.pem'") == 0);
  CHECK(run("test \"$(stat -c %a '" + dir + "/pki/ds1.key.pem')\" = 600") == 0);
  CHECK(run("'" + tool + "' make") != 0);  // usage error
  CHECK(run("rm -rf '" + dir + "'") == 0);
}

TEST_CASE("the trust store answers from several threads at once") {
  const auto& pki = test::shared_pki();
  auto store = test::pinned_store();
  std::atomic<int> good{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const auto& signer = (i + t) % 2 ? pki.document_signers[0] : pki.job_signers[1];
        auto r = store->verify_signer(signer.cert.get(), Role::document_signer, kNow + i);
        (r.ok() ? good : refused)++;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(good == 100);
  CHECK(refused == 100);
  CHECK(store->cache_size() == 1);
}
