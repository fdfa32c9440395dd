#pragma once
/// REQUIRE_OK / CHECK_OK: assert a Result succeeded, printing its error when not.

#include <doctest/doctest.h>

#define EKTP_RESULT_MESSAGE(r) ((r).ok() ? std::string() : (r).error().code + ": " + (r).error().message)
#define REQUIRE_OK(expr)                                  \
  do {                                                    \
    const auto& ektp_r_ = (expr);                         \
    REQUIRE_MESSAGE(ektp_r_.ok(), EKTP_RESULT_MESSAGE(ektp_r_)); \
  } while (0)
#define CHECK_OK(expr)                                    \
  do {                                                    \
    const auto& ektp_r_ = (expr);                         \
    CHECK_MESSAGE(ektp_r_.ok(), EKTP_RESULT_MESSAGE(ektp_r_)); \
  } while (0)
