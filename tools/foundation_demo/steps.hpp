#pragma once
/// Steps of the foundation demo; each prints what it does and returns false on failure.

#include <filesystem>

#include "tests/support/rig_env.hpp"

namespace ektp::demo {

/// A card written, read back and locked through pcscd; the card's image and
/// APDU trace are left in `out`.
bool card_step(const test::RigEnv& rig, const std::filesystem::path& out);

/// A page printed through CUPS to the simulated card printer.
bool print_step(const test::RigEnv& rig, const std::filesystem::path& out);

}  // namespace ektp::demo
