#include "chip/lds_dg2.hpp"

#include <algorithm>

#include "chip/chip_messages_data.hpp"
#include "chip/lds_cbeff.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {
namespace {

constexpr std::uint8_t kMagic[8] = {'F', 'A', 'C', 0, '0', '1', '0', 0};
constexpr std::size_t kHeader = 14;      // magic, version, record length, image count
constexpr std::size_t kFacialInfo = 20;  // block length .. pose uncertainty
constexpr std::size_t kImageInfo = 12;   // image type .. quality
constexpr std::size_t kFeaturePoint = 8;

}  // namespace

Result<Bytes> build_dg2(const FaceImage& face) {
  if (auto r = check_jpeg(face.jpeg, "DG2"); !r) return r.error();
  if (face.width == 0 || face.height == 0) {
    return lds_error("DG2", msg::say(msg::lds_portrait_size_zero));
  }
  const std::uint32_t block = kFacialInfo + kImageInfo + face.jpeg.size();
  Bytes r(std::begin(kMagic), std::end(kMagic));
  put_u32(r, kHeader + block);
  put_u16(r, 1);  // one facial image
  // Facial information.
  put_u32(r, block);
  put_u16(r, 0);                 // feature points
  r.push_back(0);                // gender unspecified (sex is in DG1)
  r.push_back(0);                // eye colour unspecified
  r.push_back(0);                // hair colour unspecified
  r.insert(r.end(), {0, 0, 0});  // property mask
  put_u16(r, 0);                 // expression unspecified
  r.insert(r.end(), {0, 0, 0});  // pose angle
  r.insert(r.end(), {0, 0, 0});  // pose angle uncertainty
  // Image information.
  r.push_back(1);  // face image type: full frontal
  r.push_back(0);  // image data type: JPEG
  put_u16(r, face.width);
  put_u16(r, face.height);
  r.push_back(1);  // colour space: 24-bit RGB
  r.push_back(2);  // source: digital still camera
  put_u16(r, 0);   // device type unspecified
  put_u16(r, 0);   // quality unspecified
  r.insert(r.end(), face.jpeg.begin(), face.jpeg.end());
  return build_biometric_group(0x75, kBiometricFace, kFormatFace, r);
}

Result<FaceImage> parse_dg2(std::span<const std::uint8_t> bytes) {
  const std::string file = "DG2";
  auto bdb = parse_biometric_group(bytes, 0x75, kBiometricFace, kFormatFace, file);
  if (!bdb) return bdb.error();
  const auto b = *bdb;
  if (b.size() < kHeader + kFacialInfo + kImageInfo) {
    return lds_error(file, msg::say(msg::lds_face_short));
  }
  if (!std::equal(std::begin(kMagic), std::end(kMagic), b.begin())) {
    return lds_error(file, msg::say(msg::lds_face_magic));
  }
  if (get_u32(b, 8) != b.size()) {
    return lds_error(file, msg::say(msg::lds_face_length));
  }
  if (get_u16(b, 12) != 1) {
    return lds_error(file, msg::say(msg::lds_face_images, get_u16(b, 12)));
  }
  const std::size_t block = get_u32(b, kHeader);
  if (block != b.size() - kHeader) {
    return lds_error(file, msg::say(msg::lds_face_block));
  }
  const std::size_t points = get_u16(b, kHeader + 4);
  const std::size_t info = kHeader + kFacialInfo + points * kFeaturePoint;
  if (points > 64 || info + kImageInfo > b.size()) {
    return lds_error(file, msg::say(msg::lds_face_points));
  }
  if (b[info + 1] != 0) return lds_error(file, msg::say(msg::lds_portrait_not_jpeg));
  FaceImage face;
  face.width = static_cast<std::uint16_t>(get_u16(b, info + 2));
  face.height = static_cast<std::uint16_t>(get_u16(b, info + 4));
  if (face.width == 0 || face.height == 0) {
    return lds_error(file, msg::say(msg::lds_portrait_size_zero));
  }
  face.jpeg.assign(b.begin() + static_cast<std::ptrdiff_t>(info + kImageInfo), b.end());
  if (auto r = check_jpeg(face.jpeg, file); !r) return r.error();
  return face;
}

}  // namespace ektp::chip
