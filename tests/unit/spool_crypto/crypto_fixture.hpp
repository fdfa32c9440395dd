#pragma once
/// A Spool with a storage key over a temporary store, and test bundles that carry
/// unique markers (a NIK-like number, a name, fake photo bytes) to look for in files.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "drivers/common/clock.hpp"
#include "spool/blob_store.hpp"
#include "spool/spool.hpp"
#include "spool/storage_key.hpp"
#include "tests/unit/spool/fixture.hpp"

namespace ektp::spool::test {

/// A bundle with its personal markers.
struct TestBundle {
  std::string nik;                  ///< 16 digits, unique per n
  std::string name;                 ///< unique per n
  std::vector<std::uint8_t> photo;  ///< 30 KB of seeded random bytes
  std::vector<std::uint8_t> bytes;  ///< the whole bundle

  /// Byte strings that must never be found in clear in the state directory.
  std::vector<std::vector<std::uint8_t>> markers() const {
    auto text = [](const std::string& s) { return std::vector<std::uint8_t>(s.begin(), s.end()); };
    return {text(nik), text(name),
            std::vector<std::uint8_t>(photo.begin() + 1000, photo.begin() + 1064),
            std::vector<std::uint8_t>(photo.end() - 64, photo.end())};
  }
};

inline TestBundle make_bundle(int n) {
  TestBundle b;
  char nik[32];
  std::snprintf(nik, sizeof nik, "3174%012d", 90'000'000 + n);
  b.nik = nik;
  b.name = "SITI AMINAH PUTRI MARKER" + std::to_string(100 + n);
  std::mt19937 rng(static_cast<unsigned>(7919 * n + 1));
  b.photo.resize(30 * 1024);
  for (auto& x : b.photo) x = static_cast<std::uint8_t>(rng());
  b.photo[0] = 0xFF;  // a JPEG start, as a photo would have
  b.photo[1] = 0xD8;
  const std::string head = R"({"nik":")" + b.nik + R"(","name":")" + b.name + R"(","photo":")";
  b.bytes.assign(head.begin(), head.end());
  b.bytes.insert(b.bytes.end(), b.photo.begin(), b.photo.end());
  const std::string tail = "\"}";
  b.bytes.insert(b.bytes.end(), tail.begin(), tail.end());
  return b;
}

/// NewJob for a bundle: content hash and bundle ref left for the spool to fill.
inline NewJob bundle_job(int n, std::string pickup = "2024-02-01") {
  NewJob j = new_job(n, std::move(pickup));
  j.content_hash.clear();
  j.bundle_ref.clear();
  return j;
}

/// The same 32 bytes every time: a key the tests can open the store with again.
inline StorageKey fixed_key(std::uint8_t fill = 0x42) {
  std::vector<std::uint8_t> raw(StorageKey::kSize, fill);
  return StorageKey::from_bytes(raw);
}

struct CryptoFixture {
  TempDir dir;
  ManualClock clock;
  QueueConfig config{3};
  ErasureConfig erasure{std::chrono::hours(24)};
  std::optional<Spool> spool;

  CryptoFixture() { open(); }

  std::filesystem::path store() const { return dir.file("spool.db"); }
  std::filesystem::path blob_dir() const { return dir.path() / "spool.db-blobs"; }

  Result<Spool> try_open(StorageKey key) {
    OpenOptions options;
    options.path = store();
    options.station_id = "station-test";
    return Spool::open(options, clock, config, std::move(key), erasure);
  }
  void open(std::uint8_t key_fill = 0x42) {
    spool.reset();
    auto opened = try_open(fixed_key(key_fill));
    REQUIRE_OK(opened);
    spool.emplace(std::move(opened).value());
  }
  Spool& s() { return *spool; }

  /// Accepts the test bundle n; returns the job id.
  std::string accept(int n) {
    const auto b = make_bundle(n);
    auto r = s().accept_bundle(bundle_job(n), b.bytes);
    REQUIRE_OK(r);
    REQUIRE(*r == Intake::accepted);
    return job_id(n);
  }
  std::string bundle_ref(const std::string& id) {
    auto j = s().jobs().get(id);
    REQUIRE_OK(j);
    return j->bundle_ref;
  }
  /// The pack file that holds the job's sealed bundle.
  std::filesystem::path pack_of(const std::string& id) {
    auto ref = BlobStore::parse(bundle_ref(id));
    REQUIRE(ref.has_value());
    return blob_dir() / ref->pack;
  }
  std::vector<std::string> blob_files() const {
    std::vector<std::string> out;
    if (!std::filesystem::exists(blob_dir())) return out;
    for (const auto& e : std::filesystem::directory_iterator(blob_dir()))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

inline std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline void write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

/// True when `needle` occurs in `hay`.
inline bool contains(const std::vector<std::uint8_t>& hay,
                     const std::vector<std::uint8_t>& needle) {
  return !needle.empty() &&
         std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

}  // namespace ektp::spool::test
