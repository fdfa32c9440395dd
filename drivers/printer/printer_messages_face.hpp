#pragma once
/// Catalogue of the printer library's messages for people, part 3: drawing the card face
/// (face_image, face_layout, face_renderer, face_text) and the manual card path
/// (manual_card_transport). Mechanism: drivers/common/message_template.hpp; translations:
/// po/id.po. A refusal names the field, never its value (no personal data).

#include <string>

#include "drivers/common/language.hpp"
#include "drivers/common/message_template.hpp"

namespace ektp::printer::face_texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- pictures and drawing (face_image, face_renderer, face_text) ---

inline constexpr Template<0> bad_photo{
    N_("The photo for the card face is not a complete JPEG image, so the card cannot be "
       "printed. Ask the central office to send the job again.")};
inline constexpr Template<0> bad_signature{
    N_("The signature image for the card face is not a complete JPEG image, so the card cannot "
       "be printed. Ask the central office to send the job again.")};
inline constexpr Template<0> no_memory{N_("Out of memory while drawing the card face.")};
inline constexpr Template<1> render_failed{N_(
    // TRANSLATORS: {0} is cairo's error text.
    "The card face could not be drawn (cairo: {0}). Try again; if it keeps failing, report "
    "it.")};
inline constexpr Template<0> bad_png_dpi{N_("The PNG resolution must be between 36 and 1200 dpi.")};
inline constexpr Template<2> font_missing{N_(
    // TRANSLATORS: {0} is a font name, {1} a Debian package name (keep both).
    "The card face font {0} is not installed, so faces cannot be printed. Install the Debian "
    "package {1} (tools/deps does it).")};

// --- the layout (face_layout): refusals name a field ---

inline constexpr Template<3> no_room_line{N_(
    // TRANSLATORS: {0} is a field name below, {1} the field's label on the card (Indonesian,
    // keep it) or a place name below.
    "The card face has no room for the {0} ({1}): even in the smallest text allowed it needs "
    "more than {2} line. Correct the record at the central office (the text as it is to be "
    "printed) and send the job again.")};
inline constexpr Template<3> no_room_lines{N_(
    // TRANSLATORS: as above; {2} is a number of lines, more than one.
    "The card face has no room for the {0} ({1}): even in the smallest text allowed it needs "
    "more than {2} lines. Correct the record at the central office (the text as it is to be "
    "printed) and send the job again.")};
inline constexpr Template<1> too_much_text{N_(
    // TRANSLATORS: {0} is a list of field names below, separated by commas.
    "The card face has no room for all of its text: the {0} together need too many lines. "
    "Correct the record at the central office (the text as it is to be printed) and send the "
    "job again.")};
inline constexpr Template<1> missing_field{N_(
    // TRANSLATORS: {0} is a field name below.
    "The card face has no {0}, so the card cannot be printed. Ask the central office to send "
    "the job again with it.")};

/// The field names face_layout.cpp passes around in English (translated by field_text()).
// TRANSLATORS: names of the fields of the card face, used in the messages above.
inline constexpr Template<0> kFieldNames[] = {
    N_("province"),
    N_("regency or city"),
    N_("NIK"),
    N_("name"),
    N_("place and date of birth"),
    N_("sex"),
    N_("blood type"),
    N_("address"),
    N_("RT/RW"),
    N_("kelurahan/desa"),
    N_("kecamatan"),
    N_("religion"),
    N_("marital status"),
    N_("occupation"),
    N_("citizenship"),
    N_("validity"),
    N_("issuing city"),
    N_("date of issue"),
    N_("card access number (CAN)"),
    N_("CAN"),
    // TRANSLATORS: places on the card face, shown in brackets after a field name.
    N_("city under the photo"),
    N_("date"),
};

/// A field name (or label) from face_layout in the current language; text that is not
/// in the catalogue (the card's own Indonesian labels) comes back as it is.
inline std::string field_text(const std::string& english) {
  return i18n::translate(english.c_str());
}

// --- the manual card path (manual_card_transport) ---

inline constexpr Template<0> manual_no_blanks{
    N_("There are no blank cards left. Load blank cards, then continue.")};
inline constexpr Template<0> manual_not_confirmed{
    N_("The operator did not confirm the card step; nothing moved.")};
inline constexpr Template<0> manual_card_on_reader{
    N_("A card is still on the reader. Put it into the printer or aside first.")};
inline constexpr Template<0> manual_place_on_reader{
    N_("Take one blank card and place it on the card reader, then confirm.")};
inline constexpr Template<0> manual_no_card{N_("There is no card on the reader.")};
inline constexpr Template<0> manual_to_printer{
    N_("Take the card off the reader and put it into the printer's card feeder, then "
       "confirm.")};
inline constexpr Template<0> manual_to_reject{
    N_("Take the card off the reader and put it with the spoiled cards, then confirm.")};

}  // namespace ektp::printer::face_texts
