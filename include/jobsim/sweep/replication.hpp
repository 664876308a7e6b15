// What one replication of a sweep reports (docs/sweeps.md "Metrics"), and how it is run.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "jobsim/sweep/plan.hpp"

namespace jobsim::world {
class World;
}

namespace jobsim::sweep {

struct ExpectationOutcome {
  std::string expect;       // the entry as summary.json writes it: "job{condition: Complete}"
  std::string description;  // its `description:`, if any
  bool passed = false;
  double observed = 0;
  bool operator==(const ExpectationOutcome&) const = default;
};

struct ReplicationRecord {
  std::uint64_t task = 0;  // SweepPlan task number: point and replication
  // Every number of summary.json but the engine's (wall time differs run to run) and the
  // expectations', flattened to dotted names ("cronJobs.backup.startDelay.p95"), in
  // summary.json's order; plus jobs.lastFinishedSeconds (seconds from the scenario's start to
  // the last Job's Complete or Failed condition) when a Job finished.
  std::vector<std::pair<std::string, double>> metrics;
  std::vector<ExpectationOutcome> expectations;  // in `expect:` order
  std::vector<std::string> warnings;             // the World's warnings (fields not modelled)
  bool operator==(const ReplicationRecord&) const = default;
};

// measure reads a finished World's summary into a record.
ReplicationRecord measure(const world::World& world, std::uint64_t task);

// run_tasks runs the tasks of `plan` that `shard` owns on `jobs` threads (each thread loads
// the scenario of each point it runs itself: api::Names stay on the thread that made them) and
// returns their records in task order, whatever the thread count. `progress` is called on the
// calling thread about every 200 ms and at the end with (runs done, runs in the shard).
// Throws scenario::ScenarioError (a point's --set or --grid values do not load) or SweepError.
std::vector<ReplicationRecord> run_tasks(const SweepPlan& plan, const Shard& shard, unsigned jobs,
                                         const std::function<void(std::uint64_t, std::uint64_t)>& progress);

// check_points loads the scenario of every point once on the calling thread and throws one
// scenario::ScenarioError with every point's errors (each names its --set or --grid flag).
void check_points(const SweepPlan& plan);

}  // namespace jobsim::sweep
