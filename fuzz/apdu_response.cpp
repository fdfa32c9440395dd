// Fuzz harness: APDUs (chip/apdu.hpp), the card's side being hostile.
// Input byte 0 chooses what is done with the rest:
//   0  parse_response, followup, sw_meaning of the bytes as one response APDU;
//   1  exchange() of a command against a scripted card whose responses are the
//      remaining chunks (61xx / 6Cxx chains, bounds on rounds and bytes);
//   2  encode a command built from the input; decoding the encoding gives it back.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "chip/apdu.hpp"
#include "fuzz/support/fuzz_input.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

void check_response(std::span<const std::uint8_t> raw) {
  auto r = parse_response(raw);
  FUZZ_CHECK(r.ok() == (raw.size() >= 2));
  if (!r) return;
  FUZZ_CHECK(r->data.size() + 2 == raw.size());
  FUZZ_CHECK(r->sw1() == raw[raw.size() - 2] && r->sw2() == raw[raw.size() - 1]);
  const Followup f = followup(r->sw);
  if (f.next != Next::done) FUZZ_CHECK(f.le >= 1 && f.le <= 256);
  FUZZ_CHECK(!sw_meaning(r->sw).empty());
  FUZZ_CHECK(sw_hex(r->sw).size() == 4);
}

/// ISO/IEC 7816-3 case detection: the command an encoding stands for.
std::optional<Command> decode_command(const Bytes& b) {
  if (b.size() < 4) return std::nullopt;
  Command c{b[0], b[1], b[2], b[3], {}, std::nullopt};
  const std::size_t n = b.size();
  if (n == 4) return c;
  if (n == 5) {
    c.le = b[4] == 0 ? 256 : b[4];
    return c;
  }
  if (b[4] != 0) {  // short, with data
    const std::size_t lc = b[4];
    if (n != 5 + lc && n != 6 + lc) return std::nullopt;
    c.data.assign(b.begin() + 5, b.begin() + 5 + static_cast<std::ptrdiff_t>(lc));
    if (n == 6 + lc) c.le = b[n - 1] == 0 ? 256 : b[n - 1];
    return c;
  }
  if (n == 7) {
    const std::uint32_t le = std::uint32_t{b[5]} << 8 | b[6];
    c.le = le == 0 ? 65536 : le;
    return c;
  }
  const std::size_t lc = std::size_t{b[5]} << 8 | b[6];
  if (lc == 0 || (n != 7 + lc && n != 9 + lc)) return std::nullopt;
  c.data.assign(b.begin() + 7, b.begin() + 7 + static_cast<std::ptrdiff_t>(lc));
  if (n == 9 + lc) {
    const std::uint32_t le = std::uint32_t{b[n - 2]} << 8 | b[n - 1];
    c.le = le == 0 ? 65536 : le;
  }
  return c;
}

bool same(const Command& a, const Command& b) {
  return a.cla == b.cla && a.ins == b.ins && a.p1 == b.p1 && a.p2 == b.p2 && a.data == b.data &&
         a.le == b.le;
}

Command command_from(fuzz::InputReader& in) {
  Command c;
  c.cla = in.u8();
  c.ins = in.u8();
  c.p1 = in.u8();
  c.p2 = in.u8();
  const std::uint8_t shape = in.u8();
  // Data: none, a few bytes, or a long run (up to 70,000 to cross the extended limit).
  const std::size_t length = (shape & 0x03) == 0   ? 0
                             : (shape & 0x03) == 1 ? in.u8()
                             : (shape & 0x03) == 2 ? std::size_t{in.u16()}
                                                   : std::size_t{in.u16()} + 4464;
  c.data.assign(length, static_cast<std::uint8_t>(shape));
  if ((shape & 0x04) != 0) {
    const std::uint32_t le = std::uint32_t{in.u8()} << 16 | in.u16();
    c.le = le % 65538;  // 0 (refused) .. 65537 (refused)
  }
  return c;
}

void check_encoding(fuzz::InputReader& in) {
  const Command c = command_from(in);
  for (const Length form : {Length::short_form, Length::extended}) {
    auto apdu = encode(c, form);
    const bool ext = form == Length::extended;
    const bool fits = c.data.size() <= (ext ? 65535u : 255u) &&
                      (!c.le || (*c.le >= 1 && *c.le <= (ext ? 65536u : 256u)));
    FUZZ_CHECK(apdu.ok() == fits);
    if (!apdu) continue;
    const auto back = decode_command(*apdu);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(same(*back, c));
  }
  auto any = encode_auto(c);
  if (any && any->size() > 4 && (*any)[4] == 0 && any->size() > 5) {
    // encode_auto chose the extended form: the short one must not fit.
    FUZZ_CHECK(!encode(c, Length::short_form).ok());
  }
}

void check_exchange(fuzz::InputReader& in) {
  Command c = command_from(in);
  if (c.data.size() > 600) c.data.resize(600);  // keep each round cheap
  const std::size_t max_rounds = 1 + in.u8() % 80;
  const std::size_t max_bytes = in.u16();
  std::size_t calls = 0;
  const Transmit card = [&](const Bytes& apdu) -> Result<Bytes> {
    ++calls;
    FUZZ_CHECK(decode_command(apdu).has_value());
    if (in.empty()) return fail("test.card_gone", "the scripted card has no more answers");
    const auto part = in.chunk();
    return Bytes(part.begin(), part.end());
  };
  auto r = exchange(c, card, max_rounds, max_bytes);
  FUZZ_CHECK(calls <= max_rounds);
  if (!r) return;
  FUZZ_CHECK(r->data.size() <= max_bytes);
  FUZZ_CHECK(followup(r->sw).next == Next::done);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::InputReader in({data, size});
  switch (in.u8() % 3) {
    case 0:
      check_response(in.rest());
      break;
    case 1:
      check_exchange(in);
      break;
    default:
      check_encoding(in);
      break;
  }
  return 0;
}
