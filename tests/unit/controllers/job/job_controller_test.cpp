// One sync of JobController against the real API server of the cluster layer, from a Job and
// pods in given states, as upstream's table tests of syncJob do. Ported from upstream
// pkg/controller/job/job_controller_test.go TestSyncJobWithJobSuccessPolicy (feature gates
// JobSuccessPolicy, JobPodReplacementPolicy, JobBackoffLimitPerIndex on, as in jobsim); case
// names are upstream's in snake_case, the expected counters and conditions upstream's. Where a
// case has backoffLimitPerIndex set with its gate off upstream, jobsim (gate on) also writes
// failedIndexes: the case says so. Also TestSyncJobWithJobBackoffLimitPerIndex (the gates-on
// cases), and one case of ours for the per-index backoff in manageJob.
#include "jobsim/controllers/job/job_controller.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/controllers/job/index_failures.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using namespace std::chrono_literals;
using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

const api::SimTime kNow = api::SimTime{} + 1000h;
constexpr std::string_view kDisruptionTarget = "DisruptionTarget";

// Upstream's buildPod().uid().index().phase()/status().indexFailureCount().trackingFinalizer().
struct PodDesc {
  std::string_view uid;
  std::string_view index;
  api::PodPhase phase = api::PodPhase::Failed;
  std::optional<std::string_view> failure_count;
  bool disruption_target = false;
  std::string_view name = {};  // default "pod-<uid>"
  std::optional<api::Duration> finished_before_now;
  std::optional<std::int32_t> exit_code;  // a terminated container "x" with this code
};

struct Condition {
  std::string_view type;
  std::string_view reason;
  std::string_view message;
  bool operator==(const Condition&) const = default;
};

struct SyncCase {
  std::string_view name;
  std::int32_t completions = 2;
  std::optional<std::int32_t> backoff_limit;  // nullopt: defaulted
  std::optional<std::int32_t> backoff_limit_per_index;
  std::optional<std::int32_t> max_failed_indexes;
  std::optional<api::SuccessPolicy> success_policy;
  bool fail_job_on_disruption = false;  // podFailurePolicy: FailJob on DisruptionTarget=True
  std::optional<api::PodFailurePolicyAction> on_exit_code_3;  // podFailurePolicy: this action on exit code 3
  // the Job's status before the sync
  std::int32_t status_succeeded = 0;
  std::string_view status_completed_indexes;
  std::optional<Condition> status_condition;
  std::vector<PodDesc> pods;
  // after the sync
  std::int32_t want_active = 0;
  std::int32_t want_failed = 0;
  std::int32_t want_succeeded = 0;
  std::int32_t want_terminating = 0;
  std::string_view want_completed_indexes;
  std::optional<std::string> want_failed_indexes;
  std::vector<Condition> want_conditions;
  std::vector<std::string> want_created;  // "<index>:<failure-count>" of created pods
};

const api::SuccessPolicy kIndexes01Count1{.rules = {{.succeeded_indexes = "0,1", .succeeded_count = 1}}};
const Condition kSuccessPolicyMet{"SuccessCriteriaMet", "SuccessPolicy", "Matched rules at index 0"};
const Condition kSuccessPolicyComplete{"Complete", "SuccessPolicy", "Matched rules at index 0"};

const SyncCase kCases[] = {
    // --- TestSyncJobWithJobSuccessPolicy -------------------------------------------------
    {.name = "job_with_success_policy_job_pod_replacement_policy_feature_enabled_job_has_both_complete_and_success_"
             "criteria_met_condition_when_job_meets_to_success_policy_and_all_pods_have_been_already_removed",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 2,
     .success_policy = kIndexes01Count1,
     .status_condition = kSuccessPolicyMet,
     .pods = {{.uid = "a", .index = "0"}, {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded}},
     .want_failed = 1,
     .want_succeeded = 1,
     .want_completed_indexes = "1",
     .want_failed_indexes = "",  // upstream nil: its case has the JobBackoffLimitPerIndex gate off
     .want_conditions = {kSuccessPolicyMet, kSuccessPolicyComplete}},
    {.name = "job_with_success_policy_job_pod_replacement_policy_feature_enabled_job_has_success_criteria_met_"
             "condition_when_job_meets_to_success_policy_and_some_pods_still_are_running",
     .completions = 3,
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 3,
     .success_policy = kIndexes01Count1,
     .status_condition = kSuccessPolicyMet,
     .pods = {{.uid = "a1", .index = "0"},
              {.uid = "a2", .index = "1", .phase = api::PodPhase::Running},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded},
              {.uid = "c", .index = "2", .phase = api::PodPhase::Running}},
     .want_failed = 1,
     .want_succeeded = 1,
     .want_terminating = 2,
     .want_completed_indexes = "1",
     .want_failed_indexes = "",  // upstream nil: gate off in its case
     .want_conditions = {kSuccessPolicyMet}},
    {.name = "job_with_success_policy_and_pod_failure_policy_job_pod_replacement_policy_feature_enabled_job_has_a_"
             "failed_condition_when_job_meets_to_both_success_policy_and_pod_failure_policy",
     .backoff_limit = 2147483647,
     .success_policy = kIndexes01Count1,
     .fail_job_on_disruption = true,
     .pods = {{.uid = "a1", .index = "0", .disruption_target = true, .name = "mypod-0"},
              {.uid = "a2", .index = "0", .phase = api::PodPhase::Running},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded}},
     .want_failed = 2,
     .want_succeeded = 1,
     .want_terminating = 1,
     .want_completed_indexes = "1",
     .want_conditions = {{"FailureTarget", "PodFailurePolicy",
                          "Pod default/mypod-0 has condition DisruptionTarget matching FailJob rule at index 0"}}},
    {.name = "job_with_success_policy_and_backoff_limit_per_index_job_pod_replacement_policy_feature_enabled_job_has_a_"
             "failed_condition_when_job_meets_to_both_success_policy_and_backoff_limit_per_index",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .success_policy = kIndexes01Count1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "1"},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded}},
     .want_failed = 1,
     .want_succeeded = 1,
     .want_completed_indexes = "1",
     .want_failed_indexes = "0",
     .want_conditions = {{"FailureTarget", "FailedIndexes", "Job has failed indexes"},
                         {"Failed", "FailedIndexes", "Job has failed indexes"}}},
    {.name = "job_with_success_policy_and_backoff_limit_job_pod_replacement_policy_feature_enabled_job_has_a_failed_"
             "condition_when_job_meets_to_both_success_policy_and_backoff_limit",
     .backoff_limit = 1,
     .success_policy = kIndexes01Count1,
     .pods = {{.uid = "a1", .index = "0"},
              {.uid = "a2", .index = "0"},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded}},
     .want_failed = 2,
     .want_succeeded = 1,
     .want_completed_indexes = "1",
     .want_conditions = {{"FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"},
                         {"Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"}}},
    {.name = "job_with_success_policy_and_pod_failure_policy_job_pod_replacement_policy_feature_enabled_job_with_"
             "success_criteria_met_has_never_been_transitioned_to_failure_target_and_failed_even_if_job_meets_pod_"
             "failure_policy",
     .backoff_limit = 2147483647,
     .success_policy = api::SuccessPolicy{.rules = {{.succeeded_count = 1}}},
     .fail_job_on_disruption = true,
     .status_succeeded = 1,
     .status_completed_indexes = "1",
     .status_condition = kSuccessPolicyMet,
     .pods = {{.uid = "a", .index = "0", .disruption_target = true},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded}},
     .want_failed = 1,
     .want_succeeded = 1,
     .want_completed_indexes = "1",
     .want_conditions = {kSuccessPolicyMet, kSuccessPolicyComplete}},

    // --- TestSyncJobWithJobBackoffLimitPerIndex (gates on) ------------------------------
    // Upstream's snapshot expects the success conditions without reason; since
    // JobReasonCompletionsReached they carry it (upstream pkg/controller/job/job_controller.go syncJob, since CompletionsReached).
    {.name = "successful_job_after_a_single_failure_within_index",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a1", .index = "0", .failure_count = "0"},
              {.uid = "a2", .index = "0", .phase = api::PodPhase::Succeeded, .failure_count = "1"},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded, .failure_count = "0"}},
     .want_failed = 1,
     .want_succeeded = 2,
     .want_completed_indexes = "0,1",
     .want_failed_indexes = "",
     .want_conditions = {{"SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"},
                         {"Complete", "CompletionsReached", "Reached expected number of succeeded pods"}}},
    // The failed pod finished long ago (its creation time), so index 0's backoff is over: both
    // indexes get a pod, index 0's with count 1; the failed pod keeps its finalizer this sync.
    {.name = "single_failed_pod_not_counted_as_the_replacement_pod_creation_is_delayed",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0"}},
     .want_active = 2,
     .want_failed = 0,
     .want_failed_indexes = "",
     .want_created = {"0:1", "1:0"}},
    {.name = "single_failed_pod_replaced_already",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0"},
              {.uid = "b", .index = "0", .phase = api::PodPhase::Pending, .failure_count = "1"}},
     .want_active = 2,
     .want_failed = 1,
     .want_failed_indexes = "",
     .want_created = {"1:0"}},
    {.name = "single_failed_index_due_to_exceeding_the_backoff_limit_per_index_the_job_continues",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "1"}},
     .want_active = 1,
     .want_failed = 1,
     .want_failed_indexes = "0",
     .want_created = {"1:0"}},
    {.name = "single_failed_index_due_to_fail_index_action_the_job_continues",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .on_exit_code_3 = api::PodFailurePolicyAction::FailIndex,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0", .exit_code = 3}},
     .want_active = 1,
     .want_failed = 1,
     .want_failed_indexes = "0",
     .want_created = {"1:0"}},
    {.name = "job_failed_index_due_to_fail_job_action",
     .backoff_limit = 6,
     .backoff_limit_per_index = 1,
     .on_exit_code_3 = api::PodFailurePolicyAction::FailJob,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0", .name = "mypod-0", .exit_code = 3}},
     .want_failed = 1,
     .want_failed_indexes = "",
     .want_conditions = {{"FailureTarget", "PodFailurePolicy",
                          "Container x for pod default/mypod-0 failed with exit code 3 matching FailJob rule at index 0"},
                         {"Failed", "PodFailurePolicy",
                          "Container x for pod default/mypod-0 failed with exit code 3 matching FailJob rule at index 0"}}},
    // The ignored failure neither fails the index nor counts; the replacement for index 0 is
    // created (its job-index-ignored-failure-count is 1) and the failed pod keeps its finalizer.
    {.name = "job_pod_failure_ignored_due_to_matching_ignore_action",
     .backoff_limit = 6,
     .backoff_limit_per_index = 1,
     .on_exit_code_3 = api::PodFailurePolicyAction::Ignore,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0", .finished_before_now = 1h, .exit_code = 3}},
     .want_active = 2,
     .want_failed = 0,
     .want_failed_indexes = "",
     .want_created = {"0:0", "1:0"}},
    {.name = "job_failed_due_to_exceeding_backoff_limit_before_backoff_limit_per_index",
     .backoff_limit = 1,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0"}, {.uid = "b", .index = "1", .failure_count = "0"}},
     .want_failed = 2,
     .want_failed_indexes = "",
     .want_conditions = {{"FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"},
                         {"Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"}}},
    {.name = "job_failed_due_to_failed_indexes",
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "1"},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded, .failure_count = "0"}},
     .want_failed = 1,
     .want_succeeded = 1,
     .want_completed_indexes = "1",
     .want_failed_indexes = "0",
     .want_conditions = {{"FailureTarget", "FailedIndexes", "Job has failed indexes"},
                         {"Failed", "FailedIndexes", "Job has failed indexes"}}},
    {.name = "job_failed_due_to_exceeding_max_failed_indexes",
     .completions = 4,
     .backoff_limit = 2147483647,
     .backoff_limit_per_index = 1,
     .max_failed_indexes = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "1"},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Succeeded, .failure_count = "0"},
              {.uid = "c", .index = "2", .failure_count = "1"},
              {.uid = "d", .index = "3", .phase = api::PodPhase::Running, .failure_count = "0"}},
     .want_failed = 3,
     .want_succeeded = 1,
     .want_terminating = 1,
     .want_completed_indexes = "1",
     .want_failed_indexes = "0,2",
     .want_conditions = {{"FailureTarget", "MaxFailedIndexesExceeded",
                          "Job has exceeded the specified maximal number of failed indexes"}}},

    // --- ours: getRemainingTimePerIndex in manageJob ---------------------------------------
    // Index 0 failed 5 s ago with count 0: 5 s of its 10 s backoff remain, nothing is created
    // for it (index 1 runs), manageJob reports 0 active, and the failed pod keeps its finalizer.
    {.name = "failed_pod_within_its_index_backoff_is_not_replaced_yet",
     .backoff_limit_per_index = 2,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0", .finished_before_now = 5s},
              {.uid = "b", .index = "1", .phase = api::PodPhase::Running, .failure_count = "0"}},
     .want_active = 0,
     .want_failed = 0,
     .want_failed_indexes = "",
     .want_created = {}},
};

class JobSyncHarness {
 public:
  JobSyncHarness()
      : sim_(kNow),
        streams_(1),
        api_(sim_, streams_),
        client_(api_),
        controller_(sim_, api_.jobs(), api_.pods(), client_, cluster::EventRecorder(sim_, events_, "job-controller"),
                    timings_) {}

  // sync_once creates the Job and its pods with the controller stopped, then lets it sync once.
  api::ObjectId sync_once(const SyncCase& c) {
    controller_.stop();
    api::Job job;
    job.metadata.edit().name = "foobar";
    job.metadata.edit().uid = "job-uid";
    job.spec.edit().completion_mode = api::CompletionMode::Indexed;
    job.spec.edit().completions = c.completions;
    job.spec.edit().parallelism = c.completions;
    job.spec.edit().backoff_limit = c.backoff_limit;
    job.spec.edit().backoff_limit_per_index = c.backoff_limit_per_index;
    job.spec.edit().max_failed_indexes = c.max_failed_indexes;
    job.spec.edit().success_policy = c.success_policy;
    if (c.on_exit_code_3) {
      job.spec.edit().pod_failure_policy = api::PodFailurePolicy{
          .rules = {{.action = *c.on_exit_code_3,
                     .on_exit_codes = api::PodFailurePolicyOnExitCodesRequirement{.values = {3}}}}};
    }
    if (c.fail_job_on_disruption) {
      job.spec.edit().pod_failure_policy = api::PodFailurePolicy{
          .rules = {{.action = api::PodFailurePolicyAction::FailJob,
                     .on_pod_conditions = {{.type = std::string(kDisruptionTarget)}}}}};
    }
    api::Container container{.name = "main", .image = "foo/bar"};
    job.spec.edit().template_.spec.edit().containers.push_back(container);
    job.spec.edit().template_.spec.edit().restart_policy = api::RestartPolicy::Never;
    job.spec.edit().template_.spec.edit().restart_policy_set = true;
    job.status.edit().start_time = kNow - 1h;
    job.status.edit().succeeded = c.status_succeeded;
    job.status.edit().completed_indexes = std::string(c.status_completed_indexes);
    if (c.status_condition) {
      job.status.edit().conditions.push_back({.type = std::string(c.status_condition->type),
                                       .reason = std::string(c.status_condition->reason),
                                       .message = std::string(c.status_condition->message)});
    }
    const cluster::ApiResult created = api_.create(job);
    EXPECT_TRUE(created.ok()) << created.message;
    for (const PodDesc& desc : c.pods) EXPECT_TRUE(api_.create(build_pod(desc)).ok()) << desc.uid;
    controller_.start();
    sim_.run_until(kNow);  // the start-up sync only; pod events batch to kNow + 1 s
    return created.id;
  }

  std::vector<std::string> created_pods() const {
    std::vector<std::string> out;
    api_.pods().for_each([&](api::ObjectId, const api::Pod& pod) {
      if (pod.metadata->generate_name.empty()) return;  // the case's own pods have fixed names
      const auto count = pod.metadata->annotations.find(std::string(kJobIndexFailureCountAnnotation));
      out.push_back(std::to_string(get_completion_index(pod)) + ":" +
                    (count == pod.metadata->annotations.end() ? "<none>" : count->second));
    });
    return out;
  }
  const api::Job& job(api::ObjectId id) const { return *api_.jobs().get(id); }

 private:
  static api::Pod build_pod(const PodDesc& desc) {
    api::Pod pod;
    pod.metadata.edit().name = desc.name.empty() ? "pod-" + std::string(desc.uid) : std::string(desc.name);
    pod.metadata.edit().uid = std::string(desc.uid);
    pod.metadata.edit().creation_timestamp = kNow - 2h;
    pod.metadata.edit().annotations.edit()[std::string(api::kJobCompletionIndexAnnotation)] = std::string(desc.index);
    if (desc.failure_count) {
      pod.metadata.edit().annotations.edit()[std::string(kJobIndexFailureCountAnnotation)] = std::string(*desc.failure_count);
    }
    pod.metadata.edit().labels.edit()["batch.kubernetes.io/controller-uid"] = "job-uid";
    pod.metadata.edit().finalizers.edit().emplace_back(api::kJobTrackingFinalizer);
    pod.metadata.edit().owner_references.edit().push_back(
        {.api_version = "batch/v1", .kind = "Job", .name = "foobar", .uid = "job-uid", .controller = true});
    pod.spec.edit().containers.push_back({.name = "main", .image = "foo/bar"});
    pod.spec.edit().node_name = "node-1";
    pod.status.edit().phase = desc.phase;
    if (desc.disruption_target) pod.status.edit().conditions.push_back({.type = std::string(kDisruptionTarget)});
    if (desc.finished_before_now || desc.exit_code) {
      api::ContainerStatus status{.name = desc.exit_code ? "x" : "main"};
      status.state.kind = api::ContainerStateKind::Terminated;
      status.state.exit_code = desc.exit_code.value_or(desc.phase == api::PodPhase::Succeeded ? 0 : 1);
      if (desc.finished_before_now) status.state.finished_at = kNow - *desc.finished_before_now;
      pod.status.edit().container_statuses.push_back(status);
    }
    return pod;
  }

  engine::Simulator sim_;
  engine::RandomStreams streams_;
  cluster::ApiServer api_;
  cluster::EventSink events_;
  cluster::Client client_;
  api::Timings timings_;
  JobController controller_;
};

class SyncJobTest : public ::testing::TestWithParam<SyncCase> {};

TEST_P(SyncJobTest, status_after_one_sync) {
  const SyncCase& c = GetParam();
  JobSyncHarness harness;
  const api::ObjectId id = harness.sync_once(c);
  const api::JobStatus& status = harness.job(id).status;
  EXPECT_EQ(status.active, c.want_active);
  EXPECT_EQ(status.failed, c.want_failed);
  EXPECT_EQ(status.succeeded, c.want_succeeded);
  EXPECT_EQ(status.terminating.value_or(0), c.want_terminating);
  EXPECT_EQ(status.completed_indexes, c.want_completed_indexes);
  // failedIndexes is boxed (api/boxed.hpp): compared as the optional it stands for.
  const std::optional<std::string> failed_indexes =
      status.failed_indexes ? std::optional<std::string>(*status.failed_indexes) : std::nullopt;
  EXPECT_EQ(failed_indexes, c.want_failed_indexes);
  std::vector<Condition> conditions;
  for (const api::JobCondition& condition : status.conditions) {
    conditions.push_back({condition.type, condition.reason, condition.message});
  }
  EXPECT_EQ(conditions, c.want_conditions);
  std::vector<std::string> created = harness.created_pods();
  std::ranges::sort(created);
  EXPECT_EQ(created, c.want_created);
}

INSTANTIATE_TEST_SUITE_P(Upstream, SyncJobTest, ::testing::ValuesIn(kCases), name_of<SyncCase>);

}  // namespace
}  // namespace jobsim::controllers::job
