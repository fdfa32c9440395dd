#pragma once
/// Generated citizens' jobs for the card chain (daemon::CardStation) in tests and
/// benchmarks: each one's chip content (KTP-OPEN data set checked against the profile)
/// and face PDF rendered from the same record, kept in memory and served to the station
/// as its JobContent (the daemon's comes from the sealed bundles), and the job accepted
/// into a spool. Fake data only.

#include <map>
#include <string>
#include <vector>

#include "daemon/card_station.hpp"
#include "spool/spool.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::test {

/// One generated citizen's job.
struct ChainCitizen {
  std::string job_id;  ///< 00000000-0000-4000-8000-<index + 1, 12 digits>
  chip::PersoJob perso;
  std::vector<std::uint8_t> face;
  std::string face_sha256;  ///< lowercase hex, as the printer simulator's received.log has it
  std::vector<std::uint8_t> face_png;  ///< when asked for (make_chain_citizen), 200 dpi
};

/// The citizens' content, from memory.
class MemoryJobContent : public daemon::JobContent {
 public:
  std::map<std::string, ChainCitizen> citizens;

  Result<chip::PersoJob> perso_job(const spool::JobRecord& job) override;
  Result<std::vector<std::uint8_t>> face(const std::string& job_id) override;
};

/// Citizen `index` of a fixed seed: data set signed by `pki`'s first document signer, the
/// chip content prepared, the face rendered (and as a PNG too when `with_png`).
Result<ChainCitizen> make_chain_citizen(int index, const testpki::TestPki& pki,
                                        bool with_png = false);

/// The spool job for `citizen` (pickup dates in index order, so claims follow it).
spool::NewJob chain_job(const ChainCitizen& citizen, int index);

}  // namespace ektp::test
