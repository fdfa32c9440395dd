#include "tools/foundation_demo/steps.hpp"

namespace ektp::demo {

bool print_step(const test::RigEnv&, const std::filesystem::path&) { return true; }

}  // namespace ektp::demo
