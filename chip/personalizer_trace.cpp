#include "chip/personalizer_trace.hpp"

#include <cstdio>

namespace ektp::chip {

namespace {

/// Lc and Ne of an encoded command APDU (ISO/IEC 7816-3 cases 1 to 4, short
/// and extended); `ok` false when the bytes fit none of the cases.
struct Lengths {
  std::size_t lc = 0;
  std::size_t ne = 0;
  bool has_le = false;
  bool extended = false;
  bool ok = true;
};

Lengths lengths_of(const Bytes& c) {
  Lengths l;
  const std::size_t n = c.size();
  if (n == 4) return l;  // case 1
  if (n < 4) return {0, 0, false, false, false};
  const std::size_t b4 = c[4];
  if (n == 5) return {0, b4 == 0 ? 256 : b4, true, false, true};  // case 2 short
  if (b4 != 0) {
    if (n == 5 + b4) return {b4, 0, false, false, true};  // case 3 short
    if (n == 6 + b4) return {b4, c[n - 1] == 0 ? 256u : c[n - 1], true, false, true};  // case 4
    return {0, 0, false, false, false};
  }
  // Extended: 00 then two bytes.
  if (n < 7) return {0, 0, false, false, false};
  const std::size_t v = (static_cast<std::size_t>(c[5]) << 8) | c[6];
  if (n == 7) return {0, v == 0 ? 65536 : v, true, true, true};  // case 2 extended
  if (v == 0) return {0, 0, false, false, false};
  if (n == 7 + v) return {v, 0, false, true, true};  // case 3 extended
  if (n == 9 + v) {
    const std::size_t le = (static_cast<std::size_t>(c[n - 2]) << 8) | c[n - 1];
    return {v, le == 0 ? 65536 : le, true, true, true};  // case 4 extended
  }
  return {0, 0, false, false, false};
}

}  // namespace

std::string redacted_exchange(const Bytes& command, const Result<Bytes>& response) {
  std::string line;
  char buf[64];
  if (command.size() < 4) {
    line = "malformed (" + std::to_string(command.size()) + " bytes)";
  } else {
    std::snprintf(buf, sizeof buf, "%02X %02X %02X %02X", command[0], command[1], command[2],
                  command[3]);
    line = buf;
    const Lengths l = lengths_of(command);
    if (!l.ok) {
      line += " malformed (" + std::to_string(command.size()) + " bytes)";
    } else {
      if (l.lc > 0) line += " lc=" + std::to_string(l.lc);
      if (l.has_le) line += " le=" + std::to_string(l.ne);
      if (l.extended) line += " ext";
    }
  }
  line += " -> ";
  if (!response) return line + "error " + response.error().code;
  const Bytes& r = *response;
  if (r.size() < 2) return line + "short response (" + std::to_string(r.size()) + " bytes)";
  std::snprintf(buf, sizeof buf, "%02X%02X", r[r.size() - 2], r[r.size() - 1]);
  line += buf;
  if (r.size() > 2) line += " len=" + std::to_string(r.size() - 2);
  return line;
}

ApduTrace::ApduTrace()
    : text_("# ektp apdu trace v1: headers, lengths and status words only (no data bytes)\n") {}

void ApduTrace::record(const Bytes& command, const Result<Bytes>& response) {
  char num[16];
  std::snprintf(num, sizeof num, "%04zu ", ++count_);
  text_ += num;
  text_ += redacted_exchange(command, response);
  text_ += '\n';
}

Transmit ApduTrace::wrap(Transmit inner) {
  return [this, inner = std::move(inner)](const Bytes& command) {
    auto response = inner(command);
    record(command, response);
    return response;
  };
}

}  // namespace ektp::chip
