// kubectl get tables. Pod STATUS/READY/RESTARTS cases follow upstream
// pkg/printers/internalversion/printers_test.go TestPrintPod (its cases are unnamed; the names
// here are its comments; "podPhase" becomes Pending, our phase is an enum). Whole tables are
// rendered from a real ApiServer store, with kubectl's column alignment.
#include "jobsim/report/kubectl.hpp"
#include "jobsim/report/kubectl_tables.hpp"
#include "recorder_fixture.hpp"
#include "testing/table.hpp"

namespace jobsim::report::kubectl {
namespace {

using namespace std::chrono_literals;
using api::ContainerState;
using api::ContainerStateKind;
using api::ContainerStatus;
using report::testing::kStart;

struct PodStatusCase {
  std::string_view name;
  api::PodPhase phase = api::PodPhase::Pending;
  std::string pod_reason;
  std::vector<ContainerStatus> statuses;
  bool ready_condition = false;
  bool deleting = false;
  std::string_view want_ready;
  std::string_view want_status;
  std::string_view want_restarts = "0";
};
JOBSIM_PRINT_CASES_BY_NAME()

const ContainerState kRunning{.kind = ContainerStateKind::Running};
ContainerState waiting(std::string reason) { return {.kind = ContainerStateKind::Waiting, .reason = std::move(reason)}; }
ContainerState terminated(std::string reason, std::int32_t exit_code) {
  return {.kind = ContainerStateKind::Terminated, .reason = std::move(reason), .exit_code = exit_code};
}

const PodStatusCase kPodCases[] = {
    {.name = "test_name_num_of_containers_restarts_container_ready_status",
     .statuses = {{.state = kRunning, .ready = true, .restart_count = 3}, {.state = waiting(""), .restart_count = 3}},
     .want_ready = "1/2", .want_status = "Pending", .want_restarts = "6"},
    {.name = "test_container_error_overwrites_pod_phase",
     .statuses = {{.state = kRunning, .ready = true, .restart_count = 3},
                  {.state = waiting("ContainerWaitingReason"), .restart_count = 3}},
     .want_ready = "1/2", .want_status = "ContainerWaitingReason", .want_restarts = "6"},
    {.name = "test_terminated_state_and_the_first_container_overwrites_the_rest",
     .statuses = {{.state = waiting("ContainerWaitingReason"), .restart_count = 3},
                  {.state = terminated("ContainerTerminatedReason", 1), .restart_count = 3}},
     .want_ready = "0/2", .want_status = "ContainerWaitingReason", .want_restarts = "6"},
    {.name = "test_ready_is_not_enough_for_reporting_running",
     .statuses = {{.state = waiting(""), .ready = true, .restart_count = 3},
                  {.state = waiting(""), .ready = true, .restart_count = 3}},
     .want_ready = "0/2", .want_status = "Pending", .want_restarts = "6"},
    {.name = "test_pod_has_2_containers_one_running_one_completed_without_ready_condition",
     .phase = api::PodPhase::Running,
     .statuses = {{.state = terminated("Completed", 0), .restart_count = 3},
                  {.state = kRunning, .ready = true, .restart_count = 3}},
     .want_ready = "1/2", .want_status = "NotReady", .want_restarts = "6"},
    {.name = "test_pod_has_2_containers_one_running_one_completed_with_ready_condition",
     .phase = api::PodPhase::Running,
     .statuses = {{.state = terminated("Completed", 0), .restart_count = 3},
                  {.state = kRunning, .ready = true, .restart_count = 3}},
     .ready_condition = true, .want_ready = "1/2", .want_status = "Running", .want_restarts = "6"},
    {.name = "test_pod_is_terminating", .phase = api::PodPhase::Running,
     .statuses = {{.state = kRunning, .ready = true}}, .deleting = true,
     .want_ready = "1/1", .want_status = "Terminating"},
    {.name = "test_pod_is_unknown_when_its_node_is_lost", .phase = api::PodPhase::Running, .pod_reason = "NodeLost",
     .statuses = {{.state = kRunning, .ready = true}}, .deleting = true,
     .want_ready = "1/1", .want_status = "Unknown"},
    {.name = "completed_pod", .phase = api::PodPhase::Succeeded,
     .statuses = {{.state = terminated("Completed", 0)}}, .want_ready = "0/1", .want_status = "Completed"},
    {.name = "failed_pod_shows_the_container_reason", .phase = api::PodPhase::Failed,
     .statuses = {{.state = terminated("Error", 1)}}, .want_ready = "0/1", .want_status = "Error"},
    {.name = "oom_killed", .phase = api::PodPhase::Failed,
     .statuses = {{.state = terminated("OOMKilled", 137)}}, .want_ready = "0/1", .want_status = "OOMKilled"},
    {.name = "terminated_without_reason_shows_the_exit_code", .phase = api::PodPhase::Failed,
     .statuses = {{.state = terminated("", 137)}}, .want_ready = "0/1", .want_status = "ExitCode:137"},
    {.name = "crash_loop_back_off", .phase = api::PodPhase::Running,
     .statuses = {{.state = waiting("CrashLoopBackOff"), .restart_count = 2}},
     .want_ready = "0/1", .want_status = "CrashLoopBackOff", .want_restarts = "2"},
    {.name = "evicted_pod_keeps_its_reason", .phase = api::PodPhase::Failed, .pod_reason = "Evicted",
     .want_ready = "0/0", .want_status = "Evicted"},
    {.name = "deleted_terminal_pod_is_not_terminating", .phase = api::PodPhase::Succeeded,
     .statuses = {{.state = terminated("Completed", 0)}}, .deleting = true,
     .want_ready = "0/1", .want_status = "Completed"},
};

class PodStatusTest : public ::testing::TestWithParam<PodStatusCase> {};

TEST_P(PodStatusTest, columns_match_upstream) {
  const PodStatusCase& c = GetParam();
  api::Pod pod;
  pod.metadata.edit().name = "test";
  pod.spec.edit().containers.resize(c.statuses.size());
  pod.status.edit().phase = c.phase;
  pod.status.edit().reason = c.pod_reason;
  pod.status.edit().container_statuses = c.statuses;
  if (c.ready_condition) pod.status.edit().conditions.push_back({.type = "Ready"});
  if (c.deleting) pod.metadata.edit().deletion_timestamp = kStart;
  const api::Pod* pods[] = {&pod};
  const Table table = pod_table(pods, kStart, false);
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0][1], c.want_ready);
  EXPECT_EQ(table.rows[0][2], c.want_status);
  EXPECT_EQ(table.rows[0][3], c.want_restarts);
  EXPECT_EQ(table.rows[0][4], "<unknown>");  // no creationTimestamp
}

INSTANTIATE_TEST_SUITE_P(PrintPod, PodStatusTest, ::testing::ValuesIn(kPodCases), test_support::name_of<PodStatusCase>);

TEST(PodRestarts, shows_the_age_of_the_last_restart) {
  api::Pod pod;
  pod.spec.edit().containers.resize(1);
  pod.status.edit().container_statuses.push_back(
      {.state = kRunning,
       .last_termination_state = ContainerState{.kind = ContainerStateKind::Terminated, .finished_at = kStart + 15s},
       .restart_count = 3});
  EXPECT_EQ(pod_restarts(pod, kStart + 60s), "3 (45s ago)");
}

TEST(JobColumns, completions_and_status_follow_print_job) {
  api::Job job;
  job.spec.edit().completions = 3;
  job.status.edit().succeeded = 1;
  EXPECT_EQ(job_completions(job), "1/3");
  job.spec.edit().completions.reset();
  job.spec.edit().parallelism = 4;
  EXPECT_EQ(job_completions(job), "1/1 of 4");
  job.spec.edit().parallelism = 1;
  EXPECT_EQ(job_completions(job), "1/1");
  EXPECT_EQ(job_status(job), "Running");
  job.status.edit().conditions.push_back({.type = "FailureTarget"});
  EXPECT_EQ(job_status(job), "FailureTarget");
  job.status.edit().conditions.push_back({.type = "Suspended"});
  EXPECT_EQ(job_status(job), "Suspended");
  job.metadata.edit().deletion_timestamp = kStart;
  EXPECT_EQ(job_status(job), "Terminating");
  job.status.edit().conditions.push_back({.type = "Failed"});
  EXPECT_EQ(job_status(job), "Failed");
  job.status.edit().conditions.insert(job.status->conditions.begin(), {.type = "Complete", .status = api::ConditionStatus::False});
  EXPECT_EQ(job_status(job), "Failed");  // only a True condition counts
}

using KubectlGetTest = report::testing::RecorderTest;

TEST_F(KubectlGetTest, jobs_table_aligned_like_kubectl) {
  const api::ObjectId done = create(report::testing::make_job("backup-29430720"));
  at(30s);
  create(report::testing::make_job("ci"));
  update<api::Job>(done, [](api::Job& job) {
    job.status.edit().start_time = kStart;
    job.status.edit().completion_time = kStart + 25s;
    job.status.edit().succeeded = 1;
    job.status.edit().conditions.push_back({.type = "Complete"});
  });
  const Output output = get(server_, {.resource = "jobs"}, kStart + 3h + 5min);
  EXPECT_EQ(output.exit_code, 0);
  EXPECT_EQ(output.err, "");
  EXPECT_EQ(output.out,
            "NAME              STATUS     COMPLETIONS   DURATION   AGE\n"
            "backup-29430720   Complete   1/1           25s        3h5m\n"
            "ci                Running    0/1                      3h4m\n");
}

TEST_F(KubectlGetTest, wide_pods_and_nodes) {
  create(report::testing::make_node("worker-1"));
  api::Pod pod = report::testing::make_pod("web", "ci");
  pod.spec.edit().node_name = "worker-1";
  create(std::move(pod));
  const engine::SimTime now = kStart + 100s;
  EXPECT_EQ(get(server_, {.resource = "po", .format = OutputFormat::Wide}, now).out,
            "NAME   READY   STATUS    RESTARTS   AGE    IP       NODE       NOMINATED NODE   READINESS GATES\n"
            "web    0/1     Pending   0          100s   <none>   worker-1   <none>           <none>\n");
  EXPECT_EQ(get(server_, {.resource = "no"}, now).out,
            "NAME       STATUS   ROLES    AGE    VERSION\n"
            "worker-1   Ready    <none>   100s   v1.32.0\n");
}

TEST_F(KubectlGetTest, cron_jobs) {
  const api::ObjectId id = create(report::testing::make_cron_job("backup"));
  update<api::CronJob>(id, [](api::CronJob& cron_job) { cron_job.status.edit().last_schedule_time = kStart + 5min; });
  EXPECT_EQ(get(server_, {.resource = "cj"}, kStart + 7min).out,
            "NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n"
            "backup   */5 * * * *   <none>     False     0        2m              7m\n");
}

TEST_F(KubectlGetTest, empty_lists_and_errors_use_kubectl_texts) {
  Output output = get(server_, {.resource = "jobs"}, kStart);
  EXPECT_EQ(output.out, "");
  EXPECT_EQ(output.err, "No resources found in default namespace.\n");
  EXPECT_EQ(output.exit_code, 0);
  EXPECT_EQ(get(server_, {.resource = "nodes"}, kStart).err, "No resources found\n");
  output = get(server_, {.resource = "job", .name = "x"}, kStart);
  EXPECT_EQ(output.err, "Error from server (NotFound): jobs.batch \"x\" not found\n");
  EXPECT_EQ(output.exit_code, 1);
  EXPECT_EQ(get(server_, {.resource = "cronjob", .name = "x"}, kStart).err,
            "Error from server (NotFound): cronjobs.batch \"x\" not found\n");
  output = get(server_, {.resource = "deployments"}, kStart);
  EXPECT_EQ(output.err, "error: the server doesn't have a resource type \"deployments\"\n");
  EXPECT_EQ(output.exit_code, 1);
}

TEST(ResolveKind, kubectl_names_and_short_names) {
  EXPECT_EQ(resolve_kind("po"), api::Kind::Pod);
  EXPECT_EQ(resolve_kind("Pods"), api::Kind::Pod);
  EXPECT_EQ(resolve_kind("jobs.batch"), api::Kind::Job);
  EXPECT_EQ(resolve_kind("cj"), api::Kind::CronJob);
  EXPECT_EQ(resolve_kind("cronjobs"), api::Kind::CronJob);
  EXPECT_EQ(resolve_kind("no"), api::Kind::Node);
  EXPECT_EQ(resolve_kind("deploy"), std::nullopt);
}

}  // namespace
}  // namespace jobsim::report::kubectl
