#include "chip/lds_dg3.hpp"

#include <algorithm>

#include "chip/chip_messages_data.hpp"
#include "chip/lds_cbeff.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {
namespace {

constexpr std::uint8_t kMagic[8] = {'F', 'M', 'R', 0, ' ', '2', '0', 0};
constexpr std::size_t kHeader = 24;
constexpr std::size_t kViewHeader = 4;
constexpr std::size_t kMinutia = 6;
const std::string kFile = "DG3";

// The KTP-OPEN rules every set of fingers obeys, built or read.
Result<void> check(const FingerMinutiae& f) {
  if (f.width == 0 || f.height == 0 || f.width >= 1 << 14 || f.height >= 1 << 14 ||
      f.resolution == 0) {
    return lds_error(kFile, msg::say(msg::lds_finger_size));
  }
  if (f.views.size() != 2 || f.views[0].position != kRightIndex ||
      f.views[1].position != kLeftIndex) {
    return lds_error(kFile, msg::say(msg::lds_finger_order));
  }
  for (const auto& v : f.views) {
    const bool right = v.position == kRightIndex;
    if (v.quality > 100) {
      return lds_error(kFile, msg::say(right ? msg::lds_right_quality : msg::lds_left_quality));
    }
    if (v.minutiae.empty() || v.minutiae.size() > 255) {
      return lds_error(kFile, msg::say(right ? msg::lds_right_minutiae : msg::lds_left_minutiae,
                                       v.minutiae.size()));
    }
    for (const auto& m : v.minutiae) {
      if (m.type > 2 || m.x >= f.width || m.y >= f.height || m.quality > 100) {
        return lds_error(
            kFile, msg::say(right ? msg::lds_right_minutia_range : msg::lds_left_minutia_range));
      }
    }
  }
  return ok();
}

}  // namespace

Result<Bytes> build_dg3(const FingerMinutiae& f) {
  if (auto r = check(f); !r) return r.error();
  Bytes r(std::begin(kMagic), std::end(kMagic));
  std::size_t length = kHeader;
  for (const auto& v : f.views) length += kViewHeader + v.minutiae.size() * kMinutia + 2;
  put_u32(r, static_cast<std::uint32_t>(length));
  put_u16(r, 0);  // capture equipment: no certification, device type unknown
  put_u16(r, f.width);
  put_u16(r, f.height);
  put_u16(r, f.resolution);
  put_u16(r, f.resolution);
  r.push_back(static_cast<std::uint8_t>(f.views.size()));
  r.push_back(0);  // reserved
  for (const auto& v : f.views) {
    r.push_back(v.position);
    r.push_back(0);  // view 0, impression: live-scan plain
    r.push_back(v.quality);
    r.push_back(static_cast<std::uint8_t>(v.minutiae.size()));
    for (const auto& m : v.minutiae) {
      put_u16(r, static_cast<std::uint32_t>(m.type) << 14 | m.x);
      put_u16(r, m.y);
      r.push_back(m.angle);
      r.push_back(m.quality);
    }
    put_u16(r, 0);  // no extended data
  }
  return build_biometric_group(0x63, kBiometricFinger, kFormatFingerMinutiae, r);
}

Result<FingerMinutiae> parse_dg3(std::span<const std::uint8_t> bytes) {
  auto bdb = parse_biometric_group(bytes, 0x63, kBiometricFinger, kFormatFingerMinutiae, kFile);
  if (!bdb) return bdb.error();
  const auto b = *bdb;
  if (b.size() < kHeader) return lds_error(kFile, msg::say(msg::lds_minutiae_short));
  if (!std::equal(std::begin(kMagic), std::end(kMagic), b.begin())) {
    return lds_error(kFile, msg::say(msg::lds_minutiae_magic));
  }
  if (get_u32(b, 8) != b.size()) {
    return lds_error(kFile, msg::say(msg::lds_minutiae_length));
  }
  FingerMinutiae f;
  f.width = static_cast<std::uint16_t>(get_u16(b, 14));
  f.height = static_cast<std::uint16_t>(get_u16(b, 16));
  f.resolution = static_cast<std::uint16_t>(get_u16(b, 18));
  if (get_u16(b, 20) != f.resolution) {
    return lds_error(kFile, msg::say(msg::lds_resolutions));
  }
  const std::size_t views = b[22];
  if (views != 2 || b[23] != 0) return lds_error(kFile, msg::say(msg::lds_two_views));
  std::size_t pos = kHeader;
  for (std::size_t i = 0; i < views; ++i) {
    if (b.size() - pos < kViewHeader) return lds_error(kFile, msg::say(msg::lds_view_cut));
    FingerView v;
    v.position = b[pos];
    if (b[pos + 1] != 0) return lds_error(kFile, msg::say(msg::lds_view_kind));
    v.quality = b[pos + 2];
    const std::size_t n = b[pos + 3];
    pos += kViewHeader;
    if (b.size() - pos < n * kMinutia + 2) return lds_error(kFile, msg::say(msg::lds_view_cut));
    for (std::size_t k = 0; k < n; ++k, pos += kMinutia) {
      Minutia m;
      const std::uint32_t tx = get_u16(b, pos);
      const std::uint32_t ry = get_u16(b, pos + 2);
      if (ry >> 14 != 0) return lds_error(kFile, msg::say(msg::lds_minutia_reserved));
      m.type = static_cast<std::uint8_t>(tx >> 14);
      m.x = static_cast<std::uint16_t>(tx & 0x3FFF);
      m.y = static_cast<std::uint16_t>(ry);
      m.angle = b[pos + 4];
      m.quality = b[pos + 5];
      v.minutiae.push_back(m);
    }
    if (get_u16(b, pos) != 0) return lds_error(kFile, msg::say(msg::lds_view_extended));
    pos += 2;
    f.views.push_back(std::move(v));
  }
  if (pos != b.size()) return lds_error(kFile, msg::say(msg::lds_minutiae_trailing));
  if (auto r = check(f); !r) return r.error();
  return f;
}

}  // namespace ektp::chip
