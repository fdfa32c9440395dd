#pragma once
/// ektpd's application: parse the command line, compose the station, run it.
/// main() is a thin shell around run() so that functional tests and the
/// composition root share one entry point.

namespace ektp::daemon {

/// Runs the daemon; returns the process exit code.
int run(int argc, char** argv);

}  // namespace ektp::daemon
