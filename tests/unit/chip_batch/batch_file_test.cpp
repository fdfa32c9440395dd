// Batch files (chip/batch_file.hpp, docs/batch.md): written and read one bundle at a
// time, refused when cut off, altered, reordered, extended or meant for another
// station; the header opens with the `openssl cms -decrypt` command line.

#include "chip/batch_file.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/support/require_ok.hpp"
#include "tools/pki/test_pki.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

constexpr std::int64_t kNow = 1'790'000'000;  // 2026-09

const testpki::TestPki& pki() {
  static const testpki::TestPki made = [] {
    auto p = testpki::make_test_pki({kNow, 1, 1});
    REQUIRE_OK(p);
    return std::move(*p);
  }();
  return made;
}

/// Bundles of varied sizes with recognisable contents (the reader does not verify them).
std::vector<Bytes> sample_bundles(int n) {
  std::vector<Bytes> out;
  for (int i = 0; i < n; ++i) {
    Bytes b(static_cast<std::size_t>(100 + 997 * i % 40'000));
    for (std::size_t j = 0; j < b.size(); ++j) b[j] = static_cast<std::uint8_t>(i * 31 + j);
    out.push_back(std::move(b));
  }
  return out;
}

std::string write_batch(const std::vector<Bytes>& bundles, const X509* to = nullptr) {
  std::ostringstream out;
  auto w = BatchWriter::start(out, to ? to : pki().station.cert.get(), bundles.size());
  REQUIRE_OK(w);
  for (const auto& b : bundles) REQUIRE_OK(w->add(b));
  REQUIRE_OK(w->finish());
  return out.str();
}

Result<BatchReader> open_text(const std::string& file) {
  return BatchReader::open(std::make_unique<std::istringstream>(file), pki().station.cert.get(),
                           pki().station.key.get());
}

/// Reads every bundle; returns those read and the error that stopped the reading.
struct ReadAll {
  std::vector<Bytes> bundles;
  std::optional<Error> error;
};
ReadAll read_all(const std::string& file) {
  ReadAll r;
  auto reader = open_text(file);
  if (!reader) {
    r.error = reader.error();
    return r;
  }
  for (;;) {
    auto next = reader->next();
    if (!next) {
      r.error = next.error();
      return r;
    }
    if (!*next) return r;
    r.bundles.push_back(std::move(**next));
  }
}

std::size_t header_end(const std::string& file) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(file.data()) + 8;
  const std::size_t h = (std::size_t{p[0]} << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
  return 12 + h + 24;  // magic, length, CMS, secretstream header
}

}  // namespace

TEST_CASE("bundles come back one at a time, in order, then the authenticated end") {
  const auto bundles = sample_bundles(25);
  const std::string file = write_batch(bundles);
  auto reader = open_text(file);
  REQUIRE_OK(reader);
  CHECK(reader->declared_count() == 25);
  for (std::size_t i = 0; i < bundles.size(); ++i) {
    auto next = reader->next();
    REQUIRE_OK(next);
    REQUIRE(next->has_value());
    CHECK(**next == bundles[i]);
    CHECK(reader->read_count() == i + 1);
  }
  auto end = reader->next();
  REQUIRE_OK(end);
  CHECK_FALSE(end->has_value());
  auto again = reader->next();  // the end stays the end
  REQUIRE_OK(again);
  CHECK_FALSE(again->has_value());

  SUBCASE("an empty batch is a valid batch") {
    auto empty = read_all(write_batch({}));
    CHECK_FALSE(empty.error);
    CHECK(empty.bundles.empty());
  }
  SUBCASE("no bundle appears in clear in the file") {
    const std::string marker(reinterpret_cast<const char*>(bundles[3].data()) + 10, 32);
    CHECK(file.find(marker) == std::string::npos);
  }
}

TEST_CASE("a batch file is read from disk through a stream") {
  char path[] = "/tmp/ektp-batch-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  const auto bundles = sample_bundles(40);
  {
    std::ofstream out(path, std::ios::binary);
    auto w = BatchWriter::start(out, pki().station.cert.get(), bundles.size());
    REQUIRE_OK(w);
    for (const auto& b : bundles) REQUIRE_OK(w->add(b));
    REQUIRE_OK(w->finish());
  }
  auto reader = BatchReader::open(std::make_unique<std::ifstream>(path, std::ios::binary),
                                  pki().station.cert.get(), pki().station.key.get());
  REQUIRE_OK(reader);
  std::size_t n = 0;
  for (;; ++n) {
    auto next = reader->next();
    REQUIRE_OK(next);
    if (!*next) break;
    CHECK(**next == bundles[n]);
  }
  CHECK(n == bundles.size());
  unlink(path);
}

TEST_CASE("a batch for another station, or not a batch at all, is refused with a plain reason") {
  auto other = testpki::issue(pki().job_ca, "Station 2", Role::station,
                              {kNow - 86400, kNow + 86400 * 365}, 77);
  REQUIRE_OK(other);
  auto r = read_all(write_batch(sample_bundles(2), other->cert.get()));
  REQUIRE(r.error);
  CHECK(r.error->code == "batch.not_for_station");
  CHECK(r.error->message.find("this station") != std::string::npos);

  auto junk = read_all("PK\x03\x04 a zip file, not a batch");
  REQUIRE(junk.error);
  CHECK(junk.error->code == "batch.not_a_batch");
  auto empty = read_all("");
  REQUIRE(empty.error);
  CHECK(empty.error->code == "batch.not_a_batch");
}

TEST_CASE("a file cut off anywhere is refused, and no partial bundle is handed out") {
  const auto bundles = sample_bundles(4);
  const std::string file = write_batch(bundles);
  for (std::size_t cut = 8; cut < file.size(); cut += 1 + cut / 7) {
    CAPTURE(cut);
    auto r = read_all(file.substr(0, cut));
    REQUIRE(r.error);
    CHECK((r.error->code == "batch.truncated" || r.error->code == "batch.malformed"));
    for (std::size_t i = 0; i < r.bundles.size(); ++i) CHECK(r.bundles[i] == bundles[i]);
    CHECK(r.bundles.size() <= bundles.size());
  }
  // Cut exactly before the end mark: every bundle read, then refused.
  const std::size_t last_record = file.size() - (4 + 8 + 17);
  auto r = read_all(file.substr(0, last_record));
  CHECK(r.bundles.size() == bundles.size());
  REQUIRE(r.error);
  CHECK(r.error->code == "batch.truncated");
}

TEST_CASE("an altered, reordered or extended file is refused") {
  const auto bundles = sample_bundles(3);
  const std::string file = write_batch(bundles);
  const std::size_t start = header_end(file);

  SUBCASE("one byte of a bundle changed") {
    std::string bad = file;
    bad[start + 4 + 50] ^= 0x01;
    auto r = read_all(bad);
    REQUIRE(r.error);
    CHECK(r.error->code == "batch.damaged");
    CHECK(r.error->message.find("record 1") != std::string::npos);
    CHECK(r.bundles.empty());
  }
  SUBCASE("two records swapped") {
    const std::size_t len0 = 4 + bundles[0].size() + 17;
    const std::size_t len1 = 4 + bundles[1].size() + 17;
    std::string bad = file.substr(0, start) + file.substr(start + len0, len1) +
                      file.substr(start, len0) + file.substr(start + len0 + len1);
    auto r = read_all(bad);
    REQUIRE(r.error);
    CHECK(r.error->code == "batch.damaged");
  }
  SUBCASE("a record dropped") {
    const std::size_t len0 = 4 + bundles[0].size() + 17;
    auto r = read_all(file.substr(0, start) + file.substr(start + len0));
    REQUIRE(r.error);
    CHECK(r.error->code == "batch.damaged");
  }
  SUBCASE("data after the end mark") {
    auto r = read_all(file + "extra");
    CHECK(r.bundles.size() == 3);
    REQUIRE(r.error);
    CHECK(r.error->code == "batch.malformed");
  }
  SUBCASE("a record length beyond the limit is refused before anything is allocated") {
    std::string bad = file;
    bad[start] = '\x7f';
    auto r = read_all(bad);
    REQUIRE(r.error);
    CHECK(r.error->code == "batch.malformed");
  }
  SUBCASE("the header of one batch on the records of another") {
    const std::string other = write_batch(bundles);
    auto r = read_all(other.substr(0, header_end(other)) + file.substr(start));
    REQUIRE(r.error);
    CHECK(r.error->code == "batch.damaged");
  }
}

TEST_CASE("the writer keeps its declared count") {
  std::ostringstream out;
  auto w = BatchWriter::start(out, pki().station.cert.get(), 2);
  REQUIRE_OK(w);
  REQUIRE_OK(w->add(sample_bundles(1)[0]));
  CHECK_FALSE(w->finish());
  REQUIRE_OK(w->add(sample_bundles(1)[0]));
  CHECK_FALSE(w->add(sample_bundles(1)[0]));
  CHECK_OK(w->finish());
}

TEST_CASE("the header opens with `openssl cms -decrypt` and the station's key") {
  char dir[] = "/tmp/ektp-batchx-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  const std::string d = dir;
  REQUIRE_OK(testpki::write_test_pki(pki(), d + "/pki"));
  const std::string file = write_batch(sample_bundles(7));
  const std::size_t h = header_end(file) - 12 - 24;
  std::ofstream(d + "/header.der", std::ios::binary).write(file.data() + 12, static_cast<long>(h));
  const std::string cmd = "openssl cms -decrypt -binary -inform DER -in " + d +
                          "/header.der -recip " + d + "/pki/station.pem -inkey " + d +
                          "/pki/station.key.pem -out " + d + "/plain.bin 2>" + d + "/err.txt";
  CHECK(std::system(cmd.c_str()) == 0);
  // docs/batch.md: AuthEnvelopedData, key agreement (ECDH) to the station.
  const std::string parse = "openssl asn1parse -inform DER -in " + d + "/header.der > " + d +
                            "/asn1.txt";
  REQUIRE(std::system(parse.c_str()) == 0);
  std::ifstream asn1(d + "/asn1.txt");
  const std::string dump((std::istreambuf_iterator<char>(asn1)), {});
  CHECK(dump.find("id-smime-ct-authEnvelopedData") != std::string::npos);
  CHECK(dump.find("dhSinglePass") != std::string::npos);
  CHECK(dump.find("aes-256-gcm") != std::string::npos);
  std::ifstream plain(d + "/plain.bin", std::ios::binary);
  const std::string p((std::istreambuf_iterator<char>(plain)), {});
  REQUIRE(p.size() == 41);  // version, 32-byte key, count
  CHECK(p[0] == 1);
  CHECK(static_cast<unsigned char>(p[40]) == 7);
  (void)std::system(("rm -rf '" + d + "'").c_str());
}
