// Tests for cluster/kubelet.hpp, driven by a Simulator, an ApiServer, a Client and a scripted
// Workload. Expected behaviour is upstream's (upstream pkg/kubelet/kuberuntime/kuberuntime_manager.go and pkg/kubelet):
//   - admission sets status.startTime; containers run after podStartup; phase Running, then
//     Succeeded (all exited 0) or Failed;
//   - restartPolicy OnFailure restarts in place with CrashLoopBackOff: client-go
//     flowcontrol.Backoff, initial 10 s, factor 2, max 300 s, no jitter; doBackOff checks
//     IsInBackOffSince(key, finishedAt) and then calls Next(key, finishedAt), and the kubelet's
//     HasExpiredFunc resets the entry when finishedAt - lastUpdate > 600 s. Exit-to-restart gaps
//     are therefore 0, 10, 20, 40, 80, 160, 300, 300 ... s (the model restarts exactly when the
//     backoff expires, without the 10 s pod-sync tick);
//   - deletion: SIGTERM, exit 143 after the process's own termination delay, or SIGKILL (137)
//     at the grace period; then the terminal phase and the kubelet's grace-0 DELETE, which removes
//     the pod unless a finalizer holds it.
#include "jobsim/cluster/kubelet.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "unit/cluster/test_cluster.hpp"
#include "testing/table.hpp"

namespace jobsim::cluster {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using engine::Duration;
using engine::SimTime;
using test::kStart;
using test::make_pod;

using jobsim::test_support::name_of;

// ScriptedWorkload returns the scripted runs in order, then repeats `then` forever, and records
// when each run started.
class ScriptedWorkload final : public Workload {
 public:
  ScriptedWorkload(const engine::Clock& clock, std::vector<ContainerRun> script, ContainerRun then)
      : clock_(clock), script_(std::move(script)), then_(then) {}

  ContainerRun next_run(const api::Pod&, const api::Container&) override {
    starts.push_back(clock_.now());
    return next_ < script_.size() ? script_[next_++] : then_;
  }

  std::vector<SimTime> starts;

 private:
  const engine::Clock& clock_;
  std::vector<ContainerRun> script_;
  std::size_t next_ = 0;
  ContainerRun then_;
};

ContainerRun exits(Duration after, std::int32_t code) { return {.run_for = after, .exit_code = code}; }
ContainerRun never_exits(Duration termination_delay) { return {.termination_delay = termination_delay}; }

// KubeletTest wires a kubelet to a cluster and records every version of the pods it writes.
class KubeletTest : public testing::Test {
 protected:
  void start(std::vector<ContainerRun> script, ContainerRun then) {
    workload_.emplace(cluster.sim, std::move(script), then);
    kubelet_.emplace(cluster.sim, cluster.server.pods(), cluster.server.nodes(), cluster.client,
                     cluster.recorder("kubelet"), *workload_, usage_sink, cluster.timings);
    usage_sink.connect([this](const PodUsage& usage) { usages.push_back({cluster.sim.now(), usage}); });
    cluster.server.pods().on_update([this](api::ObjectId, const api::Pod&, const api::Pod& pod) {
      history.push_back({cluster.sim.now(), pod});
    });
    cluster.server.pods().on_delete([this](api::ObjectId, const api::Pod& pod) {
      deleted_at = cluster.sim.now();
      last_seen = pod;
    });
  }

  api::Pod bound_pod(api::RestartPolicy restart_policy) {
    api::Pod pod = make_pod("p");
    pod.spec.edit().node_name = "node-1";
    pod.spec.edit().restart_policy = restart_policy;
    return pod;
  }

  // first_time returns when the pod was first written with this phase.
  std::optional<SimTime> first_time(api::PodPhase phase) const {
    for (const auto& [at, pod] : history) {
      if (pod.status->phase == phase) return at;
    }
    return std::nullopt;
  }

  // gaps returns, for each run but the last, the time from its exit to the next run's start.
  std::vector<Duration> restart_gaps(const std::vector<Duration>& run_lengths) const {
    std::vector<Duration> gaps;
    const std::vector<SimTime>& starts = workload_->starts;
    for (std::size_t i = 0; i + 1 < starts.size() && i < run_lengths.size(); ++i) {
      gaps.push_back(starts[i + 1] - (starts[i] + run_lengths[i]));
    }
    return gaps;
  }

  const ScriptedWorkload& workload() const { return *workload_; }
  Kubelet& kubelet() { return *kubelet_; }

  test::TestCluster cluster;
  struct Seen {
    SimTime at;
    api::Pod pod;
  };
  std::vector<Seen> history;
  std::optional<SimTime> deleted_at;
  std::optional<api::Pod> last_seen;
  UsageSink usage_sink;
  struct SeenUsage {
    SimTime at;
    PodUsage usage;
  };
  std::vector<SeenUsage> usages;

 private:
  std::optional<ScriptedWorkload> workload_;
  std::optional<Kubelet> kubelet_;
};

std::vector<Duration> repeat(Duration length, std::size_t count) { return std::vector<Duration>(count, length); }

// --- lifecycle -----------------------------------------------------------------------------------

TEST_F(KubeletTest, pod_runs_after_pod_startup_and_succeeds) {
  start({}, exits(10s, 0));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run();

  const api::Pod& pod = *cluster.pod(id);
  EXPECT_EQ(pod.status->start_time, std::optional<SimTime>(kStart));
  EXPECT_EQ(first_time(api::PodPhase::Running), std::optional<SimTime>(kStart + 2s));
  EXPECT_EQ(first_time(api::PodPhase::Succeeded), std::optional<SimTime>(kStart + 12s));
  EXPECT_EQ(pod.status->phase, api::PodPhase::Succeeded);
  ASSERT_EQ(pod.status->container_statuses.size(), 1u);
  const api::ContainerState& state = pod.status->container_statuses[0].state;
  EXPECT_EQ(state, (api::ContainerState{.kind = api::ContainerStateKind::Terminated,
                                        .reason = "Completed",
                                        .exit_code = 0,
                                        .started_at = kStart + 2s,
                                        .finished_at = kStart + 12s}));
  EXPECT_EQ(pod.status->container_statuses[0].restart_count, 0);
  EXPECT_EQ(workload().starts, (std::vector<SimTime>{kStart + 2s}));
  EXPECT_FALSE(deleted_at.has_value()) << "a finished pod is not deleted by its kubelet";
}

TEST_F(KubeletTest, ready_condition_follows_the_running_container) {
  start({}, exits(10s, 0));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run_until(kStart + 5s);
  const api::PodCondition* ready = api::find_condition(cluster.pod(id)->status, "Ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->status, api::ConditionStatus::True);
  EXPECT_EQ(ready->last_transition_time, std::optional<SimTime>(kStart + 2s));
  cluster.sim.run();
  ready = api::find_condition(cluster.pod(id)->status, "Ready");
  EXPECT_EQ(ready->status, api::ConditionStatus::False);
}

TEST_F(KubeletTest, restart_policy_never_fails_on_a_non_zero_exit) {
  start({}, exits(10s, 1));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run();
  const api::Pod& pod = *cluster.pod(id);
  EXPECT_EQ(pod.status->phase, api::PodPhase::Failed);
  EXPECT_EQ(first_time(api::PodPhase::Failed), std::optional<SimTime>(kStart + 12s));
  EXPECT_EQ(pod.status->container_statuses[0].state.exit_code, 1);
  EXPECT_EQ(pod.status->container_statuses[0].state.reason, "Error");
  EXPECT_EQ(workload().starts.size(), 1u) << "Never: no restart in place";
}

TEST_F(KubeletTest, unscheduled_pod_is_not_run) {
  start({}, exits(10s, 0));
  api::Pod pending = bound_pod(api::RestartPolicy::Never);
  pending.spec.edit().node_name.clear();
  const api::ObjectId id = cluster.add_pod(pending);
  cluster.sim.run();
  EXPECT_EQ(cluster.pod(id)->status->phase, api::PodPhase::Pending);
  EXPECT_TRUE(workload().starts.empty());
}

// --- restartPolicy OnFailure and CrashLoopBackOff ------------------------------------------------

TEST_F(KubeletTest, on_failure_restarts_at_once_after_the_first_exit_and_then_succeeds) {
  start({exits(5s, 1)}, exits(5s, 0));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run();
  const api::Pod& pod = *cluster.pod(id);
  EXPECT_EQ(workload().starts, (std::vector<SimTime>{kStart + 2s, kStart + 7s}));
  EXPECT_EQ(pod.status->phase, api::PodPhase::Succeeded);
  EXPECT_EQ(first_time(api::PodPhase::Succeeded), std::optional<SimTime>(kStart + 12s));
  const api::ContainerStatus& status = pod.status->container_statuses[0];
  EXPECT_EQ(status.restart_count, 1);
  ASSERT_TRUE(status.last_termination_state.has_value());
  EXPECT_EQ(status.last_termination_state->exit_code, 1);
  EXPECT_EQ(status.last_termination_state->finished_at, std::optional<SimTime>(kStart + 7s));
}

TEST_F(KubeletTest, crash_loop_gaps_are_0_10_20_40_80_160_300_300_seconds) {
  start({}, exits(1s, 1));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run_until(kStart + 1300s);
  const std::vector<Duration> gaps = restart_gaps(repeat(1s, 9));
  EXPECT_EQ(gaps, (std::vector<Duration>{0s, 10s, 20s, 40s, 80s, 160s, 300s, 300s, 300s}));
  const api::Pod& pod = *cluster.pod(id);
  EXPECT_EQ(pod.status->phase, api::PodPhase::Running) << "a crash-looping pod stays Running";
  EXPECT_EQ(pod.status->container_statuses[0].restart_count, static_cast<std::int32_t>(workload().starts.size()) - 1);
}

TEST_F(KubeletTest, crash_loop_back_off_is_reported_while_waiting) {
  start({}, exits(1s, 1));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  // Runs: [2 s, 3 s], restart at once, [3 s, 4 s], then back-off 10 s until 14 s.
  cluster.sim.run_until(kStart + 8s);
  const api::Pod& pod = *cluster.pod(id);
  const std::string format_pod = "p_default(" + pod.metadata->uid + ")";  // upstream format.Pod
  const api::ContainerStatus& status = pod.status->container_statuses[0];
  EXPECT_EQ(status.state.kind, api::ContainerStateKind::Waiting);
  EXPECT_EQ(status.state.reason, "CrashLoopBackOff");
  EXPECT_EQ(status.state.message, "back-off 10s restarting failed container=main pod=" + format_pod);
  const auto backoffs = cluster.events_with_reason("BackOff");
  ASSERT_EQ(backoffs.size(), 1u);
  EXPECT_EQ(backoffs[0].type, api::EventType::Warning);
  EXPECT_EQ(backoffs[0].message, "Back-off restarting failed container main in pod " + format_pod);
  EXPECT_EQ(backoffs[0].time, kStart + 4s);
}

TEST_F(KubeletTest, runs_shorter_than_the_reset_keep_doubling_the_backoff) {
  // Next(key, finishedAt) compares the exit time with the last update: 500 s < 600 s, so the
  // entry never expires and the backoff keeps doubling to the 300 s cap.
  start({}, exits(500s, 1));
  cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run_until(kStart + 6000s);
  const std::vector<Duration> gaps = restart_gaps(repeat(500s, 8));
  EXPECT_EQ(gaps, (std::vector<Duration>{0s, 10s, 20s, 40s, 80s, 160s, 300s, 300s}));
}

TEST_F(KubeletTest, exactly_600_seconds_after_the_last_update_does_not_reset) {
  // hasExpired is "more than 600 s": a run that exits 600 s after the last restart keeps the
  // entry, so the next gaps continue 20 s, 40 s.
  start({exits(1s, 1), exits(1s, 1), exits(600s, 1)}, exits(1s, 1));
  cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run_until(kStart + 1000s);
  const std::vector<Duration> gaps = restart_gaps({1s, 1s, 600s, 1s});
  EXPECT_EQ(gaps, (std::vector<Duration>{0s, 10s, 20s, 40s}));
}

TEST_F(KubeletTest, more_than_600_seconds_after_the_last_update_resets_the_backoff) {
  start({exits(1s, 1), exits(1s, 1), exits(1s, 1), exits(700s, 1)}, exits(1s, 1));
  cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run_until(kStart + 1000s);
  const std::vector<Duration> gaps = restart_gaps({1s, 1s, 1s, 700s, 1s, 1s});
  EXPECT_EQ(gaps, (std::vector<Duration>{0s, 10s, 20s, 0s, 10s, 20s}));
}

// --- graceful deletion -------------------------------------------------------------------------

struct TerminationCase {
  std::string_view name;
  Duration termination_delay;                      // how long the process takes after SIGTERM
  std::optional<std::int64_t> grace_period_seconds;  // DeleteOptions; nullopt: the pod's 30 s
  std::int32_t want_exit_code;
  Duration want_exit_after_delete;
};

void PrintTo(const TerminationCase& c, std::ostream* out) { *out << c.name; }

const TerminationCase kTerminationCases[] = {
    {.name = "sigterm_exit_143_after_the_termination_delay",
     .termination_delay = 5s,
     .want_exit_code = 143,
     .want_exit_after_delete = 5s},
    {.name = "sigkill_exit_137_at_the_grace_period",
     .termination_delay = 60s,
     .want_exit_code = 137,
     .want_exit_after_delete = 30s},
    {.name = "delete_options_grace_period_is_used_for_sigkill",
     .termination_delay = 60s,
     .grace_period_seconds = 5,
     .want_exit_code = 137,
     .want_exit_after_delete = 5s},
    {.name = "immediate_exit_on_sigterm",
     .termination_delay = 0s,
     .want_exit_code = 143,
     .want_exit_after_delete = 0s},
};

class KubeletTerminationTest : public KubeletTest, public testing::WithParamInterface<TerminationCase> {};

TEST_P(KubeletTerminationTest, stops_the_container_then_deletes_the_pod) {
  const TerminationCase& c = GetParam();
  start({}, never_exits(c.termination_delay));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run_until(kStart + 10s);
  ASSERT_EQ(cluster.pod(id)->status->phase, api::PodPhase::Running);
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, id, {.grace_period_seconds = c.grace_period_seconds}).ok());
  cluster.sim.run();

  const SimTime exit_at = kStart + 10s + c.want_exit_after_delete;
  EXPECT_EQ(deleted_at, std::optional<SimTime>(exit_at)) << "the kubelet's final DELETE follows the exit";
  ASSERT_TRUE(last_seen.has_value());
  EXPECT_EQ(last_seen->status->phase, api::PodPhase::Failed);
  const api::ContainerState& state = last_seen->status->container_statuses.at(0).state;
  EXPECT_EQ(state.kind, api::ContainerStateKind::Terminated);
  EXPECT_EQ(state.exit_code, c.want_exit_code);
  EXPECT_EQ(state.finished_at, std::optional<SimTime>(exit_at));
  EXPECT_EQ(workload().starts.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Table, KubeletTerminationTest, testing::ValuesIn(kTerminationCases),
                         name_of<TerminationCase>);

TEST_F(KubeletTest, finalizer_keeps_the_terminated_pod_until_it_is_removed) {
  start({}, never_exits(5s));
  api::Pod tracked = bound_pod(api::RestartPolicy::Never);
  tracked.metadata.edit().finalizers = {std::string(api::kJobTrackingFinalizer)};
  const api::ObjectId id = cluster.add_pod(tracked);
  cluster.sim.run_until(kStart + 10s);
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, id).ok());
  cluster.sim.run();

  ASSERT_NE(cluster.pod(id), nullptr) << "the finalizer holds the pod";
  const api::Pod& pod = *cluster.pod(id);
  EXPECT_EQ(pod.status->phase, api::PodPhase::Failed);
  EXPECT_EQ(pod.status->container_statuses[0].state.exit_code, 143);
  EXPECT_EQ(pod.metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(0))
      << "the kubelet's final DELETE has grace 0";
  EXPECT_FALSE(deleted_at.has_value());

  api::Pod released = pod;
  released.metadata.edit().finalizers.edit().clear();
  ASSERT_TRUE(cluster.client.update(id, released).ok());
  EXPECT_EQ(cluster.pod(id), nullptr);
  EXPECT_EQ(deleted_at, std::optional<SimTime>(kStart + 15s));
}

TEST_F(KubeletTest, deleting_a_crash_looping_pod_stops_the_restarts) {
  start({}, exits(1s, 1));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run_until(kStart + 8s);  // waiting in back-off until 14 s
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, id).ok());
  cluster.sim.run();
  EXPECT_EQ(deleted_at, std::optional<SimTime>(kStart + 8s)) << "nothing runs, so the pod terminates at once";
  EXPECT_EQ(workload().starts.size(), 2u);
  EXPECT_EQ(cluster.sim.pending(), 0u);
}

// status_manager.go TerminatePod: when the pod turns terminal, a container without a terminated
// state (here waiting in CrashLoopBackOff) is reported Terminated, ContainerStatusUnknown, 137,
// "The container could not be located when the pod was terminated"; its lastState (the exit 1)
// is kept. The finalizer keeps the pod so that the final status can be read.
TEST_F(KubeletTest, a_waiting_container_of_a_deleted_pod_ends_container_status_unknown) {
  start({}, exits(1s, 1));
  api::Pod tracked = bound_pod(api::RestartPolicy::OnFailure);
  tracked.metadata.edit().finalizers = {std::string(api::kJobTrackingFinalizer)};
  const api::ObjectId id = cluster.add_pod(tracked);
  cluster.sim.run_until(kStart + 8s);  // waiting in back-off until 14 s
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, id).ok());
  cluster.sim.run();
  const api::Pod& pod = *cluster.pod(id);
  EXPECT_EQ(pod.status->phase, api::PodPhase::Failed);
  const api::ContainerStatus& status = pod.status->container_statuses.at(0);
  EXPECT_EQ(status.state, (api::ContainerState{.kind = api::ContainerStateKind::Terminated,
                                               .reason = "ContainerStatusUnknown",
                                               .message = "The container could not be located when the pod was terminated",
                                               .exit_code = 137}));
  ASSERT_TRUE(status.last_termination_state.has_value());
  EXPECT_EQ(status.last_termination_state->exit_code, 1);
}

// --- OOM kills (memory usage above the limit) ---------------------------------------------------

// A run of 10 min (or never ending) whose memory grows to `memory` over `ramp`, in a container
// limited to `limit`. The OOM kill comes when the usage reaches the limit: start + ramp *
// limit / memory, unless the run ends first; the kill is SIGKILL (137), reason OOMKilled.
struct OomCase {
  std::string_view name;
  std::optional<std::int64_t> limit;
  std::int64_t memory = 0;
  Duration ramp{};
  std::optional<Duration> run_for = 10min;
  std::string_view want_reason;
  std::int32_t want_exit_code = 0;
  Duration want_end{};  // after the container's start (kStart + 2 s)
};

const OomCase kOomCases[] = {
    {.name = "without_ramp_over_the_limit_is_killed_at_start",
     .limit = 256 * test::kMi, .memory = 300 * test::kMi,
     .want_reason = "OOMKilled", .want_exit_code = 137, .want_end = 0s},
    {.name = "ramp_reaches_half_way_at_half_the_ramp",
     .limit = 1 * test::kGi, .memory = 2 * test::kGi, .ramp = 90s,
     .want_reason = "OOMKilled", .want_exit_code = 137, .want_end = 45s},
    {.name = "ramp_reaches_three_quarters",
     .limit = 1536 * test::kMi, .memory = 2 * test::kGi, .ramp = 60s,
     .want_reason = "OOMKilled", .want_exit_code = 137, .want_end = 45s},
    {.name = "never_ending_run_is_killed_too",
     .limit = 1 * test::kGi, .memory = 2 * test::kGi, .ramp = 90s, .run_for = std::nullopt,
     .want_reason = "OOMKilled", .want_exit_code = 137, .want_end = 45s},
    {.name = "run_ends_before_the_limit_is_reached",
     .limit = 1 * test::kGi, .memory = 2 * test::kGi, .ramp = 90s, .run_for = 30s,
     .want_reason = "Completed", .want_exit_code = 0, .want_end = 30s},
    {.name = "run_ends_exactly_when_the_limit_is_reached",
     .limit = 1 * test::kGi, .memory = 2 * test::kGi, .ramp = 90s, .run_for = 45s,
     .want_reason = "Completed", .want_exit_code = 0, .want_end = 45s},
    {.name = "usage_at_the_limit_is_not_above_it",
     .limit = 1 * test::kGi, .memory = 1 * test::kGi,
     .want_reason = "Completed", .want_exit_code = 0, .want_end = 10min},
    {.name = "no_limit_no_oom",
     .memory = 64 * test::kGi,
     .want_reason = "Completed", .want_exit_code = 0, .want_end = 10min},
};

class KubeletOomTest : public KubeletTest, public testing::WithParamInterface<OomCase> {};

TEST_P(KubeletOomTest, kills_when_the_usage_reaches_the_limit) {
  const OomCase& c = GetParam();
  start({}, {.run_for = c.run_for, .memory_bytes = c.memory, .memory_ramp_up = c.ramp});
  api::Pod pod = bound_pod(api::RestartPolicy::Never);
  pod.spec.edit().containers[0].resources.limits.memory_bytes = c.limit;
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run();
  const api::Pod& done = *cluster.pod(id);
  EXPECT_EQ(done.status->phase, c.want_exit_code == 0 ? api::PodPhase::Succeeded : api::PodPhase::Failed);
  EXPECT_EQ(done.status->container_statuses[0].state, (api::ContainerState{.kind = api::ContainerStateKind::Terminated,
                                                                          .reason = std::string(c.want_reason),
                                                                          .exit_code = c.want_exit_code,
                                                                          .started_at = kStart + 2s,
                                                                          .finished_at = kStart + 2s + c.want_end}));
}

INSTANTIATE_TEST_SUITE_P(Table, KubeletOomTest, testing::ValuesIn(kOomCases), name_of<OomCase>);

TEST_F(KubeletTest, on_failure_restarts_an_oom_killed_container_with_crash_loop_back_off) {
  // Every run is killed 30 s after its start (1Gi of a 2Gi ramp over 60 s).
  start({}, {.run_for = 10min, .memory_bytes = 2 * test::kGi, .memory_ramp_up = 60s});
  api::Pod pod = bound_pod(api::RestartPolicy::OnFailure);
  pod.spec.edit().containers[0].resources.limits.memory_bytes = 1 * test::kGi;
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run_until(kStart + 100s);
  // Starts: 2 s; killed 32 s, restarted at once; killed 62 s, back-off 10 s -> 72 s.
  EXPECT_EQ(workload().starts, (std::vector<SimTime>{kStart + 2s, kStart + 32s, kStart + 72s}));
  const api::ContainerStatus& status = cluster.pod(id)->status->container_statuses[0];
  EXPECT_EQ(status.restart_count, 2);
  ASSERT_TRUE(status.last_termination_state.has_value());
  EXPECT_EQ(*status.last_termination_state, (api::ContainerState{.kind = api::ContainerStateKind::Terminated,
                                                                 .reason = "OOMKilled",
                                                                 .exit_code = 137,
                                                                 .started_at = kStart + 32s,
                                                                 .finished_at = kStart + 62s}));
  EXPECT_EQ(cluster.pod(id)->status->phase, api::PodPhase::Running);
}

TEST_F(KubeletTest, deletion_during_a_ramp_is_a_sigterm_not_an_oom_kill) {
  start({}, {.run_for = 10min, .termination_delay = 40s, .memory_bytes = 2 * test::kGi, .memory_ramp_up = 60s});
  api::Pod pod = bound_pod(api::RestartPolicy::Never);
  pod.spec.edit().containers[0].resources.limits.memory_bytes = 1 * test::kGi;
  pod.metadata.edit().finalizers = {"test/keep"};
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run_until(kStart + 10s);
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, id, DeleteOptions{.grace_period_seconds = 5}).ok());
  cluster.sim.run();
  const api::ContainerState& state = cluster.pod(id)->status->container_statuses[0].state;
  EXPECT_EQ(state.reason, "Error");
  EXPECT_EQ(state.exit_code, 137) << "SIGKILL at the 5 s grace period";
  EXPECT_EQ(state.finished_at, std::optional<SimTime>(kStart + 15s));
}

// --- the PodUsage signal ---------------------------------------------------------------------------

TEST_F(KubeletTest, usage_is_published_at_start_and_zero_at_exit) {
  start({}, {.run_for = 10s, .memory_bytes = 300 * test::kMi, .cpu_millis = 500});
  const api::ObjectId node = cluster.add_node("node-1", 4000, 8 * test::kGi);
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run();
  ASSERT_EQ(usages.size(), 2u);
  EXPECT_EQ(usages[0].at, kStart + 2s);
  EXPECT_EQ(usages[0].usage, (PodUsage{.pod = id, .node = node, .cpu_millis = 500, .memory_bytes = 300 * test::kMi}));
  EXPECT_EQ(usages[1].at, kStart + 12s);
  EXPECT_EQ(usages[1].usage, (PodUsage{.pod = id, .node = node}));
}

TEST_F(KubeletTest, usage_with_a_ramp_is_the_plateau_capped_at_the_limit_until_the_oom_kill) {
  start({}, {.run_for = 10min, .memory_bytes = 2 * test::kGi, .memory_ramp_up = 90s, .cpu_millis = 250});
  api::Pod pod = bound_pod(api::RestartPolicy::Never);
  pod.spec.edit().containers[0].resources.limits.memory_bytes = 1 * test::kGi;
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run();
  ASSERT_EQ(usages.size(), 2u);
  EXPECT_EQ(usages[0].at, kStart + 2s);
  EXPECT_EQ(usages[0].usage, (PodUsage{.pod = id, .cpu_millis = 250, .memory_bytes = 1 * test::kGi}));
  EXPECT_EQ(usages[1].at, kStart + 47s);
  EXPECT_EQ(usages[1].usage, (PodUsage{.pod = id}));
}

// --- image pull failures -----------------------------------------------------------------------------

std::vector<SimTime> times_of(const std::vector<api::Event>& events) {
  std::vector<SimTime> times;
  for (const api::Event& event : events) times.push_back(event.time);
  return times;
}

TEST_F(KubeletTest, failed_pulls_back_off_10_20_40_80_160_300_300_seconds) {
  start({}, exits(10s, 0));
  kubelet().set_image_pull_failing("busybox", true);
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run_until(kStart + 1000s);
  // Pulls at 2 s (the end of podStartup), then each time the backoff expires.
  const std::vector<SimTime> pulls = times_of(cluster.events_with_reason("Pulling"));
  EXPECT_EQ(pulls, (std::vector<SimTime>{kStart + 2s, kStart + 12s, kStart + 32s, kStart + 72s, kStart + 152s,
                                         kStart + 312s, kStart + 612s, kStart + 912s}));
  // The pod worker's requeue 10 s after a failed pull finds it in backoff (not after the first,
  // whose backoff is 10 s).
  const std::vector<SimTime> backoffs = times_of(cluster.events_with_reason("BackOff"));
  EXPECT_EQ(backoffs, (std::vector<SimTime>{kStart + 22s, kStart + 42s, kStart + 82s, kStart + 162s, kStart + 322s,
                                            kStart + 622s, kStart + 922s}));
  EXPECT_EQ(cluster.events_with_reason("Failed").size(), 8u * 2 + 7u);
  EXPECT_TRUE(workload().starts.empty());
  EXPECT_EQ(cluster.pod(id)->status->phase, api::PodPhase::Pending);
}

TEST_F(KubeletTest, image_pull_reasons_and_messages_are_upstream) {
  start({}, exits(10s, 0));
  kubelet().set_image_pull_failing("busybox", true);
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run_until(kStart + 15s);
  const std::string error = "rpc error: code = Unavailable desc = failed to pull and unpack image \"busybox\": the "
                            "image pull is failing (imagePullFailure fault)";
  EXPECT_EQ(cluster.pod(id)->status->container_statuses[0].state,
            (api::ContainerState{.kind = api::ContainerStateKind::Waiting, .reason = "ErrImagePull", .message = error}));
  std::vector<std::string> texts;
  for (const api::Event& event : cluster.events) {
    texts.push_back(std::string(event.type == api::EventType::Normal ? "Normal " : "Warning ") + event.reason + ": " +
                    event.message.str());
  }
  const std::string pulling = "Normal Pulling: Pulling image \"busybox\"";
  const std::string failed = "Warning Failed: Failed to pull image \"busybox\": " + error;
  const std::string err = "Warning Failed: Error: ErrImagePull";
  EXPECT_EQ(texts, (std::vector<std::string>{pulling, failed, err, pulling, failed, err}));
  cluster.sim.run_until(kStart + 25s);
  EXPECT_EQ(cluster.pod(id)->status->container_statuses[0].state,
            (api::ContainerState{.kind = api::ContainerStateKind::Waiting,
                                 .reason = "ImagePullBackOff",
                                 .message = "Back-off pulling image \"busybox\""}));
  const auto backoff = cluster.events_with_reason("BackOff");
  ASSERT_EQ(backoff.size(), 1u);
  EXPECT_EQ(backoff[0].type, api::EventType::Normal);
  EXPECT_EQ(cluster.events.back().message, "Error: ImagePullBackOff");
  EXPECT_EQ(cluster.events.back().type, api::EventType::Warning);
}

TEST_F(KubeletTest, the_first_pull_after_the_failure_ends_starts_the_container) {
  start({}, exits(10s, 0));
  kubelet().set_image_pull_failing("busybox", true);
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run_until(kStart + 100s);
  kubelet().set_image_pull_failing("busybox", false);
  cluster.sim.run();
  // Pulls at 2, 12, 32, 72 s failed; the next is at 152 s (backoff 80 s) and works.
  EXPECT_EQ(workload().starts, (std::vector<SimTime>{kStart + 152s}));
  EXPECT_EQ(first_time(api::PodPhase::Running), std::optional<SimTime>(kStart + 152s));
  EXPECT_EQ(first_time(api::PodPhase::Succeeded), std::optional<SimTime>(kStart + 162s));
  const auto pulled = cluster.events_with_reason("Pulled");
  ASSERT_EQ(pulled.size(), 1u);
  EXPECT_EQ(pulled[0].time, kStart + 152s);
  EXPECT_EQ(cluster.pod(id)->status->container_statuses[0].restart_count, 0);
}

TEST_F(KubeletTest, deleting_a_pod_that_waits_for_its_image_ends_it_at_once) {
  start({}, exits(10s, 0));
  kubelet().set_image_pull_failing("busybox", true);
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::Never));
  cluster.sim.run_until(kStart + 50s);
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, id, DeleteOptions{}).ok());
  cluster.sim.run();
  EXPECT_EQ(deleted_at, std::optional<SimTime>(kStart + 50s));
  ASSERT_TRUE(last_seen.has_value());
  EXPECT_EQ(last_seen->status->phase, api::PodPhase::Failed);
  EXPECT_EQ(cluster.events_with_reason("Pulling").size(), 3u) << "pulls at 2, 12, 32 s; none after the deletion";
}

TEST_F(KubeletTest, restarts_do_not_pull_again) {
  start({exits(5s, 1)}, exits(5s, 0));
  const api::ObjectId id = cluster.add_pod(bound_pod(api::RestartPolicy::OnFailure));
  cluster.sim.run_until(kStart + 5s);
  kubelet().set_image_pull_failing("busybox", true);
  cluster.sim.run();
  EXPECT_EQ(cluster.pod(id)->status->phase, api::PodPhase::Succeeded);
  EXPECT_TRUE(cluster.events_with_reason("Pulling").empty());
}

}  // namespace
}  // namespace jobsim::cluster
