// Tests for loading scenario files (docs/scenario-format.md): good files decode to exact values, bad
// ones give exact messages with file:line:col.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "test_support.hpp"
#include "testing/table.hpp"

// GCC 12 warns about members a designated initializer leaves to their defaults, which is what
// the tables of CONTRIBUTING.md "Tests" rely on.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::kHeader;
using testing::load;
using testing::load_error;
using testing::name_of;

SimTime at(std::string_view text) { return *engine::parse_rfc3339(text); }
constexpr std::int64_t kGi = 1024LL * 1024 * 1024;
constexpr std::int64_t kMi = 1024LL * 1024;

// capacity builds a ResourceList by assignment: GCC 12 at -O2 reports a false
// -Wmaybe-uninitialized for designated initializers that leave ResourceList::other out.
api::ResourceList capacity(std::int64_t cpu_millis, std::int64_t memory_bytes, std::int64_t pods,
                           std::map<std::string, std::string> other = {}) {
  api::ResourceList list;
  list.cpu_millis = cpu_millis;
  list.memory_bytes = memory_bytes;
  list.pods = pods;
  list.other = std::move(other);
  return list;
}

// --- the README's example scenario, whole ------------------------------------------------------------

constexpr std::string_view kSpecExample = R"(name: overlapping-backups-forbid
description: A backup every 5 minutes that sometimes runs for 7.
start: 2026-01-01T00:00:00Z        # virtual time at which the run begins
until: +24h                         # or an RFC 3339 time
seed: 42

cluster:
  nodes:
    - name: worker
      count: 3
      capacity: {cpu: "4", memory: 16Gi, pods: 110}
      labels: {pool: batch}
  timeZone: UTC
  timings:
    podStartup: 2s
    terminatedPodGCThreshold: 12500

behaviors:
  - match: {image: backup-tool:v1}
    duration: {lognormal: {median: 4m, p95: 7m}}
    exitCode: {0: 0.95, 1: 0.05}
    usage: {cpu: 500m, memory: 300Mi}
    terminationDelay: 5s

objects:
  - apiVersion: batch/v1
    kind: CronJob
    metadata: {name: backup}
    spec:
      schedule: "*/5 * * * *"
      concurrencyPolicy: Forbid
      jobTemplate:
        spec:
          template:
            spec:
              containers: [{name: backup, image: backup-tool:v1}]
              restartPolicy: OnFailure

actions:
  - at: +6h
    patch: {kind: CronJob, name: backup, patch: {spec: {suspend: true}}}
  - at: +8h
    delete: {kind: Job, name: backup-29430720, propagationPolicy: Foreground}
  - every: 1m
    from: +1h
    until: end
    create: {apiVersion: batch/v1, kind: Job, metadata: {generateName: ci-}, spec: {template: {spec: {containers: [{name: ci, image: ci:v1}], restartPolicy: Never}}}}

faults: []
expect: []
)";

TEST(LoadScenario, SpecExampleDecodesToExactValues) {
  const Scenario scenario = load(kSpecExample);
  EXPECT_EQ(scenario.file, "scen.yaml");
  EXPECT_EQ(scenario.name, "overlapping-backups-forbid");
  EXPECT_EQ(scenario.description, "A backup every 5 minutes that sometimes runs for 7.");
  EXPECT_EQ(scenario.start, at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(scenario.until, at("2026-01-02T00:00:00Z"));
  EXPECT_EQ(scenario.seed, 42u);

  const ClusterSpec want_cluster{
      .nodes = {NodeGroup{.name = "worker",
                          .count = 3,
                          .capacity = capacity(4000, 16 * kGi, 110),
                          .labels = {{"pool", "batch"}},
                          .pos = {"scen.yaml", 9, 7}}},
      .time_zone = "UTC",
      .timings = api::Timings{},  // the two values given are the defaults
  };
  EXPECT_EQ(scenario.cluster, want_cluster);

  const std::vector<Behavior> want_behaviors = {Behavior{
      .match = {.image = "backup-tool:v1"},
      .duration = DurationDist{.kind = DurationDist::Kind::Lognormal, .median = 4min, .p95 = 7min},
      .exit_code = ExitCodeSpec{.kind = ExitCodeSpec::Kind::Table, .table = {{0, 0.95}, {1, 0.05}}},
      .usage_cpu_millis = 500,
      .usage_memory_bytes = 300 * kMi,
      .termination_delay = 5s,
      .pos = {"scen.yaml", 19, 5},
  }};
  EXPECT_EQ(scenario.behaviors, want_behaviors);

  ASSERT_EQ(scenario.objects.size(), 1u);
  EXPECT_EQ(scenario.objects[0].pos, (SourcePos{"scen.yaml", 26, 5}));
  api::CronJob want_cron_job;
  want_cron_job.metadata.edit().name = "backup";
  want_cron_job.spec.edit().schedule = "*/5 * * * *";
  want_cron_job.spec.edit().concurrency_policy = api::ConcurrencyPolicy::Forbid;
  api::PodSpec& pod = want_cron_job.spec.edit().job_template.spec.edit().template_.spec.edit();
  pod.containers = {api::Container{.name = "backup", .image = "backup-tool:v1"}};
  pod.restart_policy = api::RestartPolicy::OnFailure;
  pod.restart_policy_set = true;
  EXPECT_EQ(std::get<api::CronJob>(scenario.objects[0].object), want_cron_job);

  ASSERT_EQ(scenario.actions.size(), 3u);
  const Action& suspend = scenario.actions[0];
  EXPECT_EQ(suspend.at, at("2026-01-01T06:00:00Z"));
  EXPECT_EQ(suspend.every, std::nullopt);
  const auto& patch = std::get<PatchAction>(suspend.verb);
  EXPECT_EQ(patch.target, (ObjectTarget{.kind = "CronJob", .name = "backup", .namespace_ = "default"}));
  EXPECT_EQ(patch.patch.find("spec")->find("suspend")->text(), "true");

  const Action& remove = scenario.actions[1];
  EXPECT_EQ(remove.at, at("2026-01-01T08:00:00Z"));
  EXPECT_EQ(std::get<DeleteAction>(remove.verb),
            (DeleteAction{.target = {.kind = "Job", .name = "backup-29430720"}, .propagation_policy = "Foreground"}));

  const Action& ci = scenario.actions[2];
  EXPECT_EQ(ci.at, std::nullopt);
  EXPECT_EQ(ci.every, 1min);
  EXPECT_EQ(ci.from, at("2026-01-01T01:00:00Z"));
  EXPECT_EQ(ci.until, at("2026-01-02T00:00:00Z"));
  EXPECT_EQ(ci.pos, (SourcePos{"scen.yaml", 44, 5}));
  const auto& created = std::get<CreateAction>(ci.verb).object;
  EXPECT_EQ(std::get<api::Job>(created.object).metadata->generate_name, "ci-");
}

TEST(LoadScenario, DefaultsWhenSectionsAreAbsent) {
  const Scenario scenario = load(kHeader);
  EXPECT_EQ(scenario.name, "scen");  // the file's stem
  EXPECT_EQ(scenario.seed, 1u);
  EXPECT_EQ(scenario.cluster, ClusterSpec{});
  EXPECT_TRUE(scenario.behaviors.empty());
  EXPECT_TRUE(scenario.objects.empty());
  EXPECT_TRUE(scenario.actions.empty());
}

TEST(LoadScenario, OptionsOverrideSeedAndUntil) {
  const Scenario scenario = load(kHeader, LoadOptions{.seed = 7, .until = "+48h"});
  EXPECT_EQ(scenario.seed, 7u);
  EXPECT_EQ(scenario.until, at("2026-01-03T00:00:00Z"));
  EXPECT_EQ(load(kHeader, LoadOptions{.until = "end"}).until, at("2026-01-02T00:00:00Z"));
  EXPECT_EQ(load("start: 2026-01-01T00:00:00Z\n", LoadOptions{.until = "2026-01-01T12:00:00Z"}).until,
            at("2026-01-01T12:00:00Z"));
}

// --- sections, one value at a time -----------------------------------------------------------

struct DurationCase {
  std::string_view name;
  std::string_view yaml = {};  // the value of `duration:`
  DurationDist want = {};
};

const DurationCase kDurationCases[] = {
    {.name = "fixed", .yaml = "90s", .want = {.kind = DurationDist::Kind::Fixed, .fixed = 90s}},
    {.name = "fixed_compound", .yaml = "\"2h30m\"", .want = {.kind = DurationDist::Kind::Fixed, .fixed = 150min}},
    {.name = "fixed_days", .yaml = "1.5d", .want = {.kind = DurationDist::Kind::Fixed, .fixed = 36h}},
    {.name = "never", .yaml = "never", .want = {.kind = DurationDist::Kind::Never}},
    {.name = "uniform", .yaml = "{uniform: [1m, 3m]}", .want = {.kind = DurationDist::Kind::Uniform, .low = 1min, .high = 3min}},
    {.name = "normal",
     .yaml = "{normal: {mean: 5m, stddev: 30s}}",
     .want = {.kind = DurationDist::Kind::Normal, .mean = 5min, .stddev = 30s}},
    {.name = "lognormal",
     .yaml = "{lognormal: {median: 4m, p95: 7m}}",
     .want = {.kind = DurationDist::Kind::Lognormal, .median = 4min, .p95 = 7min}},
    {.name = "exponential", .yaml = "{exponential: {mean: 500ms}}", .want = {.kind = DurationDist::Kind::Exponential, .mean = 500ms}},
    {.name = "values",
     .yaml = "{values: [10s, 1m, 1h]}",
     .want = {.kind = DurationDist::Kind::Values, .values = {10s, 1min, 1h}}},
};

class BehaviorDuration : public ::testing::TestWithParam<DurationCase> {};

TEST_P(BehaviorDuration, DecodesExactly) {
  const DurationCase& c = GetParam();
  const Scenario scenario = load(std::string(kHeader) + "behaviors:\n  - duration: " + std::string(c.yaml) + "\n");
  ASSERT_EQ(scenario.behaviors.size(), 1u);
  EXPECT_EQ(scenario.behaviors[0].duration, c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BehaviorDuration, ::testing::ValuesIn(kDurationCases), name_of<DurationCase>);

struct ExitCodeCase {
  std::string_view name;
  std::string_view yaml = {};  // the value of `exitCode:`
  ExitCodeSpec want = {};
};

const ExitCodeCase kExitCodeCases[] = {
    {.name = "fixed", .yaml = "3", .want = {.kind = ExitCodeSpec::Kind::Fixed, .fixed = 3}},
    {.name = "table_in_file_order",
     .yaml = "{1: 0.25, 0: 0.75}",
     .want = {.kind = ExitCodeSpec::Kind::Table, .table = {{1, 0.25}, {0, 0.75}}}},
    {.name = "table_with_quoted_codes",
     .yaml = "{\"0\": 0.9, \"137\": 0.1}",
     .want = {.kind = ExitCodeSpec::Kind::Table, .table = {{0, 0.9}, {137, 0.1}}}},
    {.name = "table_sums_within_tolerance",
     .yaml = "{0: 0.1, 1: 0.2, 2: 0.7}",  // 0.1 + 0.2 + 0.7 is not exactly 1 in binary
     .want = {.kind = ExitCodeSpec::Kind::Table, .table = {{0, 0.1}, {1, 0.2}, {2, 0.7}}}},
    {.name = "per_run", .yaml = "[1, 1, 0]", .want = {.kind = ExitCodeSpec::Kind::PerRun, .per_run = {1, 1, 0}}},
};

class BehaviorExitCode : public ::testing::TestWithParam<ExitCodeCase> {};

TEST_P(BehaviorExitCode, DecodesExactly) {
  const ExitCodeCase& c = GetParam();
  const Scenario scenario = load(std::string(kHeader) + "behaviors:\n  - exitCode: " + std::string(c.yaml) + "\n");
  ASSERT_EQ(scenario.behaviors.size(), 1u);
  EXPECT_EQ(scenario.behaviors[0].exit_code, c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BehaviorExitCode, ::testing::ValuesIn(kExitCodeCases), name_of<ExitCodeCase>);

struct NodeCase {
  std::string_view name;
  std::string_view yaml = {};  // one item of cluster.nodes, in flow style
  NodeGroup want = {};
};

const NodeCase kNodeCases[] = {
    {.name = "string_cpu_and_binary_memory",
     .yaml = "{name: w, capacity: {cpu: \"4\", memory: 16Gi}}",
     .want = {.name = "w", .capacity = capacity(4000, 16 * kGi, 110)}},
    {.name = "numeric_and_milli_cpu",
     .yaml = "{name: w, count: 2, capacity: {cpu: 2.5, memory: 1G, pods: 30}}",
     .want = {.name = "w", .count = 2, .capacity = capacity(2500, 1'000'000'000, 30)}},
    {.name = "millicores",
     .yaml = "{name: w, capacity: {cpu: 1500m, memory: \"536870912\"}}",
     .want = {.name = "w", .capacity = capacity(1500, 512 * kMi, 110)}},
    {.name = "extended_resources_kept_as_written",
     .yaml = "{name: gpu, capacity: {cpu: 8, memory: 64Gi, nvidia.com/gpu: 4}}",
     .want = {.name = "gpu", .capacity = capacity(8000, 64 * kGi, 110, {{"nvidia.com/gpu", "4"}})}},
    {.name = "labels_and_taints",
     .yaml = "{name: w, capacity: {cpu: 1, memory: 1Gi}, labels: {pool: batch}, taints: [{key: dedicated, value: batch, "
             "effect: NoSchedule}]}",
     .want = {.name = "w",
              .capacity = capacity(1000, kGi, 110),
              .labels = {{"pool", "batch"}},
              .taints = {api::Taint{.key = "dedicated", .value = "batch", .effect = "NoSchedule"}}}},
};

class ClusterNodes : public ::testing::TestWithParam<NodeCase> {};

TEST_P(ClusterNodes, DecodesExactly) {
  const NodeCase& c = GetParam();
  const Scenario scenario = load(std::string(kHeader) + "cluster:\n  nodes:\n    - " + std::string(c.yaml) + "\n");
  NodeGroup want = c.want;
  want.pos = {"scen.yaml", 5, 7};
  ASSERT_EQ(scenario.cluster.nodes.size(), 1u);
  EXPECT_EQ(scenario.cluster.nodes[0], want);
}

INSTANTIATE_TEST_SUITE_P(Cases, ClusterNodes, ::testing::ValuesIn(kNodeCases), name_of<NodeCase>);

TEST(ClusterTimings, EveryKeyDecodes) {
  const Scenario scenario = load(std::string(kHeader) + R"(cluster:
  timeZone: Europe/Berlin
  timings:
    podStartup: 3s
    schedulerLatency: 50ms
    crashLoopInitialBackoff: 5s
    crashLoopMaxBackoff: 2m
    crashLoopReset: 5m
    jobSyncBatchPeriod: 0s
    jobPodFailureBackoff: 20s
    jobMaxPodFailureBackoff: 6m
    terminatedPodGCThreshold: 100
    podGCPeriod: 40s
    nodeMonitorGracePeriod: 40s
    nodeMonitorPeriod: 1s
)");
  const api::Timings want{
      .pod_startup = 3s,
      .scheduler_latency = 50ms,
      .crash_loop_initial_backoff = 5s,
      .crash_loop_max_backoff = 2min,
      .crash_loop_reset = 5min,
      .job_sync_batch_period = 0s,
      .job_pod_failure_backoff = 20s,
      .job_max_pod_failure_backoff = 6min,
      .terminated_pod_gc_threshold = 100,
      .pod_gc_period = 40s,
      .node_monitor_grace_period = 40s,
      .node_monitor_period = 1s,
  };
  EXPECT_EQ(scenario.cluster.timings, want);
  EXPECT_EQ(scenario.cluster.time_zone, "Europe/Berlin");
}

// eventTTL (kube-apiserver --event-ttl) sits with the timings but is the API server's: 1h unless
// given, and a null resets it like any key.
TEST(ClusterTimings, EventTtlDecodesWithTheTimings) {
  EXPECT_EQ(load(std::string(kHeader) + "cluster: {}\n").cluster.event_ttl, 1h);
  const Scenario scenario = load(std::string(kHeader) + "cluster:\n  timings:\n    podStartup: 3s\n    eventTTL: 15m\n");
  EXPECT_EQ(scenario.cluster.event_ttl, 15min);
  EXPECT_EQ(scenario.cluster.timings.pod_startup, 3s);
  EXPECT_EQ(load(std::string(kHeader) + "cluster:\n  timings:\n    eventTTL: null\n").cluster.event_ttl, 1h);
}

struct ActionTimeCase {
  std::string_view name;
  std::string_view at = {};
  SimTime want = {};
};

const ActionTimeCase kActionTimeCases[] = {
    {.name = "minutes_offset", .at = "+90m", .want = at("2026-01-01T01:30:00Z")},
    {.name = "compound_offset", .at = "+2h30m", .want = at("2026-01-01T02:30:00Z")},
    {.name = "days_offset", .at = "+3d", .want = at("2026-01-04T00:00:00Z")},
    {.name = "zero_offset", .at = "+0s", .want = at("2026-01-01T00:00:00Z")},
    {.name = "end", .at = "end", .want = at("2026-01-06T00:00:00Z")},
    {.name = "rfc3339", .at = "2026-01-02T03:04:05Z", .want = at("2026-01-02T03:04:05Z")},
    {.name = "rfc3339_with_offset", .at = "2026-01-02T03:04:05+02:00", .want = at("2026-01-02T01:04:05Z")},
};

class ActionTimes : public ::testing::TestWithParam<ActionTimeCase> {};

TEST_P(ActionTimes, ResolveAgainstStartAndEnd) {
  const ActionTimeCase& c = GetParam();
  const Scenario scenario = load("start: 2026-01-01T00:00:00Z\nuntil: +5d\nactions:\n  - at: " + std::string(c.at) +
                                 "\n    delete: {kind: Job, name: x}\n");
  ASSERT_EQ(scenario.actions.size(), 1u);
  EXPECT_EQ(scenario.actions[0].at, c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, ActionTimes, ::testing::ValuesIn(kActionTimeCases), name_of<ActionTimeCase>);

TEST(ParseTimeArg, AcceptsTheThreeForms) {
  const SimTime start = at("2026-03-01T00:00:00Z");
  const SimTime end = at("2026-03-02T00:00:00Z");
  EXPECT_EQ(parse_time_arg("+90m", start, end), at("2026-03-01T01:30:00Z"));
  EXPECT_EQ(parse_time_arg("end", start, end), end);
  EXPECT_EQ(parse_time_arg("2026-03-01T02:30:00Z", start, end), at("2026-03-01T02:30:00Z"));
  EXPECT_EQ(parse_time_arg("90m", start, end), std::nullopt);  // an offset needs its "+"
  EXPECT_EQ(parse_time_arg("+-5m", start, end), std::nullopt);
  EXPECT_EQ(parse_time_arg("+", start, end), std::nullopt);
  EXPECT_EQ(parse_time_arg("tomorrow", start, end), std::nullopt);
  EXPECT_EQ(parse_time_arg("+9999999999h", start, end), std::nullopt);  // overflows SimTime
}

TEST(Behaviors, UsageWithRampUp) {
  const Scenario scenario =
      load(std::string(kHeader) + "behaviors:\n  - usage: {cpu: 250m, memory: 2Gi, rampUp: 90s}\n");
  ASSERT_EQ(scenario.behaviors.size(), 1u);
  EXPECT_EQ(scenario.behaviors[0].usage_cpu_millis, std::optional<std::int64_t>(250));
  EXPECT_EQ(scenario.behaviors[0].usage_memory_bytes, std::optional<std::int64_t>(2 * 1024LL * kMi));
  EXPECT_EQ(scenario.behaviors[0].usage_memory_ramp_up, std::optional<Duration>(90s));
}

// --- bad scenarios: exact messages -----------------------------------------------------------

struct BadCase {
  std::string_view name;
  std::string yaml = {};
  std::string want = {};
};

std::string with_header(std::string_view body) { return std::string(kHeader) + std::string(body); }

const BadCase kBadCases[] = {
    {.name = "missing_start", .yaml = "until: 2026-01-02T00:00:00Z\n", .want = "scen.yaml:1:1: missing required key \"start\""},
    {.name = "missing_until",
     .yaml = "start: 2026-01-01T00:00:00Z\n",
     .want = "scen.yaml:1:1: missing required key \"until\" (or give --until)"},
    {.name = "empty_file",
     .yaml = "",
     .want = "scen.yaml: the scenario is empty: it needs at least start and until (see docs/scenario-format.md)"},
    {.name = "not_a_map", .yaml = "- a\n", .want = "scen.yaml:1:1: expected a map of scenario keys (name, start, until, cluster, objects, ...), got a list"},
    {.name = "invalid_yaml", .yaml = "start: [\n", .want = "scen.yaml:2:1: invalid YAML: end of sequence flow not found"},
    {.name = "start_not_rfc3339",
     .yaml = "start: 2026-01-01\nuntil: +1h\n",
     .want = "scen.yaml:1:8: start: invalid time \"2026-01-01\": expected RFC 3339, such as \"2026-01-01T00:00:00Z\""},
    {.name = "until_before_start",
     .yaml = "start: 2026-01-01T00:00:00Z\nuntil: +0s\n",
     .want = "scen.yaml:2:1: until: must be after start (2026-01-01T00:00:00Z)"},
    {.name = "until_offset_without_plus",
     .yaml = "start: 2026-01-01T00:00:00Z\nuntil: 24h\n",
     .want = "scen.yaml:2:8: until: invalid time \"24h\": expected an RFC 3339 time (\"2026-01-01T00:00:00Z\"), an offset "
             "from start (\"+90m\", \"+2h30m\", \"+3d\") or \"end\""},
    {.name = "unknown_top_level_key_with_hint",
     .yaml = with_header("clustr: {}\n"),
     .want = "scen.yaml:3:1: unknown field \"clustr\" (did you mean \"cluster\"?)"},
    {.name = "unknown_key_without_hint", .yaml = with_header("zzz: 1\n"), .want = "scen.yaml:3:1: unknown field \"zzz\""},
    {.name = "seed_quoted", .yaml = with_header("seed: \"42\"\n"), .want = "scen.yaml:3:7: seed: expected an integer, got string \"42\""},
    {.name = "seed_negative", .yaml = with_header("seed: -1\n"), .want = "scen.yaml:3:7: seed: expected a non-negative integer, got number -1"},
    {.name = "node_fault_of_an_unknown_node",
     .yaml = with_header("faults:\n  - at: +3h\n    nodeDown: worker-2\n    for: 20m\n"),
     .want = "scen.yaml:4:5: faults[0].nodeDown: no node \"worker-2\" in this scenario"},
    {.name = "node_without_cpu",
     .yaml = with_header("cluster:\n  nodes:\n    - name: w\n      capacity: {memory: 1Gi}\n"),
     .want = "scen.yaml:6:17: cluster.nodes[0].capacity: missing required key \"cpu\""},
    {.name = "node_without_capacity",
     .yaml = with_header("cluster:\n  nodes:\n    - name: w\n"),
     .want = "scen.yaml:5:7: cluster.nodes[0]: missing required key \"capacity\""},
    {.name = "node_bad_quantity",
     .yaml = with_header("cluster:\n  nodes:\n    - {name: w, capacity: {cpu: 4 cores, memory: 1Gi}}\n"),
     .want = "scen.yaml:5:33: cluster.nodes[0].capacity.cpu: invalid quantity \"4 cores\": expected a number with an "
             "optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti), such as \"500m\", \"2\" or \"512Mi\""},
    {.name = "node_count_zero",
     .yaml = with_header("cluster:\n  nodes:\n    - {name: w, count: 0, capacity: {cpu: 1, memory: 1Gi}}\n"),
     .want = "scen.yaml:5:17: cluster.nodes[0].count: must be at least 1, got 0"},
    {.name = "node_names_collide",
     .yaml = with_header("cluster:\n  nodes:\n    - {name: w, count: 2, capacity: {cpu: 1, memory: 1Gi}}\n"
                         "    - {name: w-2, capacity: {cpu: 1, memory: 1Gi}}\n"),
     .want = "scen.yaml:6:7: cluster.nodes[1].name: duplicate node name \"w-2\""},
    {.name = "timing_without_unit",
     .yaml = with_header("cluster:\n  timings:\n    podStartup: 2\n"),
     .want = "scen.yaml:5:17: cluster.timings.podStartup: expected a duration such as \"90s\", \"5m\" or \"2h30m\", got "
             "number 2 (add a unit: \"2s\")"},
    {.name = "timing_misspelt",
     .yaml = with_header("cluster:\n  timings:\n    podStartUp: 2s\n"),
     .want = "scen.yaml:5:5: unknown field \"cluster.timings.podStartUp\" (did you mean \"podStartup\"?)"},
    {.name = "event_ttl_zero",
     .yaml = with_header("cluster:\n  timings:\n    eventTTL: 0s\n"),
     .want = "scen.yaml:5:15: cluster.timings.eventTTL: must be greater than 0"},
    {.name = "event_ttl_negative",
     .yaml = with_header("cluster:\n  timings:\n    eventTTL: -1h\n"),
     .want = "scen.yaml:5:15: cluster.timings.eventTTL: invalid duration \"-1h\": must not be negative"},
    {.name = "event_ttl_without_unit",
     .yaml = with_header("cluster:\n  timings:\n    eventTTL: 3600\n"),
     .want = "scen.yaml:5:15: cluster.timings.eventTTL: expected a duration such as \"90s\", \"5m\" or \"2h30m\", got "
             "number 3600 (add a unit: \"3600s\")"},
    {.name = "timing_removed_upstream",
     .yaml = with_header("cluster:\n  timings:\n    podEvictionTimeout: 5m\n"),
     .want = "scen.yaml:5:25: cluster.timings.podEvictionTimeout: not a setting any more: kube-controller-manager dropped "
             "--pod-eviction-timeout (v1.27); pods leave a NotReady node after their node.kubernetes.io/not-ready "
             "toleration, 300s by default (set tolerationSeconds in the pod template)"},
    {.name = "negative_usage_ramp",
     .yaml = with_header("behaviors:\n  - usage: {memory: 1Gi, rampUp: -5s}\n"),
     .want = "scen.yaml:4:34: behaviors[0].usage.rampUp: invalid duration \"-5s\": must not be negative"},
    {.name = "negative_duration",
     .yaml = with_header("behaviors:\n  - terminationDelay: -5s\n"),
     .want = "scen.yaml:4:23: behaviors[0].terminationDelay: invalid duration \"-5s\": must not be negative"},
    {.name = "probabilities_do_not_sum_to_one",
     .yaml = with_header("behaviors:\n  - exitCode: {0: 0.9, 1: 0.05}\n"),
     .want = "scen.yaml:4:15: behaviors[0].exitCode: probabilities sum to 0.95, expected 1"},
    {.name = "probability_out_of_range",
     .yaml = with_header("behaviors:\n  - exitCode: {0: 1.5, 1: -0.5}\n"),
     .want = "scen.yaml:4:19: behaviors[0].exitCode.0: probability 1.5 is not between 0 and 1\n"
             "scen.yaml:4:27: behaviors[0].exitCode.1: probability -0.5 is not between 0 and 1"},
    {.name = "exit_code_not_a_code",
     .yaml = with_header("behaviors:\n  - exitCode: {ok: 1}\n"),
     .want = "scen.yaml:4:16: behaviors[0].exitCode.ok: expected an integer, got string \"ok\""},
    {.name = "exit_code_out_of_range",
     .yaml = with_header("behaviors:\n  - exitCode: 256\n"),
     .want = "scen.yaml:4:15: behaviors[0].exitCode: exit code 256 is out of range (0 to 255)"},
    {.name = "unknown_distribution",
     .yaml = with_header("behaviors:\n  - duration: {lognormel: {median: 1m, p95: 2m}}\n"),
     .want = "scen.yaml:4:16: unknown field \"behaviors[0].duration.lognormel\" (did you mean \"lognormal\"?)"},
    {.name = "uniform_needs_two_bounds",
     .yaml = with_header("behaviors:\n  - duration: {uniform: [1m]}\n"),
     .want = "scen.yaml:4:25: behaviors[0].duration.uniform: expected two durations [low, high], got 1"},
    {.name = "match_misspelt",
     .yaml = with_header("behaviors:\n  - match: {imgae: x}\n"),
     .want = "scen.yaml:4:13: unknown field \"behaviors[0].match.imgae\" (did you mean \"image\"?)"},
    {.name = "action_without_verb",
     .yaml = with_header("actions:\n  - at: +1h\n"),
     .want = "scen.yaml:4:5: actions[0]: expected one of create, apply, patch, delete"},
    {.name = "action_without_time",
     .yaml = with_header("actions:\n  - delete: {kind: Job, name: x}\n"),
     .want = "scen.yaml:4:5: actions[0]: missing required key \"at\" or \"every\""},
    {.name = "action_with_two_verbs",
     .yaml = with_header("actions:\n  - at: +1h\n    delete: {kind: Job, name: x}\n    create: {kind: Job}\n"),
     .want = "scen.yaml:6:5: actions[0]: \"delete\" and \"create\" cannot be combined: an action does one thing\n"
             "scen.yaml:6:13: actions[0].create: missing required key \"apiVersion\""},
    {.name = "action_from_without_every",
     .yaml = with_header("actions:\n  - at: +1h\n    from: +2h\n    delete: {kind: Job, name: x}\n"),
     .want = "scen.yaml:5:5: actions[0]: \"from\" is only valid with \"every\""},
    {.name = "action_before_start",
     .yaml = with_header("actions:\n  - at: 2025-12-31T23:00:00Z\n    delete: {kind: Job, name: x}\n"),
     .want = "scen.yaml:4:9: actions[0].at: time 2025-12-31T23:00:00Z is before the scenario start (2026-01-01T00:00:00Z)"},
    {.name = "action_every_zero",
     .yaml = with_header("actions:\n  - every: 0s\n    delete: {kind: Job, name: x}\n"),
     .want = "scen.yaml:4:12: actions[0].every: must be greater than 0"},
    {.name = "delete_unknown_kind",
     .yaml = with_header("actions:\n  - at: +1h\n    delete: {kind: Jobs, name: x, propagationPolicy: Cascade}\n"),
     .want = "scen.yaml:5:20: actions[0].delete.kind: Unsupported value: \"Jobs\": supported values: \"Job\", \"CronJob\", "
             "\"Node\", \"Pod\" (did you mean \"Job\"?)\n"
             "scen.yaml:5:54: actions[0].delete.propagationPolicy: Unsupported value: \"Cascade\": supported values: "
             "\"Orphan\", \"Background\", \"Foreground\""},
    {.name = "patch_with_unknown_field",
     .yaml = with_header("actions:\n  - at: +1h\n    patch: {kind: CronJob, name: backup, patch: {spec: {suspnd: true}}}\n"),
     .want = "scen.yaml:5:57: CronJob \"backup\": unknown field \"spec.suspnd\" (did you mean \"suspend\"?)"},
    {.name = "patch_without_name",
     .yaml = with_header("actions:\n  - at: +1h\n    patch: {kind: Job, patch: {}}\n"),
     .want = "scen.yaml:5:12: actions[0].patch: missing required key \"name\""},
    {.name = "create_invalid_job",
     .yaml = with_header("actions:\n  - every: 1m\n    create: {apiVersion: batch/v1, kind: Job, metadata: {generateName: ci-}, "
                         "spec: {parallelism: \"5\", template: {spec: {containers: [{name: c, image: x}]}}}}\n"),
     .want = "scen.yaml:5:98: Job (generateName \"ci-\"): spec.parallelism: expected an integer, got string \"5\"\n"
             "scen.yaml:5:114: Job (generateName \"ci-\"): spec.template.spec.restartPolicy: Required value: valid values: "
             "\"OnFailure\", \"Never\""},
    {.name = "duplicate_objects",
     .yaml = with_header("objects:\n  - {apiVersion: v1, kind: Node, metadata: {name: n}}\n"
                         "  - {apiVersion: v1, kind: Node, metadata: {name: n}}\n"),
     .want = "scen.yaml:5:5: Node \"n\": already defined at scen.yaml:4:5"},
    {.name = "several_problems_all_reported",
     .yaml = "start: 2026-01-01T00:00:00Z\nuntil: +1h\nseed: x\nclustr: {}\nbehaviors: {}\n",
     .want = "scen.yaml:3:7: seed: expected an integer, got string \"x\"\n"
             "scen.yaml:4:1: unknown field \"clustr\" (did you mean \"cluster\"?)\n"
             "scen.yaml:5:12: behaviors: expected a list, got a map"},
};

class BadScenario : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadScenario, ReportsExactMessages) {
  const BadCase& c = GetParam();
  EXPECT_EQ(load_error(c.yaml), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadScenario, ::testing::ValuesIn(kBadCases), name_of<BadCase>);

TEST(BadScenario, UntilOptionErrorsNameTheFlag) {
  EXPECT_EQ(load_error(kHeader, LoadOptions{.until = "tomorrow"}),
            "--until: invalid time \"tomorrow\": expected an RFC 3339 time, an offset from start (\"+24h\") or \"end\"");
  EXPECT_EQ(load_error("start: 2026-01-01T00:00:00Z\n", LoadOptions{.until = "end"}),
            "--until: \"end\" needs an until in the scenario");
  EXPECT_EQ(load_error(kHeader, LoadOptions{.until = "2025-01-01T00:00:00Z"}),
            "--until: must be after start (2026-01-01T00:00:00Z)");
}

TEST(BadScenario, ErrorKeepsEachMessage) {
  try {
    parse_scenario("seed: x\n", "s.yaml");
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.messages(), (std::vector<std::string>{"s.yaml:1:1: missing required key \"start\"",
                                                          "s.yaml:1:1: missing required key \"until\" (or give --until)",
                                                          "s.yaml:1:7: seed: expected an integer, got string \"x\""}));
  }
}

TEST(LoadScenarioFile, MissingFileIsAScenarioError) {
  EXPECT_THROW(load_scenario("tests/data/scenario/no-such-file.yaml"), ScenarioError);
  try {
    load_scenario("tests/data/scenario/no-such-file.yaml");
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()),
              "tests/data/scenario/no-such-file.yaml: cannot read the scenario: No such file or directory");
  }
}

}  // namespace
}  // namespace jobsim::scenario
