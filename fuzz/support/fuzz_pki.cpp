#include "fuzz/support/fuzz_pki.hpp"

#include <cstdio>
#include <cstdlib>
#include <span>

#include "chip/openssl_util.hpp"

namespace ektp::fuzz {
namespace {

// kFixedCsca, kFixedCscaCrl, kFixedJobCa, kFixedJobCaCrl (DER).
#include "fuzz/support/fixed_roots.inc"

[[noreturn]] void broken(const std::string& what) {
  std::fprintf(stderr, "fuzz harness set-up failed: %s\n", what.c_str());
  std::abort();
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) broken(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

void must(Result<void> r, const char* what) {
  if (!r) broken(std::string(what) + ": " + r.error().message);
}

void pin(chip::TrustStore& store, chip::Root root, std::span<const std::uint8_t> cert,
         std::span<const std::uint8_t> crl) {
  must(store.set_root(root, must(chip::parse_certificate(cert), "fixed root")), "pin root");
  must(store.set_crl(root, must(chip::parse_crl(crl), "fixed CRL")), "load CRL");
}

FuzzTrust* build() {
  auto* t = new FuzzTrust;
  t->made = must(testpki::make_test_pki({kFuzzNow, 0, 1}), "make PKI");
  pin(t->fixed, chip::Root::csca, kFixedCsca, kFixedCscaCrl);
  pin(t->fixed, chip::Root::job_ca, kFixedJobCa, kFixedJobCaCrl);
  pin(t->resign, chip::Root::csca, kFixedCsca, kFixedCscaCrl);
  must(t->resign.set_root(chip::Root::job_ca, chip::share(t->made.job_ca.cert.get())),
       "pin made Job CA");
  must(t->resign.set_crl(chip::Root::job_ca,
                         must(chip::parse_crl(chip::der_of(t->made.job_ca_crl.get())), "CRL")),
       "load made CRL");
  return t;
}

}  // namespace

const FuzzTrust& fuzz_trust() {
  static const FuzzTrust* trust = build();  // never freed: lives as long as the harness
  return *trust;
}

}  // namespace ektp::fuzz
