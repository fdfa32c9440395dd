// Corpus replay: every file of fuzz/corpus/<harness>/ and fuzz/regressions/<harness>/
// run through the harness's LLVMFuzzerTestOneInput, compiled with GCC (no libFuzzer)
// under the test build's sanitizers. A harness property that fails aborts, as does a
// sanitizer finding. EKTP_FUZZ_HARNESS names the harness (one per test binary).

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/paths.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename().string().front() != '.') out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void replay(const std::vector<fs::path>& files) {
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::vector<std::uint8_t> bytes(fs::file_size(f));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    REQUIRE_MESSAGE(in.good(), "cannot read " << f);
    // Named before running, so that a crash shows which input caused it.
    std::fprintf(stderr, "replay %s\n", f.c_str());
    CHECK(LLVMFuzzerTestOneInput(bytes.data(), bytes.size()) == 0);
  }
}

}  // namespace

TEST_CASE("fuzz corpus replay: " EKTP_FUZZ_HARNESS) {
  const fs::path fuzz_dir = fs::path(ektp::test::source_dir()) / "fuzz";
  const auto corpus = files_in(fuzz_dir / "corpus" / EKTP_FUZZ_HARNESS);
  // The seeds are what the fuzzer starts from; an empty corpus means they were lost.
  REQUIRE_MESSAGE(!corpus.empty(), "no seed files in fuzz/corpus/" EKTP_FUZZ_HARNESS);
  replay(corpus);
  replay(files_in(fuzz_dir / "regressions" / EKTP_FUZZ_HARNESS));
  // The empty input too (libFuzzer always tries it).
  CHECK(LLVMFuzzerTestOneInput(nullptr, 0) == 0);
}
