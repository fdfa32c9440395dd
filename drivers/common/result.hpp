#pragma once
/// Result<T>: the value a call produced, or an Error for people.
///
/// Errors cross library boundaries as values (no std::expected in C++20 and
/// no tl-expected package on Debian 12, so the project keeps its own, small).
/// An Error has a stable code (for programs, logs and metrics; never personal
/// data) and a message for people: what happened and what to do.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace ektp {

struct Error {
  std::string code;     ///< stable identifier, e.g. "pcsc.no_service"
  std::string message;  ///< for people: what happened and what to do

  friend bool operator==(const Error&, const Error&) = default;
};

/// Marker to build a failed Result: `return fail("code", "message");`
inline Error fail(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() on an error");
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok() && "Result::value() on an error");
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok() && "Result::value() on an error");
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok() && "Result::error() on a value");
    return std::get<1>(v_);
  }

  template <class U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_ && "Result::error() on success");
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

/// `return ok();` for Result<void>.
inline Result<void> ok() { return {}; }

}  // namespace ektp
