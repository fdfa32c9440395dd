#pragma once
/// The print permit service: the station's side of the socket that the CUPS backend
/// `ektp-gate` asks before it sends a face to the printer (docs/print-permit.md).
///
/// PermitServer listens on a Unix stream socket on a thread of its own, checks each
/// caller's peer credentials (SO_PEERCRED: root or the lp user/group, as cupsd runs
/// backends), reads one request, asks the PermitAuthority to redeem the permit and
/// streams the face back. Connections are served one at a time (one card is in flight);
/// each is bounded by the I/O timeout, so a stuck caller cannot hold the service.
/// Logs name the attempt, the CUPS job and the peer, never the token or the face.

#include <sys/types.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::printer {

/// Decides and redeems print permits. Called on the PermitServer's thread.
class PermitAuthority {
 public:
  virtual ~PermitAuthority() = default;

  /// Marks the permit of `attempt_id` whose token is `token` used (once, keyed by the
  /// token; `cups_job_id` is only recorded) and returns the face to print. Errors with
  /// code "permit.refused" mean no permit (unknown, used, another attempt's token); any
  /// other error means the station could not decide or produce the face. Either way the
  /// gate cancels the job and sends nothing.
  virtual Result<std::vector<std::uint8_t>> redeem(std::int64_t attempt_id,
                                                   const std::array<std::uint8_t, 32>& token,
                                                   int cups_job_id) = 0;
};

/// Which local processes may ask: by user id or group id of the peer.
struct PeerRule {
  std::vector<uid_t> uids;
  std::vector<gid_t> gids;

  /// Root and the lp user and group (if the system has them): who cupsd runs backends as.
  static PeerRule root_and_lp();
  bool allows(uid_t uid, gid_t gid) const;
};

struct PermitServerOptions {
  std::string socket_path;  ///< created (a stale socket replaced), removed on stop
  PeerRule peers = PeerRule::root_and_lp();
  /// Bound on reading the request and on each write of the answer.
  std::chrono::milliseconds io_timeout{10'000};
};

class PermitServer {
 public:
  /// Binds the socket (mode 0660, group lp when the rule allows lp) and starts serving.
  /// Fails with "permit.socket" when the socket cannot be made.
  static Result<std::unique_ptr<PermitServer>> start(PermitAuthority& authority,
                                                     PermitServerOptions options);
  /// Stops serving (the connection being served ends first) and removes the socket.
  ~PermitServer();
  PermitServer(const PermitServer&) = delete;
  PermitServer& operator=(const PermitServer&) = delete;

  const std::string& socket_path() const;

  struct Impl;

 private:
  explicit PermitServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ektp::printer
