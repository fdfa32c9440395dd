#pragma once
/// ektp-gate: the station's CUPS backend, the print permit's gate (docs/print-permit.md).
///
/// cupsd runs it for every job of a queue whose device URI is
/// `ektp-gate:<inner URI>`. The job's document is a placeholder (the attempt's one-time
/// token), never the face: the gate presents the token and the CUPS job id to the
/// station over $EKTP_GATE_SOCKET, receives the face into memory and pipes it into the
/// real backend of the inner URI. It fails closed: whatever goes wrong before the face
/// is in hand, it exits CUPS_BACKEND_CANCEL (5) having sent nothing.

namespace ektp::gate {

/// Exit codes (cups/backend.h), without linking libcups.
inline constexpr int kBackendOk = 0;
inline constexpr int kBackendCancel = 5;

/// The whole backend: argv as cupsd gives it (argv[0] is the device URI; argv[1..5]
/// job id, user, title, copies, options; argv[6] the document, else stdin). With no
/// arguments, CUPS device discovery: one "direct ektp-gate ..." line, exit 0.
int run(int argc, char** argv);

}  // namespace ektp::gate
