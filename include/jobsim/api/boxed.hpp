// Boxed<T>: an optional field whose value, when set, lives in its own allocation, with the part
// of std::optional's interface that the simulator uses.
//
// Why: a std::optional holds room for its value inside the struct whether it is set or not.
// Jobs keep a few such fields that nearly every Job leaves unset (spec.podFailurePolicy,
// spec.successPolicy, spec.managedBy, status.failedIndexes, status.uncountedTerminatedPods),
// 32 to 56 bytes each, and a year of retained Jobs paid for them in every spec and status
// (issue #9, docs/performance.md). Boxed is one pointer, null while unset.
//
// A value type like std::optional: a copy copies the value, == compares values (an unset one
// equals only an unset one), and reading through * or -> an unset Boxed is a bug.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace jobsim::api {

template <class T>
class Boxed {
 public:
  using value_type = T;

  Boxed() noexcept = default;
  Boxed(std::nullopt_t) noexcept {}  // NOLINT: implicit, like std::optional
  template <class U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Boxed> && !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
             std::is_constructible_v<T, U &&>)
  Boxed(U&& value) : value_(std::make_unique<T>(std::forward<U>(value))) {}  // NOLINT: implicit, like std::optional
  Boxed(const std::optional<T>& value) : value_(value ? std::make_unique<T>(*value) : nullptr) {}  // NOLINT
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(std::nullopt_t) noexcept {
    value_.reset();
    return *this;
  }
  template <class U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Boxed> && !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
             std::is_constructible_v<T, U &&>)
  Boxed& operator=(U&& value) {
    if (value_) {
      *value_ = T(std::forward<U>(value));
    } else {
      value_ = std::make_unique<T>(std::forward<U>(value));
    }
    return *this;
  }

  bool has_value() const noexcept { return value_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  const T& operator*() const noexcept { return *value_; }
  T& operator*() noexcept { return *value_; }
  const T* operator->() const noexcept { return value_.get(); }
  T* operator->() noexcept { return value_.get(); }
  const T& value() const {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  T& value() {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  template <class U>
  T value_or(U&& fallback) const {
    return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() noexcept { value_.reset(); }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || *a.value_ == *b.value_;
  }
  friend bool operator==(const Boxed& a, std::nullopt_t) noexcept { return !a.has_value(); }
  template <class U>
    requires(!std::is_same_v<U, Boxed> && !std::is_same_v<U, std::nullopt_t> &&
             requires(const T& t, const U& u) { t == u; })
  friend bool operator==(const Boxed& a, const U& value) {
    return a.has_value() && *a.value_ == value;
  }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace jobsim::api
