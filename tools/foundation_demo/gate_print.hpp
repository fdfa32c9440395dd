#pragma once
/// The demo's print through the station's `card` queue and its CUPS backend ektp-gate
/// (docs/print-permit.md), until the daemon's pipeline does it: a spool store in the
/// demo's output directory holds the attempt and its one-time print permit, the permit
/// service runs in this process on the rig's $EKTP_GATE_SOCKET, and CUPS only ever
/// holds the placeholder.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "tests/support/rig_env.hpp"

namespace ektp::demo {

/// What the gated print did.
struct GatePrint {
  std::string job_name;  ///< the CUPS job name, "ektp-attempt-<id>"
  int cups_job = 0;
  bool permit_used = false;  ///< the spool's word: the permit was redeemed once
};

/// Records an attempt (the card `chip_serial`) up to chip_locked in a new spool store
/// under `spool_dir` (the demo's job is fake data, so it may stay there), issues
/// its permit, serves it, submits the placeholder to `queue` and waits until CUPS is
/// done with the job. The face is handed to the gate from memory.
Result<GatePrint> print_through_gate(const test::RigEnv& rig, const std::string& queue,
                                     const std::filesystem::path& spool_dir,
                                     const std::string& chip_serial,
                                     const std::vector<std::uint8_t>& face_pdf);

}  // namespace ektp::demo
