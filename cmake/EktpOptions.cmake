# Build options shared by every target: warnings as errors, sanitizers, ccache.

option(EKTP_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

find_program(EKTP_CCACHE ccache)
if(EKTP_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER ${EKTP_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${EKTP_CCACHE})
endif()

if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE RelWithDebInfo)
endif()

add_compile_options(-Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wpedantic)
# Core dumps may hold personal data; keep frame pointers for usable traces.
add_compile_options(-fno-omit-frame-pointer)

if(EKTP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
else()
  # GCC 12 gives a false -Werror=restrict on std::string inserts at -O2
  # (GCC bug 105651); keep -Werror and silence only this one in optimised builds.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-restrict)
  endif()
endif()
