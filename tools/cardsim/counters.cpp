#include "tools/cardsim/counters.hpp"

#include <sstream>

namespace ektp::cardsim {

std::string Counters::to_text() const {
  std::ostringstream out;
  out << "sessions=" << sessions << " apdus=" << apdus << " errors=" << errors
      << " files_created=" << files_created << " files_activated=" << files_activated
      << " updates=" << updates << " bytes_written=" << bytes_written
      << " pages_written=" << pages_written << " bytes_read=" << bytes_read
      << " refused_writes=" << refused_writes << " refused_reads=" << refused_reads
      << " tears=" << tears << " physical_us=" << physical_us;
  return out.str();
}

}  // namespace ektp::cardsim
