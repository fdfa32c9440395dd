# System packages only (Debian 12); tools/deps installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(doctest REQUIRED)
pkg_check_modules(PCSC REQUIRED IMPORTED_TARGET libpcsclite)

# libcups has no pkg-config file on Debian: ask cups-config.
find_program(CUPS_CONFIG cups-config REQUIRED)
execute_process(COMMAND ${CUPS_CONFIG} --libs OUTPUT_VARIABLE CUPS_LIBS OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${CUPS_CONFIG} --cflags OUTPUT_VARIABLE CUPS_CFLAGS OUTPUT_STRIP_TRAILING_WHITESPACE)
separate_arguments(CUPS_LIBS)
separate_arguments(CUPS_CFLAGS)
add_library(Ektp::Cups INTERFACE IMPORTED)
target_link_libraries(Ektp::Cups INTERFACE ${CUPS_LIBS})
target_compile_options(Ektp::Cups INTERFACE ${CUPS_CFLAGS})
