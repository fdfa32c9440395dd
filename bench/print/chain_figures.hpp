#pragma once
/// The card chain's overhead around the printer, through the real rig: from releasing a
/// card's print job to the station knowing the card is out, minus the printer's own print
/// time (printed as release_to_out_overhead_ms=, cups_overhead_ratio= and details).

namespace ektp::bench {

/// Runs `cards` cards through daemon::CardStation with the printer simulator taking
/// `print_ms` per card; prints key=value lines. Returns the process exit status.
int chain_figures(int cards, int print_ms);

}  // namespace ektp::bench
