# System packages only (Debian 12); tools/deps installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(doctest REQUIRED)
pkg_check_modules(PCSC REQUIRED IMPORTED_TARGET libpcsclite)
