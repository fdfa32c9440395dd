/// ektp-dataset: generated citizen records and signed KTP-OPEN data sets, for
/// tests, benchmarks and the central simulator. All personal data is fake.
///
///   ektp-dataset records --count N --seed S [--start I]
///       one JSON record per line (records I .. I+N-1 of seed S)
///   ektp-dataset make --seed S --out DIR [--index I] [--record FILE] [--pki DIR]
///       a signed data set (signed_dataset.hpp's files) and the face photo; the
///       document signer is ds1 of --pki DIR (ektp-pki's layout), or a new test
///       PKI written to DIR/pki when none is given.
///   ektp-dataset sizes --count N --seed S
///       build N signed data sets in memory and print, over them,
///       dataset_bytes_p50= and dataset_bytes_max= (content plus the card's
///       per-file overhead, as fits() counts it), and dataset_fit_8k= (how many fit)
///   ektp-dataset batch ... / check-batch ...: batch files (batch_commands.hpp)

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "chip/openssl_util.hpp"
#include "tools/dataset/batch_commands.hpp"
#include "tools/dataset/record_generator.hpp"
#include "tools/dataset/record_json.hpp"
#include "tools/dataset/signed_dataset.hpp"

namespace {

using namespace ektp;

Result<testpki::Identity> load_signer(const std::string& dir) {
  auto cert_bytes = chip::read_file(dir + "/ds1.pem");
  if (!cert_bytes) return cert_bytes.error();
  auto key_bytes = chip::read_file(dir + "/ds1.key.pem");
  if (!key_bytes) return key_bytes.error();
  auto cert = chip::parse_certificate(*cert_bytes);
  if (!cert) return cert.error();
  auto key = chip::parse_private_key(*key_bytes);
  if (!key) return key.error();
  return testpki::Identity{std::move(*cert), std::move(*key)};
}

Result<testpki::Identity> new_pki(const std::string& dir) {
  testpki::Options options;
  options.now = static_cast<std::int64_t>(std::time(nullptr));
  auto pki = testpki::make_test_pki(options);
  if (!pki) return pki.error();
  if (auto r = testpki::write_test_pki(*pki, dir); !r) return r.error();
  return std::move(pki->document_signers.front());
}

Result<chip::CitizenRecord> read_record(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail("dataset.read", "Cannot open " + path + ".");
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded()) return fail("dataset.bad_json", path + " is not valid JSON.");
  return dataset::record_from_json(json);
}

int make(std::uint64_t seed, std::uint64_t index, const std::string& out,
         const std::string& pki_dir, const std::string& record_file) {
  auto signer = pki_dir.empty() ? new_pki(out + "/pki") : load_signer(pki_dir);
  if (!signer) {
    std::fprintf(stderr, "ektp-dataset: %s\n", signer.error().message.c_str());
    return 1;
  }
  Result<dataset::MadeDataset> made = fail("", "");
  if (record_file.empty()) {
    made = dataset::make_generated_dataset(seed, index, *signer);
  } else {
    auto record = read_record(record_file);
    if (!record) {
      std::fprintf(stderr, "ektp-dataset: %s\n", record.error().message.c_str());
      return 1;
    }
    made = dataset::make_dataset(*record, seed, *signer);
  }
  if (!made) {
    std::fprintf(stderr, "ektp-dataset: %s\n", made.error().message.c_str());
    return 1;
  }
  if (auto r = dataset::write_dataset(*made, out); !r) {
    std::fprintf(stderr, "ektp-dataset: %s\n", r.error().message.c_str());
    return 1;
  }
  const auto fits = made->dataset.fits(dataset::kCardCapacity, dataset::kPerFileOverhead);
  std::printf("data set written to %s: %zu bytes in %zu files (%s an %zu-byte card)\n", out.c_str(),
              made->dataset.total_bytes(), made->dataset.files.size(),
              fits ? "fits" : "does NOT fit", dataset::kCardCapacity);
  return fits ? 0 : 1;
}

int sizes(std::uint64_t seed, std::uint64_t count) {
  testpki::Options options;
  options.now = static_cast<std::int64_t>(std::time(nullptr));
  auto pki = testpki::make_test_pki(options);
  if (!pki || count == 0) {
    std::fprintf(stderr, "ektp-dataset: %s\n",
                 pki ? "--count must be at least 1" : pki.error().message.c_str());
    return 1;
  }
  std::vector<std::size_t> bytes;
  std::size_t fit = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    auto made = dataset::make_generated_dataset(seed, i, pki->document_signers.front(), false);
    if (!made) {
      std::fprintf(stderr, "ektp-dataset: record %llu: %s\n", static_cast<unsigned long long>(i),
                   made.error().message.c_str());
      return 1;
    }
    const auto& ds = made->dataset;
    bytes.push_back(ds.total_bytes() + ds.files.size() * dataset::kPerFileOverhead);
    fit += ds.fits(dataset::kCardCapacity, dataset::kPerFileOverhead).ok();
  }
  std::sort(bytes.begin(), bytes.end());
  std::printf("dataset_bytes_p50=%zu\ndataset_bytes_max=%zu\ndataset_fit_8k=%zu/%llu\n",
              bytes[(bytes.size() - 1) / 2], bytes.back(), fit,
              static_cast<unsigned long long>(count));
  return fit == count ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Generated citizen records and signed KTP-OPEN data sets (fake data, for tests)"};
  app.require_subcommand(1);
  std::uint64_t seed = 1, start = 0, count = 10, index = 0;
  std::string out, pki_dir, record_file;

  auto* records = app.add_subcommand("records", "Print generated records, one JSON object a line");
  records->add_option("--count", count, "How many records")->check(CLI::Range(0, 10000000));
  records->add_option("--seed", seed, "Seed of the record stream");
  records->add_option("--start", start, "Index of the first record");

  auto* mk = app.add_subcommand("make", "Write a signed data set and the face photo");
  mk->add_option("--seed", seed, "Seed of the record stream (or of the images with --record)");
  mk->add_option("--index", index, "Which record of the stream");
  mk->add_option("--out", out, "Folder to write")->required();
  mk->add_option("--pki", pki_dir, "Test PKI folder (ektp-pki make); ds1 signs EF.SOD");
  mk->add_option("--record", record_file, "A citizen record (JSON) instead of a generated one");

  auto* sz = app.add_subcommand("sizes", "Print the size distribution of N signed data sets");
  sz->add_option("--count", count, "How many data sets")->check(CLI::Range(1, 1000000));
  sz->add_option("--seed", seed, "Seed of the record stream");

  std::string batch_file;
  auto* batch = app.add_subcommand("batch", "Write a batch file of signed bundles for a station");
  batch->add_option("--pki", pki_dir, "Test PKI folder (ektp-pki make): ds1, js1, station")
      ->required();
  batch->add_option("--count", count, "How many bundles")->check(CLI::Range(0, 1000000));
  batch->add_option("--seed", seed, "Seed of the record stream");
  batch->add_option("--start", start, "Index of the first record");
  batch->add_option("--out", out, "The batch file to write")->required();
  auto* check = app.add_subcommand("check-batch", "Open a batch file and verify every bundle");
  check->add_option("--pki", pki_dir, "Test PKI folder: station key, CSCA, Job CA")->required();
  check->add_option("file", batch_file, "The batch file")->required();

  CLI11_PARSE(app, argc, argv);
  if (batch->parsed()) return dataset::make_batch_command(pki_dir, seed, start, count, out);
  if (check->parsed()) return dataset::check_batch_command(pki_dir, batch_file);
  if (sz->parsed()) return sizes(seed, count);
  if (records->parsed()) {
    for (std::uint64_t i = start; i < start + count; ++i) {
      std::cout << dataset::record_to_json(dataset::generate_record(seed, i)).dump() << '\n';
    }
    return std::cout ? 0 : 1;
  }
  return make(seed, index, out, pki_dir, record_file);
}
