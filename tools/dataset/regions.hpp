#pragma once
/// Indonesian regions for generated records: provinces and regencies/cities
/// with their Kemendagri codes (the first four digits of a NIK), kecamatan and
/// kelurahan/desa names, and which naming traditions are common there.

#include <cstddef>
#include <span>

namespace ektp::dataset {

/// Naming traditions the generator knows (names.hpp).
enum class Group {
  javanese,
  sundanese,
  batak,
  minang,
  bugis,
  balinese,
  chinese,
  arabic,  ///< Arabic-derived Muslim names, common everywhere
  minahasa,
  papuan,
  count
};

struct Regency {
  int code;                                ///< two digits (71+ are cities)
  const char* name;                        ///< as printed: "KOTA BANDUNG", "KABUPATEN SLEMAN"
  std::span<const char* const> kecamatan;  ///< NIK kecamatan code = index + 1
  std::span<const char* const> villages;   ///< kelurahan/desa names
};

struct Province {
  int code;          ///< 11..94
  const char* name;  ///< as printed: "JAWA BARAT"
  std::span<const Regency> regencies;
  /// Weight of each Group (by enum value) among the province's residents.
  int group_weights[static_cast<std::size_t>(Group::count)];
  int population_weight;  ///< how often the province is chosen
};

/// Every province the generator uses.
std::span<const Province> provinces();

/// Street names, hamlet (dusun) names and housing estates used in addresses.
std::span<const char* const> street_names();
std::span<const char* const> hamlet_names();
std::span<const char* const> estate_names();

/// Foreign places of birth (for WNA records).
std::span<const char* const> foreign_birth_places();

}  // namespace ektp::dataset
