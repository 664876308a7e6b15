// replications.csv and the merge of shards (include/jobsim/sweep/results.hpp), on records made
// by hand.
#include "jobsim/sweep/results.hpp"

#include <gtest/gtest.h>

#include <unistd.h>  // getpid

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "jobsim/engine/random_streams.hpp"

namespace jobsim::sweep {
namespace {

SweepPlan two_points_of_two() {
  SweepPlan plan;
  plan.scenario = "lab.yaml";
  plan.seed = 11;
  plan.replications = 2;
  plan.grid = {{"cluster.nodes[0].count", {"3", "4"}}};
  plan.points = expand_grid(plan.grid);
  return plan;
}

ReplicationRecord record(std::uint64_t task, double created, bool passed) {
  ReplicationRecord r;
  r.task = task;
  r.metrics = {{"jobs.created", created}, {"jobs.duration.p95", 12.5 + static_cast<double>(task)}};
  if (task == 3) r.metrics.emplace_back("jobs.failed.DeadlineExceeded", 2);
  r.expectations = {{.expect = "job{condition: Complete}", .description = "", .passed = passed, .observed = created}};
  return r;
}

std::vector<ReplicationRecord> four_records() {
  return {record(0, 7, false), record(1, 7, true), record(2, 7, true), record(3, 6, false)};
}

TEST(ReplicationsCsv, one_row_per_run_with_the_seed_that_reproduces_it) {
  const SweepPlan plan = two_points_of_two();
  std::ostringstream out;
  write_replications_csv(out, plan, four_records());
  const std::string seed1 = std::to_string(engine::RandomStreams::equivalent_seed(11, 1));
  // jobs.failed.DeadlineExceeded is written by summary.json only when not zero: 0 elsewhere.
  EXPECT_EQ(out.str(),
            "point,replication,seed,cluster.nodes[0].count,jobs.created,jobs.duration.p95,"
            "jobs.failed.DeadlineExceeded,expect[0].passed,expect[0].observed\n"
            "0,0,11,3,7,12.5,0,false,7\n"
            "0,1," + seed1 + ",3,7,13.5,0,true,7\n"
            "1,0,11,4,7,14.5,0,true,7\n"
            "1,1," + seed1 + ",4,6,15.5,2,false,6\n");
}

ShardFile shard_of(const SweepPlan& plan, std::uint64_t index, std::uint64_t count) {
  ShardFile shard{.plan = plan, .shard = {index, count}, .digest = "00000000000000aa", .records = {}};
  for (const ReplicationRecord& r : four_records()) {
    if (shard.shard.owns(r.task)) shard.records.push_back(r);
  }
  return shard;
}

TEST(MergeShards, gives_back_every_record_in_task_order_whatever_the_folder_order) {
  const SweepPlan plan = two_points_of_two();
  const ShardFile merged = merge_shards({shard_of(plan, 1, 2), shard_of(plan, 0, 2)}, {"s1", "s0"});
  EXPECT_EQ(merged.records, four_records());
  EXPECT_EQ(merged.plan.points, plan.points);
}

TEST(MergeShards, a_shard_file_round_trips_exactly) {
  const SweepPlan plan = two_points_of_two();
  const ShardFile shard = shard_of(plan, 0, 2);
  const auto dir = std::filesystem::temp_directory_path() / ("jobsim-shard-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / kShardFile);
    write_shard(out, shard);
  }
  const ShardFile back = read_shard(dir);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(back.records, shard.records);
  EXPECT_EQ(back.plan.grid, plan.grid);
  EXPECT_EQ(back.plan.seed, 11U);
  EXPECT_EQ(back.shard.index, 0U);
  EXPECT_EQ(back.shard.count, 2U);
  EXPECT_EQ(back.digest, shard.digest);
}

std::string merge_error(const std::vector<ShardFile>& shards, const std::vector<std::string>& dirs) {
  try {
    merge_shards(shards, dirs);
  } catch (const SweepError& error) {
    return error.lines().front();
  }
  return "(merged)";
}

TEST(MergeShards, refuses_a_missing_shard) {
  const SweepPlan plan = two_points_of_two();
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2)}, {"s0"}),
            "merge: shard 1 of 2 missing (give every shard's --out folder)");
}

TEST(MergeShards, refuses_the_same_shard_twice) {
  const SweepPlan plan = two_points_of_two();
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2), shard_of(plan, 0, 2), shard_of(plan, 1, 2)}, {"a", "b", "c"}),
            "b: shard 0 is also in a");
}

TEST(MergeShards, refuses_shards_of_another_grid_naming_both_folders) {
  const SweepPlan plan = two_points_of_two();
  SweepPlan other = plan;
  other.grid = {{"cluster.nodes[0].count", {"3", "5"}}};
  other.points = expand_grid(other.grid);
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2), shard_of(other, 1, 2)}, {"s0", "s1"}),
            R"(s1: grid is [{"path":"cluster.nodes[0].count","values":["3","5"]}], but s0 has )"
            R"([{"path":"cluster.nodes[0].count","values":["3","4"]}] (shards of different sweeps cannot be merged))");
}

TEST(MergeShards, refuses_shards_of_another_scenario_file_or_seed) {
  const SweepPlan plan = two_points_of_two();
  ShardFile changed = shard_of(plan, 1, 2);
  changed.digest = "00000000000000bb";
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2), changed}, {"s0", "s1"}),
            "s1: scenarioDigest is 00000000000000bb, but s0 has 00000000000000aa (shards of different sweeps "
            "cannot be merged)");
  ShardFile reseeded = shard_of(plan, 1, 2);
  reseeded.plan.seed = 12;
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2), reseeded}, {"s0", "s1"}),
            "s1: seed is 12, but s0 has 11 (shards of different sweeps cannot be merged)");
}

TEST(MergeShards, refuses_shard_counts_that_differ_and_an_interrupted_shard) {
  const SweepPlan plan = two_points_of_two();
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2), shard_of(plan, 1, 3)}, {"s0", "s1"}),
            "s1: shardCount is 3, but s0 has 2 (shards of different sweeps cannot be merged)");
  ShardFile short_shard = shard_of(plan, 1, 2);
  short_shard.records.pop_back();
  EXPECT_EQ(merge_error({shard_of(plan, 0, 2), short_shard}, {"s0", "s1"}),
            "s1: 1 runs recorded, expected 2 (was the shard interrupted?)");
}

TEST(ReadShard, names_the_folder_when_there_is_no_shard) {
  try {
    read_shard("/nonexistent-jobsim-folder");
    FAIL();
  } catch (const SweepError& error) {
    EXPECT_EQ(error.lines().front(), "/nonexistent-jobsim-folder: no sweep-shard.json (expected the --out folder of a "
                                     "`jobsim sweep --shard-count K` run)");
  }
}

}  // namespace
}  // namespace jobsim::sweep
