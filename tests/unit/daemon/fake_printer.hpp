#pragma once
/// A card printer and its CUPS queue in memory, for the card run's unit tests: one
/// object behind both CardTransport and FacePrintPath, because the card path and the
/// print job are one machine. It counts what physically happened (cards fed, faces
/// printed, cards in the tray and the reject bin) and plays the station's CUPS backend:
/// a job it prints first uses the attempt's permit in the spool, as ektp-gate does.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "daemon/face_print_path.hpp"
#include "drivers/printer/card_transport.hpp"
#include "spool/spool.hpp"

namespace ektp::daemon::test {

/// What the next print job does.
enum class JobScript {
  print,         ///< the gate uses the permit, the face is printed, the card comes out
  jam_in_print,  ///< the gate uses the permit, the card jams while printing
  end_unsent,    ///< CUPS cancels the job before the backend runs (permit unused)
  used_no_card,  ///< the gate uses the permit, then the job ends, no card came out
  pause_queue,   ///< the queue is paused before the job runs (the job stays pending)
  fail_submit,   ///< cupsd refuses the job
};

class FakePrinter : public printer::CardTransport, public FacePrintPath {
 public:
  FakePrinter(spool::Spool& spool, std::mutex& lock) : spool_(spool), lock_(lock) {}

  // --- the machine, as tests set it up and read it -------------------------------
  int hopper = 10;
  std::uint64_t counter = 0;
  bool at_encoder = false;
  bool jammed = false;
  bool delivered = false;  ///< the last printed card came out (eject answers ok)
  bool cover_open = false;
  bool hopper_empties_at_feed = false;  ///< the status still says cards, feed finds none
  bool jam_at_feed = false;
  bool double_feed = false;
  int faces = 0;        ///< faces printed
  int tray = 0;         ///< cards in the output tray
  int reject_bin = 0;   ///< cards in the reject bin
  int submissions = 0;  ///< placeholders submitted
  int cancels = 0;      ///< jobs cancelled
  bool queue_paused = false;
  std::deque<JobScript> scripts;  ///< one per job; print when empty

  // --- CardTransport -------------------------------------------------------------
  Result<void> feed() override;
  Result<void> eject() override;
  Result<void> reject() override;
  Result<printer::TransportStatus> status() override;

  // --- FacePrintPath -------------------------------------------------------------
  Result<int> submit_held(std::int64_t attempt_id, const spool::PermitToken& token) override;
  Result<void> release(int job_id) override;
  Result<printer::PrintObservation> observe(int job_id, std::chrono::milliseconds timeout) override;
  Result<void> cancel(int job_id) override;
  void finish(int job_id) override { jobs_.erase(job_id); }

 private:
  struct Job {
    std::int64_t attempt_id = 0;
    spool::PermitToken token{};
    JobScript script = JobScript::print;
    bool released = false;
    bool done = false;
    bool cancelled = false;
  };
  /// The backend's turn: the permit is used (as the gate does), then the script plays.
  void run_job(int id, Job& job);

  spool::Spool& spool_;
  std::mutex& lock_;
  std::map<int, Job> jobs_;
  int next_job_ = 100;
};

}  // namespace ektp::daemon::test
