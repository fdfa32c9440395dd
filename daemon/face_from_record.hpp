#pragma once
/// The one mapping from a verified citizen record to the printed face: the
/// face is drawn from the same chip::CitizenRecord as the chip's DG11, DG12
/// and DG13, so chip and face cannot disagree by construction.

#include <cstdint>
#include <span>

#include "chip/bundle_verify.hpp"
#include "chip/record.hpp"
#include "drivers/printer/face_fields.hpp"

namespace ektp::daemon {

/// The face fields of `record` (validated, with its CAN), with the job's
/// printable photo and signature JPEGs. Dates are written as printed
/// (DD-MM-YYYY), "Tempat/Tgl Lahir" as "PLACE, DD-MM-YYYY", the validity as
/// record.validity_text().
printer::FaceFields face_from_record(const chip::CitizenRecord& record,
                                     std::span<const std::uint8_t> photo_jpeg,
                                     std::span<const std::uint8_t> signature_jpeg);

/// The face of a verified job bundle (its record, photo and signature).
printer::FaceFields face_from_bundle(const chip::VerifiedBundle& bundle);

}  // namespace ektp::daemon
