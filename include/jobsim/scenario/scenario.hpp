// Scenario: a validated scenario file as plain data (docs/scenario-format.md). Nothing here touches
// the cluster model; world/ turns it into a running simulation.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/fault.hpp"
#include "jobsim/scenario/expectation.hpp"
#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

using engine::Duration;
using engine::SimTime;

struct NodeGroup {
  std::string name;
  std::optional<std::int32_t> count;  // with count: name-1 .. name-N; without: one node `name`
  api::ResourceList capacity;         // cpu, memory, pods (pods defaults to 110)
  api::Labels labels;
  std::vector<api::Taint> taints;
  SourcePos pos;
  bool operator==(const NodeGroup&) const = default;
};

struct ClusterSpec {
  std::vector<NodeGroup> nodes;
  std::string time_zone = "UTC";  // kube-controller-manager's local zone
  api::Timings timings;
  // cluster.timings.eventTTL: kube-apiserver --event-ttl, how long an Event object lives after
  // its last update (default 1h). Only what `describe` shows depends on it; the cluster model
  // does not, so it is not in api::Timings.
  engine::Duration event_ttl = std::chrono::hours(1);
  bool operator==(const ClusterSpec&) const = default;
};

// How long a container runs, drawn per run.
struct DurationDist {
  enum class Kind : std::uint8_t { Fixed, Uniform, Normal, Lognormal, Exponential, Values, Never };
  Kind kind = Kind::Fixed;
  Duration fixed{};
  Duration low{}, high{};           // uniform
  Duration mean{}, stddev{};        // normal (truncated at 0), exponential (mean)
  Duration median{}, p95{};         // lognormal
  std::vector<Duration> values;     // values: drawn uniformly at random
  bool operator==(const DurationDist&) const = default;
};

// Exit code per run: fixed, a probability table, or per successive matching run (last repeats).
struct ExitCodeSpec {
  enum class Kind : std::uint8_t { Fixed, Table, PerRun };
  Kind kind = Kind::Fixed;
  std::int32_t fixed = 0;
  std::vector<std::pair<std::int32_t, double>> table;  // (code, probability), in file order
  std::vector<std::int32_t> per_run;
  bool operator==(const ExitCodeSpec&) const = default;
};

struct BehaviorMatch {
  std::optional<std::string> image;
  std::optional<std::string> container;
  std::optional<std::string> job;       // owning Job's name
  std::optional<std::string> cron_job;  // owning CronJob's name (through the Job)
  api::Labels labels;                   // the pod's labels
  bool operator==(const BehaviorMatch&) const = default;
};

struct Behavior {
  BehaviorMatch match;
  std::optional<DurationDist> duration;
  std::optional<ExitCodeSpec> exit_code;
  std::optional<std::int64_t> usage_cpu_millis;
  std::optional<std::int64_t> usage_memory_bytes;
  // memory grows linearly from 0 at the container's start to usage_memory_bytes over this time
  // (cluster/workload.hpp ContainerRun); absent: the full value from the start.
  std::optional<Duration> usage_memory_ramp_up;
  std::optional<Duration> termination_delay;
  SourcePos pos;
  bool operator==(const Behavior&) const = default;
};

using Object = std::variant<api::Job, api::CronJob, api::Node, api::Pod>;

struct ObjectEntry {
  Object object;
  SourcePos pos;
  bool operator==(const ObjectEntry&) const = default;
};

struct ObjectTarget {
  std::string kind;  // "Job", "CronJob", "Pod", "Node"
  std::string name;
  std::string namespace_ = "default";
  bool operator==(const ObjectTarget&) const = default;
};

struct CreateAction {
  ObjectEntry object;
  bool operator==(const CreateAction&) const = default;
};
struct ApplyAction {
  ObjectEntry object;
  bool operator==(const ApplyAction&) const = default;
};
struct PatchAction {
  ObjectTarget target;
  Value patch;  // a map, checked at load against the kind's fields; applied with apply_patch
  bool operator==(const PatchAction&) const = default;
};
struct DeleteAction {
  ObjectTarget target;
  std::optional<std::string> propagation_policy;  // Orphan, Background, Foreground
  std::optional<std::int64_t> grace_period_seconds;
  bool operator==(const DeleteAction&) const = default;
};

struct Action {
  std::optional<SimTime> at;      // one-off
  std::optional<Duration> every;  // repeating, first at `from` (default: start)
  std::optional<SimTime> from;
  std::optional<SimTime> until;   // last repetition at or before (default: end of run)
  std::variant<CreateAction, ApplyAction, PatchAction, DeleteAction> verb;
  SourcePos pos;
  bool operator==(const Action&) const = default;
};

struct Scenario {
  std::string file;  // path as given (for messages)
  std::string name;
  std::string description;
  SimTime start;
  SimTime until;
  std::uint64_t seed = 1;
  ClusterSpec cluster;
  std::vector<Behavior> behaviors;
  std::vector<ObjectEntry> objects;
  std::vector<Action> actions;
  std::vector<Fault> faults;  // in file order; controllerManagerDown outages never overlap
  std::vector<Expectation> expectations;  // `expect:`, in file order
  bool operator==(const Scenario&) const = default;
};

}  // namespace jobsim::scenario
