# Fuzzing (fuzz/, ./tools/fuzz). The harness sources and their support library are
# always part of the build: the unit tests replay the fuzz corpora through them with
# the normal compiler (tests/unit/fuzz_replay). EKTP_FUZZ=ON additionally builds one
# libFuzzer binary per harness, fuzz_<name>; it needs clang (tools/fuzz configures
# its own build dir, build/fuzz, with clang-14) and instruments every target.

option(EKTP_FUZZ "Build the libFuzzer harnesses fuzz_<name> (clang only; see ./tools/fuzz)" OFF)

# Harness names: fuzz/<name>.cpp, fuzz/corpus/<name>/, fuzz/regressions/<name>/.
set(EKTP_FUZZ_HARNESSES tlv apdu_response lds sod bundle_json bundle batch)

if(EKTP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "EKTP_FUZZ=ON needs clang (libFuzzer ships with it); this is "
                        "${CMAKE_CXX_COMPILER_ID}. Use ./tools/fuzz, which configures clang-14.")
  endif()
  # Coverage feedback for libFuzzer in every library, ASan + UBSan, any finding fatal.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

add_subdirectory(${PROJECT_SOURCE_DIR}/fuzz ${PROJECT_BINARY_DIR}/fuzz)
