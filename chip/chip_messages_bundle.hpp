#pragma once
/// Catalogue of the chip library's messages for people, part 4: job bundles and batch
/// files. Mechanism: drivers/common/message_template.hpp; translations: po/id.po.
///
/// A bundle's field is named by its JSON key ('face.name', 'chip.DG11'), a program
/// word that stays as it is in every language; its value is never shown.

#include "drivers/common/message_template.hpp"

namespace ektp::chip::msg {

using ektp::msg::say;
using ektp::msg::Template;

// --- bundle fields (bundle_json, bundle) ---

inline constexpr Template<2> bundle_field_refused{N_(
    // TRANSLATORS: {0} is a JSON key such as face.name (keep it), {1} a reason clause.
    "The job bundle's field '{0}' {1}. Ask central to correct the job and send it again.")};
inline constexpr Template<2> bundle_base64_refused{N_(
    // TRANSLATORS: {0} is a JSON key (keep it), {1} a reason clause.
    "The job bundle's field '{0}' {1}. Ask central to send the job again.")};
inline constexpr Template<0> bundle_not_iso_date{N_("is not a real date written YYYY-MM-DD")};
inline constexpr Template<0> bundle_missing{N_("is missing")};
inline constexpr Template<0> bundle_not_text{N_("is not text")};
inline constexpr Template<2> bundle_too_long{N_("is {0} bytes long (at most {1})")};
inline constexpr Template<0> bundle_sex{N_("is neither LAKI-LAKI nor PEREMPUAN")};
inline constexpr Template<0> bundle_valid_until{
    N_("is neither SEUMUR HIDUP nor a real date written YYYY-MM-DD")};
inline constexpr Template<0> bundle_job_id{
    N_("is not a UUID version 4 in lower-case text (8-4-4-4-12 hex digits)")};
inline constexpr Template<0> bundle_not_whole_number{N_("is not a whole number")};
inline constexpr Template<2> bundle_outside{N_("is outside {0} to {1}")};
inline constexpr Template<0> bundle_created_at{
    N_("is not a UTC time written YYYY-MM-DDTHH:MM:SSZ")};
inline constexpr Template<0> bundle_not_object{N_("is not an object")};
inline constexpr Template<0> bundle_not_base64_text{N_("is not base64 text")};
inline constexpr Template<0> bundle_not_jpeg{N_("is not a JPEG image")};
inline constexpr Template<0> bundle_base64_empty{N_("is empty")};
inline constexpr Template<0> bundle_base64_length{N_("is not a multiple of 4 characters long")};
inline constexpr Template<1> bundle_base64_character{
    N_("has a character that is not base64 at position {0}")};
inline constexpr Template<0> bundle_base64_padding{
    N_("has padding bits that are not zero (not canonical base64)")};
inline constexpr Template<3> bundle_field_over{N_(
    // TRANSLATORS: {0} a JSON key (keep it), {1} the limit in bytes, {2} the base64 length.
    "The job bundle's field '{0}' holds more than {1} bytes ({2} characters of base64). Ask "
    "central for a smaller file.")};
inline constexpr Template<3> bundle_field_decoded_over{N_(
    // TRANSLATORS: {0} a JSON key (keep it), {1} its size in bytes, {2} the limit.
    "The job bundle's field '{0}' holds {1} bytes, more than {2}. Ask central for a smaller "
    "file.")};
// TRANSLATORS: {0} is a step name (a program word), {1} OpenSSL's reason, in English.
inline constexpr Template<2> bundle_build_failed{N_("Could not build the job bundle ({0}): {1}")};
inline constexpr Template<1> bundle_unknown_field{N_(
    // TRANSLATORS: {0} is the unknown JSON key as sent (keep it).
    "The job bundle has a field '{0}' that this station does not know; it refuses the job "
    "rather than ignore data. Check that the station's software is up to date.")};
inline constexpr Template<2> bundle_json_too_large{
    N_("The job bundle's content is {0} bytes, more than the {1} allowed. Ask central to send "
       "the job again.")};
inline constexpr Template<1> bundle_json_too_deep{
    N_("The job bundle's content nests objects or lists more than {0} levels deep; it is not a "
       "job bundle. Ask central to send the job again.")};
inline constexpr Template<0> bundle_json_duplicate{
    N_("The job bundle's content names the same field twice in one object; it is ambiguous and "
       "refused. Ask central to send the job again.")};
inline constexpr Template<1> bundle_json_malformed{
    N_("The job bundle's content is not valid JSON (error near byte {0}). Ask central to send "
       "the job again.")};
inline constexpr Template<0> bundle_not_json_object{
    N_("The job bundle's content is not a JSON object. Ask central to send the job again.")};
inline constexpr Template<1> bundle_version{
    N_("The job bundle is in a format version this station does not read (it reads version "
       "{0}). Update the station's software.")};

// --- bundle verification (bundle_verify) ---

inline constexpr Template<1> bundle_refused{N_(
    // TRANSLATORS: {0} is a reason clause (a predicate: "is empty", "is cut off ...").
    "The job bundle {0}. Ask central to send the job again.")};
inline constexpr Template<0> bundle_not_cms{N_("is not a CMS structure")};
inline constexpr Template<0> bundle_length_field{N_("has an unsupported length field")};
inline constexpr Template<0> bundle_cut_first{N_("is cut off in its first bytes")};
inline constexpr Template<2> bundle_cut{N_("is cut off: {0} of {1} bytes present")};
inline constexpr Template<0> bundle_empty{N_("is empty")};
inline constexpr Template<2> bundle_too_large{N_("is {0} bytes, more than the {1} allowed")};
inline constexpr Template<0> bundle_no_dg1{N_("has no DG1")};
inline constexpr Template<0> bundle_signature_invalid{
    N_("The signature on the job bundle does not match its content: the bundle was altered or "
       "damaged on the way. Ask central to send the job again.")};
inline constexpr Template<1> bundle_face_mismatch{N_(
    // TRANSLATORS: {0} is a field name (below, or one of the record's field names).
    "The chip data of the job bundle disagrees with its printed face on the {0}: the card "
    "would not match itself. Ask central to correct the job and send it again.")};
inline constexpr Template<0> field_nik_dg11{N_("NIK (DG11)")};
inline constexpr Template<0> field_name_dg11{N_("name (DG11)")};
inline constexpr Template<0> field_mrz{N_("machine-readable zone (DG1)")};
inline constexpr Template<0> field_sex{N_("sex")};
inline constexpr Template<1> bundle_signer_refused{N_(
    // TRANSLATORS: {0} is the trust store's own message (already in this language).
    "The job bundle's signer is not accepted: {0}")};

// --- batch files (batch_reader, batch_writer) ---

inline constexpr Template<1> batch_refused{N_(
    // TRANSLATORS: {0} is a reason clause (a predicate: "is damaged ...").
    "The batch file {0}. Ask central for a new batch file for this station, or import the jobs "
    "over the link.")};
inline constexpr Template<1> batch_cut{N_(
    // TRANSLATORS: {0} is a reason clause (a predicate: "is cut off ...").
    "The batch file {0}. The copy may be incomplete: copy the file to the USB stick again "
    "(bundles already imported stay imported), or ask central for a new batch file.")};
// TRANSLATORS: {0} is a reason clause, {1} a record number.
inline constexpr Template<2> batch_at_record{N_("{0} (record {1})")};
inline constexpr Template<0> batch_header_unreadable{
    N_("has a damaged header (not a readable CMS structure)")};
inline constexpr Template<0> batch_header_not_encrypted{
    N_("has a header that is not encrypted CMS data")};
inline constexpr Template<0> batch_not_for_station{
    N_("The batch file was not encrypted for this station (or its header is damaged): it cannot "
       "be opened with this station's key. Check that the file was made for this station's "
       "certificate, and ask central for a new one if it was not.")};
inline constexpr Template<0> batch_sodium{N_("libsodium could not start.")};
inline constexpr Template<0> batch_unreadable{N_("cannot be read")};
inline constexpr Template<0> batch_not_a_batch{
    N_("The file is not a KTP batch file (it does not start with EKTPBAT1). Check that you chose "
       "the right file from the USB stick.")};
inline constexpr Template<0> batch_cut_header{N_("is cut off in its header")};
inline constexpr Template<2> batch_header_size{N_("declares a header of {0} bytes (at most {1})")};
inline constexpr Template<0> batch_header_version{N_("has a header of an unknown version")};
inline constexpr Template<1> batch_too_many{N_("declares more than {0} bundles")};
inline constexpr Template<0> batch_cut_after_header{N_("is cut off after its header")};
inline constexpr Template<0> batch_stream_header{N_("has a damaged stream header")};
inline constexpr Template<0> batch_after_error{N_("could not be read further after an error")};
inline constexpr Template<0> batch_no_end_mark{N_("is cut off: it ends before its end mark")};
inline constexpr Template<1> batch_record_size{N_("has a record of {0} bytes")};
inline constexpr Template<0> batch_cut_bundle{N_("is cut off in the middle of a bundle")};
inline constexpr Template<0> batch_integrity{
    N_("is damaged or was altered: a record failed its integrity check")};
inline constexpr Template<2> batch_count{N_("ends after {0} bundles, {1} declared")};
inline constexpr Template<0> batch_after_end{N_("has data after its end mark")};
inline constexpr Template<0> batch_more_bundles{N_("has more bundles than it declares")};
// TRANSLATORS: {0} is a reason clause.
inline constexpr Template<1> batch_write_failed{N_("The batch file could not be written: {0}.")};
inline constexpr Template<0> batch_out_of_memory{N_("out of memory")};
inline constexpr Template<1> batch_encrypt_failed{N_(
    // TRANSLATORS: {0} is OpenSSL's reason, in English.
    "encryption to the station's certificate failed ({0})")};
inline constexpr Template<0> batch_header_encode{N_("the header could not be encoded")};
inline constexpr Template<0> batch_stream_failed{
    N_("the output stream failed (disk full or removed?)")};
inline constexpr Template<0> batch_sodium_clause{N_("libsodium could not start")};
inline constexpr Template<1> batch_more_than{N_("more than {0} bundles")};
inline constexpr Template<0> batch_added_after_end{N_("a bundle was added after the end")};
inline constexpr Template<1> batch_bundle_too_large{N_("a bundle is larger than {0} bytes")};
inline constexpr Template<0> batch_more_than_declared{N_("more bundles than declared")};
inline constexpr Template<2> batch_added_count{N_("{0} bundles were added, {1} declared")};

}  // namespace ektp::chip::msg
