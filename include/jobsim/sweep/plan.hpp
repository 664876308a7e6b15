// SweepPlan: what `jobsim sweep` runs (docs/sweeps.md): every point of the --grid, each
// replicated N times, as tasks numbered in one fixed order so that any thread count or sharding
// runs the same work and reports it in the same order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/load.hpp"

namespace jobsim::sweep {

// SweepError: bad sweep input (a flag, a shard folder); each line names what it is about.
// Bad input like a scenario's, so it is a ScenarioError (the same lines, the same printing).
class SweepError : public scenario::ScenarioError {
 public:
  using ScenarioError::ScenarioError;
  const std::vector<std::string>& lines() const { return messages(); }
};

// GridAxis: one --grid PATH=V1,V2,... flag.
struct GridAxis {
  std::string path;
  std::vector<std::string> values;  // each a YAML flow value, as --set takes it
  bool operator==(const GridAxis&) const = default;
};

// parse_grid_flag reads "PATH=V1,V2,...". Values are split at the commas outside quotes,
// brackets and braces, so `--grid 'x={cpu: "2", memory: 4Gi},{cpu: "4", memory: 8Gi}'` has two.
// Throws SweepError naming the flag: no '=', an empty value, a value given twice.
GridAxis parse_grid_flag(std::string_view text);

// Point: the --grid values of one grid point, as "PATH=VALUE" in the order of the --grid flags.
using Point = std::vector<std::string>;

// expand_grid: the cartesian product of the axes, the last axis varying fastest (nested loops
// in flag order). No axis: one point with no values. Throws SweepError when a path is given
// twice.
std::vector<Point> expand_grid(const std::vector<GridAxis>& axes);

// The largest number of (point, replication) pairs a sweep accepts: past it the statistics
// tables alone would not fit in memory (docs/sweeps.md "Limits").
inline constexpr std::uint64_t kMaxRuns = 10'000'000;

struct SweepPlan {
  std::string scenario;             // the file as given
  std::uint64_t seed = 0;           // the scenario's seed (or --seed)
  std::uint64_t replications = 0;   // per point
  std::vector<std::string> sets;    // --set, applied to every point first
  std::vector<GridAxis> grid;
  std::vector<Point> points;        // expand_grid(grid)
  std::string until;                // --until, or empty

  std::uint64_t runs() const { return points.size() * replications; }
  // Task t is replication t % replications of point t / replications.
  std::size_t point_of(std::uint64_t task) const { return static_cast<std::size_t>(task / replications); }
  std::uint64_t replication_of(std::uint64_t task) const { return task % replications; }
};

// Shard: which tasks a process runs. Task t belongs to shard t % count: every shard gets the
// same number of runs give or take one, and each mixes points, so shards take similar time.
struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
  bool owns(std::uint64_t task) const { return task % count == index; }
};

}  // namespace jobsim::sweep
