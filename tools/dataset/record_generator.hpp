#pragma once
/// Generated citizen records: fake, varied and valid (chip::validate passes),
/// the same for the same seed and index on every machine.

#include <cstdint>

#include "chip/record.hpp"

namespace ektp::dataset {

/// Record number `index` of the stream `seed`. Each record is made from its own
/// random stream, so record 500 does not depend on records 0..499.
///
/// Variety: names of ten naming traditions (regions.hpp) with about 5 % long
/// names of 50-60 characters; provinces with matching NIK codes; every
/// religion, marital status and blood type (including "-"); about 3 % foreign
/// residents (WNA, dated validity); about 15 % of WNI with a dated validity
/// (older cards), the rest SEUMUR HIDUP; about 5 % long addresses (90-100
/// characters). Issued between 2015 and 2025, holders 17 to 90 years old.
chip::CitizenRecord generate_record(std::uint64_t seed, std::uint64_t index);

}  // namespace ektp::dataset
