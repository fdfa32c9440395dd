// Independent cross-checks with the `openssl` command line, so that the project's
// SOD code is not only graded by itself: openssl verifies the project's SOD, and
// the project verifies an SOD made by openssl alone (tests/fixtures/openssl_sod).

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "chip/passive_auth.hpp"
#include "sod_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"

using namespace ektp;
using namespace ektp::chip;
using test::error_of;
using test::has;
using test::kNow;

namespace {

/// A temporary directory, removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/ektp-sod-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { (void)std::system(("rm -rf '" + path + "'").c_str()); }
};

void write(const std::string& path, std::span<const std::uint8_t> data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  REQUIRE(out.good());
}

void write(const std::string& path, const std::string& text) {
  write(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

int run(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("the project's EF.SOD verifies with `openssl cms -verify` against the CSCA") {
  const auto& pki = test::shared_pki();
  TempDir dir;
  const Bytes ef_sod = test::sod_by(pki.document_signers[0]);
  auto cms = unwrap_ef_sod(ef_sod);
  REQUIRE_OK(cms);
  write(dir.path + "/sod.cms", *cms);
  write(dir.path + "/csca.pem", pem_of(pki.csca.cert.get()));
  write(dir.path + "/jobca.pem", pem_of(pki.job_ca.cert.get()));
  const std::string verify = "openssl cms -verify -purpose any -inform DER -binary -attime " +
                             std::to_string(kNow) + " -in '" + dir.path + "/sod.cms' -out '" +
                             dir.path + "/content.der' -CAfile '" + dir.path;
  REQUIRE(run(verify + "/csca.pem'") == 0);
  auto content = read_file(dir.path + "/content.der");
  REQUIRE_OK(content);
  auto expected = encode_security_object(hash_data_groups(test::sample_groups()));
  REQUIRE_OK(expected);
  CHECK(*content == *expected);
  // openssl also reads the eContentType we wrote.
  CHECK(run("openssl cms -cmsout -print -inform DER -in '" + dir.path + "/sod.cms' | grep -q " +
            "'eContentType: .*2.23.136.1.1.1'") == 0);
  // The same check fails against the wrong root: the cross-check can fail.
  CHECK(run(verify + "/jobca.pem'") != 0);
}

TEST_CASE("an EF.SOD made with the openssl command line only verifies with the project's code") {
  TempDir dir;
  auto groups = test::sample_groups();
  std::string args;
  for (const auto& [number, bytes] : groups) {
    const std::string file = dir.path + "/dg" + std::to_string(number);
    write(file, bytes);
    args += " " + std::to_string(number) + "='" + file + "'";
  }
  const std::string script = test::fixtures_dir() + "/openssl_sod/make.sh";
  REQUIRE(run("EKU_DS=" + std::string(kEkuDocumentSigner) + " sh '" + script + "' '" + dir.path +
              "/out'" + args) == 0);
  auto ef_sod = read_file(dir.path + "/out/ef_sod.bin");
  REQUIRE_OK(ef_sod);
  auto csca_pem = read_file(dir.path + "/out/csca.pem");
  REQUIRE_OK(csca_pem);
  auto csca = parse_certificate(*csca_pem);
  REQUIRE_OK(csca);

  TrustStore store;
  REQUIRE_OK(store.set_root(Root::csca, std::move(*csca)));
  // The script's certificates are dated from the wall clock: verify at the wall clock.
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  auto report = verify_passive_auth(*ef_sod, groups, store, now);
  REQUIRE_OK(report);
  CHECK(has(report->signer_subject, "Fixture Document Signer"));

  SUBCASE("a changed DG11 byte is refused, naming DG11") {
    groups[11][17] ^= 0x20;
    auto r = verify_passive_auth(*ef_sod, groups, store, now);
    CHECK(error_of(r).code == "sod.dg_hash_mismatch");
    CHECK(has(error_of(r).message, "DG11"));
  }
  SUBCASE("against the project's test CSCA it is an unknown issuer") {
    auto ours = test::pinned_store(false);
    auto r = verify_passive_auth(*ef_sod, groups, *ours, now);
    CHECK(error_of(r).code == "pki.unknown_issuer");
  }
}
