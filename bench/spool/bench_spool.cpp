// ./tools/bench spool [--jobs N] [--dir D]: the spool's figures (issue 12).
//   import_jobs_per_s=    accept_bundles in batches of 100: sealing (XChaCha20-Poly1305),
//                         blob files written and synced, rows committed (synchronous=FULL)
//   status_counts_ms=     what /status needs, the first queries after an open at N queued:
//                         jobs by state, blank stock by bucket and days left, outbox backlog
//                         and oldest age, attempts in doubt
//   card_transactions_ms= one card's transactions claim -> done, summed (median of 21 cards)
//   reopen_recover_ms=    Spool::open at N jobs: quick_check, recovery, key check, orphans
//   rss_mb=               peak resident set (getrusage), import and queries included
//   db_mb_per_1k_jobs=    store + WAL + blob files, per 1,000 jobs
// Bundles are 7 KB of random "chip data" + 30 KB of random "photo" bytes each.
#include <sodium.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "drivers/common/clock.hpp"
#include "spool/ledger.hpp"
#include "spool/ledger_reports.hpp"
#include "spool/outbox.hpp"
#include "spool/spool.hpp"
#include "spool/store.hpp"

using namespace ektp::spool;
using Ms = std::chrono::duration<double, std::milli>;
using Steady = std::chrono::steady_clock;

namespace {

constexpr std::size_t kChipBytes = 7 * 1024;
constexpr std::size_t kPhotoBytes = 30 * 1024;
constexpr int kBatch = 100;

[[noreturn]] void die(const std::string& what, const ektp::Error& e) {
  std::fprintf(stderr, "bench_spool: %s: %s: %s\n", what.c_str(), e.code.c_str(),
               e.message.c_str());
  std::exit(1);
}
template <class T>
T must(ektp::Result<T> r, const char* what) {
  if (!r) die(what, r.error());
  return std::move(r).value();
}
void must(ektp::Result<void> r, const char* what) {
  if (!r) die(what, r.error());
}

std::uintmax_t tree_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) total += e.file_size();
  return total;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

Spool open_spool(const std::filesystem::path& dir, const ektp::Clock& clock,
                 const StorageKey& key) {
  OpenOptions options;
  options.path = dir / "spool.db";
  options.station_id = "bench";
  return must(Spool::open(options, clock, QueueConfig{3}, StorageKey::from_bytes(key.bytes())),
              "open");
}

// Everything /status needs from the spool; returns a checksum so nothing is optimised away.
std::int64_t status_queries(Spool& spool, const ektp::Clock& clock) {
  std::int64_t sum = 0;
  for (const auto& [state, n] : must(spool.jobs().count_by_state(), "count_by_state")) sum += n;
  const auto balances = must(ledger::balances(spool.db()), "balances");
  sum += balances.stock();
  const auto outlook = must(ledger::stock_outlook(spool.db(), clock.wall_now()), "stock_outlook");
  sum += outlook.stock;
  const auto backlog = must(outbox::backlog(spool.db(), clock.wall_now()), "backlog");
  sum += backlog.count;
  auto q = must(spool.db().prepare("SELECT count(*) FROM attempts WHERE state = 'in_doubt'"),
                "in doubt");
  must(q.step(), "in doubt");
  sum += q.column_int(0);
  return sum;
}

// One card claim -> done; returns the summed time of its transactions (ms).
double one_card(Spool& spool) {
  using A = AttemptState;
  double total = 0;
  auto timed = [&](auto&& f) {
    const auto t0 = Steady::now();
    f();
    total += Ms(Steady::now() - t0).count();
  };
  std::int64_t id = 0;
  timed([&] {
    auto c = must(spool.claim_next(), "claim");
    if (!c) die("claim", ektp::Error{"bench", "nothing queued"});
    id = c->attempt_id;
  });
  timed([&] { must(spool.start_feeding(id), "feed"); });
  timed([&] { must(spool.advance(id, A::in_encoder), "in_encoder"); });
  timed([&] { must(spool.advance(id, A::chip_writing), "chip_writing"); });
  timed([&] { must(spool.record_chip(id, "SN" + std::to_string(id), "04A1B2C3"), "chip"); });
  timed([&] { must(spool.advance(id, A::chip_locked), "chip_locked"); });
  PermitToken token{};
  timed([&] { token = must(spool.issue_permit(id), "permit"); });
  timed([&] { must(spool.use_permit(id, token, id), "use permit"); });
  timed([&] { must(spool.advance(id, A::card_out), "card_out"); });
  timed([&] { must(spool.finish(id), "finish"); });
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t jobs = 50'000;
  std::filesystem::path base = std::filesystem::temp_directory_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--jobs") {
      jobs = std::stoll(argv[i + 1]);
    } else if (flag == "--dir") {
      base = argv[i + 1];
    } else {
      std::fprintf(stderr, "usage: bench_spool [--jobs N] [--dir DIR]\n");
      return 2;
    }
  }
  if (sodium_init() < 0) return 1;
  std::string pattern = (base / "ektp-bench-spool-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 2;
  }
  const std::filesystem::path dir = pattern;
  auto& clock = ektp::SystemClock::instance();
  const StorageKey key = StorageKey::random();

  // ---- import ----------------------------------------------------------------
  double import_ms = 0;
  {
    Spool spool = open_spool(dir, clock, key);
    must(spool.receive_stock({.count = 20'000,
                              .delivery_ref = "SJ-BENCH",
                              .serial_first = {},
                              .serial_last = {},
                              .operator_id = "op",
                              .note = "",
                              .at = {}}),
         "receive");
    must(spool.load_hopper({.count = 200, .operator_id = "op", .at = {}}), "load");
    std::vector<std::vector<std::uint8_t>> bundles(
        kBatch, std::vector<std::uint8_t>(kChipBytes + kPhotoBytes));
    for (std::int64_t done = 0; done < jobs; done += kBatch) {
      const int n = static_cast<int>(std::min<std::int64_t>(kBatch, jobs - done));
      std::vector<BundleToAccept> batch;
      for (int i = 0; i < n; ++i) {
        randombytes_buf(bundles[static_cast<std::size_t>(i)].data(), bundles[0].size());
        NewJob j;
        j.id = make_uuid_v4();  // central's ids are random: index inserts land anywhere
        j.priority = (done + i) % 3;
        j.pickup_date = "2024-03-" + std::string((done + i) % 28 < 9 ? "0" : "") +
                        std::to_string((done + i) % 28 + 1);
        j.nik_hash.resize(32);
        randombytes_buf(j.nik_hash.data(), j.nik_hash.size());
        batch.push_back({std::move(j), bundles[static_cast<std::size_t>(i)]});
      }
      const auto t0 = Steady::now();
      must(spool.accept_bundles(batch), "accept_bundles");
      import_ms += Ms(Steady::now() - t0).count();
    }
  }
  const double import_per_s = static_cast<double>(jobs) / (import_ms / 1000.0);

  // ---- reopen, then the first status queries ------------------------------------
  auto t0 = Steady::now();
  std::optional<Spool> spool(open_spool(dir, clock, key));
  const double reopen_ms = Ms(Steady::now() - t0).count();
  t0 = Steady::now();
  const auto checksum = status_queries(*spool, clock);
  const double status_ms = Ms(Steady::now() - t0).count();

  // ---- one card's transactions ------------------------------------------------
  std::vector<double> cards;
  for (int i = 0; i < 21; ++i) cards.push_back(one_card(*spool));
  std::sort(cards.begin(), cards.end());
  const double card_ms = cards[cards.size() / 2];

  const double db_mb = static_cast<double>(tree_bytes(dir)) / (1024.0 * 1024.0);
  const double rss = peak_rss_mb();
  spool.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);

  std::printf("spool_jobs=%lld\n", static_cast<long long>(jobs));
  std::printf("import_jobs_per_s=%.0f\n", import_per_s);
  std::printf("status_counts_ms=%.2f\n", status_ms);
  std::printf("card_transactions_ms=%.2f\n", card_ms);
  std::printf("reopen_recover_ms=%.1f\n", reopen_ms);
  std::printf("rss_mb=%.1f\n", rss);
  std::printf("db_mb_per_1k_jobs=%.2f\n", db_mb / (static_cast<double>(jobs) / 1000.0));
  std::printf("status_checksum=%lld\n", static_cast<long long>(checksum));
  return 0;
}
