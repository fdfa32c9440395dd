#include "drivers/reader/reader.hpp"

#include <algorithm>

#include "drivers/common/messages.hpp"

namespace ektp::reader {

Result<void> require_present(Reader& reader) {
  auto present = reader.list_readers();
  if (!present) return present.error();
  if (std::find(present->begin(), present->end(), reader.name()) == present->end()) {
    return fail("reader.absent", msg::reader_absent(reader.name(), *present));
  }
  return ok();
}

}  // namespace ektp::reader
