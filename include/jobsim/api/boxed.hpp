// Boxed<T>: an optional field whose value, when set, lives in its own allocation, with the part
// of std::optional's interface that the simulator uses.
//
// Why: a std::optional holds room for its value inside the struct whether it is set or not.
// Jobs keep a few such fields that nearly every Job leaves unset (spec.podFailurePolicy,
// spec.successPolicy, spec.managedBy, status.failedIndexes) or sets to an empty value
// (status.uncountedTerminatedPods), 32 to 56 bytes each, and a year of retained Jobs paid for
// them in every spec and status (issue #9). Boxed is one pointer, null while unset.
//
// A value type like std::optional: a copy copies the value, == compares values (an unset one
// equals only an unset one), and reading through * or -> an unset Boxed is a bug. A value
// equal to T{} takes no allocation (see shared_default).
#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace jobsim::api {

template <class T>
  requires std::equality_comparable<T>
class Boxed {
 public:
  using value_type = T;

  Boxed() noexcept = default;
  Boxed(std::nullopt_t) noexcept {}  // NOLINT: implicit, like std::optional
  template <class U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Boxed> && !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
             std::is_constructible_v<T, U &&>)
  Boxed(U&& value) : value_(box(T(std::forward<U>(value)))) {}  // NOLINT: implicit, like std::optional
  Boxed(const std::optional<T>& value) : value_(value ? box(T(*value)) : nullptr) {}  // NOLINT
  Boxed(const Boxed& other) : value_(other.value_ == nullptr || other.is_default() ? other.value_ : new T(*other.value_)) {}
  Boxed(Boxed&& other) noexcept : value_(std::exchange(other.value_, nullptr)) {}
  ~Boxed() { drop(); }
  Boxed& operator=(const Boxed& other) {
    Boxed copy(other);
    swap(copy);
    return *this;
  }
  Boxed& operator=(Boxed&& other) noexcept {
    Boxed moved(std::move(other));
    swap(moved);
    return *this;
  }
  Boxed& operator=(std::nullopt_t) noexcept {
    reset();
    return *this;
  }
  template <class U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Boxed> && !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
             std::is_constructible_v<T, U &&>)
  Boxed& operator=(U&& value) {
    Boxed boxed(std::forward<U>(value));
    swap(boxed);
    return *this;
  }

  bool has_value() const noexcept { return value_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  const T& operator*() const noexcept { return *value_; }
  T& operator*() { return *writable(); }
  const T* operator->() const noexcept { return value_; }
  T* operator->() { return writable(); }
  const T& value() const {
    if (value_ == nullptr) throw std::bad_optional_access();
    return *value_;
  }
  T& value() {
    if (value_ == nullptr) throw std::bad_optional_access();
    return *writable();
  }
  template <class U>
  T value_or(U&& fallback) const {
    return value_ != nullptr ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class... Args>
  T& emplace(Args&&... args) {
    T* fresh = new T(std::forward<Args>(args)...);
    drop();
    value_ = fresh;
    return *value_;
  }
  void reset() noexcept {
    drop();
    value_ = nullptr;
  }
  void swap(Boxed& other) noexcept { std::swap(value_, other.value_); }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || a.value_ == b.value_ || *a.value_ == *b.value_;
  }
  friend bool operator==(const Boxed& a, std::nullopt_t) noexcept { return !a.has_value(); }
  template <class U>
    requires(!std::is_same_v<U, Boxed> && !std::is_same_v<U, std::nullopt_t> &&
             requires(const T& t, const U& u) { t == u; })
  friend bool operator==(const Boxed& a, const U& value) {
    return a.has_value() && *a.value_ == value;
  }

 private:
  // A set value equal to T{} is not allocated: it points to one shared, never written T{}
  // (the Job controller sets an empty status.uncountedTerminatedPods on every Job). A write
  // through a non-const accessor gives the Boxed its own copy first. One per thread, as a T{}
  // may hold Names, which stay on the thread that made them (api/name.hpp).
  static T* shared_default() {
    thread_local T empty{};
    return &empty;
  }
  bool is_default() const noexcept { return value_ == shared_default(); }
  static T* box(T&& value) { return value == T{} ? shared_default() : new T(std::move(value)); }
  T* writable() {
    if (is_default()) value_ = new T();
    return value_;
  }
  void drop() noexcept {
    if (value_ != nullptr && !is_default()) delete value_;
  }

  T* value_ = nullptr;
};

}  // namespace jobsim::api
