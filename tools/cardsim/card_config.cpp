#include "tools/cardsim/card_config.hpp"

#include <charconv>
#include <limits>

#include "tools/cardsim/hex.hpp"

namespace ektp::cardsim {

namespace {

Error bad(const std::string& key, const std::string& value, const std::string& expected) {
  return fail("cardsim.bad_setting", "Card setting '" + key + "' has the value '" + value +
                                         "', which is not valid: expected " + expected + ".");
}

/// A decimal number, with an optional K suffix (x1024) when `allow_k`.
std::optional<std::uint64_t> number(std::string_view text, bool allow_k = false) {
  std::uint64_t scale = 1;
  if (allow_k && !text.empty() && (text.back() == 'K' || text.back() == 'k')) {
    scale = 1024;
    text.remove_suffix(1);
  }
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (v > std::numeric_limits<std::uint64_t>::max() / scale) return std::nullopt;
  return v * scale;
}

Result<void> apply(CardConfig& c, const std::string& key, const std::string& value) {
  auto in_range = [&](std::uint64_t lo, std::uint64_t hi,
                      bool allow_k = false) -> std::optional<std::uint64_t> {
    auto v = number(value, allow_k);
    if (!v || *v < lo || *v > hi) return std::nullopt;
    return v;
  };
  if (key == "capacity") {
    auto v = in_range(1024, 16u << 20, true);
    if (!v) return bad(key, value, "a size in bytes from 1024 to 16M, e.g. 8192 or 32K");
    c.capacity = *v;
  } else if (key == "ext_max") {
    auto v = in_range(0, 65535);
    if (!v || (*v != 0 && *v < 256))
      return bad(key, value, "0 (short APDUs only) or a maximum from 256 to 65535");
    c.max_ext_length = *v;
  } else if (key == "atr") {
    auto v = from_hex(value);
    if (!v || v->size() < 2 || v->size() > 33 || ((*v)[0] != 0x3B && (*v)[0] != 0x3F))
      return bad(key, value, "hex bytes starting with 3B or 3F, at most 33 bytes");
    c.atr = *v;
  } else if (key == "serial") {
    auto v = from_hex(value);
    if (!v || v->size() != 8)
      return bad(key, value, "8 hex bytes: IC fabricator (2), IC type (2), IC serial (4)");
    c.serial = *v;
  } else if (key == "uid") {
    auto v = from_hex(value);
    if (!v || (v->size() != 4 && v->size() != 7 && v->size() != 10))
      return bad(key, value, "4, 7 or 10 hex bytes");
    c.uid = *v;
  } else if (key == "uid_mode") {
    if (value == "fixed") {
      c.uid_mode = CardConfig::UidMode::fixed;
    } else if (value == "random") {
      c.uid_mode = CardConfig::UidMode::random;
    } else {
      return bad(key, value, "fixed or random");
    }
  } else if (key == "timing") {
    if (value != "on" && value != "off") return bad(key, value, "on or off");
    c.timing.apply_delay = value == "on";
  } else if (key == "bitrate") {
    auto v = number(value);
    if (!v || (*v != 106 && *v != 212 && *v != 424 && *v != 848))
      return bad(key, value, "106, 212, 424 or 848 (kbit/s)");
    c.timing.bitrate_kbps = static_cast<std::uint32_t>(*v);
  } else if (key == "frame_overhead_us" || key == "page_write_us") {
    auto v = in_range(0, 1'000'000);
    if (!v) return bad(key, value, "microseconds from 0 to 1000000");
    (key == "frame_overhead_us" ? c.timing.frame_overhead_us : c.timing.page_write_us) =
        static_cast<std::uint32_t>(*v);
  } else if (key == "frame_size") {
    auto v = in_range(16, 4096);
    if (!v) return bad(key, value, "bytes per frame from 16 to 4096");
    c.timing.frame_size = static_cast<std::uint32_t>(*v);
  } else if (key == "page_size") {
    auto v = in_range(1, 4096);
    if (!v) return bad(key, value, "bytes per EEPROM page from 1 to 4096");
    c.timing.page_size = static_cast<std::uint32_t>(*v);
  } else {
    return fail("cardsim.unknown_setting",
                "Unknown card setting '" + key +
                    "'. Known settings: capacity, ext_max, atr, serial, uid, uid_mode, timing, "
                    "bitrate, frame_overhead_us, frame_size, page_size, page_write_us.");
  }
  return ok();
}

}  // namespace

Result<CardConfig> parse_config(const std::vector<std::string>& settings, CardConfig base) {
  for (const std::string& setting : settings) {
    auto eq = setting.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail("cardsim.bad_setting",
                  "Card setting '" + setting + "' is not of the form key=value.");
    auto applied = apply(base, setting.substr(0, eq), setting.substr(eq + 1));
    if (!applied) return applied.error();
  }
  if (base.max_ext_length > base.capacity)
    return fail("cardsim.bad_setting", "Card setting 'ext_max' (" +
                                           std::to_string(base.max_ext_length) +
                                           ") is larger than the capacity; lower it.");
  return base;
}

}  // namespace ektp::cardsim
