// Snapshots (docs/scenario-format.md): objects as `kubectl get -o yaml` prints them are the initial
// state. What kubectl prints for server-managed fields is accepted and ignored; anything else
// unknown is still an error; an object created after `start` is refused with file:line:col.
#include <gtest/gtest.h>

#include <string>

#include "jobsim/scenario/load.hpp"
#include "test_support.hpp"
#include "testing/table.hpp"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using testing::load;
using testing::load_error;

SimTime at(std::string_view text) { return *engine::parse_rfc3339(text); }

// `kubectl get cronjob nightly-report -o yaml` and `kubectl get job nightly-report-29538720 -o
// yaml` (kubectl 1.30: managedFields hidden by default), taken at 2026-03-02T02:00:00Z. The
// CronJob last ran 26 h before (its 00:00 run of 2026-03-02 was missed while the controller
// manager was down); the Job of that run completed and is retained.
constexpr std::string_view kSnapshot = R"(start: 2026-03-02T02:00:00Z
until: +1h
objects:
- apiVersion: batch/v1
  kind: CronJob
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"annotations":{},"name":"nightly-report","namespace":"default"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"image":"report:v1","name":"report"}],"restartPolicy":"OnFailure"}}}},"schedule":"0 0 * * *"}}
    creationTimestamp: "2026-02-20T09:14:03Z"
    generation: 1
    name: nightly-report
    namespace: default
    resourceVersion: "4711"
    uid: 5d6f2a52-7c1e-4b1e-9f0e-2d3c4b5a6978
  spec:
    concurrencyPolicy: Allow
    failedJobsHistoryLimit: 1
    jobTemplate:
      metadata:
        creationTimestamp: null
      spec:
        template:
          metadata:
            creationTimestamp: null
          spec:
            containers:
            - image: report:v1
              imagePullPolicy: IfNotPresent
              name: report
              resources: {}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: OnFailure
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
    schedule: 0 0 * * *
    successfulJobsHistoryLimit: 3
    suspend: false
  status:
    lastScheduleTime: "2026-03-01T00:00:00Z"
    lastSuccessfulTime: "2026-03-01T00:04:12Z"
- apiVersion: batch/v1
  kind: Job
  metadata:
    creationTimestamp: "2026-03-01T00:00:00Z"
    generation: 1
    labels:
      batch.kubernetes.io/controller-uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
      batch.kubernetes.io/job-name: nightly-report-29538720
      controller-uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
      job-name: nightly-report-29538720
    name: nightly-report-29538720
    namespace: default
    ownerReferences:
    - apiVersion: batch/v1
      blockOwnerDeletion: true
      controller: true
      kind: CronJob
      name: nightly-report
      uid: 5d6f2a52-7c1e-4b1e-9f0e-2d3c4b5a6978
    resourceVersion: "4690"
    uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
  spec:
    backoffLimit: 6
    completionMode: NonIndexed
    completions: 1
    manualSelector: false
    parallelism: 1
    podReplacementPolicy: TerminatingOrFailed
    selector:
      matchLabels:
        batch.kubernetes.io/controller-uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
    suspend: false
    template:
      metadata:
        creationTimestamp: null
        labels:
          batch.kubernetes.io/controller-uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
          batch.kubernetes.io/job-name: nightly-report-29538720
          controller-uid: 0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b
          job-name: nightly-report-29538720
      spec:
        containers:
        - image: report:v1
          imagePullPolicy: IfNotPresent
          name: report
          resources: {}
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
        dnsPolicy: ClusterFirst
        restartPolicy: OnFailure
        schedulerName: default-scheduler
        securityContext: {}
        terminationGracePeriodSeconds: 30
  status:
    completionTime: "2026-03-01T00:04:12Z"
    conditions:
    - lastProbeTime: "2026-03-01T00:04:12Z"
      lastTransitionTime: "2026-03-01T00:04:12Z"
      message: Reached expected number of succeeded pods
      reason: CompletionsReached
      status: "True"
      type: SuccessCriteriaMet
    - lastProbeTime: "2026-03-01T00:04:12Z"
      lastTransitionTime: "2026-03-01T00:04:12Z"
      message: Reached expected number of succeeded pods
      reason: CompletionsReached
      status: "True"
      type: Complete
    ready: 0
    startTime: "2026-03-01T00:00:00Z"
    succeeded: 1
    terminating: 0
    uncountedTerminatedPods: {}
)";

TEST(Snapshot, KubectlDumpDecodesToTheInitialState) {
  const Scenario scenario = load(kSnapshot);
  ASSERT_EQ(scenario.objects.size(), 2u);

  const auto& cron_job = std::get<api::CronJob>(scenario.objects[0].object);
  EXPECT_EQ(cron_job.metadata->uid, "5d6f2a52-7c1e-4b1e-9f0e-2d3c4b5a6978");
  EXPECT_EQ(cron_job.metadata->creation_timestamp, at("2026-02-20T09:14:03Z"));
  EXPECT_EQ(cron_job.spec->schedule, "0 0 * * *");
  const api::CronJobStatus want_cron_status{
      .last_schedule_time = at("2026-03-01T00:00:00Z"),  // 26 h before start
      .last_successful_time = at("2026-03-01T00:04:12Z"),
  };
  EXPECT_EQ(cron_job.status, want_cron_status);
  // `creationTimestamp: null` in templates and `resources: {}` leave the template unset.
  const api::Container& container = cron_job.spec->job_template.spec->template_.spec->containers.at(0);
  EXPECT_EQ(container.resources, api::ResourceRequirements{});

  const auto& job = std::get<api::Job>(scenario.objects[1].object);
  EXPECT_EQ(job.metadata->uid, "0e4c9a1b-3f2d-4c5e-8a7b-6c5d4e3f2a1b");
  ASSERT_NE(api::controller_ref(job.metadata), nullptr);
  EXPECT_EQ(api::controller_ref(job.metadata)->uid, cron_job.metadata->uid);
  EXPECT_EQ(job.status->succeeded, 1);
  EXPECT_EQ(job.status->start_time, at("2026-03-01T00:00:00Z"));
  EXPECT_EQ(job.status->completion_time, at("2026-03-01T00:04:12Z"));
  EXPECT_TRUE(api::is_job_finished(job));
}

TEST(Snapshot, StatusAsKubectlPrintsForNewObjectsIsAccepted) {
  // `kubectl create job x --image=busybox --dry-run=client -o yaml`.
  const Scenario scenario = load(R"(start: 2026-03-02T02:00:00Z
until: +1h
objects:
- apiVersion: batch/v1
  kind: Job
  metadata:
    creationTimestamp: null
    name: x
  spec:
    template:
      metadata:
        creationTimestamp: null
      spec:
        containers:
        - image: busybox
          name: x
          resources: {}
        restartPolicy: Never
  status: {}
)");
  ASSERT_EQ(scenario.objects.size(), 1u);
  const auto& job = std::get<api::Job>(scenario.objects[0].object);
  EXPECT_FALSE(job.metadata->creation_timestamp.has_value());
  EXPECT_EQ(job.status, api::JobStatus{});
}

struct BadCase {
  std::string_view name;
  std::string yaml;
  std::string want;
};

const BadCase kBadCases[] = {
    {.name = "created_after_start",
     .yaml = "start: 2026-03-02T02:00:00Z\nuntil: +1h\nobjects:\n"
             "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: late\n    creationTimestamp: \"2026-03-02T02:00:01Z\"\n",
     .want = "scen.yaml:8:24: Node \"late\": metadata.creationTimestamp: 2026-03-02T02:00:01Z is after the scenario start "
             "(2026-03-02T02:00:00Z): objects are the state at start; create later objects with actions"},
    {.name = "created_after_start_in_a_list",
     .yaml = "start: 2026-03-02T02:00:00Z\nuntil: +1h\nobjects:\n"
             "- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: Node\n"
             "    metadata: {name: late, creationTimestamp: \"2026-03-03T00:00:00Z\"}\n",
     .want = "scen.yaml:9:47: Node \"late\": metadata.creationTimestamp: 2026-03-03T00:00:00Z is after the scenario start "
             "(2026-03-02T02:00:00Z): objects are the state at start; create later objects with actions"},
    // Server-managed fields that kubectl prints are accepted; anything else in metadata is not.
    {.name = "unknown_metadata_key_is_still_an_error",
     .yaml = "start: 2026-03-02T02:00:00Z\nuntil: +1h\nobjects:\n"
             "- apiVersion: v1\n  kind: Node\n  metadata: {name: n, resourceVersion: \"1\", selfLink: /x, uuid: u}\n",
     .want = "scen.yaml:6:59: Node \"n\": unknown field \"metadata.uuid\" (did you mean \"uid\"?)"},
};

class BadSnapshot : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadSnapshot, ReportsExactMessages) {
  const BadCase& c = GetParam();
  EXPECT_EQ(load_error(c.yaml), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadSnapshot, ::testing::ValuesIn(kBadCases), testing::name_of<BadCase>);

}  // namespace
}  // namespace jobsim::scenario
