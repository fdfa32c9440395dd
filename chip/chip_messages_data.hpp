#pragma once
/// Catalogue of the chip library's messages for people, part 1: the data itself (TLV,
/// LDS chip files, MRZ, citizen record, data set). Mechanism: drivers/common/
/// message_template.hpp and docs/messages.md; translations: po/id.po.
///
/// Families that share their beginning and their advice (every LDS refusal, every MRZ
/// refusal, every record refusal) have one frame with a {reason} placeholder, and each
/// reason is a clause that reads after a colon ("..., is not valid: {1}. ...").

#include "drivers/common/message_template.hpp"

namespace ektp::chip::msg {

using ektp::msg::say;
using ektp::msg::Template;

// --- TLV (BER-TLV parsing of hostile data) ---

// TRANSLATORS: {0} is a place such as "byte 12 (tag 5F1F)", {1} a reason clause.
inline constexpr Template<2> tlv_damaged{N_("The data is damaged at {0}: {1}.")};
// TRANSLATORS: a place inside data; {0} is a byte offset.
inline constexpr Template<1> tlv_at_byte{N_("byte {0}")};
// TRANSLATORS: a place inside data; {0} is a byte offset, {1} a tag in hexadecimal.
inline constexpr Template<2> tlv_at_byte_tag{N_("byte {0} (tag {1})")};
inline constexpr Template<1> tlv_too_deep{N_("the data is nested more than {0} levels deep")};
inline constexpr Template<1> tlv_too_many{N_("there are more than {0} elements")};
inline constexpr Template<0> tlv_padding_tag{
    N_("a tag byte is 00 or FF (padding is not accepted)")};
inline constexpr Template<0> tlv_tag_cut{N_("the tag is cut short")};
inline constexpr Template<0> tlv_tag_leading_zero{N_("the tag has a leading zero (non-minimal)")};
inline constexpr Template<0> tlv_tag_too_long{N_("the tag is longer than 3 bytes")};
inline constexpr Template<0> tlv_length_missing{N_("the length is missing")};
inline constexpr Template<0> tlv_indefinite{N_("an indefinite length is not accepted")};
inline constexpr Template<1> tlv_length_bytes{
    N_("the length has {0} bytes (at most 4 are accepted)")};
inline constexpr Template<0> tlv_length_cut{N_("the length is cut short")};
inline constexpr Template<2> tlv_length_not_minimal{
    N_("the length {0} is written in {1} bytes where fewer suffice")};
inline constexpr Template<2> tlv_length_beyond{N_("the length says {0} bytes but only {1} remain")};
inline constexpr Template<2> tlv_too_large{
    N_("The data is {0} bytes, more than the {1} bytes accepted.")};
inline constexpr Template<0> tlv_empty{N_("The data is empty where one element was expected.")};
inline constexpr Template<1> tlv_trailing{
    N_("The data has extra bytes after its first element, at byte {0}.")};

// --- LDS chip files (EF.COM, DG1..DG13, EF.CardAccess) ---

inline constexpr Template<2> lds_invalid{N_(
    // TRANSLATORS: {0} is a chip file name such as DG11 or EF.COM (or "with FID 0101"),
    // {1} a reason clause.
    "The chip file {0} is not valid: {1}. The data cannot be written; ask for the job to be "
    "sent again.")};
// TRANSLATORS: names a chip file by its file id, inside "The chip file {0} ..."; {0} is hex.
inline constexpr Template<1> lds_file_with_fid{N_("with FID {0}")};
inline constexpr Template<0> lds_pace_oid{N_("The PACE protocol OID is not a valid OID.")};
// TRANSLATORS: {0} is the parser's own reason.
inline constexpr Template<1> lds_not_der{N_("is not valid DER ({0})")};
inline constexpr Template<0> lds_no_set{N_("does not start with a SET (tag 31)")};
inline constexpr Template<0> lds_not_security_info{
    N_("holds an element that is not a SecurityInfo (SEQUENCE starting with an OID)")};
inline constexpr Template<0> lds_bad_oid{N_("holds a malformed object identifier")};
inline constexpr Template<0> lds_pace_version{N_("holds a PACEInfo whose version is not 2")};
inline constexpr Template<0> lds_pace_extra{N_("holds a PACEInfo with extra elements")};
inline constexpr Template<0> lds_pace_parameter{
    N_("holds a PACEInfo with a malformed parameter id")};
inline constexpr Template<0> lds_no_pace{N_("announces no PACE protocol")};
inline constexpr Template<1> lds_template_count{
    N_("it announces {0} biometric templates (KTP-OPEN has exactly 1)")};
// TRANSLATORS: {0} and {1} are bytes in hexadecimal.
inline constexpr Template<2> lds_biometric_header{N_("the biometric header is {0} instead of {1}")};
inline constexpr Template<0> lds_block_constructed{N_("the biometric data block is constructed")};
inline constexpr Template<0> lds_version_digits{N_("the LDS version is not 4 digits")};
inline constexpr Template<0> lds_unicode_digits{N_("the Unicode version is not 6 digits")};
inline constexpr Template<1> lds_list_size{
    N_("the data-group list has {0} entries (1 to 16 accepted)")};
inline constexpr Template<1> lds_list_not_dg{
    N_("the data-group list holds {0}, not a data-group tag")};
inline constexpr Template<1> lds_list_twice{N_("the data-group list names {0} twice")};
// TRANSLATORS: {0} and {1} are tags in hexadecimal.
inline constexpr Template<2> lds_wrong_tag{N_("it starts with tag {0} instead of {1}")};
inline constexpr Template<0> lds_not_constructed{N_("its template is not constructed")};
inline constexpr Template<1> lds_element_missing{N_("element {0} is missing")};
inline constexpr Template<2> lds_element_misplaced{N_("element {0} is where {1} was expected")};
inline constexpr Template<1> lds_element_extra{N_("it has an unexpected extra element {0}")};
inline constexpr Template<1> lds_not_small_int{N_("element {0} is not a one-byte number")};
inline constexpr Template<2> lds_image_size{N_("the image is {0} bytes (1 to {1} accepted)")};
inline constexpr Template<0> lds_not_jpeg{N_("the image is not a JPEG (no start or end marker)")};
inline constexpr Template<0> lds_not_in_profile{N_("it is not a file of the KTP-OPEN profile")};
inline constexpr Template<0> lds_twice{N_("it appears twice")};
inline constexpr Template<0> lds_file_missing{N_("the file is missing")};
inline constexpr Template<0> lds_com_mismatch{
    N_("its data-group list does not match the data groups present")};
inline constexpr Template<4> lds_com_version{N_(
    // TRANSLATORS: {0}/{1} are the versions found, {2}/{3} those of the profile.
    "it announces LDS version {0} / Unicode {1}, not the profile's {2} / {3}")};
inline constexpr Template<0> lds_mrz_disagrees{
    N_("its MRZ does not agree with DG11 and DG13 (NIK, name, date of birth, sex, validity or "
       "citizenship differ)")};
inline constexpr Template<2> lds_mrz_not_ktp{N_(
    // TRANSLATORS: {0} is a document code, {1} a state code (MRZ codes, keep them).
    "the MRZ is not an Indonesian identity card (code {0}, state {1})")};
inline constexpr Template<0> lds_nik_overflow{N_("the NIK is not written with the overflow rule")};
inline constexpr Template<0> lds_sex_code{N_("the sex is not M or F")};
inline constexpr Template<1> lds_nationality{N_("the nationality is {0} (IDN or XXX expected)")};
inline constexpr Template<0> lds_tag_list{N_("its tag list does not match its contents")};
inline constexpr Template<1> lds_dg13_version{
    N_("its layout version is {0} (this station reads version 1)")};
inline constexpr Template<0> lds_portrait_size_zero{N_("the portrait's width or height is zero")};
inline constexpr Template<0> lds_face_short{N_("the facial record is too short")};
inline constexpr Template<0> lds_face_magic{N_("the facial record does not start with FAC 010")};
inline constexpr Template<0> lds_face_length{
    N_("the facial record length does not match its data block")};
inline constexpr Template<1> lds_face_images{
    N_("the facial record holds {0} images (KTP-OPEN has exactly 1)")};
inline constexpr Template<0> lds_face_block{
    N_("the facial data block length does not match the record")};
inline constexpr Template<0> lds_face_points{
    N_("the facial record's feature points do not fit it")};
inline constexpr Template<0> lds_portrait_not_jpeg{N_("the portrait is not a JPEG image")};
inline constexpr Template<0> lds_finger_size{
    N_("the finger image size or resolution is out of range")};
inline constexpr Template<0> lds_finger_order{
    N_("it must hold the right index finger, then the left index finger")};
inline constexpr Template<0> lds_right_quality{N_("the right index quality is over 100")};
inline constexpr Template<0> lds_left_quality{N_("the left index quality is over 100")};
inline constexpr Template<1> lds_right_minutiae{
    N_("the right index finger has {0} minutiae (1 to 255 accepted)")};
inline constexpr Template<1> lds_left_minutiae{
    N_("the left index finger has {0} minutiae (1 to 255 accepted)")};
inline constexpr Template<0> lds_right_minutia_range{
    N_("a minutia of the right index finger is out of range")};
inline constexpr Template<0> lds_left_minutia_range{
    N_("a minutia of the left index finger is out of range")};
inline constexpr Template<0> lds_minutiae_short{N_("the minutiae record is too short")};
inline constexpr Template<0> lds_minutiae_magic{
    N_("the minutiae record does not start with FMR 20")};
inline constexpr Template<0> lds_minutiae_length{
    N_("the minutiae record length does not match its data block")};
inline constexpr Template<0> lds_resolutions{N_("the horizontal and vertical resolutions differ")};
inline constexpr Template<0> lds_two_views{N_("the record does not hold 2 finger views")};
inline constexpr Template<0> lds_view_cut{N_("a finger view is cut short")};
inline constexpr Template<0> lds_view_kind{N_("a finger view is not view 0, live-scan plain")};
inline constexpr Template<0> lds_minutia_reserved{N_("a minutia has reserved bits set")};
inline constexpr Template<0> lds_view_extended{N_("a finger view has extended data")};
inline constexpr Template<0> lds_minutiae_trailing{
    N_("the minutiae record has bytes after its views")};
inline constexpr Template<0> lds_one_signature{N_("it does not hold exactly one signature image")};

// --- The data set as a whole ---

inline constexpr Template<5> dataset_too_large{N_(
    // TRANSLATORS: {0} bytes needed = {1} bytes of data in {2} files + {3} bytes of file
    // system per file; {4} is the card's capacity in bytes.
    "The chip data needs {0} bytes ({1} of data in {2} files, {3} bytes of file system each) "
    "but the card holds {4}. The job cannot be written to this card type; ask central for a "
    "smaller portrait or use a larger card.")};

// --- MRZ (DG1) ---

inline constexpr Template<1> mrz_invalid{N_(
    // TRANSLATORS: {0} is a reason clause.
    "The machine readable zone (DG1) is not valid: {0}. The chip data cannot be used; ask for "
    "the job to be sent again.")};
inline constexpr Template<1> mrz_length{N_("it has {0} characters instead of 90")};
inline constexpr Template<1> mrz_character{N_("character {0} is not A-Z, 0-9 or '<'")};
inline constexpr Template<1> mrz_document_code{N_("the document code '{0}' is not a TD1 code")};
inline constexpr Template<0> mrz_long_number_cut{N_("the long document number is cut short")};
inline constexpr Template<0> mrz_number_check{
    N_("the check digit of the document number does not match")};
inline constexpr Template<0> mrz_number_fillers{
    N_("the document number is empty or has fillers inside")};
inline constexpr Template<0> mrz_birth_check{
    N_("the date of birth or its check digit does not match")};
inline constexpr Template<0> mrz_sex{N_("the sex is not M, F or <")};
inline constexpr Template<0> mrz_expiry_check{
    N_("the date of expiry or its check digit does not match")};
inline constexpr Template<0> mrz_composite_check{N_("the composite check digit does not match")};
inline constexpr Template<0> mrz_name_empty{N_("the name is empty")};

}  // namespace ektp::chip::msg
