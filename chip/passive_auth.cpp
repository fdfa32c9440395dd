#include "chip/passive_auth.hpp"

#include <algorithm>

#include "chip/apdu.hpp"

namespace ektp::chip {

namespace {

std::string short_hash(std::span<const std::uint8_t> h) {
  return to_hex(h.first(std::min<std::size_t>(h.size(), 8))) + "...";
}

}  // namespace

Result<void> compare_data_group_hashes(const DataGroupHashes& signed_hashes,
                                       const DataGroups& groups) {
  for (const auto& [number, expected] : signed_hashes) {
    auto it = groups.find(number);
    if (it == groups.end()) {
      return fail("sod.dg_missing",
                  "DG" + std::to_string(number) +
                      " is listed in the chip security data (EF.SOD) but is missing from the "
                      "data. The job is incomplete; ask central to issue it again.");
    }
    const auto actual = sha256(it->second);
    if (!std::equal(actual.begin(), actual.end(), expected.begin())) {
      return fail("sod.dg_hash_mismatch",
                  "DG" + std::to_string(number) +
                      " does not match what central signed (its SHA-256 is " + short_hash(actual) +
                      ", EF.SOD says " + short_hash(expected) +
                      "): the data was altered or damaged. Ask central to issue the job again.");
    }
  }
  for (const auto& [number, bytes] : groups) {
    if (!signed_hashes.count(number)) {
      return fail("sod.dg_extra", "DG" + std::to_string(number) +
                                      " is in the data but not listed in the chip security data "
                                      "(EF.SOD), so it was not signed by central. Ask central to "
                                      "issue the job again.");
    }
  }
  return ok();
}

Result<PassiveAuthReport> verify_passive_auth(std::span<const std::uint8_t> ef_sod,
                                              const DataGroups& groups, const TrustStore& trust,
                                              std::int64_t now) {
  auto sod = parse_sod(ef_sod);
  if (!sod) return sod.error();
  if (auto r = verify_sod_signature(*sod); !r) return r.error();
  std::vector<X509*> others;
  for (const auto& c : sod->certificates) others.push_back(c.get());
  auto signer = trust.verify_signer(sod->signer.get(), Role::document_signer, now, others);
  if (!signer) return signer.error();
  if (auto r = compare_data_group_hashes(sod->hashes, groups); !r) return r.error();
  return PassiveAuthReport{signer->subject, signer->crl_checked, signer->from_cache,
                           std::move(sod->hashes)};
}

}  // namespace ektp::chip
