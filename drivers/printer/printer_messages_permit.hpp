#pragma once
/// Catalogue of the printer library's messages for people, part 2: the print permit
/// (docs/print-permit.md): the station's permit service and its log (permit_service), the
/// spool's permit authority (daemon/spool_permit_authority) and the CUPS backend
/// ektp-gate (tools/gate), whose lines go to cupsd's log and the job's state message.
/// Mechanism: drivers/common/message_template.hpp; translations: po/id.po. Numbers in
/// these messages are attempt, job and process numbers, never personal data.

#include "drivers/common/message_template.hpp"

namespace ektp::printer::permit_texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- the permit service (permit_service), station log ---

// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> service_poll_failed{
    N_("The print permit service stopped: poll failed ({0}).")};
inline constexpr Template<3> peer_refused{N_(
    // TRANSLATORS: {0} is a user number, {1} a group number, {2} a process number.
    "Refused a print permit request from a process that is not the CUPS backend (uid {0}, "
    "gid {1}, pid {2}).")};
inline constexpr Template<2> request_unreadable{N_(
    // TRANSLATORS: {0} is a process number, {1} an error code (keep it).
    "Refused a print permit request that could not be read (pid {0}): {1}")};
// TRANSLATORS: names one print: {0} is an attempt number, {1} a CUPS job number.
inline constexpr Template<2> attempt_and_job{N_("attempt {0}, CUPS job {1}")};
inline constexpr Template<1> no_valid_permit_logged{N_(
    // TRANSLATORS: {0} is "attempt N, CUPS job M".
    "{0}: no valid print permit; the job is cancelled, nothing printed.")};
inline constexpr Template<3> permit_check_failed{N_(
    // TRANSLATORS: {0} is "attempt N, CUPS job M", {1} an error code (keep it), {2} the
    // error's own message.
    "{0}: the print permit could not be checked ({1}): the job is cancelled. {2}")};
inline constexpr Template<2> face_bad_size{N_(
    // TRANSLATORS: {0} is "attempt N, CUPS job M", {1} a number of bytes.
    "{0}: the permit was used but the face is empty or too large ({1} bytes); nothing sent, "
    "the attempt is in doubt.")};
inline constexpr Template<2> face_sent{N_(
    // TRANSLATORS: {0} is "attempt N, CUPS job M", {1} a number of bytes.
    "{0}: permit used, face sent to the backend ({1} bytes).")};
inline constexpr Template<2> face_not_sent{N_(
    // TRANSLATORS: {0} is "attempt N, CUPS job M", {1} a system error text.
    "{0}: the permit was used but the face could not be sent to the CUPS backend ({1}); the "
    "attempt is in doubt.")};
inline constexpr Template<3> socket_failed{N_(
    // TRANSLATORS: {0} is one of the actions below, {1} a socket path, {2} a system error.
    "The print permit service could not {0} ({1}: {2}). Check the directory and that no "
    "other station runs.")};
// TRANSLATORS: the actions below complete "The print permit service could not ...".
inline constexpr Template<0> socket_use_path{N_("use the socket path")};
inline constexpr Template<0> socket_make{N_("make a socket")};
inline constexpr Template<0> socket_in_use{N_("listen: another service answers on the socket")};
inline constexpr Template<0> socket_bind{N_("bind the socket")};
inline constexpr Template<0> socket_permissions{N_("set the socket's permissions")};
inline constexpr Template<0> socket_listen{N_("listen on the socket")};
inline constexpr Template<1> socket_no_group{N_(
    // TRANSLATORS: {0} is a system error text; lp is a group name (keep it).
    "The print permit socket could not be given to group lp ({0}): only a gate running as "
    "root can connect.")};

// --- the spool's permit authority (daemon/spool_permit_authority) ---

inline constexpr Template<2> attempt_no_permit{N_(
    // TRANSLATORS: {0} is an attempt number, {1} one of the reasons below.
    "Attempt {0} has no valid print permit ({1}): nothing is printed.")};
// TRANSLATORS: the reasons below complete "Attempt N has no valid print permit (...)".
inline constexpr Template<0> reason_unknown_attempt{N_("unknown attempt")};
inline constexpr Template<0> reason_already_used{N_("already used")};
inline constexpr Template<0> reason_not_issued{N_("not issued")};
inline constexpr Template<0> reason_token_refused{N_("token refused")};
inline constexpr Template<2> face_failed{N_(
    // TRANSLATORS: {0} is an attempt number, {1} an error code (keep it).
    "The card face of attempt {0} could not be produced ({1}); the print permit is still "
    "unused.")};

// --- the CUPS backend ektp-gate (tools/gate): lines in cupsd's log ---

inline constexpr Template<0> gate_timeout{
    N_("The station did not answer the print permit request in time.")};
// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> gate_wait_failed{N_("Waiting for the station failed: {0}")};
// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> gate_read_failed{N_("Reading the station's answer failed: {0}")};
inline constexpr Template<0> gate_refused_permit{
    N_("The station refused to print this job: it has no valid print permit (unknown, "
       "already used, or another card's). Nothing was printed.")};
inline constexpr Template<0> gate_refused_peer{
    N_("The station refused the print permit request: the backend does not run as root or "
       "lp. Install ektp-gate as root, mode 0700.")};
inline constexpr Template<0> gate_refused_malformed{
    N_("The station could not read the print permit request. Nothing was printed.")};
inline constexpr Template<0> gate_refused_unavailable{
    N_("The station could not check the print permit or produce the card face (see the "
       "station's log). Nothing was printed.")};
inline constexpr Template<0> gate_refused{N_("The station refused to print this job.")};
inline constexpr Template<0> gate_socket_path{
    N_("The station's print permit socket path is missing or too long.")};
inline constexpr Template<2> gate_unreachable{N_(
    // TRANSLATORS: {0} is a socket path, {1} a system error text.
    "The station does not answer on its print permit socket ({0}: {1}). Start the station; "
    "the job is cancelled.")};
// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> gate_send_failed{N_("Sending the print permit request failed: {0}")};
inline constexpr Template<0> gate_not_an_answer{
    N_("The station's answer is not a print permit answer.")};
inline constexpr Template<0> gate_no_answer{
    N_("The station closed the connection without an answer.")};
inline constexpr Template<0> gate_face_cut{
    N_("The station's answer ended before the whole card face arrived.")};
inline constexpr Template<0> gate_face_too_long{
    N_("The station's answer did not end after the card face.")};
// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> gate_no_pipe{N_("Could not make a pipe: {0}")};
// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> gate_no_backend_start{
    N_("Could not start the printer's backend: {0}")};
// TRANSLATORS: {0} is a system error text.
inline constexpr Template<1> gate_backend_lost{N_("Lost the printer's backend: {0}")};

// The gate's own refusals read after "ektp-gate: " in cupsd's log.
inline constexpr Template<0> gate_bad_device_uri{N_(
    // TRANSLATORS: ektp-gate and lpadmin are names (keep them).
    "the device URI is not ektp-gate:<printer URI>; check the queue (lpadmin -v).")};
inline constexpr Template<0> gate_bad_inner_uri{
    N_("the printer URI after ektp-gate: must be ipp:// or ipps://; check the queue.")};
inline constexpr Template<0> gate_no_job_id{N_("cupsd gave no valid job id.")};
inline constexpr Template<1> gate_backend_missing{N_(
    // TRANSLATORS: {0} is a program path.
    "the printer's backend ({0}) is missing; nothing was printed. Reinstall CUPS.")};
inline constexpr Template<0> gate_document_unreadable{
    N_("cannot read the job's document; nothing was printed.")};
inline constexpr Template<1> gate_not_station_job{N_(
    // TRANSLATORS: {0} is a CUPS job number.
    "job {0} is not a station print job (no valid permit placeholder); nothing was printed.")};
inline constexpr Template<1> gate_name_mismatch{N_(
    // TRANSLATORS: {0} is a CUPS job number.
    "job {0}: the job name does not match the permit's attempt; nothing was printed.")};
inline constexpr Template<0> gate_no_socket_env{N_(
    // TRANSLATORS: EKTP_GATE_SOCKET, SetEnv and cups-files.conf are names (keep them).
    "EKTP_GATE_SOCKET is not set (SetEnv in cups-files.conf); nothing was printed.")};
// TRANSLATORS: names one print: {0} is an attempt number, {1} a CUPS job number.
inline constexpr Template<2> gate_attempt_job{N_("attempt {0}, job {1}")};
inline constexpr Template<1> gate_sending_face{N_(
    // TRANSLATORS: {0} is "attempt N, job M".
    "{0}: permit used, sending the card face")};
inline constexpr Template<2> gate_backend_error{N_(
    // TRANSLATORS: {0} is "attempt N, job M", {1} the error's own message.
    "{0}: {1}; the attempt is in doubt.")};
inline constexpr Template<2> gate_backend_failed{N_(
    // TRANSLATORS: {0} is "attempt N, job M", {1} the backend's exit status.
    "{0}: the printer's backend failed (exit {1}); the job is cancelled and the attempt is in "
    "doubt.")};

}  // namespace ektp::printer::permit_texts
