#pragma once
// The cups_driver test's fixture: the rig's cupsd (CUPS_SERVER exported), the test
// backend `ektp-test-sink` installed into the rig's ServerBin, temporary queues with the
// test's own PPDs, all removed at the end; and small helpers to follow a job.
//
// ektp-test-sink copies what it gets to $RIG/ektp-test-sink/<job id> (the witness of
// what CUPS sent; its CONTENT_TYPE in <job id>.type), reports the printer state reason
// in $RIG/ektp-test-sink/reason (if any) until the test writes $RIG/ektp-test-sink/go,
// and exits with the status in $RIG/ektp-test-sink/exit (0 if absent).
#include <cups/cups.h>
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "drivers/printer/cups_driver.hpp"
#include "drivers/printer/cups_jobs.hpp"
#include "tests/support/rig_env.hpp"

namespace ektp::test::cups_driver {

namespace fs = std::filesystem;
using namespace ektp::printer;
using namespace std::chrono_literals;

inline constexpr std::string_view kSink = "ektp-test-sink";
inline const std::string kToken =
    "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
}

inline std::string quote(const std::string& s) { return "'" + s + "'"; }

/// Runs a CUPS admin command against the rig's cupsd (CUPS_SERVER is exported).
inline void admin(const std::string& command) {
  INFO(command);
  REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
}

/// A minimal PPD offering one page size `size` of `points` ("width height" in points).
inline std::string minimal_ppd(const std::string& size, const std::string& points) {
  std::string ppd =
      "*PPD-Adobe: \"4.3\"\n*FormatVersion: \"4.3\"\n*FileVersion: \"1.0\"\n"
      "*LanguageVersion: English\n*LanguageEncoding: ISOLatin1\n*PCFileName: \"ektptest.ppd\"\n"
      "*Manufacturer: \"EKTP Test\"\n*Product: \"(EKTP Test Card Printer)\"\n"
      "*ModelName: \"EKTP Test Card Printer\"\n*ShortNickName: \"EKTP Test Card Printer\"\n"
      "*NickName: \"EKTP Test Card Printer\"\n*PSVersion: \"(3010.000) 0\"\n"
      "*LanguageLevel: \"3\"\n*ColorDevice: True\n*DefaultColorSpace: RGB\n"
      "*FileSystem: False\n*Throughput: \"1\"\n*LandscapeOrientation: Plus90\n"
      "*TTRasterizer: Type42\n";
  for (const char* ui : {"PageSize", "PageRegion"}) {
    ppd += std::string("*OpenUI *") + ui + ": PickOne\n*OrderDependency: 10 AnySetup *" + ui +
           "\n*Default" + ui + ": " + size + "\n*" + ui + " " + size + ": \"<</PageSize[" + points +
           "]>>setpagedevice\"\n*CloseUI: *" + ui + "\n";
  }
  ppd += "*DefaultImageableArea: " + size + "\n*ImageableArea " + size + ": \"0 0 " + points +
         "\"\n*DefaultPaperDimension: " + size + "\n*PaperDimension " + size + ": \"" + points +
         "\"\n";
  return ppd;
}

/// The rig's cupsd, the test backend installed, and temporary queues removed at the end.
struct Fixture {
  ektp::test::RigEnv env;
  fs::path rig = env.dir();
  fs::path sink_dir = rig / "ektp-test-sink";
  fs::path backend = rig / "serverbin" / "backend" / std::string(kSink);
  fs::path ppd_dir = fs::temp_directory_path() / ("ektp-cups-driver-" + std::to_string(::getpid()));
  std::vector<std::string> queues;

  Fixture() {
    env.export_var("CUPS_SERVER");
    fs::create_directories(sink_dir);
    fs::create_directories(ppd_dir);
    // 0700 root: cupsd runs it as root (it can write into the rig directory).
    write_file(
        backend,
        "#!/bin/sh\n"
        "# ektp-test-sink: a test backend (tests/integration/cups_driver).\n"
        "[ $# -eq 0 ] && exit 0\n"
        "dir=" +
            quote(sink_dir.string()) +
            "\n"
            "if [ -n \"$6\" ]; then cat \"$6\"; else cat; fi > \"$dir/$1.part\"\n"
            "printf '%s' \"$CONTENT_TYPE\" > \"$dir/$1.type\"\n"
            "mv \"$dir/$1.part\" \"$dir/$1\"\n"
            // A printer state reason to show until the test writes `go` (60 s at most).
            "if [ -f \"$dir/reason\" ]; then\n"
            "  reason=$(cat \"$dir/reason\"); echo \"STATE: +$reason\" >&2; i=0\n"
            "  while [ ! -f \"$dir/go\" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n"
            "  echo \"STATE: -$reason\" >&2\n"
            "fi\n"
            "[ -f \"$dir/exit\" ] && exit \"$(cat \"$dir/exit\")\"\n"
            "exit 0\n");
    fs::permissions(backend, fs::perms::owner_all, fs::perm_options::replace);
    // The queues' PPDs, the test's own (independent of the rig's queues): one CR80 size,
    // or A4 only.
    write_file(ppd_dir / "cr80.ppd", minimal_ppd("CR80", "153.01 242.65"));
    write_file(ppd_dir / "a4.ppd", minimal_ppd("A4", "595 842"));
  }

  ~Fixture() {
    for (const auto& queue : queues)
      (void)std::system(("lpadmin -x " + queue + " >/dev/null 2>&1").c_str());
    std::error_code ignored;
    fs::remove(backend, ignored);
    fs::remove_all(sink_dir, ignored);
    fs::remove_all(ppd_dir, ignored);
  }

  /// A new enabled, accepting queue `name` on `uri` with PPD "cr80" or "a4".
  std::string add_queue(const std::string& name, const std::string& uri, const std::string& ppd) {
    queues.push_back(name);
    admin("lpadmin -p " + name + " -E -v " + quote(uri) + " -P " +
          quote((ppd_dir / (ppd + ".ppd")).string()) + " -o printer-error-policy=abort-job");
    admin("cupsenable " + name);
    admin("cupsaccept " + name);
    return name;
  }

  std::string sink_queue(const std::string& name) {
    return add_queue(name, std::string(kSink) + ":/card", "cr80");
  }

  /// What the sink received for job `id` ("" if nothing).
  std::string received(int id) const { return read_file(sink_dir / std::to_string(id)); }
  /// The CONTENT_TYPE cupsd gave the backend for job `id`.
  std::string content_type(int id) const {
    return read_file(sink_dir / (std::to_string(id) + ".type"));
  }
  bool reached_backend(int id) const { return fs::exists(sink_dir / std::to_string(id)); }
};

inline CupsDriver sink_driver(const std::string& queue) {
  return CupsDriver({queue, std::string(kSink), 50ms});
}

inline void require_not_paused(const std::string& queue) {
  auto state = check_queue(queue);
  REQUIRE_MESSAGE(state.ok(), (state.ok() ? "" : state.error().message));
  CHECK(state->enabled());
  CHECK_FALSE(state->has_reason("paused"));
}

/// Follows the live job until CUPS has finished or forgotten it (bounded).
inline PrintObservation follow_to_end(const CupsDriver& driver) {
  auto seen = driver.observe();
  REQUIRE(seen.ok());
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (seen->job_known &&
         !(seen->job_state == JobState::completed || seen->job_state == JobState::canceled ||
           seen->job_state == JobState::aborted)) {
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "CUPS did not finish the job");
    seen = driver.wait_for_change(*seen, 5s);
    REQUIRE_MESSAGE(seen.ok(), (seen.ok() ? "" : seen.error().message));
  }
  return *seen;
}

inline std::vector<int> ids_of(const std::vector<QueuedJob>& jobs) {
  std::vector<int> out;
  for (const auto& job : jobs) out.push_back(job.id);
  return out;
}

inline bool contains(const std::vector<int>& ids, int id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace ektp::test::cups_driver
