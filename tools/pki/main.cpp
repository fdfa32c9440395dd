/// ektp-pki: make a throw-away test PKI as PEM files (never for production).
///
///   ektp-pki make DIR [--now EPOCH] [--document-signers N] [--job-signers N]
///
/// Writes csca.pem, ds1.pem..., jobca.pem, js1.pem..., station.pem (each with its
/// .key.pem, mode 0600) and csca.crl.pem, jobca.crl.pem. See tools/pki/test_pki.hpp.

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "tools/pki/test_pki.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: ektp-pki make DIR [--now EPOCH] [--document-signers N] "
               "[--job-signers N]\n");
  return 2;
}

bool number(const char* s, long long& out) {
  char* end = nullptr;
  out = std::strtoll(s, &end, 10);
  return end && *end == '\0' && end != s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || std::string(argv[1]) != "make") return usage();
  ektp::testpki::Options options;
  options.now = static_cast<std::int64_t>(std::time(nullptr));
  for (int i = 3; i < argc; i += 2) {
    long long v = 0;
    if (i + 1 >= argc || !number(argv[i + 1], v) || v < 0) return usage();
    const std::string flag = argv[i];
    if (flag == "--now") {
      options.now = v;
    } else if (flag == "--document-signers" && v <= 1000) {
      options.document_signers = static_cast<int>(v);
    } else if (flag == "--job-signers" && v <= 1000) {
      options.job_signers = static_cast<int>(v);
    } else {
      return usage();
    }
  }
  auto pki = ektp::testpki::make_test_pki(options);
  if (!pki) {
    std::fprintf(stderr, "ektp-pki: %s\n", pki.error().message.c_str());
    return 1;
  }
  if (auto r = ektp::testpki::write_test_pki(*pki, argv[2]); !r) {
    std::fprintf(stderr, "ektp-pki: %s\n", r.error().message.c_str());
    return 1;
  }
  std::printf("test PKI written to %s\n", argv[2]);
  return 0;
}
