// Fuzz harness: the JSON schema of a job bundle (chip/bundle_json.hpp), the input being
// the JSON text. What parses is within every limit, holds a valid record, and comes
// back equal after writing it out and reading it again.

#include <cstddef>
#include <cstdint>
#include <span>

#include "chip/bundle.hpp"
#include "chip/bundle_json.hpp"
#include "fuzz/support/fuzz_input.hpp"

using namespace ektp;
using namespace ektp::chip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> json(data, size);
  auto content = parse_bundle_json(json);
  if (!content) {
    FUZZ_CHECK(!content.error().code.empty());
    return 0;
  }
  FUZZ_CHECK(size <= BundleLimits::json_bytes);
  FUZZ_CHECK(content->priority >= BundleLimits::priority_min &&
             content->priority <= BundleLimits::priority_max);
  FUZZ_CHECK(content->photo.size() <= BundleLimits::photo_bytes);
  FUZZ_CHECK(content->signature.size() <= BundleLimits::signature_bytes);
  for (const auto& [name, file] : content->chip) {
    FUZZ_CHECK(file.size() <= BundleLimits::chip_file_bytes);
  }
  FUZZ_CHECK(validate(content->record).ok());

  const std::string again = bundle_to_json(*content);
  auto reread =
      parse_bundle_json({reinterpret_cast<const std::uint8_t*>(again.data()), again.size()});
  FUZZ_CHECK(reread.ok());
  FUZZ_CHECK(*reread == *content);
  return 0;
}
