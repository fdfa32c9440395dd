#include "tools/cardsim/faults.hpp"

#include <charconv>

#include "tools/cardsim/hex.hpp"

namespace ektp::cardsim {

namespace {

std::optional<std::uint32_t> count(const std::string& text, std::uint32_t min) {
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty() || v < min)
    return std::nullopt;
  return v;
}

Error usage(const std::string& detail) {
  return fail("cardsim.bad_fault",
              detail +
                  " Faults: tear_at N | tear_in_write N K | sw N SW (e.g. sw 3 6A82) | "
                  "delay US | mute_at N | broken_write (N counts from 1 = the next APDU).");
}

}  // namespace

Result<Fault> parse_fault(const std::vector<std::string>& words) {
  if (words.empty()) return usage("No fault given.");
  const std::string& name = words[0];
  Fault f;
  auto want = [&](std::size_t n) { return words.size() == n + 1; };
  auto at = [&]() { return count(words[1], 1); };

  if (name == "tear_at" || name == "mute_at") {
    if (!want(1) || !at()) return usage("'" + name + "' needs one count N >= 1.");
    f.kind = name == "tear_at" ? Fault::Kind::tear_at : Fault::Kind::mute_at;
    f.at = *at();
  } else if (name == "tear_in_write") {
    if (!want(2) || !at() || !count(words[2], 0))
      return usage("'tear_in_write' needs N >= 1 (the Nth UPDATE BINARY) and K >= 0 (bytes).");
    f.kind = Fault::Kind::tear_in_write;
    f.at = *at();
    f.bytes = *count(words[2], 0);
  } else if (name == "sw" || name == "status_word_at") {
    auto status = want(2) ? from_hex(words[2]) : std::nullopt;
    if (!want(2) || !at() || !status || status->size() != 2)
      return usage("'sw' needs N >= 1 and a status word of 4 hex digits.");
    f.kind = Fault::Kind::status_word_at;
    f.at = *at();
    f.sw = static_cast<std::uint16_t>((*status)[0] << 8 | (*status)[1]);
  } else if (name == "delay" || name == "delay_per_apdu") {
    auto us = want(1) ? count(words[1], 0) : std::nullopt;
    if (!us) return usage("'delay' needs a delay in microseconds.");
    f.kind = Fault::Kind::delay_per_apdu;
    f.delay = std::chrono::microseconds(*us);
  } else if (name == "broken_write") {
    if (!want(0)) return usage("'broken_write' takes no argument.");
    f.kind = Fault::Kind::broken_write;
  } else {
    return usage("Unknown fault '" + name + "'.");
  }
  return f;
}

}  // namespace ektp::cardsim
