#pragma once
/// The personalizer's card commands (internal to personalizer.cpp): each one
/// checks its status word and, when the sequence cannot go on, records the
/// outcome and throws Stop (caught in personalize(); never leaves the chip library).

#include <optional>
#include <string>

#include "chip/apdu.hpp"
#include "chip/personalizer.hpp"
#include "chip/profile.hpp"

namespace ektp::chip {

/// Thrown after the outcome is recorded; carries nothing.
struct Stop {};

/// What SELECT's FCP says about an EF of the application.
struct FileState {
  bool exists = false;
  std::size_t size = 0;
  std::uint8_t life_cycle = 0;  ///< 03 initialisation, 05 operational
  Bytes security;               ///< tag 8C
  bool operational() const { return exists && life_cycle == 0x05; }
};

/// Parse an FCP template (62 ...) from SELECT: size (80), life cycle (8A), 8C.
std::optional<FileState> parse_fcp(const Bytes& fcp);

/// The extended maximum announced by EF.ATR/INFO (7F66 { 02 cmd, 02 resp }):
/// the smaller of the two, 0 when absent or malformed.
std::size_t parse_ef_atr(const Bytes& content);

/// Whether an ATR's historical bytes announce extended Lc/Le (card
/// capabilities, compact TLV tag 7, third byte b7). A malformed ATR counts as yes
/// (EF.ATR/INFO is then asked, which is harmless).
bool atr_announces_extended(const Bytes& atr);

class CardLink {
 public:
  CardLink(const Transmit& transmit, PersoOutcome& out);

  PersoOutcome& out() { return out_; }
  /// Record the outcome and stop the sequence.
  [[noreturn]] void stop(PersoResult result, SpoilReason reason, std::string code,
                         std::string message);

  /// CPLC serial and UID; chip_unreadable when either is refused.
  void read_identity();
  /// Chunk sizes: the card's extended maximum (EF.ATR/INFO) or the short ones.
  void detect_lengths(const std::optional<Bytes>& atr, std::size_t short_write,
                      std::size_t short_read);
  /// SELECT the application by AID, else create it in the MF. True when it existed.
  bool select_or_create_application(const Profile& profile);

  /// SELECT with FCP (the application is current): state of the EF `fid`.
  FileState file_state(std::uint16_t fid);
  /// The whole EF, or nullopt when the card refuses (e.g. a locked, protected file).
  std::optional<Bytes> try_read_file(std::uint16_t fid, std::size_t size);
  /// An EF from an earlier run must have the profile's size and attributes.
  void check_layout(const ProfileFile& file, const FileState& state, std::size_t size);
  void select_ef(std::uint16_t fid, SpoilReason on_failure);
  Bytes read_current(std::size_t size, SpoilReason on_failure, Bytes out = {});
  /// The whole EF `file` (`size` bytes): the first chunk addressed by its SFI
  /// when it has one (no SELECT needed), the rest from the current EF.
  Bytes read_ef(const ProfileFile& file, std::size_t size, SpoilReason on_failure);
  /// UPDATE BINARY in the largest chunks the card takes (backing off on 6700);
  /// with `there` (what the card holds now), only the chunks that differ.
  void write_current(const Bytes& content, const Bytes* there);
  void create_ef(const Bytes& fcp, const std::string& name);
  /// ACTIVATE FILE with the EF's FID in the data (no SELECT needed); an
  /// already operational file (6985, resume) is accepted.
  void activate_ef(const ProfileFile& file);
  /// ACTIVATE FILE of the application DF (by its FID, from inside it).
  void activate_application(const Profile& profile);
  /// The application DF's FCP read back: operational (05).
  void check_application_locked(const Profile& profile);
  /// FCP read back: operational (05) with the profile's attributes.
  void check_locked(const ProfileFile& file);
  /// An identical rewrite of the first bytes and an unauthenticated read are refused.
  void check_refusals(const ProfileFile& file, const Bytes& content);

 private:
  Transmit transmit_;
  PersoOutcome& out_;
  bool touched_ = false;  ///< a write command (CREATE, UPDATE, ACTIVATE) was sent
  std::size_t write_max_ = 255;
  std::size_t read_max_ = 256;
  std::size_t short_write_ = 255;

  /// One command with 61xx/6Cxx followed; transport failures stop as retry
  /// (nothing written yet) or interrupted; a faulty exchange as spoiled(`reason`).
  Response send(const Command& command, SpoilReason reason);
  /// send() and require 9000.
  Bytes expect_ok(const Command& command, const std::string& what, SpoilReason reason);
  [[noreturn]] void refused(const std::string& what, std::uint16_t sw, SpoilReason reason);
};

}  // namespace ektp::chip
