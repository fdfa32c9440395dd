// Fuzz harness: EF.SOD (chip/sod.hpp, chip/sod_security_object.hpp) and passive
// authentication (chip/passive_auth.hpp) against the fixed test trust (fuzz_pki.hpp).
// Input byte 0 chooses what is done with the rest:
//   0  EF.SOD as a chunk, then data groups as (number byte, chunk) pairs: parse_sod,
//      the signature, then passive authentication at kFuzzNow; an accepted SOD
//      lists exactly the groups given, with their hashes;
//   1  the LDS security object alone: a parse that succeeds re-encodes to the same
//      entries (the encoder orders them by data-group number);
//   2  the EF.SOD frame (tag 77): unwrapping then wrapping gives the input back.

#include <cstddef>
#include <cstdint>
#include <span>

#include "chip/passive_auth.hpp"
#include "chip/sod.hpp"
#include "chip/sod_security_object.hpp"
#include "fuzz/support/fuzz_input.hpp"
#include "fuzz/support/fuzz_pki.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

bool equal(const std::vector<std::uint8_t>& a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

void check_ef_sod(fuzz::InputReader& in) {
  const auto ef_sod = in.chunk();
  DataGroups groups;
  while (!in.empty()) {
    const int number = in.u8();
    const auto content = in.chunk();
    groups[number] = std::vector<std::uint8_t>(content.begin(), content.end());
  }

  bool signature_ok = false;
  if (auto parsed = parse_sod(ef_sod)) {
    FUZZ_CHECK(ef_sod.size() <= kMaxSodBytes);
    FUZZ_CHECK(parsed->signer != nullptr);
    FUZZ_CHECK(parsed->certificates.size() <= static_cast<std::size_t>(kMaxSodCertificates));
    FUZZ_CHECK(parsed->hashes.size() >= 2 && parsed->hashes.size() <= 16);
    auto again = parse_security_object(parsed->content);
    FUZZ_CHECK(again.ok() && *again == parsed->hashes);
    signature_ok = verify_sod_signature(*parsed).ok();
  }

  auto report = verify_passive_auth(ef_sod, groups, fuzz::fuzz_trust().fixed, fuzz::kFuzzNow);
  if (!report) return;
  // Accepted: the signature held, and the signed list is exactly the groups given.
  FUZZ_CHECK(signature_ok);
  FUZZ_CHECK(report->hashes == hash_data_groups(groups));
  FUZZ_CHECK(!report->signer_subject.empty());
}

void check_security_object(std::span<const std::uint8_t> der) {
  auto hashes = parse_security_object(der);
  if (!hashes) return;
  FUZZ_CHECK(hashes->size() >= 2 && hashes->size() <= 16);
  for (const auto& [number, hash] : *hashes) FUZZ_CHECK(number >= 1 && number <= 16);
  // The list may come in any order (a SEQUENCE OF); the encoder writes it by number.
  // The same entries, so the same size, and the same hashes when read again.
  auto again = encode_security_object(*hashes);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->size() == der.size());
  auto reread = parse_security_object(*again);
  FUZZ_CHECK(reread.ok() && *reread == *hashes);
}

void check_frame(std::span<const std::uint8_t> ef_sod) {
  auto inner = unwrap_ef_sod(ef_sod);
  if (!inner) return;
  FUZZ_CHECK(equal(wrap_ef_sod(*inner), ef_sod));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto& trust = fuzz::fuzz_trust();  // set up before the first input
  (void)trust;
  fuzz::InputReader in({data, size});
  switch (in.u8() % 3) {
    case 0:
      check_ef_sod(in);
      break;
    case 1:
      check_security_object(in.rest());
      break;
    default:
      check_frame(in.rest());
      break;
  }
  return 0;
}
