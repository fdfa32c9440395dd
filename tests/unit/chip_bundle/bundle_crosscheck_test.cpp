// Independent cross-check: a bundle made by the project verifies with the `openssl cms`
// command line against the Job CA (and not against the CSCA).

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/chip_bundle/bundle_fixture.hpp"

using namespace ektp;
using namespace ektp::chip;
namespace t = ektp::test;
namespace sample = ektp::chip::test;
using t::kNow;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/ektp-bundle-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { (void)std::system(("rm -rf '" + path + "'").c_str()); }
};

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

int run(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a bundle made by the project verifies with `openssl cms -verify` against the Job CA") {
  const auto& pki = t::shared_pki();
  TempDir dir;
  const BundleContent c = t::good_content();
  const Bytes der = t::bundle_of(c);
  write(dir.path + "/bundle.der", std::string(der.begin(), der.end()));
  write(dir.path + "/jobca.pem", pem_of(pki.job_ca.cert.get()));
  write(dir.path + "/csca.pem", pem_of(pki.csca.cert.get()));
  const std::string verify = "openssl cms -verify -purpose any -inform DER -binary -attime " +
                             std::to_string(kNow) + " -in '" + dir.path + "/bundle.der' -out '" +
                             dir.path + "/content.json' -CAfile '" + dir.path;
  REQUIRE(run(verify + "/jobca.pem'") == 0);
  auto content = read_file(dir.path + "/content.json");
  REQUIRE_OK(content);
  CHECK(std::string(content->begin(), content->end()) == bundle_to_json(c));
  CHECK(run("openssl cms -cmsout -print -inform DER -in '" + dir.path + "/bundle.der' | grep -q " +
            "'eContentType: .*" + std::string(kBundleContentTypeOid) + "'") == 0);
  // The same check fails against the wrong root: the cross-check can fail.
  CHECK(run(verify + "/csca.pem'") != 0);
}

namespace {

std::string iso(const Date& d) {
  const std::string c = d.ccyymmdd();
  return c.substr(0, 4) + "-" + c.substr(4, 2) + "-" + c.substr(6, 2);
}

/// A shell assignment, single-quoted (a name may hold an apostrophe).
std::string assign(const std::string& name, const std::string& value) {
  std::string quoted = "'";
  for (char c : value) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return name + "=" + quoted + "'\n";
}

/// The data of `content` as the openssl fixture script reads it (docs/bundle.md names).
void write_script_input(const BundleContent& content, const std::string& dir) {
  const CitizenRecord& r = content.record;
  std::string env = assign("JOB_ID", content.job_id) + assign("NIK", r.nik) + assign("CAN", r.can) +
                    assign("PRIORITY", std::to_string(content.priority)) +
                    assign("PICKUP", iso(content.pickup_date)) +
                    assign("CREATED", content.created_at);
  const std::pair<const char*, std::string> face[] = {
      {"province", r.province},
      {"regency_city", r.regency_city},
      {"name", r.name},
      {"birth_place", r.birth_place},
      {"birth_date", iso(r.birth_date)},
      {"sex", sex_text(r.sex)},
      {"blood_type", r.blood_type},
      {"address", r.address},
      {"rt_rw", r.rt_rw},
      {"kelurahan_desa", r.kelurahan_desa},
      {"kecamatan", r.kecamatan},
      {"religion", r.religion},
      {"marital_status", r.marital_status},
      {"occupation", r.occupation},
      {"citizenship", r.citizenship},
      {"valid_until", r.valid_until ? iso(*r.valid_until) : std::string(kLifetime)},
      {"issuing_city", r.issuing_city},
      {"issue_date", iso(r.issue_date)},
  };
  for (const auto& [name, value] : face) env += assign(std::string("F_") + name, value);
  write(dir + "/fields.env", env);
  write(dir + "/photo.jpg", std::string(content.photo.begin(), content.photo.end()));
  write(dir + "/signature.jpg", std::string(content.signature.begin(), content.signature.end()));
  for (const auto& [name, bytes] : content.chip) {
    if (name != "EF.SOD") write(dir + "/" + name, std::string(bytes.begin(), bytes.end()));
  }
}

}  // namespace

TEST_CASE("a bundle made with the openssl command line only verifies with the project's code") {
  TempDir dir;
  const BundleContent content = t::good_content();
  REQUIRE(mkdir((dir.path + "/in").c_str(), 0700) == 0);
  write_script_input(content, dir.path + "/in");
  const std::string script = t::fixtures_dir() + "/openssl_bundle/make.sh";
  REQUIRE(run("EKU_DS=" + std::string(kEkuDocumentSigner) + " EKU_JS=" + kEkuJobSigner +
              " BUNDLE_OID=" + kBundleContentTypeOid + " sh '" + script + "' '" + dir.path +
              "/out' '" + dir.path + "/in'") == 0);
  const std::string out = dir.path + "/out";
  TrustStore store;
  auto csca = read_file(out + "/csca.pem");
  auto jobca = read_file(out + "/jobca.pem");
  REQUIRE_OK(csca);
  REQUIRE_OK(jobca);
  REQUIRE_OK(store.set_root(Root::csca, std::move(parse_certificate(*csca).value())));
  REQUIRE_OK(store.set_root(Root::job_ca, std::move(parse_certificate(*jobca).value())));
  // The script's certificates are dated from the wall clock: verify at the wall clock.
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));

  auto bundle = read_file(out + "/bundle.der", BundleLimits::bundle_bytes);
  REQUIRE_OK(bundle);
  auto verified = verify_bundle(*bundle, store, now);
  REQUIRE_OK(verified);
  CHECK(verified->job_id == content.job_id);
  CHECK(verified->record == content.record);
  CHECK(verified->photo == content.photo);

  SUBCASE("the same content signed by the script's document signer is refused") {
    auto by_ds = read_file(out + "/bundle_by_ds.der", BundleLimits::bundle_bytes);
    REQUIRE_OK(by_ds);
    auto r = verify_bundle(*by_ds, store, now);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "bundle.signer.role_crossed");
  }
  SUBCASE("against the project's test roots the script's bundle is refused") {
    auto r = verify_bundle(*bundle, *t::pinned_store(false), now);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "bundle.signer.unknown_issuer");
  }
}
