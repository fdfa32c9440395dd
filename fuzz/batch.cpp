// Fuzz harness: reading batch files (chip/batch_file.hpp) from memory, for the station
// made at start (fuzz_pki.hpp). Input byte 0, low bit:
//   0  the rest is a whole batch file: header, CMS envelope, records;
//   1  a genuine start written here for the station (declared count, a few records
//      from the input's chunks, the end mark or not), then the rest of the input
//      appended as the file's tail: record framing, bounds and the end mark see
//      fuzzed bytes after records that authenticate.
// Every bundle read is within the limits; a genuine file reads back exactly; a file
// ends cleanly only when its end mark was written and nothing follows it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "chip/batch_file.hpp"
#include "fuzz/support/fuzz_input.hpp"
#include "fuzz/support/fuzz_pki.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

struct Outcome {
  std::vector<Bytes> bundles;
  bool ended = false;  ///< reached the authenticated end without error
};

Outcome read_all(const std::string& file) {
  const auto& station = fuzz::fuzz_trust().made.station;
  Outcome out;
  auto reader = BatchReader::open(std::make_unique<std::istringstream>(file), station.cert.get(),
                                  station.key.get());
  if (!reader) return out;
  FUZZ_CHECK(reader->declared_count() <= BatchLimits::bundles);
  for (;;) {
    auto next = reader->next();
    if (!next) break;
    if (!next->has_value()) {
      out.ended = true;
      FUZZ_CHECK(reader->read_count() == reader->declared_count());
      // After the end, the reader stays at the end.
      auto again = reader->next();
      FUZZ_CHECK(again.ok() && !again->has_value());
      break;
    }
    FUZZ_CHECK((*next)->size() <= BatchLimits::record_bytes);
    out.bundles.push_back(std::move(**next));
    FUZZ_CHECK(reader->read_count() == out.bundles.size());
    FUZZ_CHECK(reader->read_count() <= reader->declared_count());
  }
  return out;
}

void genuine_start(fuzz::InputReader& in) {
  const auto& station = fuzz::fuzz_trust().made.station;
  const std::uint8_t shape = in.u8();
  const std::uint64_t declared = shape % 4;
  const int records = (shape >> 2) % 4;
  const bool finish = (shape & 0x10) != 0;

  std::ostringstream file;
  auto writer = BatchWriter::start(file, station.cert.get(), declared);
  FUZZ_CHECK(writer.ok());
  std::vector<Bytes> added;
  for (int i = 0; i < records; ++i) {
    const auto part = in.chunk();
    if (writer->add(part)) added.emplace_back(part.begin(), part.end());
  }
  const bool finished = finish && writer->finish().ok();
  const auto tail = in.rest();
  std::string text = file.str();
  text.append(tail.begin(), tail.end());

  const Outcome got = read_all(text);
  // The records that were written come back, in order, whatever follows them.
  for (std::size_t i = 0; i < added.size() && i < got.bundles.size(); ++i) {
    FUZZ_CHECK(got.bundles[i] == added[i]);
  }
  FUZZ_CHECK(got.bundles.size() >= added.size());
  FUZZ_CHECK(got.ended == (finished && tail.empty()));
  if (got.ended) FUZZ_CHECK(got.bundles == added);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto& trust = fuzz::fuzz_trust();  // set up before the first input
  (void)trust;
  fuzz::InputReader in({data, size});
  if ((in.u8() & 1) == 0) {
    const auto file = in.rest();
    read_all(std::string(file.begin(), file.end()));
  } else {
    genuine_start(in);
  }
  return 0;
}
