#pragma once
/// The simulated card printer's mechanics and its witness counts: a hopper of blanks,
/// the card path (encoder position, printing, jammed), the output tray (cards per job)
/// and the reject bin, the printer's own card counter, supplies, faults. Single-threaded
/// (the control server calls it one command at a time).
///
/// A print with no card in the path feeds a blank first, as a printer without an
/// encoder workflow does; the face then lands on a blank chip and counts as unverified
/// (that is how plain test pages are counted).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "chip/pki.hpp"
#include "tools/printersim/chip_witness.hpp"
#include "tools/printersim/hopper.hpp"
#include "tools/printersim/seams.hpp"

namespace ektp::printersim {

/// The witness counts (see README.md for each key).
struct Counters {
  std::uint64_t card_counter = 0;  ///< the printer's own counter: cards taken from the hopper
  std::uint64_t feeds = 0;         ///< feed operations that took a card
  std::uint64_t auto_feeds = 0;    ///< of which a print started with no card in the path
  std::uint64_t double_feeds = 0;
  std::uint64_t jams = 0;
  std::uint64_t tray = 0;            ///< cards in the output tray
  std::uint64_t tray_unprinted = 0;  ///< of which ejected without a face
  std::uint64_t rejected = 0;        ///< cards ever sent to the reject bin
  std::uint64_t faces_printed = 0;
  std::uint64_t faces_verified = 0;
  std::uint64_t faces_unverified = 0;
  std::uint64_t faces_wrong_chip = 0;
  std::uint64_t prints_refused = 0;      ///< print commands that printed nothing
  std::uint64_t prints_interrupted = 0;  ///< prints whose end never came (card rejected)
  std::map<std::string, std::uint64_t> tray_by_job;  ///< job name -> cards in the tray
};

/// What a print command is told: print (and take `seconds`), or refused with the
/// printer-state-reasons to raise and a message for people.
struct PrintStart {
  bool printing = false;
  double seconds = 0;
  FaceVerdict verdict = FaceVerdict::unverified;
  std::string state;    ///< for ippeveprinter: "+media-jam" / "-media-jam,-media-empty,..."
  std::string message;  ///< refused: why, for people
};

class Printer {
 public:
  Printer(Hopper hopper, EncoderLink& encoder, SupplyMirror& supplies, FaceReader& faces);

  // --- the card path (CardTransport) --- each error code is printer.<...>
  Result<void> feed();
  Result<void> eject();
  Result<void> reject();
  /// key=value words: hopper hopper_low reject_bin reject_full at_encoder in_path printing
  /// jammed cover_open ribbon counter dead
  std::string status_text() const;

  // --- the print command (ippeveprinter's -c) ---
  /// Start printing the document at `document` (`type`: its MIME type) for `job` on the
  /// card in the path: checks and counts the face; the caller waits `seconds` and calls
  /// finish_print().
  PrintStart begin_print(const std::string& type, const std::filesystem::path& document,
                         const std::string& job);
  /// The card being printed goes to the output tray, counted for its job.
  Result<void> finish_print();

  // --- the operator's and the test's hand ---
  Result<void> load(int count);
  void unload();
  void set_ribbon(int percent);
  void set_cover_open(bool open);
  void empty_reject_bin() { reject_bin_ = 0; }
  void set_reject_capacity(int cards) { reject_capacity_ = cards; }
  void set_print_seconds(double seconds);
  double print_seconds() const;
  /// Pin `csca` (a PEM or DER certificate file) as the witness's trust anchor.
  Result<void> set_trust(const std::filesystem::path& csca);
  /// Faults: jam_at N (the Nth feed from now jams), double_feed_at N, slow MS (every
  /// movement takes MS longer), dead (the printer stops answering).
  Result<void> arm(const std::string& fault, long value);
  void clear_faults();
  bool dead() const { return dead_; }
  void revive() { dead_ = false; }

  const Counters& counters() const { return counters_; }
  std::string counters_text() const;
  void reset_counters();

  /// Plain witness files for scripts in `dir` (fed, output_tray, hopper, received.log,
  /// and seconds_per_card read at every print); empty = none.
  void set_state_dir(std::filesystem::path dir);
  /// Tell the supply mirror the current levels (e.g. once ippeveprinter is up).
  void sync_supplies();

 private:
  enum class Position { empty, at_encoder, printing, jammed };
  struct PathCard {
    std::string serial;
    std::string job;
    std::string document_line;  ///< received.log fields (sha256, size, type, verdict)
  };

  Result<void> take_from_hopper();
  void pause_for_slowness() const;
  void write_state_files();  /// also mirrors the media level (mirror_media)
  void mirror_media();
  void witness_line(const std::string& fields);
  PrintStart refuse(std::string state, std::string message);

  Hopper hopper_;
  EncoderLink& encoder_;
  SupplyMirror& supplies_;
  int mirrored_media_ = -1;  ///< the media level ippeveprinter was last told
  FaceReader& faces_;
  std::unique_ptr<chip::TrustStore> trust_;
  Position position_ = Position::empty;
  bool delivered_ = false;  ///< the last printed card came out; eject() confirms it
  PathCard card_;
  int ribbon_ = 100;
  bool cover_open_ = false;
  int reject_bin_ = 0;
  int reject_capacity_ = 50;
  double print_seconds_ = 0.2;
  long jam_at_ = 0;
  long double_feed_at_ = 0;
  long slow_ms_ = 0;
  bool dead_ = false;
  Counters counters_;
  std::filesystem::path state_dir_;
};

/// A hopper at or under this many blanks is "low" (ippeveprinter says media-low under
/// 10% of its fixed tray capacity of 250).
inline constexpr int kHopperLow = 25;

}  // namespace ektp::printersim
