// ./tools/bench verify [--distinct N] [--bundles N] [--records N] [--in-memory N] [--threads N]
//
// Issue 13's figures: full verification of realistic bundles (a ~7 KB chip data set
// plus a ~25 KB printable photo, signed by 10 job signers over data sets signed by 10
// document signers, so signer chains are really checked) on both cores; the seeds'
// 15,000-job backlog read from one batch file on disk, decrypted and verified
// (spooling excluded); and the data-set sizes over generated records.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chip/batch_file.hpp"
#include "chip/bundle_verify.hpp"
#include "tools/dataset/job_bundle.hpp"
#include "tools/dataset/record_generator.hpp"

namespace {

using namespace ektp;
using Clock = std::chrono::steady_clock;

struct Args {
  std::size_t distinct = 200;  // distinct citizens (data sets with photos)
  std::size_t bundles = 15000;
  std::size_t records = 1000;  // for the size figures
  std::size_t in_memory = 2000;
  unsigned threads = 2;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_verify: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T value(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Verifies `n` bundles from `next` on `threads` threads; returns the failures.
template <class Next>
std::size_t verify_all(Next next, unsigned threads, const chip::TrustStore& trust,
                       std::int64_t now) {
  std::atomic<std::size_t> failures{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      while (auto bundle = next()) {
        if (!chip::verify_bundle(*bundle, trust, now)) ++failures;
      }
    });
  }
  for (auto& t : pool) t.join();
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const auto v = static_cast<std::size_t>(std::stoull(argv[i + 1]));
    if (k == "--distinct") {
      args.distinct = std::max<std::size_t>(v, 1);
    } else if (k == "--bundles") {
      args.bundles = v;
    } else if (k == "--records") {
      args.records = std::max<std::size_t>(v, 1);
    } else if (k == "--in-memory") {
      args.in_memory = std::max<std::size_t>(v, 1);
    } else if (k == "--threads") {
      args.threads = static_cast<unsigned>(std::max<std::size_t>(v, 1));
    } else {
      die("unknown option " + k);
    }
  }
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  testpki::Options options;
  options.now = now;
  options.document_signers = 10;
  options.job_signers = 10;
  const auto pki = value(testpki::make_test_pki(options), "test PKI");
  constexpr std::uint64_t kSeed = 20260101;

  // Data sets: sizes over `records`, the first `distinct` with their printable photo.
  std::vector<dataset::MadeDataset> made;
  std::vector<std::size_t> sizes;
  const auto t_make = Clock::now();
  for (std::size_t i = 0; i < std::max(args.records, args.distinct); ++i) {
    const bool photo = i < args.distinct;
    auto m = value(dataset::make_generated_dataset(kSeed, i, pki.document_signers[i % 10], photo),
                   "data set");
    std::size_t bytes = 0;
    for (const auto& f : m.dataset.files) bytes += f.content.size() + dataset::kPerFileOverhead;
    sizes.push_back(bytes);
    if (photo) made.push_back(std::move(m));
  }
  std::sort(sizes.begin(), sizes.end());
  std::fprintf(stderr, "made %zu data sets in %.1f s\n", sizes.size(), seconds_since(t_make));

  const auto bundle = [&](std::size_t i) {
    dataset::JobFields job;
    job.job_id = dataset::make_job_id(kSeed, i);
    job.priority = static_cast<int>(i % 10);
    return value(dataset::make_job_bundle(made[i % made.size()], job, pki.job_signers[i % 10]),
                 "bundle");
  };

  chip::TrustStore trust;
  if (auto r = testpki::load_into(pki, trust); !r) die(r.error().message);

  // 1. Verification throughput over bundles held in memory.
  std::vector<chip::Bytes> held;
  std::size_t held_bytes = 0;
  for (std::size_t i = 0; i < args.in_memory; ++i) {
    held.push_back(bundle(i));
    held_bytes += held.back().size();
  }
  std::atomic<std::size_t> cursor{0};
  const auto t_verify = Clock::now();
  const std::size_t failed_memory = verify_all(
      [&]() -> std::optional<chip::Bytes> {
        const std::size_t i = cursor++;
        if (i >= held.size()) return std::nullopt;
        return held[i];  // a copy (~5 us), as a bundle read from the network would be
      },
      args.threads, trust, now);
  const double verify_s = seconds_since(t_verify);
  held.clear();

  // 2. The backlog: one batch file on disk, read one bundle at a time.
  const std::string path =
      (std::filesystem::temp_directory_path() / ("ektp-bench-batch-" + std::to_string(getpid())))
          .string();
  {
    std::ofstream out(path, std::ios::binary);
    auto writer =
        value(chip::BatchWriter::start(out, pki.station.cert.get(), args.bundles), "batch writer");
    for (std::size_t i = 0; i < args.bundles; ++i) {
      if (auto r = writer.add(bundle(args.in_memory + i)); !r) die(r.error().message);
    }
    if (auto r = writer.finish(); !r) die(r.error().message);
  }
  const auto file_bytes = std::filesystem::file_size(path);
  const auto t_backlog = Clock::now();
  auto reader =
      value(chip::BatchReader::open(std::make_unique<std::ifstream>(path, std::ios::binary),
                                    pki.station.cert.get(), pki.station.key.get()),
            "batch reader");
  // The reader decrypts on this thread; the verifiers take from a bounded queue.
  std::mutex m;
  std::condition_variable cv;
  std::deque<chip::Bytes> queue;
  bool done = false;
  std::size_t read_errors = 0;
  std::thread producer([&] {
    for (;;) {
      auto next = reader.next();
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return queue.size() < 64; });
      if (!next) ++read_errors;
      if (!next || !*next) break;
      queue.push_back(std::move(**next));
      cv.notify_all();
    }
    std::lock_guard lock(m);
    done = true;
    cv.notify_all();
  });
  const std::size_t failed_backlog = verify_all(
      [&]() -> std::optional<chip::Bytes> {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) return std::nullopt;
        chip::Bytes taken = std::move(queue.front());
        queue.pop_front();
        cv.notify_all();
        return taken;
      },
      args.threads, trust, now);
  producer.join();
  const double backlog_s = seconds_since(t_backlog);
  const std::uint64_t backlog_read = reader.read_count();
  std::filesystem::remove(path);

  std::printf("threads=%u\n", args.threads);
  std::printf("job_signers=10\ndocument_signers=10\n");
  std::printf("bundle_bytes_avg=%zu\n", held_bytes / std::max<std::size_t>(args.in_memory, 1));
  std::printf("verified_bundles_per_s=%.0f\n", static_cast<double>(args.in_memory) / verify_s);
  std::printf("verify_failures=%zu\n", failed_memory + failed_backlog + read_errors);
  std::printf("backlog_bundles=%llu\n", static_cast<unsigned long long>(backlog_read));
  std::printf("backlog_file_mb=%.0f\n", static_cast<double>(file_bytes) / 1e6);
  std::printf("backlog_%zu_s=%.2f\n", args.bundles, backlog_s);
  std::printf("dataset_records=%zu\n", sizes.size());
  std::printf("dataset_bytes_p50=%zu\n", sizes[sizes.size() / 2]);
  std::printf("dataset_bytes_max=%zu\n", sizes.back());
  return failed_memory + failed_backlog + read_errors == 0 ? 0 : 1;
}
