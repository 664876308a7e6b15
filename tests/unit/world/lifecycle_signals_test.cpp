// The lifecycle signals (cluster/lifecycle.hpp) a small World emits, in order and at the exact
// instant, compared with what upstream's rules give. Timings as in job_lifecycle_test.cpp and
// cronjob_lifecycle_test.cpp: podStartup 2 s, syncJobBatchPeriod 1 s, scheduler 0 s, the
// CronJob sync for schedule time T at T + 100 ms, a Job status write syncs its CronJob in the
// same instant. The scenario starts at 2026-01-01T00:00:00Z, Unix minute 29453760, so the Job
// of the 00:05 schedule is "backup-29453765".
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "testing/builders.hpp"
#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"
#include "testing/table.hpp"

namespace jobsim {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using api::PodPhase;
using cluster::CronJobDeleteReason;
using cluster::JobFinishedCondition;
using testing::make_cron_job;
using testing::make_job;
using testing::ScenarioBuilder;

// Milliseconds since the start: exact, and the derivations give whole milliseconds.
std::int64_t ms_since_start(const world::World& world, engine::SimTime at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at - world.scenario().start).count();
}

// The owning Job's name of a pod (pods get generated names).
std::string owner_of(world::World& world, api::ObjectId pod) {
  const api::OwnerReference* owner = api::controller_ref(world.api().pods().get(pod)->metadata);
  return owner != nullptr ? owner->name : "";
}

// ---- PodPhaseChanged -----------------------------------------------------------------------

struct PhaseChange {
  std::int64_t ms;
  std::string job;  // the pod's owner
  PodPhase from;
  PodPhase to;
  std::string reason;
  std::int32_t exit_code;
  bool has_exit_code;
  bool operator==(const PhaseChange&) const = default;
};
void PrintTo(const PhaseChange& c, std::ostream* out) {
  *out << c.ms << "ms " << c.job << " " << api::to_string(c.from) << "->" << api::to_string(c.to) << " " << c.reason
       << " " << c.exit_code << (c.has_exit_code ? "" : "(none)");
}

struct PhaseCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<PhaseChange> expect;
};

const PhaseCase kPhaseCases[] = {
    // Bound at 0, Running after podStartup (2), the 30-s container exits 0 at 32: Succeeded.
    {.name = "succeeded_after_running",
     .scenario = [] { return ScenarioBuilder().behavior("worker:v1", 30s).object(make_job("one")).build(); },
     .expect = {{2000, "one", PodPhase::Pending, PodPhase::Running, "", 0, false},
                {32000, "one", PodPhase::Running, PodPhase::Succeeded, "", 0, false}}},
    // Exit 1 at 32, restartPolicy Never: Failed; the terminated container's reason is Error
    // (kuberuntime: non-zero exit) and the pod has no status.reason. backoffLimit 0: no more pods.
    {.name = "failed_with_the_containers_reason_and_exit_code",
     .scenario = [] {
       return ScenarioBuilder().behavior("worker:v1", 30s, {1}).object(make_job("bad").backoff_limit(0)).build();
     },
     .expect = {{2000, "bad", PodPhase::Pending, PodPhase::Running, "", 0, false},
                {32000, "bad", PodPhase::Running, PodPhase::Failed, "Error", 1, true}}},
    // activeDeadlineSeconds 30 from startTime 0: the pod is deleted at 30, its container exits
    // 5 s after SIGTERM with 143 (128 + 15), reason Error: Failed at 35.
    {.name = "failed_after_sigterm_at_the_active_deadline",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1", 5s).object(make_job("deadline").active_deadline_seconds(30)).build();
     },
     .expect = {{2000, "deadline", PodPhase::Pending, PodPhase::Running, "", 0, false},
                {35000, "deadline", PodPhase::Running, PodPhase::Failed, "Error", 143, true}}},
};

class PodPhaseChangedSignal : public ::testing::TestWithParam<PhaseCase> {};

TEST_P(PodPhaseChangedSignal, IsEmittedWhenUpstreamSays) {
  const scenario::Scenario scenario = GetParam().scenario();
  world::World world(scenario);
  std::vector<PhaseChange> seen;
  world.lifecycle().pod_phase_changed.connect([&](const cluster::PodPhaseChanged& c) {
    seen.push_back({ms_since_start(world, world.sim().now()), owner_of(world, c.pod), c.from, c.to,
                    std::string(c.reason), c.exit_code, c.has_exit_code});
  });
  world.finish();
  EXPECT_EQ(seen, GetParam().expect);
}

INSTANTIATE_TEST_SUITE_P(Upstream, PodPhaseChangedSignal, ::testing::ValuesIn(kPhaseCases),
                         test_support::name_of<PhaseCase>);

// ---- ContainerRestarted --------------------------------------------------------------------

struct Restart {
  std::int64_t ms;
  std::string job;
  std::uint32_t container;
  std::int32_t restart_count;
  bool operator==(const Restart&) const = default;
};
void PrintTo(const Restart& r, std::ostream* out) {
  *out << r.ms << "ms " << r.job << " #" << r.container << " restartCount " << r.restart_count;
}

struct RestartCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<Restart> expect;
};

const RestartCase kRestartCases[] = {
    // OnFailure, a container that exits 1 at once: CrashLoopBackOff restarts it in place after
    // 0, 10, 20, 40 s (2, 12, 32, 72), restartCount 1..4; the 4th reaches backoffLimit 4 and the
    // Job fails (73): no 5th restart.
    {.name = "on_failure_crash_loop_backoff",
     .scenario = [] {
       return ScenarioBuilder()
           .behavior("processor:v1", 0s, {1})
           .object(make_job("proc").restart_policy(api::RestartPolicy::OnFailure).backoff_limit(4).image("processor:v1"))
           .build();
     },
     .expect = {{2000, "proc", 0, 1}, {12000, "proc", 0, 2}, {32000, "proc", 0, 3}, {72000, "proc", 0, 4}}},
    // restartPolicy Never: a failed container is never restarted (the Job makes a new pod).
    {.name = "never_does_not_restart",
     .scenario = [] {
       return ScenarioBuilder().behavior("worker:v1", 0s, {1, 0}).object(make_job("never")).build();
     },
     .expect = {}},
};

class ContainerRestartedSignal : public ::testing::TestWithParam<RestartCase> {};

TEST_P(ContainerRestartedSignal, IsEmittedWhenUpstreamSays) {
  const scenario::Scenario scenario = GetParam().scenario();
  world::World world(scenario);
  std::vector<Restart> seen;
  world.lifecycle().container_restarted.connect([&](const cluster::ContainerRestarted& r) {
    seen.push_back({ms_since_start(world, world.sim().now()), owner_of(world, r.pod), r.container, r.restart_count});
  });
  world.finish();
  EXPECT_EQ(seen, GetParam().expect);
}

INSTANTIATE_TEST_SUITE_P(Upstream, ContainerRestartedSignal, ::testing::ValuesIn(kRestartCases),
                         test_support::name_of<RestartCase>);

// ---- JobFinished ---------------------------------------------------------------------------

struct Finish {
  std::int64_t ms;
  std::string job;
  JobFinishedCondition condition;
  std::string reason;
  std::int64_t at_ms;
  std::optional<std::int64_t> start_ms;
  bool operator==(const Finish&) const = default;
};
void PrintTo(const Finish& f, std::ostream* out) {
  *out << f.ms << "ms " << f.job << (f.condition == JobFinishedCondition::Complete ? " Complete " : " Failed ")
       << f.reason << " at " << f.at_ms << " start " << (f.start_ms ? std::to_string(*f.start_ms) : "none");
}

struct FinishCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<Finish> expect;
};

const FinishCase kFinishCases[] = {
    // startTime 0; the pod succeeds at 32, the batched sync at 33 writes SuccessCriteriaMet and
    // Complete, both CompletionsReached.
    {.name = "complete_at_the_sync_after_the_success",
     .scenario = [] { return ScenarioBuilder().behavior("worker:v1", 30s).object(make_job("one")).build(); },
     .expect = {{33000, "one", JobFinishedCondition::Complete, "CompletionsReached", 33000, 0}}},
    // Pods fail at 2, 14, 36, 78 (backoff 10, 20, 40 s after each failure's sync); the 4th
    // failure exceeds backoffLimit 3 at the sync at 79.
    {.name = "failed_backoff_limit_exceeded",
     .scenario = [] {
       return ScenarioBuilder().object(make_job("demo").backoff_limit(3).command({"sh", "-c", "exit 1"})).build();
     },
     .expect = {{79000, "demo", JobFinishedCondition::Failed, "BackoffLimitExceeded", 79000, 0}}},
    // FailureTarget at the deadline (30); Failed waits for the pod to terminate (35): sync at 36.
    {.name = "failed_deadline_exceeded_after_the_pod_terminated",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1", 5s).object(make_job("deadline").active_deadline_seconds(30)).build();
     },
     .expect = {{36000, "deadline", JobFinishedCondition::Failed, "DeadlineExceeded", 36000, 0}}},
};

class JobFinishedSignal : public ::testing::TestWithParam<FinishCase> {};

TEST_P(JobFinishedSignal, IsEmittedWhenUpstreamSays) {
  const scenario::Scenario scenario = GetParam().scenario();
  world::World world(scenario);
  std::vector<Finish> seen;
  world.lifecycle().job_finished.connect([&](const cluster::JobFinished& f) {
    std::optional<std::int64_t> start;
    if (f.start_time) start = ms_since_start(world, *f.start_time);
    seen.push_back({ms_since_start(world, world.sim().now()), world.api().jobs().get(f.job)->metadata->name, f.condition,
                    std::string(f.reason), ms_since_start(world, f.at), start});
  });
  world.finish();
  EXPECT_EQ(seen, GetParam().expect);
}

INSTANTIATE_TEST_SUITE_P(Upstream, JobFinishedSignal, ::testing::ValuesIn(kFinishCases),
                         test_support::name_of<FinishCase>);

// ---- CronJobJobDeleted ---------------------------------------------------------------------

struct Deletion {
  std::int64_t ms;
  std::string cron_job;
  std::string job;
  CronJobDeleteReason why;
  bool operator==(const Deletion&) const = default;
};
void PrintTo(const Deletion& d, std::ostream* out) {
  *out << d.ms << "ms " << d.cron_job << " " << d.job
       << (d.why == CronJobDeleteReason::Replaced ? " Replaced" : " HistoryCleanup");
}

struct DeletionCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<Deletion> expect;
};

// A backup every 5 minutes; the case's behavior for backup-tool:v1 says how long it runs.
testing::CronJobBuilder backup() {
  return make_cron_job("backup", "*/5 * * * *").job_template(make_job("t").image("backup-tool:v1"));
}

const DeletionCase kDeletionCases[] = {
    // Replace, 7-minute runs: Job k is created at 300k + 0.1; at the next schedule (300(k+1) +
    // 0.1) it still runs (it would finish at 300k + 423.1) and is deleted before the next is
    // created: 00:05's Job at 600.1, 00:10's at 900.1; 00:15's still runs at the end (20 min).
    {.name = "replace_deletes_the_running_job_at_the_next_schedule",
     .scenario = [] {
       return ScenarioBuilder()
           .until(20min)
           .behavior("backup-tool:v1", 7min)
           .object(backup().concurrency_policy(api::ConcurrencyPolicy::Replace))
           .build();
     },
     .expect = {{600100, "backup", "backup-29453765", CronJobDeleteReason::Replaced},
                {900100, "backup", "backup-29453770", CronJobDeleteReason::Replaced}}},
    // 1-minute successful runs: Job k completes at 300k + 63.1. successfulJobsHistoryLimit 1:
    // the 2nd completion (663.1) removes the oldest by startTime (00:05's Job), the 3rd (963.1)
    // 00:10's.
    {.name = "successful_jobs_history_limit_1_deletes_the_oldest",
     .scenario = [] {
       return ScenarioBuilder()
           .until(1000s)
           .behavior("backup-tool:v1", 1min)
           .object(backup().successful_jobs_history_limit(1))
           .build();
     },
     .expect = {{663100, "backup", "backup-29453765", CronJobDeleteReason::HistoryCleanup},
                {963100, "backup", "backup-29453770", CronJobDeleteReason::HistoryCleanup}}},
    // Failing runs (exit 1, backoffLimit 0): Job k fails at 300k + 63.1; the default
    // failedJobsHistoryLimit 1 removes the previous failed Job at each new failure.
    {.name = "failed_jobs_history_limit_1_deletes_the_previous_failure",
     .scenario = [] {
       return ScenarioBuilder()
           .until(1000s)
           .behavior("backup-tool:v1", 1min, {1})
           .object(make_cron_job("backup", "*/5 * * * *")
                       .job_template(make_job("t").image("backup-tool:v1").backoff_limit(0)))
           .build();
     },
     .expect = {{663100, "backup", "backup-29453765", CronJobDeleteReason::HistoryCleanup},
                {963100, "backup", "backup-29453770", CronJobDeleteReason::HistoryCleanup}}},
    // Forbid never deletes, and 3 successful runs stay within the default limit of 3.
    {.name = "forbid_within_the_history_limit_deletes_nothing",
     .scenario = [] {
       return ScenarioBuilder()
           .until(1000s)
           .behavior("backup-tool:v1", 1min)
           .object(backup().concurrency_policy(api::ConcurrencyPolicy::Forbid))
           .build();
     },
     .expect = {}},
};

class CronJobJobDeletedSignal : public ::testing::TestWithParam<DeletionCase> {};

TEST_P(CronJobJobDeletedSignal, IsEmittedWhenUpstreamSays) {
  const scenario::Scenario scenario = GetParam().scenario();
  world::World world(scenario);
  // The Job is gone from the store when the signal comes (a Background delete): keep names.
  std::map<api::ObjectId, std::string> job_names;
  world.api().jobs().on_add([&](api::ObjectId id, const api::Job& job) { job_names[id] = job.metadata->name; });
  std::vector<Deletion> seen;
  world.lifecycle().cron_job_job_deleted.connect([&](const cluster::CronJobJobDeleted& d) {
    seen.push_back({ms_since_start(world, world.sim().now()), world.api().cron_jobs().get(d.cron_job)->metadata->name,
                    job_names.at(d.job), d.why});
  });
  world.finish();
  EXPECT_EQ(seen, GetParam().expect);
}

INSTANTIATE_TEST_SUITE_P(Upstream, CronJobJobDeletedSignal, ::testing::ValuesIn(kDeletionCases),
                         test_support::name_of<DeletionCase>);

// ---- A scenario's status patch -------------------------------------------------------------

// A patch action that sets a status is the World's write (as `kubectl patch` would be): the World
// announces it like the model announces its own. The pod runs from 2 (podStartup) and is patched
// Failed at 60 (no status.reason, no terminated container: empty reason, no exit code); the Job
// is patched Failed at 60 with its own reason and a lastTransitionTime of 30, its startTime
// being 0.
TEST(ScenarioStatusPatch, IsAnnouncedByTheWorld) {
  const scenario::Scenario scenario = scenario::parse_scenario(R"(
name: status-patch
start: 2026-01-01T00:00:00Z
until: +10m
cluster:
  nodes: [{name: worker, capacity: {cpu: "4", memory: 16Gi}}]
behaviors: [{match: {image: busybox}, duration: 1h}]
objects:
  - {apiVersion: v1, kind: Pod, metadata: {name: p},
     spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}}
  - {apiVersion: batch/v1, kind: Job, metadata: {name: j},
     spec: {template: {spec: {restartPolicy: Never, containers: [{name: main, image: busybox}]}}}}
actions:
  - {at: +1m, patch: {kind: Pod, name: p, patch: {status: {phase: Failed}}}}
  - at: +1m
    patch: {kind: Job, name: j, patch: {status: {conditions: [
      {type: Failed, status: "True", reason: ByHand, lastTransitionTime: "2026-01-01T00:00:30Z"}]}}}
)",
                                                               "status-patch.yaml");
  world::World world(scenario);
  std::vector<PhaseChange> phases;
  world.lifecycle().pod_phase_changed.connect([&](const cluster::PodPhaseChanged& c) {
    if (world.api().pods().get(c.pod)->metadata->name != "p") return;  // not the Job's pod
    phases.push_back({ms_since_start(world, world.sim().now()), "", c.from, c.to, std::string(c.reason), c.exit_code,
                      c.has_exit_code});
  });
  std::vector<Finish> finishes;
  world.lifecycle().job_finished.connect([&](const cluster::JobFinished& f) {
    std::optional<std::int64_t> start;
    if (f.start_time) start = ms_since_start(world, *f.start_time);
    finishes.push_back({ms_since_start(world, world.sim().now()), world.api().jobs().get(f.job)->metadata->name,
                        f.condition, std::string(f.reason), ms_since_start(world, f.at), start});
  });
  world.finish();
  EXPECT_EQ(phases, (std::vector<PhaseChange>{{2000, "", PodPhase::Pending, PodPhase::Running, "", 0, false},
                                              {60000, "", PodPhase::Running, PodPhase::Failed, "", 0, false}}));
  EXPECT_EQ(finishes, (std::vector<Finish>{{60000, "j", JobFinishedCondition::Failed, "ByHand", 30000, 0}}));
}

}  // namespace
}  // namespace jobsim
