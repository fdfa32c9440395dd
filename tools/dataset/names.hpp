#pragma once
/// Fake but plausible Indonesian names, upper case as printed on the e-KTP,
/// drawn from the naming traditions of regions.hpp's Group.

#include <cstddef>
#include <string>

#include "chip/record.hpp"
#include "tools/dataset/regions.hpp"
#include "tools/dataset/rng.hpp"

namespace ektp::dataset {

/// A name of `group`'s tradition for a person of `sex` (at most 60 characters).
std::string make_name(Rng& rng, Group group, chip::Sex sex);

/// A long name of `group`'s tradition, extended with further given names,
/// titles or a father's name to 50..`max_length` characters.
std::string make_long_name(Rng& rng, Group group, chip::Sex sex,
                           std::size_t max_length = chip::FieldLimits::name);

/// A foreign resident's (WNA) name.
std::string make_foreign_name(Rng& rng, chip::Sex sex);

}  // namespace ektp::dataset
