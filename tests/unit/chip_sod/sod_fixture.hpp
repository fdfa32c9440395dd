#pragma once
/// Shared set-up for the SOD / passive-authentication tests: a test PKI made at
/// a fixed time, sample data groups, and a trust store pinned to that PKI.

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "chip/passive_auth.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::test {

/// 2026-01-01 00:00:00 UTC: the "now" of these tests (never the wall clock).
inline constexpr std::int64_t kNow = 1767225600;
inline constexpr std::int64_t kDay = 24 * 3600;

/// Deterministic, varied bytes standing in for a data group's EF.
inline std::vector<std::uint8_t> fake_group(int number, std::size_t size) {
  std::vector<std::uint8_t> out(size);
  std::uint32_t x = 2166136261u ^ static_cast<std::uint32_t>(number);
  for (auto& b : out) {
    x = x * 16777619u + 0x9E3779B9u;
    b = static_cast<std::uint8_t>(x >> 24);
  }
  out[0] = static_cast<std::uint8_t>(0x60 + number);  // looks like a DG tag
  return out;
}

/// The KTP-OPEN data groups (1, 2, 3, 7, 11, 12, 13) with plausible sizes.
inline chip::DataGroups sample_groups() {
  return {{1, fake_group(1, 93)},   {2, fake_group(2, 3500)},  {3, fake_group(3, 800)},
          {7, fake_group(7, 900)},  {11, fake_group(11, 300)}, {12, fake_group(12, 150)},
          {13, fake_group(13, 200)}};
}

/// One test PKI for the whole test binary (key generation is the slow part).
inline const testpki::TestPki& shared_pki() {
  static const testpki::TestPki pki = [] {
    auto made = testpki::make_test_pki({kNow, 2, 2});
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    return std::move(made.value());
  }();
  return pki;
}

/// A trust store pinned to shared_pki(), with its (empty) CRLs when `with_crls`.
inline std::unique_ptr<chip::TrustStore> pinned_store(bool with_crls = true,
                                                      chip::TrustOptions options = {}) {
  auto store = std::make_unique<chip::TrustStore>(options);
  const auto& pki = shared_pki();
  if (with_crls) {
    auto r = testpki::load_into(pki, *store);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  } else {
    REQUIRE(store->set_root(chip::Root::csca, chip::share(pki.csca.cert.get())).ok());
    REQUIRE(store->set_root(chip::Root::job_ca, chip::share(pki.job_ca.cert.get())).ok());
  }
  return store;
}

/// EF.SOD over `groups` signed by `signer`.
inline std::vector<std::uint8_t> sod_by(const testpki::Identity& signer,
                                        const chip::DataGroups& groups = sample_groups()) {
  auto sod = chip::build_sod(groups, signer.cert.get(), signer.key.get());
  REQUIRE_MESSAGE(sod.ok(), (sod.ok() ? "" : sod.error().message));
  return std::move(sod.value());
}

/// The error of a Result that must have failed ("" code when it succeeded).
template <class R>
Error error_of(const R& r) {
  return r.ok() ? Error{"", "(succeeded)"} : r.error();
}

/// "contains" for messages.
inline bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace ektp::test
