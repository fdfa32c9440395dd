#pragma once
/// The LDS security object (ICAO 9303-10, 4.6.2): the list of data-group
/// hashes that the document signer signs inside EF.SOD.
///
///   LDSSecurityObject ::= SEQUENCE {
///     version             INTEGER (v0 = 0),
///     hashAlgorithm       AlgorithmIdentifier (SHA-256 here),
///     dataGroupHashValues SEQUENCE SIZE (2..16) OF
///       SEQUENCE { dataGroupNumber INTEGER (1..16), dataGroupHashValue OCTET STRING } }
///
/// Only version 0 with SHA-256 is accepted (the KTP-OPEN profile); the parse is
/// strict DER (definite minimal lengths, minimal integers, no trailing bytes).

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::chip {

/// Data groups as opaque file contents (the whole EF, tag and length included), by number.
using DataGroups = std::map<int, std::vector<std::uint8_t>>;

/// SHA-256 hash of each data group, by number.
using DataGroupHashes = std::map<int, std::array<std::uint8_t, 32>>;

/// id-icao-ldsSecurityObject, the eContentType of EF.SOD.
inline constexpr const char* kLdsSecurityObjectOid = "2.23.136.1.1.1";
/// id-sha256 (NIST), the only hash algorithm accepted.
inline constexpr const char* kSha256Oid = "2.16.840.1.101.3.4.2.1";

/// Hash every data group with SHA-256.
DataGroupHashes hash_data_groups(const DataGroups& groups);

/// DER of an LDSSecurityObject v0 over `hashes` (numbers 1..16, at least 2).
Result<std::vector<std::uint8_t>> encode_security_object(const DataGroupHashes& hashes);

/// Strict parse of an LDSSecurityObject; refuses anything but v0/SHA-256 DER.
Result<DataGroupHashes> parse_security_object(std::span<const std::uint8_t> der);

}  // namespace ektp::chip
