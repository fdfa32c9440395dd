#include "tools/dataset/batch_commands.hpp"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "chip/batch_file.hpp"
#include "chip/bundle_verify.hpp"
#include "tools/dataset/job_bundle.hpp"

namespace ektp::dataset {
namespace {

int failed(const Error& e) {
  std::fprintf(stderr, "ektp-dataset: %s\n", e.message.c_str());
  return 1;
}

Result<chip::X509Ptr> load_cert(const std::string& path) {
  auto bytes = chip::read_file(path);
  if (!bytes) return bytes.error();
  return chip::parse_certificate(*bytes);
}

/// `name`.pem and `name`.key.pem of `dir`.
Result<testpki::Identity> load_identity(const std::string& dir, const std::string& name) {
  auto cert = load_cert(dir + "/" + name + ".pem");
  if (!cert) return cert.error();
  auto key_bytes = chip::read_file(dir + "/" + name + ".key.pem");
  if (!key_bytes) return key_bytes.error();
  auto key = chip::parse_private_key(*key_bytes);
  if (!key) return key.error();
  return testpki::Identity{std::move(*cert), std::move(*key)};
}

Result<void> load_trust(const std::string& dir, chip::TrustStore& store) {
  const std::pair<chip::Root, std::string> roots[] = {{chip::Root::csca, "csca"},
                                                      {chip::Root::job_ca, "jobca"}};
  for (const auto& [root, name] : roots) {
    auto cert = load_cert(dir + "/" + name + ".pem");
    if (!cert) return cert.error();
    if (auto r = store.set_root(root, std::move(*cert)); !r) return r;
    const std::string crl_path = dir + "/" + name + ".crl.pem";
    if (!std::filesystem::exists(crl_path)) continue;
    auto crl_bytes = chip::read_file(crl_path);
    if (!crl_bytes) return crl_bytes.error();
    auto crl = chip::parse_crl(*crl_bytes);
    if (!crl) return crl.error();
    if (auto r = store.set_crl(root, std::move(*crl)); !r) return r;
  }
  return ok();
}

}  // namespace

int make_batch_command(const std::string& pki_dir, std::uint64_t seed, std::uint64_t start,
                       std::uint64_t count, const std::string& out) {
  auto ds = load_identity(pki_dir, "ds1");
  if (!ds) return failed(ds.error());
  auto js = load_identity(pki_dir, "js1");
  if (!js) return failed(js.error());
  auto station = load_cert(pki_dir + "/station.pem");
  if (!station) return failed(station.error());

  const std::string partial = out + ".partial";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) return failed(fail("dataset.write", "Cannot write " + partial + "."));
  auto writer = chip::BatchWriter::start(file, station->get(), count);
  if (!writer) return failed(writer.error());
  for (std::uint64_t i = start; i < start + count; ++i) {
    auto made = make_generated_dataset(seed, i, *ds);
    if (!made) return failed(made.error());
    JobFields job;
    job.job_id = make_job_id(seed, i);
    job.priority = static_cast<int>(i % 10);
    auto bundle = make_job_bundle(*made, job, *js);
    if (!bundle) return failed(bundle.error());
    if (auto r = writer->add(*bundle); !r) return failed(r.error());
  }
  if (auto r = writer->finish(); !r) return failed(r.error());
  file.close();
  std::error_code ec;
  std::filesystem::rename(partial, out, ec);  // a reader never sees a half-written file
  if (!file || ec) return failed(fail("dataset.write", "Cannot write " + out + "."));
  std::printf("batch written to %s: %llu bundles for %s/station.pem\n", out.c_str(),
              static_cast<unsigned long long>(count), pki_dir.c_str());
  return 0;
}

int check_batch_command(const std::string& pki_dir, const std::string& path) {
  auto station = load_identity(pki_dir, "station");
  if (!station) return failed(station.error());
  chip::TrustStore trust;
  if (auto r = load_trust(pki_dir, trust); !r) return failed(r.error());
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return failed(fail("dataset.read", "Cannot open " + path + "."));
  auto reader = chip::BatchReader::open(std::move(in), station->cert.get(), station->key.get());
  if (!reader) return failed(reader.error());
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  std::uint64_t verified = 0, refused = 0;
  for (;;) {
    auto next = reader->next();
    if (!next) {
      std::printf("batch: %llu bundles read, %llu verified, %llu refused; then: %s\n",
                  static_cast<unsigned long long>(reader->read_count()),
                  static_cast<unsigned long long>(verified),
                  static_cast<unsigned long long>(refused), next.error().message.c_str());
      return 1;
    }
    if (!*next) break;
    auto v = chip::verify_bundle(**next, trust, now);
    if (v) {
      ++verified;
    } else {
      ++refused;
      std::printf("bundle %llu refused: %s (%s)\n",
                  static_cast<unsigned long long>(reader->read_count()), v.error().code.c_str(),
                  v.error().message.c_str());
    }
  }
  std::printf("batch: %llu bundles, %llu verified, %llu refused\n",
              static_cast<unsigned long long>(reader->read_count()),
              static_cast<unsigned long long>(verified), static_cast<unsigned long long>(refused));
  return refused == 0 ? 0 : 1;
}

}  // namespace ektp::dataset
