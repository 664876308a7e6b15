// Callback: the move-only `void()` an event runs. Captures live in a 48-byte inline buffer and
// are never heap-allocated, so scheduling an event costs no allocation; a callable that does not
// fit is a compile error that says what to do (capture an object id, not a string).
#pragma once

#include <cstddef>      // std::byte, std::max_align_t
#include <cstring>      // std::memcpy
#include <new>          // placement new, std::launder
#include <type_traits>
#include <utility>      // std::forward

#include "jobsim/engine/check.hpp"

namespace jobsim::engine {

class Callback {
 public:
  // kInlineSize is the capture budget: e.g. `this` plus an id plus a SimTime with room to spare.
  static constexpr std::size_t kInlineSize = 48;

  // fits_inline<F> says whether a callable of type F can be stored. The converting constructor
  // static_asserts each part of it, so tests can check the rule without a failing compile.
  template <typename F>
  static constexpr bool fits_inline = sizeof(F) <= kInlineSize &&
                                      alignof(F) <= alignof(std::max_align_t) &&
                                      std::is_nothrow_move_constructible_v<F>;

  Callback() noexcept {}  // user-provided so that `const Callback empty;` compiles; buffer unused

  // Callback stores `f`. Implicit on purpose: `sim.schedule_after(d, label, [this, id] {...})`.
  template <typename F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, Callback> &&
             std::is_invocable_r_v<void, std::decay_t<F>&>)
  Callback(F&& f) {  // NOLINT(google-explicit-constructor)
    using Fn = std::decay_t<F>;
    static_assert(sizeof(Fn) <= kInlineSize,
                  "Callback: the callable is larger than 48 bytes; capture less (e.g. an object id "
                  "instead of a string)");
    static_assert(alignof(Fn) <= alignof(std::max_align_t),
                  "Callback: the callable is over-aligned; capture less (e.g. an object id instead "
                  "of a string)");
    static_assert(std::is_nothrow_move_constructible_v<Fn>,
                  "Callback: the callable's move constructor may throw; capture less (e.g. an "
                  "object id instead of a string)");
    ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
    ops_ = &kOpsFor<Fn>;
  }

  Callback(Callback&& other) noexcept { take(other); }
  Callback& operator=(Callback&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  Callback(const Callback&) = delete;
  Callback& operator=(const Callback&) = delete;
  ~Callback() { reset(); }

  // operator() runs the stored callable. Calling an empty Callback is a bug.
  void operator()() {
    JOBSIM_CHECK(ops_ != nullptr, "Callback: called while empty (moved-from or default-constructed)");
    ops_->invoke(storage_);
  }

  explicit operator bool() const noexcept { return ops_ != nullptr; }

  // reset destroys the stored callable (and what it captured); the Callback becomes empty.
  void reset() noexcept {
    if (ops_ != nullptr) {
      if (ops_->destroy != nullptr) ops_->destroy(storage_);
      ops_ = nullptr;
    }
  }

 private:
  // One static table per callable type instead of a virtual base: no vtable pointer in the buffer.
  // For trivially copyable callables (the usual `[this, id]` capture) relocate and destroy are
  // null, and moving is a fixed-size memcpy instead of an indirect call.
  struct Ops {
    void (*invoke)(std::byte* storage);
    void (*relocate)(std::byte* from, std::byte* to) noexcept;  // move to `to`, destroy `from`
    void (*destroy)(std::byte* storage) noexcept;
  };

  template <typename Fn>
  static Fn* as(std::byte* storage) noexcept {
    return std::launder(reinterpret_cast<Fn*>(storage));
  }

  template <typename Fn>
  static constexpr bool kTrivial = std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>;

  template <typename Fn>
  static constexpr Ops kOpsFor = {
      [](std::byte* storage) { (*as<Fn>(storage))(); },
      kTrivial<Fn> ? nullptr
                   : +[](std::byte* from, std::byte* to) noexcept {
                       ::new (static_cast<void*>(to)) Fn(std::move(*as<Fn>(from)));
                       as<Fn>(from)->~Fn();
                     },
      kTrivial<Fn> ? nullptr : +[](std::byte* storage) noexcept { as<Fn>(storage)->~Fn(); },
  };

  void take(Callback& other) noexcept {
    if (other.ops_ != nullptr) {
      if (other.ops_->relocate != nullptr) {
        other.ops_->relocate(other.storage_, storage_);
      } else {
        std::memcpy(storage_, other.storage_, kInlineSize);
      }
      ops_ = other.ops_;
      other.ops_ = nullptr;
    }
  }

  alignas(std::max_align_t) std::byte storage_[kInlineSize];
  const Ops* ops_ = nullptr;
};

}  // namespace jobsim::engine
