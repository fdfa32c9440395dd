#include "chip/passive_auth.hpp"

#include <algorithm>

#include "chip/apdu.hpp"
#include "chip/chip_messages_trust.hpp"

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
      return fail("sod.dg_missing", msg::say(msg::pa_dg_missing, number));
    }
    const auto actual = sha256(it->second);
    if (!std::equal(actual.begin(), actual.end(), expected.begin())) {
      return fail("sod.dg_hash_mismatch", msg::say(msg::pa_dg_hash_mismatch, number,
                                                   short_hash(actual), short_hash(expected)));
    }
  }
  for (const auto& [number, bytes] : groups) {
    if (!signed_hashes.count(number)) {
      return fail("sod.dg_extra", msg::say(msg::pa_dg_extra, number));
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
