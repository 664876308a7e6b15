// A sweep's outputs (docs/sweeps.md "Outputs"): sweep.json, replications.csv, the printed
// tables, and the shard files that `jobsim merge` combines into the same sweep.json and
// replications.csv, byte for byte. Each is a pure function of the plan and the records in task
// order, so thread counts and sharding cannot change a byte.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "jobsim/sweep/plan.hpp"
#include "jobsim/sweep/replication.hpp"

namespace jobsim::sweep {

// scenario_digest: FNV-1a (64 bits, hex) of the scenario file's bytes, so that a merge can
// refuse shards of different scenario files.
std::string scenario_digest(const std::string& file);

// `records` hold every task of the plan, in task order.
void write_sweep_json(std::ostream& out, const SweepPlan& plan, std::span<const ReplicationRecord> records);
void write_replications_csv(std::ostream& out, const SweepPlan& plan, std::span<const ReplicationRecord> records);
// write_tables: the expectations' pass rates and the figures a planner looks at first, per point.
void write_tables(std::ostream& out, const SweepPlan& plan, std::span<const ReplicationRecord> records);

// A shard's file, sweep-shard.json: the plan, the shard and its raw records (task order).
inline constexpr const char* kShardFile = "sweep-shard.json";
struct ShardFile {
  SweepPlan plan;
  Shard shard;
  std::string digest;
  std::vector<ReplicationRecord> records;
};
void write_shard(std::ostream& out, const ShardFile& shard);
// read_shard reads DIR/sweep-shard.json; throws SweepError naming the folder.
ShardFile read_shard(const std::filesystem::path& dir);
// merge_shards checks that the shards belong to one sweep (same scenario and digest, seed,
// replications, --set and --grid values, --until, shard count) and that each index 0..K-1 is
// there once, then returns the plan and every record in task order. Throws SweepError naming
// the folders (`dirs`, in the order of `shards`) that differ or what is missing.
ShardFile merge_shards(const std::vector<ShardFile>& shards, const std::vector<std::string>& dirs);

}  // namespace jobsim::sweep
