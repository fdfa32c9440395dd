#pragma once
/// The printer simulator's own check of every face it prints: the card at the encoder
/// is activated (every file of the application operational), its EF.SOD verifies
/// against the configured CSCA (passive authentication over the data groups read from
/// the chip), and the NIK in the chip's DG11 equals the NIK in the face's text. It
/// trusts nothing the station says. Nothing personal leaves this file: the verdict and
/// a reason code only.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chip/pki.hpp"
#include "tools/printersim/seams.hpp"

namespace ektp::printersim {

enum class FaceVerdict {
  verified,    ///< activated chip, SOD verified, NIK on the face equals the chip's
  unverified,  ///< no card, blank, not activated, no trust anchor, SOD does not verify
  wrong_chip,  ///< a verified chip whose NIK is not the face's (or the face has none)
};

const char* to_string(FaceVerdict verdict);

struct Judgement {
  FaceVerdict verdict = FaceVerdict::unverified;
  std::string reason;  ///< a code, e.g. "not_activated", "sod.dg_hash_mismatch" (no data)
};

/// The 16-digit numbers in `text` (NIK candidates), each once, in order of appearance.
std::vector<std::string> nik_candidates(std::string_view text);

/// Judge the face whose text is `face_text` against the chip at the encoder.
/// `trust`: the CSCA to verify against (null or without a CSCA: every face unverified).
Judgement judge_face(EncoderLink& encoder, const chip::TrustStore* trust,
                     std::string_view face_text, std::int64_t now);

}  // namespace ektp::printersim
