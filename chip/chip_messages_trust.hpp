#pragma once
/// Catalogue of the chip library's messages for people, part 3: trust (certificates and
/// the trust store, CMS shape, EF.SOD, passive authentication). Mechanism:
/// drivers/common/message_template.hpp; translations: po/id.po.

#include "drivers/common/message_template.hpp"

namespace ektp::chip::msg {

using ektp::msg::say;
using ektp::msg::Template;

// --- certificate files (openssl_util) ---

inline constexpr Template<2> object_size{N_(
    // TRANSLATORS: {0} is one of the three kinds of object below; {1} a number of bytes.
    "The {0} is empty or larger than {1} bytes; check that the right file was given.")};
// TRANSLATORS: {1} is OpenSSL's own reason, in English.
inline constexpr Template<2> object_pem_unreadable{N_("The {0} (PEM) could not be read: {1}")};
inline constexpr Template<2> object_der_unreadable{N_(
    // TRANSLATORS: {1} is OpenSSL's own reason, in English (often empty).
    "The {0} (DER) could not be read or has trailing bytes. {1}")};
inline constexpr Template<0> object_certificate{N_("certificate")};
inline constexpr Template<0> object_crl{N_("revocation list (CRL)")};
inline constexpr Template<0> object_private_key{N_("private key")};
// TRANSLATORS: {0} is a file path.
inline constexpr Template<1> file_cannot_open{N_("Cannot open {0}.")};
inline constexpr Template<2> file_too_large{N_(
    // TRANSLATORS: {0} is a file path, {1} a number of bytes.
    "{0} is larger than {1} bytes; check that the right file was given.")};

// --- certificate roles and the trust store (pki) ---

inline constexpr Template<0> role_document_signer{N_("document signer")};
inline constexpr Template<0> role_job_signer{N_("job signer")};
inline constexpr Template<0> role_station{N_("station")};
// TRANSLATORS: {0} is a role above, {1} a certificate name in quotes.
inline constexpr Template<2> who_role_certificate{N_("The {0} certificate {1}")};
// TRANSLATORS: {0} is CSCA or Job CA (names, keep them), {1} a certificate name in quotes.
inline constexpr Template<2> who_pinned_root{N_("The pinned {0} {1}")};
// TRANSLATORS: {0} is a certificate name in quotes.
inline constexpr Template<1> who_certificate{N_("The certificate {0}")};
// TRANSLATORS: {0} is CSCA or Job CA, {1} a certificate name in quotes.
inline constexpr Template<2> who_given_root{N_("The certificate given as {0} {1}")};
inline constexpr Template<3> pki_expired{N_(
    // TRANSLATORS: {0} is a certificate as above, {1} its end date, {2} the time checked.
    "{0} expired on {1} (checked at {2}). Ask central for data signed with a current "
    "certificate.")};
inline constexpr Template<3> pki_not_yet_valid{
    N_("{0} is valid only from {1} (checked at {2}). Check the station's clock; if it is right, "
       "tell central.")};
inline constexpr Template<3> pki_revoked{N_(
    // TRANSLATORS: {0} a certificate, {1} its serial number, {2} CSCA or Job CA.
    "{0} (serial {1}) is revoked in the {2}'s revocation list. Data it signed is refused; "
    "tell central.")};
inline constexpr Template<4> pki_unknown_issuer{N_(
    // TRANSLATORS: {0} a certificate, {1} CSCA or Job CA, {2} the pinned one's name, {3} the
    // issuer's name.
    "{0} was not issued by the pinned {1} {2} (its issuer is {3}). Data it signed is "
    "refused; tell central which {1} the station should trust.")};
inline constexpr Template<3> pki_crl_unusable{N_(
    // TRANSLATORS: {0} CSCA or Job CA, {1} OpenSSL's reason (English), {2} the time checked.
    "The {0}'s revocation list cannot be used: {1} (checked at {2}). Load a current "
    "revocation list from central.")};
// TRANSLATORS: {0} a certificate, {1} OpenSSL's reason (English), {2} the time checked.
inline constexpr Template<3> pki_chain_invalid{
    N_("{0} cannot be trusted: {1} (checked at {2}). Tell central.")};
inline constexpr Template<2> pki_signer_is_ca{N_(
    // TRANSLATORS: {0} a certificate, {1} a role.
    "{0} is a certificate authority; it may not sign data as {1}. Tell central.")};
inline constexpr Template<2> pki_key_usage{
    N_("{0} is not marked for digital signatures (keyUsage); it may not act as {1}. Tell "
       "central.")};
inline constexpr Template<2> pki_no_role{
    N_("{0} carries no KTP-OPEN role (extended key usage); it may not act as {1}. Tell "
       "central.")};
inline constexpr Template<3> pki_role_crossed{N_(
    // TRANSLATORS: {0} a certificate, {1} the role it has, {2} the role asked for.
    "{0} is a {1} certificate; it may not act as {2}. The data is refused; tell central.")};
inline constexpr Template<3> pki_role_missing{N_(
    // TRANSLATORS: {0} a certificate, {1} a role, {2} an OID.
    "{0} is not marked as {1} (extended key usage {2}). The data is refused; tell central.")};
inline constexpr Template<0> pki_no_root_given{N_("No certificate was given for the pinned root.")};
inline constexpr Template<1> pki_root_not_self_signed{
    N_("{0} is not a self-signed root certificate.")};
inline constexpr Template<1> pki_root_not_ca{
    N_("{0} is not marked as a certificate authority (basicConstraints CA:TRUE, keyUsage "
       "keyCertSign).")};
// TRANSLATORS: {0} is OpenSSL's reason, in English.
inline constexpr Template<1> pki_store_failed{N_("Could not build the trust store: {0}")};
inline constexpr Template<0> pki_no_crl{N_("No revocation list was given.")};
inline constexpr Template<1> pki_crl_without_root{N_(
    // TRANSLATORS: {0} is CSCA or Job CA.
    "A revocation list was given for the {0}, but no {0} is pinned on this station.")};
inline constexpr Template<1> pki_crl_bad_signature{
    N_("The revocation list was not signed by the pinned {0}; it is ignored. Load the list "
       "published by central.")};
inline constexpr Template<0> pki_crl_next_update{
    N_("The revocation list's next-update date is unreadable.")};
inline constexpr Template<0> pki_no_signer{N_("No signer certificate was given.")};
inline constexpr Template<2> pki_no_root{N_(
    // TRANSLATORS: {0} is CSCA or Job CA, {1} a role.
    "No {0} is pinned on this station, so no {1} can be trusted. Ask the administrator to "
    "install it.")};
inline constexpr Template<2> pki_crl_stale{N_(
    // TRANSLATORS: {0} is CSCA or Job CA, {1} a date.
    "The {0}'s revocation list is out of date (next update was due {1}). New data is refused "
    "until a current list is loaded; jobs already accepted still print.")};
// TRANSLATORS: {0} is OpenSSL's reason, in English.
inline constexpr Template<1> pki_verify_start{N_("Could not start chain verification: {0}")};
inline constexpr Template<3> pki_chain_too_long{N_(
    // TRANSLATORS: {0} a role, {1} a certificate name in quotes, {2} CSCA or Job CA.
    "The {0} certificate {1} is not issued directly by the {2}; the station accepts no "
    "intermediate authorities. Tell central.")};
inline constexpr Template<0> pki_chain_date{N_("A certificate date in the chain is unreadable.")};

// --- signed objects (cms_signed): reasons after "The chip security data (EF.SOD) ..." or
// "The job bundle ..." (sod_refused, bundle_refused) ---

inline constexpr Template<0> cms_unreadable{N_("is not a readable CMS structure")};
inline constexpr Template<0> cms_trailing{N_("has bytes after its end")};
inline constexpr Template<0> cms_not_signed_data{N_("is not a CMS SignedData")};
// TRANSLATORS: {0} an OID found, {1} the kind expected (below), {2} its OID.
inline constexpr Template<3> cms_content_type{N_("holds content of type {0}, not {1} ({2})")};
inline constexpr Template<0> content_lds_security_object{N_("an LDS security object")};
inline constexpr Template<0> content_job_bundle{N_("a job bundle")};
inline constexpr Template<0> cms_no_content{N_("has no attached content")};
inline constexpr Template<1> cms_signer_count{N_("has {0} signers instead of exactly one")};
inline constexpr Template<0> cms_digest{N_("is signed with a digest other than SHA-256/384/512")};
inline constexpr Template<2> cms_certificates{N_("carries {0} certificates (at most {1})")};
inline constexpr Template<0> cms_no_signer_certificate{
    N_("does not include its signer's certificate")};

// --- EF.SOD ---

inline constexpr Template<1> sod_refused{N_(
    // TRANSLATORS: {0} is a reason clause (a predicate: "is truncated ...").
    "The chip security data (EF.SOD) {0}. The data cannot be trusted; ask central to issue "
    "the job again.")};
inline constexpr Template<2> sod_too_large{N_("is {0} bytes, more than the {1} allowed")};
inline constexpr Template<1> sod_truncated_size{N_("is truncated ({0} bytes)")};
inline constexpr Template<0> sod_no_tag{N_("does not start with tag 77")};
inline constexpr Template<0> sod_length_field{N_("has an unsupported length field")};
inline constexpr Template<0> sod_length_cut{N_("is truncated in its length field")};
inline constexpr Template<0> sod_length_not_minimal{N_("has a non-minimal length field")};
inline constexpr Template<2> sod_declares{N_("declares {0} bytes, more than the {1} allowed")};
inline constexpr Template<2> sod_truncated_of{N_("is truncated: {0} of {1} bytes present")};
// TRANSLATORS: {0} is a step name (a program word), {1} OpenSSL's reason, in English.
inline constexpr Template<2> sod_build_failed{N_("Could not build EF.SOD ({0}): {1}")};
inline constexpr Template<1> sod_built_too_large{N_("The built EF.SOD is larger than {0} bytes.")};
inline constexpr Template<2> sod_signature_invalid{N_(
    // TRANSLATORS: {0} is the signer's certificate name, {1} OpenSSL's reason, in English.
    "The signature on the chip security data (EF.SOD) by '{0}' does not match its content: "
    "the data was altered or damaged. Ask central to issue the job again. ({1})")};

// --- the LDS security object inside EF.SOD ---

inline constexpr Template<1> sod_list_malformed{N_(
    // TRANSLATORS: {0} is a reason clause.
    "The list of data-group hashes in EF.SOD is malformed ({0}). The chip data cannot be "
    "trusted; ask central to issue the job again.")};
// TRANSLATORS: {0} is a part below ("the version", ...).
inline constexpr Template<1> sod_part_truncated{N_("{0} is truncated")};
inline constexpr Template<1> sod_part_tag{N_("{0} has an unexpected tag")};
inline constexpr Template<1> sod_part_length{N_("{0} has an unsupported length")};
inline constexpr Template<1> sod_part_not_minimal{N_("{0} has a non-minimal length")};
inline constexpr Template<1> sod_part_range{N_("{0} is out of range")};
inline constexpr Template<1> sod_part_negative{N_("{0} is negative")};
inline constexpr Template<1> sod_part_encoding{N_("{0} is not minimally encoded")};
inline constexpr Template<0> part_outer{N_("the outer SEQUENCE")};
inline constexpr Template<0> part_version{N_("the version")};
inline constexpr Template<0> part_algorithm{N_("the hash algorithm")};
inline constexpr Template<0> part_list{N_("the hash list")};
inline constexpr Template<0> part_algorithm_oid{N_("the hash algorithm OID")};
inline constexpr Template<0> part_algorithm_parameters{N_("the hash algorithm parameters")};
inline constexpr Template<0> part_entry{N_("a hash entry")};
inline constexpr Template<0> part_group_number{N_("a data-group number")};
inline constexpr Template<0> part_group_hash{N_("a data-group hash")};
inline constexpr Template<0> sod_after_outer{N_("bytes follow the outer SEQUENCE")};
inline constexpr Template<0> sod_after_list{N_("unexpected fields after the hash list")};
inline constexpr Template<0> sod_bad_parameters{N_("bad hash algorithm parameters")};
inline constexpr Template<0> sod_over_16{N_("more than 16 groups")};
inline constexpr Template<0> sod_entry_fields{N_("unexpected fields in a hash entry")};
inline constexpr Template<1> sod_number_range{N_("data-group number {0} is not between 1 and 16")};
inline constexpr Template<2> sod_hash_size{N_("the hash of DG{0} is {1} bytes, not 32")};
inline constexpr Template<1> sod_listed_twice{N_("DG{0} is listed twice")};
inline constexpr Template<0> sod_too_few{N_("fewer than 2 data groups are listed")};
inline constexpr Template<1> sod_group_count{
    N_("An SOD lists 2 to 16 data groups; {0} were given.")};
inline constexpr Template<1> sod_group_number{N_("Data group number {0} is not between 1 and 16.")};
inline constexpr Template<1> sod_version{
    N_("EF.SOD has LDS security object version {0}; this station reads version 0 only. Ask "
       "central which profile was used.")};
inline constexpr Template<0> sod_hash_algorithm{
    N_("EF.SOD uses a hash algorithm other than SHA-256; the KTP-OPEN profile requires SHA-256. "
       "Ask central to issue the job again.")};

// --- passive authentication: the data groups against EF.SOD ---

inline constexpr Template<1> pa_dg_missing{
    N_("DG{0} is listed in the chip security data (EF.SOD) but is missing from the data. The "
       "job is incomplete; ask central to issue it again.")};
inline constexpr Template<3> pa_dg_hash_mismatch{N_(
    // TRANSLATORS: {1} and {2} are the beginnings of two hashes in hexadecimal.
    "DG{0} does not match what central signed (its SHA-256 is {1}, EF.SOD says {2}): the data "
    "was altered or damaged. Ask central to issue the job again.")};
inline constexpr Template<1> pa_dg_extra{
    N_("DG{0} is in the data but not listed in the chip security data (EF.SOD), so it was not "
       "signed by central. Ask central to issue the job again.")};

}  // namespace ektp::chip::msg
