// events.jsonl: the exact lines the recorder writes for each kind's lifecycle and for
// Kubernetes Events, driven through a real ApiServer.
#include <chrono>

#include "recorder_fixture.hpp"
#include "testing/table.hpp"

namespace jobsim::report::testing {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;

using EventLogTest = RecorderTest;

TEST_F(EventLogTest, pod_lifecycle_from_creation_to_deletion) {
  const api::ObjectId pod = create(make_pod("pi-abcde", "pi"));
  at(1s);
  update<api::Pod>(pod, [](api::Pod& p) { p.spec.edit().node_name = "worker-1"; });
  at(3s);
  update<api::Pod>(pod, [](api::Pod& p) {
    p.status.edit().phase = api::PodPhase::Running;
    p.status.edit().container_statuses = {{.name = "main", .state = {.kind = api::ContainerStateKind::Running}}};
  });
  at(10250ms);
  update<api::Pod>(pod, [](api::Pod& p) { p.status.edit().container_statuses[0].restart_count = 1; });
  at(20s);
  update<api::Pod>(pod, [](api::Pod& p) {
    p.status.edit().phase = api::PodPhase::Failed;
    p.status.edit().container_statuses[0].state = {.kind = api::ContainerStateKind::Terminated, .reason = "Error", .exit_code = 1};
  });
  at(30s);
  remove(api::Kind::Pod, pod);  // terminal: grace 0, so marked and removed in the same instant

  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Created","owner":"Job/pi"})",
          R"({"time":"2026-01-01T00:00:01Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Scheduled","node":"worker-1","owner":"Job/pi"})",
          R"({"time":"2026-01-01T00:00:03Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Running","owner":"Job/pi"})",
          R"({"time":"2026-01-01T00:00:10.250Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Restarted","restartCount":1,"owner":"Job/pi"})",
          R"({"time":"2026-01-01T00:00:20Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Failed","reason":"Error","exitCode":1,"owner":"Job/pi"})",
          R"({"time":"2026-01-01T00:00:30Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Terminating","owner":"Job/pi"})",
          R"({"time":"2026-01-01T00:00:30Z","kind":"Pod","namespace":"default","name":"pi-abcde","event":"Deleted","owner":"Job/pi"})"}));
  EXPECT_EQ(recorder_.event_lines(), 7u);
}

TEST_F(EventLogTest, pod_created_bound_and_succeeded_without_owner) {
  api::Pod pod = make_pod("standalone");
  pod.spec.edit().node_name = "worker-2";  // a replayed snapshot: already bound
  const api::ObjectId id = create(std::move(pod));
  at(5s);
  update<api::Pod>(id, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"standalone","event":"Created"})",
          R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"standalone","event":"Scheduled","node":"worker-2"})",
          R"({"time":"2026-01-01T00:00:05Z","kind":"Pod","namespace":"default","name":"standalone","event":"Succeeded"})"}));
}

TEST_F(EventLogTest, graceful_pod_deletion_is_terminating_then_deleted_later) {
  api::Pod pod = make_pod("slow", "batch");
  pod.spec.edit().node_name = "worker-1";
  const api::ObjectId id = create(std::move(pod));
  at(2s);
  server_.remove(api::Kind::Pod, id);  // bound and not terminal: 30 s grace
  at(4s);
  update<api::Pod>(id, [](api::Pod& p) { p.metadata.edit().labels.edit()["touched"] = "yes"; });  // no line
  at(7s);
  update<api::Pod>(id, [](api::Pod& p) {
    p.status.edit().phase = api::PodPhase::Failed;
    p.status.edit().container_statuses = {
        {.name = "main", .state = {.kind = api::ContainerStateKind::Terminated, .reason = "Error", .exit_code = 143}}};
  });
  server_.remove(api::Kind::Pod, id, {.grace_period_seconds = 0});
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"slow","event":"Created","owner":"Job/batch"})",
          R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"slow","event":"Scheduled","node":"worker-1","owner":"Job/batch"})",
          R"({"time":"2026-01-01T00:00:02Z","kind":"Pod","namespace":"default","name":"slow","event":"Terminating","owner":"Job/batch"})",
          R"({"time":"2026-01-01T00:00:07Z","kind":"Pod","namespace":"default","name":"slow","event":"Failed","reason":"Error","exitCode":143,"owner":"Job/batch"})",
          R"({"time":"2026-01-01T00:00:07Z","kind":"Pod","namespace":"default","name":"slow","event":"Deleted","owner":"Job/batch"})"}));
}

TEST_F(EventLogTest, orphaned_pod_lines_lose_the_owner) {
  const api::ObjectId id = create(make_pod("adoptee", "old"));
  at(1s);
  update<api::Pod>(id, [](api::Pod& p) { p.metadata.edit().owner_references.edit().clear(); });
  at(2s);
  update<api::Pod>(id, [](api::Pod& p) { p.metadata.edit().owner_references.edit().push_back(controller_of("Job", "new")); });
  update<api::Pod>(id, [](api::Pod& p) { p.spec.edit().node_name = "worker-1"; });
  at(3s);
  server_.remove(api::Kind::Pod, id, {.grace_period_seconds = 0});
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"adoptee","event":"Created","owner":"Job/old"})",
          R"({"time":"2026-01-01T00:00:02Z","kind":"Pod","namespace":"default","name":"adoptee","event":"Scheduled","node":"worker-1","owner":"Job/new"})",
          R"({"time":"2026-01-01T00:00:03Z","kind":"Pod","namespace":"default","name":"adoptee","event":"Terminating","owner":"Job/new"})",
          R"({"time":"2026-01-01T00:00:03Z","kind":"Pod","namespace":"default","name":"adoptee","event":"Deleted","owner":"Job/new"})"}));
}

// The reason and exit code of a pod's Failed line, table-driven.
struct PodFailureCase {
  std::string_view name;
  std::string pod_reason;
  std::vector<api::ContainerState> containers;
  std::string want_suffix;  // what follows "event":"Failed"
};

const PodFailureCase kPodFailureCases[] = {
    {.name = "container_error_gives_its_reason_and_code",
     .containers = {{.kind = api::ContainerStateKind::Terminated, .reason = "Error", .exit_code = 2}},
     .want_suffix = R"(,"reason":"Error","exitCode":2})"},
    {.name = "oom_killed_container",
     .containers = {{.kind = api::ContainerStateKind::Terminated, .reason = "OOMKilled", .exit_code = 137}},
     .want_suffix = R"(,"reason":"OOMKilled","exitCode":137})"},
    {.name = "first_non_zero_container_wins",
     .containers = {{.kind = api::ContainerStateKind::Terminated, .reason = "Completed", .exit_code = 0},
                    {.kind = api::ContainerStateKind::Terminated, .reason = "OOMKilled", .exit_code = 137},
                    {.kind = api::ContainerStateKind::Terminated, .reason = "Error", .exit_code = 1}},
     .want_suffix = R"(,"reason":"OOMKilled","exitCode":137})"},
    {.name = "pod_reason_wins_over_container_reason",
     .pod_reason = "Evicted",
     .containers = {{.kind = api::ContainerStateKind::Terminated, .reason = "Error", .exit_code = 137}},
     .want_suffix = R"(,"reason":"Evicted","exitCode":137})"},
    {.name = "pod_reason_without_terminated_container",
     .pod_reason = "DeadlineExceeded",
     .containers = {{.kind = api::ContainerStateKind::Running}},
     .want_suffix = R"(,"reason":"DeadlineExceeded"})"},
    {.name = "never_started_has_empty_reason_and_no_code",
     .containers = {{.kind = api::ContainerStateKind::Waiting, .reason = "ContainerCreating"}},
     .want_suffix = R"(,"reason":""})"},
};

class PodFailureTest : public RecorderTest, public ::testing::WithParamInterface<PodFailureCase> {};

TEST_P(PodFailureTest, failed_line) {
  const PodFailureCase& c = GetParam();
  api::Pod pod = make_pod("p");
  for (std::size_t i = 1; i < c.containers.size(); ++i) pod.spec.edit().containers.push_back(container("c" + std::to_string(i)));
  const api::ObjectId id = create(std::move(pod));
  update<api::Pod>(id, [&](api::Pod& p) {
    p.status.edit().phase = api::PodPhase::Failed;
    p.status.edit().reason = c.pod_reason;
    for (const api::ContainerState& state : c.containers) p.status.edit().container_statuses.push_back({.state = state});
  });
  const std::vector<std::string> lines = event_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1],
            R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":"p","event":"Failed")" +
                c.want_suffix);
}

INSTANTIATE_TEST_SUITE_P(Reasons, PodFailureTest, ::testing::ValuesIn(kPodFailureCases),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

TEST_F(EventLogTest, job_suspend_resume_and_failure) {
  api::Job job = make_job("backup-29430720", "backup");
  job.spec.edit().suspend = true;
  const api::ObjectId id = create(std::move(job));
  at(1s);
  update<api::Job>(id, [](api::Job& j) {
    set_job_condition(j, api::kJobSuspended, api::ConditionStatus::True, "JobSuspended");
  });
  at(2s);
  update<api::Job>(id, [&](api::Job& j) {
    j.spec.edit().suspend = false;
    set_job_condition(j, api::kJobSuspended, api::ConditionStatus::False, "JobResumed");
    j.status.edit().start_time = clock_.now();
  });
  at(3s);
  update<api::Job>(id, [](api::Job& j) { j.status.edit().active = 1; });  // no line
  at(5s);
  update<api::Job>(id, [&](api::Job& j) {
    set_job_condition(j, api::kJobFailureTarget, api::ConditionStatus::True, "BackoffLimitExceeded");
    set_job_condition(j, api::kJobFailed, api::ConditionStatus::True, "BackoffLimitExceeded");
  });
  at(6s);
  remove(api::Kind::Job, id);
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"Created","owner":"CronJob/backup"})",
          R"({"time":"2026-01-01T00:00:01Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"Suspended","owner":"CronJob/backup"})",
          R"({"time":"2026-01-01T00:00:02Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"Resumed","owner":"CronJob/backup"})",
          R"({"time":"2026-01-01T00:00:02Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"Started","owner":"CronJob/backup"})",
          R"({"time":"2026-01-01T00:00:05Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"FailureTarget","reason":"BackoffLimitExceeded","owner":"CronJob/backup"})",
          R"({"time":"2026-01-01T00:00:05Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"Failed","reason":"BackoffLimitExceeded","owner":"CronJob/backup"})",
          R"({"time":"2026-01-01T00:00:06Z","kind":"Job","namespace":"default","name":"backup-29430720","event":"Deleted","owner":"CronJob/backup"})"}));
}

TEST_F(EventLogTest, job_success_criteria_then_complete) {
  const api::ObjectId id = create(make_job("indexed"));
  update<api::Job>(id, [&](api::Job& j) { j.status.edit().start_time = clock_.now(); });
  at(90s);
  update<api::Job>(id, [](api::Job& j) {
    set_job_condition(j, api::kJobSuccessCriteriaMet, api::ConditionStatus::True, "SuccessPolicy");
  });
  at(91500ms);
  update<api::Job>(id, [](api::Job& j) { set_job_condition(j, api::kJobComplete, api::ConditionStatus::True); });
  at(92s);
  update<api::Job>(id, [](api::Job& j) { j.status.edit().succeeded = 3; });  // no second Complete
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"Job","namespace":"default","name":"indexed","event":"Created"})",
          R"({"time":"2026-01-01T00:00:00Z","kind":"Job","namespace":"default","name":"indexed","event":"Started"})",
          R"({"time":"2026-01-01T00:01:30Z","kind":"Job","namespace":"default","name":"indexed","event":"SuccessCriteriaMet","reason":"SuccessPolicy"})",
          R"({"time":"2026-01-01T00:01:31.500Z","kind":"Job","namespace":"default","name":"indexed","event":"Complete"})"}));
}

TEST_F(EventLogTest, node_readiness_changes) {
  const api::ObjectId ready = create(make_node("worker-1"));
  const api::ObjectId not_ready = create(make_node("worker-2", 4000, 1LL << 30, /*ready=*/false));
  at(60s);
  update<api::Node>(ready, [](api::Node& n) { n.status.edit().conditions[0].status = api::ConditionStatus::Unknown; });
  update<api::Node>(not_ready, [](api::Node& n) { n.status.edit().conditions[0].status = api::ConditionStatus::True; });
  at(61s);
  update<api::Node>(not_ready, [](api::Node& n) { n.metadata.edit().labels.edit()["zone"] = "a"; });  // no line
  at(120s);
  update<api::Node>(ready, [](api::Node& n) { n.status.edit().conditions[0].status = api::ConditionStatus::True; });
  EXPECT_EQ(event_lines(), Lines({R"({"time":"2026-01-01T00:00:00Z","kind":"Node","namespace":"","name":"worker-1","event":"Ready"})",
                          R"({"time":"2026-01-01T00:00:00Z","kind":"Node","namespace":"","name":"worker-2","event":"NotReady"})",
                          R"({"time":"2026-01-01T00:01:00Z","kind":"Node","namespace":"","name":"worker-1","event":"NotReady"})",
                          R"({"time":"2026-01-01T00:01:00Z","kind":"Node","namespace":"","name":"worker-2","event":"Ready"})",
                          R"({"time":"2026-01-01T00:02:00Z","kind":"Node","namespace":"","name":"worker-1","event":"Ready"})"}));
}

TEST_F(EventLogTest, cron_job_created_updated_deleted) {
  const api::ObjectId id = create(make_cron_job("backup"));
  at(5min);
  update<api::CronJob>(id, [&](api::CronJob& c) { c.status.edit().last_schedule_time = clock_.now(); });  // status: no line
  at(6min);
  update<api::CronJob>(id, [](api::CronJob& c) { c.spec.edit().suspend = true; });
  at(7min);
  remove(api::Kind::CronJob, id);
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:00Z","kind":"CronJob","namespace":"default","name":"backup","event":"Created"})",
          R"({"time":"2026-01-01T00:06:00Z","kind":"CronJob","namespace":"default","name":"backup","event":"Updated"})",
          R"({"time":"2026-01-01T00:07:00Z","kind":"CronJob","namespace":"default","name":"backup","event":"Deleted"})"}));
}

TEST_F(EventLogTest, kubernetes_events_are_lines_of_kind_event) {
  cluster::EventRecorder job_controller(clock_, sink_, "job-controller");
  cluster::EventRecorder kubelet(clock_, sink_, "kubelet");
  api::ObjectMeta job_meta{.name = "pi", .namespace_ = "batch"};
  api::ObjectMeta pod_meta{.name = "pi-x7k2p", .namespace_ = "batch"};
  at(1s);
  job_controller.normal(api::Kind::Job, job_meta, "SuccessfulCreate", {"Created pod: {}", pod_meta.name});
  at(1001ms);
  kubelet.warning(api::Kind::Pod, pod_meta, "BackOff", "Back-off \"restarting\"\n\tfailed container\\");
  // An argument is escaped as the format's text is.
  kubelet.warning(api::Kind::Pod, pod_meta, "Failed", api::EventMessage::text("Error: \"x\"\n"));
  EXPECT_EQ(event_lines(), Lines({
          R"({"time":"2026-01-01T00:00:01Z","kind":"Event","namespace":"batch","name":"pi","event":"SuccessfulCreate","type":"Normal","reason":"SuccessfulCreate","message":"Created pod: pi-x7k2p","object":"Job/pi","source":"job-controller"})",
          R"({"time":"2026-01-01T00:00:01.001Z","kind":"Event","namespace":"batch","name":"pi-x7k2p","event":"BackOff","type":"Warning","reason":"BackOff","message":"Back-off \"restarting\"\n\tfailed container\\","object":"Pod/pi-x7k2p","source":"kubelet"})",
          R"({"time":"2026-01-01T00:00:01.001Z","kind":"Event","namespace":"batch","name":"pi-x7k2p","event":"Failed","type":"Warning","reason":"Failed","message":"Error: \"x\"\n","object":"Pod/pi-x7k2p","source":"kubelet"})"}));
}

TEST_F(EventLogTest, lines_keep_the_order_of_writes_across_kinds) {
  cluster::EventRecorder recorder(clock_, sink_, "job-controller");
  const api::ObjectId job = create(make_job("pi"));
  recorder.normal(api::Kind::Job, server_.jobs().get(job)->metadata, "SuccessfulCreate", "Created pod: pi-1");
  create(make_pod("pi-1", "pi"));
  const std::vector<std::string> lines = event_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find(R"("kind":"Job")"), std::string::npos);
  EXPECT_NE(lines[1].find(R"("kind":"Event")"), std::string::npos);
  EXPECT_NE(lines[2].find(R"("kind":"Pod")"), std::string::npos);
}

}  // namespace
}  // namespace jobsim::report::testing
