#pragma once
/// The station's card chain, composed: the printer's card path, the encoder's reader, the
/// permit service (backed by the spool) that the CUPS backend ektp-gate asks, the CUPS
/// driver on the station's queue, and the card run (card_run.hpp) that drives one claimed
/// job through them. The daemon's composition root; the demo, the chain tests and the
/// print benchmark use it too.
///
/// Devices named here: the printer simulator's card path (SimCardTransport; a real
/// printer's transport plugs in behind the same interface later) and a PC/SC reader.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/card_run.hpp"
#include "spool/spool.hpp"

namespace ektp::daemon {

/// A job's content as the chain needs it, from its verified bundle (memory only).
class JobContent {
 public:
  virtual ~JobContent() = default;
  /// The chip's files, checked against the profile.
  virtual Result<chip::PersoJob> perso_job(const spool::JobRecord& job) = 0;
  /// The face PDF (rendered from the same verified record as the chip's DG11). Called on
  /// the permit service's thread. Errors carry no personal data.
  virtual Result<std::vector<std::uint8_t>> face(const std::string& job_id) = 0;
};

struct CardStationConfig {
  std::string printer_control;  ///< the printer's card path (printer simulator socket)
  std::string encoder_reader;   ///< PC/SC name of the printer's encoder reader
  std::string queue;            ///< the station's CUPS queue (device ektp-gate:...)
  std::string gate_socket;      ///< where the permit service listens (cupsd's SetEnv)
  CardRunOptions run;
  std::chrono::milliseconds connect_timeout{10'000};  ///< card in the encoder
  std::chrono::milliseconds apdu_timeout{5'000};
};

class CardStation {
 public:
  /// Starts the permit service and applies the CUPS start-up rule (the station's own
  /// unfinished jobs are cancelled). `spool_lock` guards every use of `spool`.
  static Result<std::unique_ptr<CardStation>> start(spool::Spool& spool, std::mutex& spool_lock,
                                                    JobContent& content, CardStationConfig config);
  ~CardStation();
  CardStation(const CardStation&) = delete;
  CardStation& operator=(const CardStation&) = delete;

  /// Claims the next job and runs its card; nullopt when no job is waiting.
  Result<std::optional<CardRunReport>> run_next();
  /// Runs `claim`'s attempt (a new claim, or an attempt at chip_locked to finish).
  CardRunReport run(const spool::Claim& claim);

  /// The printer's card path (status, and for tests the simulator's control requests).
  printer::CardTransport& transport();
  /// Told what the printer waits for while a card is being printed.
  void on_waiting(std::function<void(printer::PrintVerdict)> callback);
  /// The printer's card counter as the station last saw it.
  const CounterWatch& counter() const;

  struct Impl;

 private:
  explicit CardStation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ektp::daemon
