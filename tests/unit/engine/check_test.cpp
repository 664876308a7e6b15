// Tests for engine/check.hpp: JOBSIM_CHECK is on in every build type and says where it fired.
#include "jobsim/engine/check.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jobsim::engine {
namespace {

TEST(CheckTest, passing_check_does_not_evaluate_message) {
  int evaluated = 0;
  const auto message = [&evaluated] { return std::to_string(++evaluated); };
  JOBSIM_CHECK(true, message());
  EXPECT_EQ(evaluated, 0);
}

TEST(CheckDeathTest, failing_check_prints_file_line_and_message) {
  EXPECT_DEATH(JOBSIM_CHECK(1 + 1 == 3, "arithmetic is broken"),
               "^jobsim: internal error: .*check_test\\.cpp:[0-9]+: arithmetic is broken\n");
}

TEST(CheckDeathTest, message_may_be_a_stream_chain_or_string) {
  const std::string what = "queue";
  EXPECT_DEATH(JOBSIM_CHECK(false, what << " has " << 3 << " items"), "queue has 3 items");
  EXPECT_DEATH(JOBSIM_CHECK(false, std::string("a string")), "a string");
}

}  // namespace
}  // namespace jobsim::engine
