#pragma once
/// Writes the fuzz seed corpora (fuzz/corpus/<harness>/) and the fixed roots the
/// harnesses trust (fuzz/support/fixed_roots.inc) from a test PKI made at
/// fuzz::kFuzzNow: valid samples made by the project, plus edge cases.
/// Run by the fuzz_seeds test with EKTP_WRITE_FUZZ_SEEDS=1 (fuzz/README.md).

#include <string>

#include "drivers/common/result.hpp"

namespace ektp::test {

/// Writes everything under `source_root` (the repository). Replaces the seed files it
/// names; leaves other corpus files (e.g. ones added by hand) alone.
Result<void> write_fuzz_seeds(const std::string& source_root);

}  // namespace ektp::test
