#include "tools/printersim/chip_witness.hpp"

#include <algorithm>
#include <cctype>

#include "chip/lds_dg11.hpp"
#include "chip/passive_auth.hpp"
#include "chip/profile_ktp_open.hpp"
#include "chip/record.hpp"

namespace ektp::printersim {

namespace {

constexpr std::uint16_t kEfCom = 0x011E;
constexpr std::uint16_t kEfSod = 0x011D;
constexpr std::uint8_t kOperational = 0x05;

Judgement unverified(std::string reason) { return {FaceVerdict::unverified, std::move(reason)}; }

}  // namespace

const char* to_string(FaceVerdict verdict) {
  switch (verdict) {
    case FaceVerdict::verified:
      return "verified";
    case FaceVerdict::unverified:
      return "unverified";
    case FaceVerdict::wrong_chip:
      return "wrong_chip";
  }
  return "unverified";
}

std::vector<std::string> nik_candidates(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end - i == 16) {
      std::string run(text.substr(i, 16));
      if (std::find(out.begin(), out.end(), run) == out.end()) out.push_back(std::move(run));
    }
    i = end;
  }
  return out;
}

Judgement judge_face(EncoderLink& encoder, const chip::TrustStore* trust,
                     std::string_view face_text, std::int64_t now) {
  auto present = encoder.card_present();
  if (!present) return unverified("encoder_unreachable");
  if (!*present) return unverified("no_card");

  auto files = encoder.files();
  if (!files) return unverified("encoder_unreachable");
  const std::uint16_t app = chip::ktp_open_v1().application_fid();
  std::vector<std::uint16_t> efs;
  bool activated = true;
  for (const ChipFile& file : *files) {
    if (file.is_df || file.path.size() != 3 || file.path[0] != 0x3F00 || file.path[1] != app) {
      continue;
    }
    efs.push_back(file.path[2]);
    activated = activated && file.life_cycle == kOperational;
  }
  if (efs.empty()) return unverified("blank");
  if (!activated) return unverified("not_activated");
  if (std::find(efs.begin(), efs.end(), kEfSod) == efs.end()) return unverified("no_sod");

  chip::DataGroups groups;
  Bytes sod;
  for (std::uint16_t fid : efs) {
    if (fid == kEfCom) continue;
    auto content = encoder.read({0x3F00, app, fid});
    if (!content) return unverified("unreadable");
    if (fid == kEfSod) {
      sod = std::move(*content);
    } else {
      groups[fid & 0xFF] = std::move(*content);
    }
  }

  if (trust == nullptr || trust->root(chip::Root::csca) == nullptr) {
    return unverified("no_trust_anchor");
  }
  auto verified = chip::verify_passive_auth(sod, groups, *trust, now);
  if (!verified) return unverified(verified.error().code);

  auto dg11 = groups.find(11);
  if (dg11 == groups.end()) return {FaceVerdict::wrong_chip, "no_dg11"};
  chip::CitizenRecord record;
  if (auto parsed = chip::parse_dg11(dg11->second, record); !parsed) {
    return {FaceVerdict::wrong_chip, "dg11_unreadable"};
  }
  const auto on_face = nik_candidates(face_text);
  if (on_face.empty()) return {FaceVerdict::wrong_chip, "face_without_nik"};
  if (on_face.size() != 1) return {FaceVerdict::wrong_chip, "face_with_several_niks"};
  if (on_face.front() != record.nik) return {FaceVerdict::wrong_chip, "nik_differs"};
  return {FaceVerdict::verified, "ok"};
}

}  // namespace ektp::printersim
