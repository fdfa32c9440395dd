#include <fstream>
#include <sstream>

#include "tools/printersim/printer.hpp"

// The printer's reports: its counters, the state files tests read, and the supply levels
// mirrored into ippeveprinter.
namespace ektp::printersim {

std::string Printer::counters_text() const {
  const Counters& c = counters_;
  std::ostringstream out;
  out << "counter=" << c.card_counter << " feeds=" << c.feeds << " auto_feeds=" << c.auto_feeds
      << " double_feeds=" << c.double_feeds << " jams=" << c.jams << " tray=" << c.tray
      << " tray_unprinted=" << c.tray_unprinted << " rejected=" << c.rejected
      << " reject_bin=" << reject_bin_ << " hopper=" << hopper_.level()
      << " faces_printed=" << c.faces_printed << " faces_verified=" << c.faces_verified
      << " faces_unverified=" << c.faces_unverified << " faces_wrong_chip=" << c.faces_wrong_chip
      << " prints_refused=" << c.prints_refused << " prints_interrupted=" << c.prints_interrupted;
  for (const auto& [job, cards] : c.tray_by_job) out << " tray_job." << job << "=" << cards;
  return out.str();
}

void Printer::reset_counters() { counters_ = Counters{}; }

void Printer::set_state_dir(std::filesystem::path dir) {
  state_dir_ = std::move(dir);
  write_state_files();
}

void Printer::sync_supplies() {
  mirrored_media_ = -1;  // tell it again (ippeveprinter may have restarted)
  mirror_media();
  supplies_.ribbon_level(ribbon_);
}

void Printer::mirror_media() {
  // What the printer can still print on: the blanks in the hopper and a card waiting at
  // the encoder. A card already fed prints even when the hopper behind it is empty, so
  // the last blank's job must not wait for media (the stock ipp backend would hold it).
  const int level = hopper_.level() + (position_ == Position::at_encoder ? 1 : 0);
  if (level == mirrored_media_) return;
  mirrored_media_ = level;
  supplies_.hopper_level(level);
}

void Printer::write_state_files() {
  mirror_media();
  if (state_dir_.empty()) return;
  std::ofstream(state_dir_ / "fed") << counters_.card_counter << "\n";
  std::ofstream(state_dir_ / "output_tray") << counters_.tray << "\n";
  std::ofstream(state_dir_ / "hopper") << hopper_.level() << "\n";
}

}  // namespace ektp::printersim
