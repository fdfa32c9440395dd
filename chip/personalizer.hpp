#pragma once
/// The personalizer: writes a job's LDS files to a blank chip, reads every
/// file back against the SOD, locks the chip and proves the lock
/// (chip-profile.md, "Personalization sequence"). No device access: it talks
/// to the card through a Transmit seam (the caller binds it to
/// Reader::transmit with a deadline; tests bind it to an in-process card).
///
/// Outcomes are values (PersoOutcome). Resume: a card interrupted before it
/// was locked is finished by the next run of the same job (what is there is
/// read, compared with the SOD, rewritten where it differs, created where it
/// is missing). An activated card is never rewritten.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "chip/lds_dataset.hpp"
#include "chip/profile.hpp"
#include "chip/sod_security_object.hpp"

namespace ektp::chip {

/// A job checked and ready for the card: one content per profile file.
struct PersoJob {
  const Profile* profile = nullptr;
  std::vector<Bytes> contents;            ///< parallel to profile->files()
  DataGroupHashes sod_hashes;             ///< from the job's EF.SOD
  std::array<std::uint8_t, 32> digest{};  ///< see PersoOutcome::digest
};

/// Check a data set (EF.SOD included) against `profile` before any card is
/// touched: every profile file present (no other), each data group's SHA-256
/// equal to the SOD's hash, every file at most 32,767 bytes (the even-INS
/// offset range). The SOD's signature and chain are intake's business
/// (passive_auth.hpp). Errors: perso.job_invalid.
Result<PersoJob> prepare_job(const Profile& profile, const Dataset& dataset);

class ApduTrace;  // chip/personalizer_trace.hpp

struct PersoOptions {
  /// The card's ATR, when the caller has it: a card whose ATR does not
  /// announce extended length is not asked for EF.ATR/INFO (saves 2 APDUs).
  std::optional<Bytes> atr;
  /// When set, every exchange is recorded there, redacted (no data bytes).
  ApduTrace* trace = nullptr;
};

/// What became of the card.
enum class PersoResult {
  good,            ///< written, read back equal to the SOD, activated, lock proven
  retry,           ///< nothing was written (card absent, removed, reader or pcscd gone): not spent
  interrupted,     ///< the card left (or the reader failed) after writing began; the card is
                   ///< not known to be locked: feed the SAME card to this job again to finish it
  already_locked,  ///< the application is already activated (a personalized card fed again):
                   ///< nothing written; see same_job
  spoiled,         ///< the card cannot be used: see reason
};

enum class SpoilReason { none, chip_unreadable, write_failed, verify_failed, lock_failed };

/// "good", "retry", ... and "chip_unreadable", ... for logs.
const char* to_string(PersoResult result);
const char* to_string(SpoilReason reason);

struct PersoOutcome {
  PersoResult result = PersoResult::retry;
  SpoilReason reason = SpoilReason::none;
  /// The chip's serial (CPLC IC fabricator + IC serial number, hex), "" when unknown.
  std::string serial;
  Bytes uid;  ///< the contactless UID, empty when unknown
  /// SHA-256 over, for each profile file in order: FID (2 bytes), length
  /// (4 bytes, big-endian), content. Set on good (and already_locked + same_job).
  std::array<std::uint8_t, 32> digest{};
  /// already_locked: the card's EF.SOD could be read and equals this job's
  /// (true), differs (false), or cannot be read without authentication (nullopt).
  std::optional<bool> same_job;
  bool resumed = false;   ///< the card held files from an earlier run
  std::size_t apdus = 0;  ///< APDUs sent (GET RESPONSE rounds included)
  Error detail;           ///< code + message for people when not good
};

/// Personalize the card behind `transmit` with `job`. Never throws.
PersoOutcome personalize(const PersoJob& job, const Transmit& transmit,
                         const PersoOptions& options = {});

}  // namespace ektp::chip
