#pragma once
/// Runs the real CUPS backend (e.g. `ipp`) for the inner device URI and pipes the face
/// into its standard input: nothing is written to a file on the way.

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::gate {

struct InnerJob {
  std::string backend_path;  ///< e.g. <backend dir>/ipp
  std::string device_uri;    ///< the inner URI: ipp://localhost:8631/ipp/print
  /// argv[1..5]: job id, user, title, copies, options (the gate passes cupsd's, with
  /// copies always 1).
  std::vector<std::string> job_args;
  std::string content_type = "application/pdf";
};

/// Forks, execs the backend with DEVICE_URI, CONTENT_TYPE and FINAL_CONTENT_TYPE set and
/// its stdin a pipe, writes `face` into the pipe, waits, and returns the backend's exit
/// status (or -1 if it did not exit normally). While it runs the gate ignores SIGTERM:
/// cupsd signals the job's whole process group when it cancels, and the inner backend
/// handles that itself (a second SIGTERM from the gate would make it quit without
/// cancelling the printer's job). The face is wiped from memory once written.
Result<int> run_inner_backend(const InnerJob& job, std::vector<std::uint8_t>& face);

}  // namespace ektp::gate
