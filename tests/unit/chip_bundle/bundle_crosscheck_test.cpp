// Independent cross-check: a bundle made by the project verifies with the `openssl cms`
// command line against the Job CA (and not against the CSCA).

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

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
