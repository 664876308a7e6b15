// A replayed snapshot (docs/scenario-format.md, docs/snapshots.md): objects with uid,
// creationTimestamp and status are the state at start; ownerReferences by uid hold; at start
// every controller syncs every object, as after a kube-controller-manager restart.
#include <gtest/gtest.h>

#include "jobsim/scenario/load.hpp"
#include "testing/trace.hpp"

namespace jobsim {
namespace {

using namespace std::chrono_literals;

// Taken at 02:00. A nightly CronJob (suspended here so that this test is about the Job
// controller, the kubelet and the garbage collector only) whose 26-hour-old Job completed and is
// retained with its Succeeded pod; and a Job "backfill" (completions 2) with one pod done and
// one Running since 01:57 on worker. The pod comes before its Job in the file on purpose.
constexpr std::string_view kScenario = R"(start: 2026-03-02T02:00:00Z
until: +1h
cluster:
  nodes: [{name: worker, capacity: {cpu: "4", memory: 16Gi}}]
behaviors:
  - match: {image: report:v1}
    duration: 4m
objects:
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2026-03-02T01:56:58Z"
    finalizers: [batch.kubernetes.io/job-tracking]
    labels: {batch.kubernetes.io/job-name: backfill}
    name: backfill-x7k2p
    namespace: default
    ownerReferences:
    - {apiVersion: batch/v1, blockOwnerDeletion: true, controller: true, kind: Job, name: backfill, uid: b0f1e2d3-0000-4000-8000-00000000000b}
    resourceVersion: "5120"
    uid: 7a1b2c3d-0000-4000-8000-000000000007
  spec:
    containers: [{image: report:v1, name: report, resources: {}}]
    nodeName: worker
    restartPolicy: Never
  status:
    conditions:
    - {lastProbeTime: null, lastTransitionTime: "2026-03-02T01:57:00Z", status: "True", type: Ready}
    containerStatuses:
    - image: report:v1
      name: report
      ready: true
      restartCount: 0
      state: {running: {startedAt: "2026-03-02T01:57:00Z"}}
    phase: Running
    startTime: "2026-03-02T01:56:58Z"
- apiVersion: batch/v1
  kind: Job
  metadata:
    creationTimestamp: "2026-03-02T01:50:00Z"
    name: backfill
    uid: b0f1e2d3-0000-4000-8000-00000000000b
  spec:
    completions: 2
    template:
      spec:
        containers: [{image: report:v1, name: report}]
        restartPolicy: Never
  status:
    active: 1
    startTime: "2026-03-02T01:50:00Z"
    succeeded: 1
- apiVersion: batch/v1
  kind: CronJob
  metadata:
    creationTimestamp: "2026-02-20T09:14:03Z"
    name: nightly-report
    uid: 5d6f2a52-7c1e-4b1e-9f0e-2d3c4b5a6978
  spec:
    schedule: 0 0 * * *
    suspend: true
    jobTemplate:
      spec:
        template:
          spec:
            containers: [{image: report:v1, name: report}]
            restartPolicy: OnFailure
  status:
    lastScheduleTime: "2026-03-01T00:00:00Z"
- apiVersion: batch/v1
  kind: Job
  metadata:
    creationTimestamp: "2026-03-01T00:00:00Z"
    name: nightly-report-29538720
    ownerReferences:
    - {apiVersion: batch/v1, blockOwnerDeletion: true, controller: true, kind: CronJob, name: nightly-report, uid: 5d6f2a52-7c1e-4b1e-9f0e-2d3c4b5a6978}
    uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
  spec:
    template:
      spec:
        containers: [{image: report:v1, name: report}]
        restartPolicy: OnFailure
  status:
    completionTime: "2026-03-01T00:04:12Z"
    conditions:
    - {lastProbeTime: "2026-03-01T00:04:12Z", lastTransitionTime: "2026-03-01T00:04:12Z", message: Reached expected number of succeeded pods, reason: CompletionsReached, status: "True", type: SuccessCriteriaMet}
    - {lastProbeTime: "2026-03-01T00:04:12Z", lastTransitionTime: "2026-03-01T00:04:12Z", message: Reached expected number of succeeded pods, reason: CompletionsReached, status: "True", type: Complete}
    startTime: "2026-03-01T00:00:00Z"
    succeeded: 1
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: "2026-03-01T00:00:00Z"
    name: nightly-report-29538720-q8w4z
    ownerReferences:
    - {apiVersion: batch/v1, blockOwnerDeletion: true, controller: true, kind: Job, name: nightly-report-29538720, uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b}
    uid: 3c4d5e6f-0000-4000-8000-000000000003
  spec:
    containers: [{image: report:v1, name: report}]
    nodeName: worker
    restartPolicy: OnFailure
  status:
    containerStatuses:
    - image: report:v1
      name: report
      ready: false
      restartCount: 0
      state: {terminated: {exitCode: 0, finishedAt: "2026-03-01T00:04:11Z", reason: Completed, startedAt: "2026-03-01T00:00:02Z"}}
    phase: Succeeded
    startTime: "2026-03-01T00:00:00Z"
)";

const api::Job& job_named(world::World& world, std::string_view name) {
  const api::Job* job = world.api().jobs().get(world.api().jobs().find("default", name));
  static const api::Job kEmpty;
  EXPECT_NE(job, nullptr) << "no Job " << name;
  return job != nullptr ? *job : kEmpty;
}

TEST(Snapshot, ReplaysFromTheStateAtStart) {
  const scenario::Scenario scenario = scenario::parse_scenario(kScenario, "snapshot.yaml", {}, ".");
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();

  // The Job controller syncs "backfill" at start: 1 succeeded + 1 active = completions, so it
  // creates no pod. The kubelet adopts the Running pod: its 4-minute run started at 01:57, so
  // it exits 0 at 02:01 (+60 s); the batched sync at +61 s counts the 2nd success and completes.
  // The retained Succeeded pod stays as it is (Trace records phase changes of updates only).
  EXPECT_EQ(trace.times("Pod", "Created"), (std::vector<double>{0, 0})) << trace.dump();
  EXPECT_EQ(trace.times("Pod", "Succeeded"), (std::vector<double>{60})) << trace.dump();
  EXPECT_EQ(trace.times("Job", "Complete"), (std::vector<double>{61})) << trace.dump();
  EXPECT_EQ(trace.times("Pod", "Deleted"), std::vector<double>{}) << trace.dump();
  EXPECT_EQ(trace.times("Job", "Deleted"), std::vector<double>{}) << trace.dump();

  const api::Job& backfill = job_named(world, "backfill");
  EXPECT_EQ(backfill.status->succeeded, 2);
  EXPECT_EQ(backfill.status->start_time, *engine::parse_rfc3339("2026-03-02T01:50:00Z")) << "kept from the snapshot";
  EXPECT_EQ(backfill.metadata->uid, "b0f1e2d3-0000-4000-8000-00000000000b");

  // The finished Job and its pod are kept: their owners exist under the given uids.
  const api::Job& nightly = job_named(world, "nightly-report-29538720");
  EXPECT_EQ(nightly.status->completion_time, *engine::parse_rfc3339("2026-03-01T00:04:12Z"));
  EXPECT_TRUE(api::is_job_finished(nightly));
  const api::Pod* retained =
      world.api().pods().get(world.api().pods().find("default", "nightly-report-29538720-q8w4z"));
  ASSERT_NE(retained, nullptr);
  EXPECT_EQ(retained->status->phase, api::PodPhase::Succeeded);
  const api::CronJob* cron_job = world.api().cron_jobs().get(world.api().cron_jobs().find("default", "nightly-report"));
  ASSERT_NE(cron_job, nullptr);
  EXPECT_EQ(cron_job->status->last_schedule_time, *engine::parse_rfc3339("2026-03-01T00:00:00Z"));
}

}  // namespace
}  // namespace jobsim
