// End-to-end deletion: Jobs and CronJobs deleted with each propagation policy, the pod
// garbage collector's terminated-pod threshold, and an orphaned pod after its node is deleted.
// Expected instants come from upstream rules (upstream pkg/controller/job/job_controller.go; pkg/controller/podgc/gc_controller.go; pkg/controller/garbagecollector/garbagecollector.go) and
// the model's documented timings: podStartup 2 s, syncJobBatchPeriod 1 s, scheduler 0 s, the
// garbage collector without latency, PodGC every 20 s from the start, quarantine 40 s.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "testing/builders.hpp"
#include "testing/table.hpp"
#include "testing/trace.hpp"

namespace jobsim {
namespace {

using namespace std::chrono_literals;
using testing::make_job;
using testing::ScenarioBuilder;

using Expect = testing::ExpectedTimes;

struct GcLifecycleCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<Expect> expect;
  std::function<void(world::World&, const testing::Trace&)> check = nullptr;
};

JOBSIM_PRINT_CASES_BY_NAME()

// A suspended CronJob with a fixed uid and a Job it owns (as the CronJob controller would
// have created it), so the test does not depend on the CronJob controller's schedule.
scenario::Scenario cron_job_with_a_job() {
  scenario::Scenario s = ScenarioBuilder().never_ending("worker:v1").delete_at(10s, "CronJob", "nightly").build();
  api::CronJob cron_job;
  cron_job.metadata.edit().name = "nightly";
  cron_job.metadata.edit().uid = "uid-cronjob-nightly";
  cron_job.spec.edit().schedule = "0 3 * * *";
  cron_job.spec.edit().suspend = true;
  cron_job.spec.edit().job_template.spec = make_job("template").build().spec;
  api::Job job = make_job("nightly-29000000").parallelism(2);
  job.metadata.edit().owner_references.edit().push_back({.api_version = "batch/v1",
                                           .kind = "CronJob",
                                           .name = "nightly",
                                           .uid = "uid-cronjob-nightly",
                                           .controller = true,
                                           .block_owner_deletion = true});
  s.objects.insert(s.objects.begin(), {{cron_job, {}}, {job, {}}});
  return s;
}

std::string first_deleted_kind(const testing::Trace& trace) {
  const auto found = std::ranges::find(trace.facts(), std::string("Deleted"), &testing::Fact::event);
  return found == trace.facts().end() ? "" : found->kind;
}

// names of the pods in PodGC's deletion order (byEvictionAndCreationTimestamp: creation, name).
std::vector<std::string> oldest_pod_names(const std::vector<std::pair<api::SimTime, std::string>>& created, std::size_t n) {
  std::vector<std::pair<api::SimTime, std::string>> sorted = created;
  std::ranges::sort(sorted);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n && i < sorted.size(); ++i) names.push_back(sorted[i].second);
  return names;
}

const GcLifecycleCase kCases[] = {
    // Background (kubectl's default): the Job is erased at 10; the collector deletes its pods
    // at once (graceful, 30 s); the containers exit on SIGTERM (terminationDelay 0) and the
    // kubelet's grace-0 DELETE leaves them to their tracking finalizer, which the Job
    // controller's orphan-pod worker removes at once: pods gone at 10.
    {.name = "job_deleted_in_background_takes_its_pods",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(make_job("bg").parallelism(2)).delete_at(10s, "Job", "bg", "Background").build();
     },
     .expect = {{"Pod", "Created", {0, 0}},
                {"Job", "Deleted", {10}},
                {"Pod", "Terminating", {10, 10}},
                {"Pod", "Deleted", {10, 10}}},
     .check = [](world::World& world, const testing::Trace& trace) {
       EXPECT_EQ(world.api().pods().size(), 0u);
       EXPECT_EQ(first_deleted_kind(trace), "Job") << "Background: the owner goes first\n" << trace.dump();
     }},
    // Foreground: at 10 the Job gets deletionTimestamp + foregroundDeletion, which bumps its
    // generation (markAsDeleting), so the Job controller syncs it at once (updateJob,
    // enqueueSyncJobImmediately) and, the Job being deleted, removes the tracking finalizers of
    // its pods (canRemoveFinalizer). The collector then deletes the pods (blocking dependents
    // of a waiting owner); they fail on SIGTERM and are erased at 10; no blocking dependent is
    // left, the finalizer goes and the Job is erased last, still at 10.
    {.name = "job_deleted_in_foreground_goes_after_its_pods",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(make_job("fg").parallelism(2)).delete_at(10s, "Job", "fg", "Foreground").build();
     },
     .expect = {{"Pod", "Terminating", {10, 10}}, {"Pod", "Deleted", {10, 10}}, {"Job", "Deleted", {10}}},
     .check = [](world::World&, const testing::Trace& trace) {
       const auto& facts = trace.facts();
       const auto job_gone = std::ranges::find_if(facts, [](const testing::Fact& f) { return f.kind == "Job" && f.event == "Deleted"; });
       const auto pods_gone = std::ranges::count_if(facts.begin(), job_gone, [](const testing::Fact& f) {
         return f.kind == "Pod" && f.event == "Deleted";
       });
       EXPECT_EQ(pods_gone, 2) << "both pods are erased before the Job\n" << trace.dump();
     }},
    // Orphan: the collector removes the Job's reference from both pods and then the orphan
    // finalizer; the Job is erased at 10 and its pods keep running, owned by nobody, without
    // the tracking finalizer (the Job controller's orphan-pod worker).
    {.name = "job_deleted_with_orphan_keeps_its_pods_running",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(make_job("orphan").parallelism(2)).delete_at(10s, "Job", "orphan", "Orphan").build();
     },
     .expect = {{"Job", "Deleted", {10}}, {"Pod", "Terminating", {}}, {"Pod", "Deleted", {}}},
     .check = [](world::World& world, const testing::Trace&) {
       EXPECT_EQ(world.api().pods().size(), 2u);
       world.api().pods().for_each([](api::ObjectId, const api::Pod& pod) {
         EXPECT_TRUE(pod.metadata->owner_references.empty()) << pod.metadata->name;
         EXPECT_TRUE(pod.metadata->finalizers.empty()) << pod.metadata->name;
         EXPECT_EQ(pod.status->phase, api::PodPhase::Running) << pod.metadata->name;
       });
     }},
    // A CronJob deleted (Background, the batch/v1 default and kubectl's): erased at 10; its Job
    // is dangling and deleted in the background at 10; the Job's pods follow at 10 as above.
    {.name = "cronjob_deleted_takes_its_jobs_and_their_pods",
     .scenario = cron_job_with_a_job,
     .expect = {{"Pod", "Created", {0, 0}}, {"Job", "Deleted", {10}}, {"Pod", "Deleted", {10, 10}}},
     .check = [](world::World& world, const testing::Trace&) {
       EXPECT_EQ(world.api().cron_jobs().size(), 0u);
       EXPECT_EQ(world.api().jobs().size(), 0u);
       EXPECT_EQ(world.api().pods().size(), 0u);
     }},
    // terminatedPodGCThreshold 5, 15 pods that all succeed at 2 (created 0, Running 2, exit 0):
    // the collection at 20 deletes 15 - 5 = 10, oldest first (same creation instant: by name);
    // the Job completed at 3 and released the tracking finalizers, so they are erased at 20.
    {.name = "pod_gc_deletes_terminated_pods_over_a_small_threshold",
     .scenario = [] {
       scenario::Scenario s = ScenarioBuilder().behavior("worker:v1", 0s).object(make_job("many").completions(15).parallelism(15)).build();
       s.cluster.timings.terminated_pod_gc_threshold = 5;
       return s;
     },
     .expect = {{"Job", "Complete", {3}}, {"Pod", "Deleted", std::vector<double>(10, 20)}},
     .check = [](world::World& world, const testing::Trace&) { EXPECT_EQ(world.api().pods().size(), 5u); }},
    // Node deleted at 10 while its pod runs: PodGC sees the pod's node missing at 20 and
    // quarantines it until 60; at 60 the node is still missing: the pod is marked Failed
    // (DisruptionTarget, DeletionByPodGC) and force-deleted; its tracking finalizer goes at the
    // Job controller's next sync (61), when the pod is erased.
    {.name = "orphaned_pod_is_collected_after_its_node_is_deleted",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(make_job("stranded")).delete_at(10s, "Node", "worker").build();
     },
     .expect = {{"Pod", "Running", {2}}, {"Pod", "Failed", {60}}, {"Pod", "Deleted", {61}}}},
};

class GcLifecycle : public ::testing::TestWithParam<GcLifecycleCase> {};

TEST_P(GcLifecycle, HappensWhenUpstreamSays) {
  const GcLifecycleCase& test_case = GetParam();
  const scenario::Scenario scenario = test_case.scenario();
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();
  testing::expect_times(trace, test_case.expect);
  if (test_case.check) test_case.check(world, trace);
}

INSTANTIATE_TEST_SUITE_P(Upstream, GcLifecycle, ::testing::ValuesIn(kCases), test_support::name_of<GcLifecycleCase>);

// The default threshold, 12,500: 12,510 pods that succeed at once. While fewer than 12,501 are
// terminated nothing is collected; the first 20 s collection after the last one finished
// deletes exactly 12,510 - 12,500 = 10, the oldest (creationTimestamp, then name).
TEST(PodGcThreshold, DefaultThresholdKeeps12500FinishedPods) {
  const scenario::Scenario scenario = ScenarioBuilder()
                                          .nodes("worker", 114, "1000", "4000Gi")  // 114 x 110 pods >= 12,510
                                          .behavior("worker:v1", 0s)
                                          .object(make_job("big").completions(12'510).parallelism(12'510))
                                          .build();
  world::World world(scenario);
  std::vector<std::pair<api::SimTime, std::string>> created;
  double last_succeeded = 0;
  std::vector<double> deleted_at;
  std::vector<std::string> deleted;
  world.api().pods().on_add([&](api::ObjectId, const api::Pod& pod) { created.emplace_back(*pod.metadata->creation_timestamp, pod.metadata->name); });
  world.api().pods().on_update([&](api::ObjectId, const api::Pod& old_pod, const api::Pod& pod) {
    if (old_pod.status->phase != api::PodPhase::Succeeded && pod.status->phase == api::PodPhase::Succeeded) {
      last_succeeded = engine::to_seconds(world.sim().now() - scenario.start);
    }
  });
  world.api().pods().on_delete([&](api::ObjectId, const api::Pod& pod) {
    deleted_at.push_back(engine::to_seconds(world.sim().now() - scenario.start));
    deleted.push_back(pod.metadata->name);
  });
  world.run_until(scenario.start + 10min);
  ASSERT_EQ(created.size(), 12'510u);
  // The next collection: the first multiple of 20 s after the last success.
  const double next_collection = (static_cast<int>(last_succeeded) / 20 + 1) * 20.0;
  EXPECT_EQ(deleted_at, std::vector<double>(10, next_collection)) << "last success at " << last_succeeded;
  EXPECT_EQ(deleted, oldest_pod_names(created, 10));
  EXPECT_EQ(world.api().pods().size(), 12'500u);
}

}  // namespace
}  // namespace jobsim
