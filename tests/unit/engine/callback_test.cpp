// Tests for engine/callback.hpp: inline storage only, move semantics, capture lifetime.
#include "jobsim/engine/callback.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace jobsim::engine {
namespace {

// The capture budget is enforced at compile time. The constructor static_asserts exactly
// `fits_inline`, so these lines prove that a too-big capture can never reach the heap.
struct Object {};
using SmallCapture = decltype([p = static_cast<Object*>(nullptr), id = std::uint32_t{0}] { (void)p, (void)id; });
using FullCapture = decltype([bytes = std::array<char, 48>{}] { (void)bytes; });
using BigCapture = decltype([bytes = std::array<char, 64>{}] { (void)bytes; });
using StringCapture = decltype([name = std::string()] { (void)name; });
struct alignas(64) OverAligned {
  void operator()() const {}
};
struct ThrowingMove {
  ThrowingMove() = default;
  ThrowingMove(ThrowingMove&&) noexcept(false) {}
  void operator()() const {}
};

static_assert(sizeof(Callback) == 64, "one cache line: 48-byte buffer + ops pointer, 16-aligned");
static_assert(Callback::fits_inline<SmallCapture>);
static_assert(Callback::fits_inline<FullCapture>);
static_assert(!Callback::fits_inline<BigCapture>, "a 64-byte capture must be rejected");
static_assert(!Callback::fits_inline<OverAligned>);
static_assert(!Callback::fits_inline<ThrowingMove>);
static_assert(Callback::fits_inline<StringCapture> == (sizeof(std::string) <= 48),
              "std::string itself fits, but its characters would live on the heap: capture ids");
static_assert(std::is_constructible_v<Callback, SmallCapture>);
static_assert(!std::is_constructible_v<Callback, int>, "only void() callables convert");
static_assert(!std::is_copy_constructible_v<Callback>);
static_assert(std::is_nothrow_move_constructible_v<Callback>);
static_assert(std::is_nothrow_move_assignable_v<Callback>);

TEST(CallbackTest, default_is_empty) {
  const Callback callback;
  EXPECT_FALSE(callback);
}

TEST(CallbackTest, runs_the_callable_with_its_captures) {
  int sum = 0;
  Callback callback = [&sum, add = 5] { sum += add; };
  ASSERT_TRUE(callback);
  callback();
  callback();
  EXPECT_EQ(sum, 10);
}

TEST(CallbackTest, mutable_state_persists_between_calls) {
  int seen = 0;
  Callback callback = [&seen, count = 0]() mutable { seen = ++count; };
  callback();
  callback();
  EXPECT_EQ(seen, 2);
}

TEST(CallbackTest, move_transfers_and_empties_source) {
  int calls = 0;
  Callback first = [&calls] { ++calls; };
  Callback second = std::move(first);
  EXPECT_FALSE(first);  // NOLINT(bugprone-use-after-move): moved-from state is specified
  ASSERT_TRUE(second);
  second();
  Callback third;
  third = std::move(second);
  third();
  EXPECT_EQ(calls, 2);
}

TEST(CallbackTest, destroys_captures_exactly_once) {
  auto token = std::make_shared<int>(7);
  {
    Callback first = [token] { (void)token; };
    EXPECT_EQ(token.use_count(), 2);
    Callback second = std::move(first);
    EXPECT_EQ(token.use_count(), 2);  // moved, not copied
    second.reset();
    EXPECT_EQ(token.use_count(), 1);
    second = [token] { (void)token; };
    EXPECT_EQ(token.use_count(), 2);
  }
  EXPECT_EQ(token.use_count(), 1);
}

TEST(CallbackTest, move_assignment_destroys_previous_callable) {
  auto old_token = std::make_shared<int>(1);
  Callback callback = [old_token] { (void)old_token; };
  callback = Callback([] {});
  EXPECT_EQ(old_token.use_count(), 1);
}

TEST(CallbackTest, accepts_function_pointers) {
  static int calls = 0;  // a plain function cannot capture; a function-local static is enough here
  Callback callback = +[] { ++calls; };
  callback();
  EXPECT_EQ(calls, 1);
}

TEST(CallbackDeathTest, calling_empty_aborts) {
  Callback callback;
  EXPECT_DEATH(callback(), "jobsim: internal error: .*Callback: called while empty");
}

}  // namespace
}  // namespace jobsim::engine
