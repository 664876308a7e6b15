// --grid flags and the points of a sweep (include/jobsim/sweep/plan.hpp).
#include "jobsim/sweep/plan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/table.hpp"

namespace jobsim::sweep {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

struct GridCase {
  std::string name;
  std::string flag;
  std::string path;
  std::vector<std::string> values;
};

class GridFlag : public ::testing::TestWithParam<GridCase> {};

TEST_P(GridFlag, splits_values_at_top_level_commas) {
  const GridCase& c = GetParam();
  const GridAxis axis = parse_grid_flag(c.flag);
  EXPECT_EQ(axis.path, c.path);
  EXPECT_EQ(axis.values, c.values);
}

INSTANTIATE_TEST_SUITE_P(
    Table, GridFlag,
    ::testing::Values(
        GridCase{"integers", "cluster.nodes[0].count=3,4,5,6", "cluster.nodes[0].count", {"3", "4", "5", "6"}},
        GridCase{"one_value", "seed=7", "seed", {"7"}},
        GridCase{"spaces_around_values_go", "x= 1 , 2", "x", {"1", "2"}},
        GridCase{"flow_maps_keep_their_commas",
                 R"(cluster.nodes[0].capacity={cpu: "2", memory: 4Gi},{cpu: "4", memory: 8Gi})",
                 "cluster.nodes[0].capacity",
                 {R"({cpu: "2", memory: 4Gi})", R"({cpu: "4", memory: 8Gi})"}},
        GridCase{"flow_lists_keep_their_commas", "b.exitCode=[1, 0],[0]", "b.exitCode", {"[1, 0]", "[0]"}},
        GridCase{"quoted_commas_stay", R"(p="a,b",'c,d')", "p", {R"("a,b")", "'c,d'"}},
        GridCase{"escaped_quote_in_double_quotes", R"(p="a\",b",c)", "p", {R"("a\",b")", "c"}}),
    test_support::name_of<GridCase>);

struct BadGridCase {
  std::string name;
  std::string flag;
  std::string error;  // the whole first line
};

class BadGridFlag : public ::testing::TestWithParam<BadGridCase> {};

TEST_P(BadGridFlag, is_refused_naming_the_flag) {
  const BadGridCase& c = GetParam();
  try {
    parse_grid_flag(c.flag);
    FAIL() << "accepted " << c.flag;
  } catch (const SweepError& error) {
    ASSERT_FALSE(error.lines().empty());
    EXPECT_EQ(error.lines().front(), c.error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadGridFlag,
    ::testing::Values(
        BadGridCase{"no_equals", "cluster.nodes[0].count",
                    "--grid cluster.nodes[0].count: expected PATH=V1,V2,..., such as cluster.nodes[0].count=3,4,5"},
        BadGridCase{"no_path", "=3,4", "--grid =3,4: expected PATH=V1,V2,..., such as cluster.nodes[0].count=3,4,5"},
        BadGridCase{"empty_value", "x=3,,4",
                    "--grid x: an empty value in \"3,,4\"; expected comma-separated values, such as 3,4,5"},
        BadGridCase{"no_values", "x=", "--grid x: an empty value in \"\"; expected comma-separated values, such as 3,4,5"},
        BadGridCase{"a_value_twice", "x=3,4,3", "--grid x: the value 3 is given twice"}),
    test_support::name_of<BadGridCase>);

TEST(ExpandGrid, is_the_cartesian_product_with_the_last_axis_fastest) {
  const std::vector<GridAxis> axes = {{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}};
  const std::vector<Point> expected = {{"a=1", "b=x"}, {"a=1", "b=y"}, {"a=1", "b=z"},
                                       {"a=2", "b=x"}, {"a=2", "b=y"}, {"a=2", "b=z"}};
  EXPECT_EQ(expand_grid(axes), expected);
}

TEST(ExpandGrid, no_axis_is_one_point_without_values) {
  EXPECT_EQ(expand_grid({}), std::vector<Point>{Point{}});
}

TEST(ExpandGrid, refuses_a_path_given_twice) {
  EXPECT_THROW(expand_grid({{"a", {"1"}}, {"a", {"2"}}}), SweepError);
}

TEST(SweepPlan, numbers_tasks_point_major_and_shards_take_every_kth) {
  SweepPlan plan;
  plan.replications = 4;
  plan.points = {{"a=1"}, {"a=2"}, {"a=3"}};
  EXPECT_EQ(plan.runs(), 12U);
  EXPECT_EQ(plan.point_of(0), 0U);
  EXPECT_EQ(plan.point_of(5), 1U);
  EXPECT_EQ(plan.replication_of(5), 1U);
  EXPECT_EQ(plan.point_of(11), 2U);
  EXPECT_EQ(plan.replication_of(11), 3U);
  // Three shards of 12 runs: 0,3,6,9 / 1,4,7,10 / 2,5,8,11; every run in exactly one.
  for (std::uint64_t task = 0; task < plan.runs(); ++task) {
    int owners = 0;
    for (std::uint64_t index = 0; index < 3; ++index) owners += Shard{index, 3}.owns(task) ? 1 : 0;
    EXPECT_EQ(owners, 1) << task;
    EXPECT_TRUE((Shard{task % 3, 3}.owns(task)));
  }
}

}  // namespace
}  // namespace jobsim::sweep
