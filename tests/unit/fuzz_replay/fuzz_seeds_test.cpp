// The fuzz seeds: written on demand (EKTP_WRITE_FUZZ_SEEDS=1), and checked to still be
// the valid samples they were made as. When chip/ changes a format, this test says so,
// and the seeds must be written again (fuzz/README.md) or fuzzing starts from inputs
// that fail at the first check.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "chip/batch_file.hpp"
#include "chip/bundle.hpp"
#include "chip/bundle_json.hpp"
#include "chip/bundle_verify.hpp"
#include "chip/lds_dataset.hpp"
#include "chip/passive_auth.hpp"
#include "chip/tlv.hpp"
#include "fuzz/support/fuzz_input.hpp"
#include "fuzz/support/fuzz_pki.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/fuzz_replay/seed_writer.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

namespace fs = std::filesystem;

/// A seed file's bytes after its first `skip` bytes (the harness's mode byte).
Bytes seed(const std::string& harness, const std::string& name, std::size_t skip = 1) {
  const fs::path p = fs::path(test::source_dir()) / "fuzz" / "corpus" / harness / name;
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing seed " << p);
  Bytes b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(b.size() >= skip);
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(skip), b.end());
}

const char* const kRegenerate = "the seed no longer passes: write the seeds again (fuzz/README.md)";

}  // namespace

TEST_CASE("write the fuzz seeds when EKTP_WRITE_FUZZ_SEEDS=1") {
  const char* on = std::getenv("EKTP_WRITE_FUZZ_SEEDS");
  if (on == nullptr || std::string(on) != "1") return;
  REQUIRE_OK(test::write_fuzz_seeds(test::source_dir()));
  MESSAGE("seeds written under " << test::source_dir() << "/fuzz; rebuild, then run the tests");
}

TEST_CASE("the committed fuzz seeds are still valid samples") {
  const auto& trust = fuzz::fuzz_trust();

  SUBCASE("tlv: every valid file parses with the harness's limits") {
    for (const char* name : {"valid_EF.COM", "valid_DG2", "valid_EF.SOD"}) {
      const Bytes b = seed("tlv", name, 2);
      TlvLimits limits;
      limits.max_depth = 16;
      CHECK_MESSAGE(parse_tlv(b, limits).ok(), name << ": " << kRegenerate);
    }
  }

  SUBCASE("lds: the whole data set parses") {
    const Bytes b = seed("lds", "valid_dataset");
    fuzz::InputReader in(b);
    const std::uint16_t present = in.u16();
    Dataset set;
    const auto specs = profile_files();
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if ((present & (1u << i)) != 0) {
        const auto part = in.chunk();
        set.files.push_back({specs[i], Bytes(part.begin(), part.end())});
      }
    }
    CHECK_MESSAGE(set.files.size() == specs.size(), kRegenerate);
    CHECK_MESSAGE(parse_dataset(set).ok(), kRegenerate);
  }

  SUBCASE("sod: passive authentication passes against the fixed trust") {
    const Bytes b = seed("sod", "valid_passive_auth");
    fuzz::InputReader in(b);
    const auto sod = in.chunk();
    DataGroups groups;
    while (!in.empty()) {
      const int number = in.u8();
      const auto c = in.chunk();
      groups[number] = Bytes(c.begin(), c.end());
    }
    auto r = verify_passive_auth(sod, groups, trust.fixed, fuzz::kFuzzNow);
    CHECK_MESSAGE(r.ok(), kRegenerate << ": " << (r ? "" : r.error().message));
    // The revoked signer's seed is refused as revoked (the fixed CRL is in use).
    const Bytes rb = seed("sod", "edge_revoked_signer");
    fuzz::InputReader rin(rb);
    auto revoked = verify_passive_auth(rin.chunk(), groups, trust.fixed, fuzz::kFuzzNow);
    REQUIRE_FALSE(revoked.ok());
    CHECK(revoked.error().code == "pki.revoked");
  }

  SUBCASE("bundle_json: the JSON parses") {
    CHECK_MESSAGE(parse_bundle_json(seed("bundle_json", "valid_bundle_json", 0)).ok(), kRegenerate);
  }

  SUBCASE("bundle: the bundle verifies, and so does its JSON signed at start") {
    auto v = verify_bundle(seed("bundle", "valid_bundle"), trust.fixed, fuzz::kFuzzNow);
    CHECK_MESSAGE(v.ok(), kRegenerate << ": " << (v ? "" : v.error().message));
    const Bytes json = seed("bundle", "valid_json_resigned");
    const auto& js = trust.made.job_signers.at(0);
    auto der =
        make_bundle_from_json(std::string(json.begin(), json.end()), js.cert.get(), js.key.get());
    REQUIRE_OK(der);
    auto resigned = verify_bundle(*der, trust.resign, fuzz::kFuzzNow);
    CHECK_MESSAGE(resigned.ok(), kRegenerate << ": " << (resigned ? "" : resigned.error().message));
  }

  SUBCASE("batch: a whole file has the batch header") {
    const Bytes b = seed("batch", "whole_file_other_station");
    REQUIRE(b.size() > 8);
    CHECK(std::string(b.begin(), b.begin() + 8) == "EKTPBAT1");
    // It is for the seeds' station, not the one the harness makes: refused as such.
    const auto& station = trust.made.station;
    auto r =
        BatchReader::open(std::make_unique<std::istringstream>(std::string(b.begin(), b.end())),
                          station.cert.get(), station.key.get());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "batch.not_for_station");
  }
}
