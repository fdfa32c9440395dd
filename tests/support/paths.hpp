#pragma once
/// Where the tests are: the source tree, the build tree, the fixtures. Kept in
/// one generated file (test_paths.cpp.in) rather than compile definitions, so
/// that the other test sources compile the same in any clone (ccache hits).

#include <string>

namespace ektp::test {

std::string source_dir();
std::string build_dir();
std::string fixtures_dir();

}  // namespace ektp::test
