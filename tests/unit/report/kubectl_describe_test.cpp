// describe's Events section: identical Events are one Event with a count (client-go
// EventCorrelator), shown as "<last> (xN over <first>)"; Events expire --event-ttl (1h) after
// their last update.
#include "jobsim/report/kubectl.hpp"
#include "recorder_fixture.hpp"

namespace jobsim::report::kubectl {
namespace {

using namespace std::chrono_literals;
using report::testing::kStart;

class KubectlDescribeTest : public report::testing::RecorderTest {
 protected:
  void event(engine::Duration offset, const api::CronJob& cron_job, std::string reason, std::string message) {
    api::Event recorded;
    recorded.time = kStart + offset;
    recorded.type = api::EventType::Warning;
    recorded.reason = std::move(reason);
    recorded.message = api::EventMessage::text(message);
    recorded.object.kind = api::Kind::CronJob;
    recorded.object.namespace_ = "default";
    recorded.object.name = cron_job.metadata->name;
    recorded.object.uid = cron_job.metadata->uid;
    recorded.source = "cronjob-controller";
    store_.record(recorded);
  }
  EventStore store_;
};

TEST_F(KubectlDescribeTest, cron_job_with_repeated_events) {
  const api::ObjectId id = create(report::testing::make_cron_job("backup"));
  const api::CronJob& cron_job = *server_.cron_jobs().get(id);
  event(1min, cron_job, "JobAlreadyActive", "Not starting job because prior execution is running");
  event(6min, cron_job, "JobAlreadyActive", "Not starting job because prior execution is running");
  event(11min, cron_job, "JobAlreadyActive", "Not starting job because prior execution is running");
  event(12min, cron_job, "Other", "once");
  const Output output = describe(server_, store_, "cj", "backup", kStart + 13min);
  EXPECT_EQ(output.exit_code, 0);
  EXPECT_EQ(output.out,
            "Name:                          backup\n"
            "Namespace:                     default\n"
            "Labels:                        <none>\n"
            "Annotations:                   <none>\n"
            "Schedule:                      */5 * * * *\n"
            "Concurrency Policy:            Allow\n"
            "Suspend:                       False\n"
            "Successful Job History Limit:  3\n"
            "Failed Job History Limit:      1\n"
            "Starting Deadline Seconds:     <unset>\n"
            "Selector:                      <unset>\n"
            "Parallelism:                   <unset>\n"
            "Completions:                   <unset>\n"
            "Pod Template:\n"
            "  Labels:  <none>\n"
            "  Containers:\n"
            "   main:\n"
            "    Image:           busybox\n"  // no Command: line, so one block down to Active Jobs
            "    Port:            <none>\n"
            "    Host Port:       <none>\n"
            "    Environment:     <none>\n"
            "    Mounts:          <none>\n"
            "  Volumes:           <none>\n"
            "  Node-Selectors:    <none>\n"
            "  Tolerations:       <none>\n"
            "Last Schedule Time:  <unset>\n"
            "Active Jobs:         <none>\n"
            "Events:\n"
            "  Type     Reason            Age               From                Message\n"
            "  ----     ------            ----              ----                -------\n"
            "  Warning  JobAlreadyActive  2m (x3 over 12m)  cronjob-controller  Not starting job because prior execution is running\n"
            "  Warning  Other             60s               cronjob-controller  once\n");
}

TEST_F(KubectlDescribeTest, events_expire_an_hour_after_their_last_update) {
  const api::ObjectId id = create(report::testing::make_cron_job("backup"));
  event(1min, *server_.cron_jobs().get(id), "Other", "once");
  EXPECT_NE(describe(server_, store_, "cronjob", "backup", kStart + 60min).out.find("Other"), std::string::npos);
  const std::string later = describe(server_, store_, "cronjob", "backup", kStart + 61min).out;
  EXPECT_EQ(later.find("Other"), std::string::npos);
  // "Events:\t<none>" is aligned with the block above it ("Active Jobs:").
  EXPECT_TRUE(later.ends_with("Active Jobs:         <none>\nEvents:              <none>\n")) << later;
}

// A container the kubelet could not find after a reboot has no startedAt/finishedAt (null):
// kubectl's printContainerState formats them with Go's Time.Format, so the zero time shows
// (describe.go: state.Terminated.StartedAt.Time.Format(time.RFC1123Z)).
TEST_F(KubectlDescribeTest, terminated_state_without_times_prints_go_zero_time) {
  api::Pod pod = report::testing::make_pod("lost");
  pod.status.edit().phase = api::PodPhase::Failed;
  pod.status.edit().container_statuses.push_back(
      {.name = "main",
       .state = {.kind = api::ContainerStateKind::Terminated,
                 .reason = "ContainerStatusUnknown",
                 .message = "The container could not be located when the pod was terminated",
                 .exit_code = 137}});
  create(std::move(pod));
  const std::string out = describe(server_, store_, "pod", "lost", kStart).out;
  EXPECT_NE(out.find("      Exit Code:    137\n"
                     "      Started:      Mon, 01 Jan 0001 00:00:00 +0000\n"
                     "      Finished:     Mon, 01 Jan 0001 00:00:00 +0000\n"),
            std::string::npos)
      << out;
}

TEST_F(KubectlDescribeTest, not_found_and_unknown_kind) {
  Output output = describe(server_, store_, "pod", "nope", kStart);
  EXPECT_EQ(output.err, "Error from server (NotFound): pods \"nope\" not found\n");
  EXPECT_EQ(output.exit_code, 1);
  output = describe(server_, store_, "svc", "nope", kStart);
  EXPECT_EQ(output.err, "error: the server doesn't have a resource type \"svc\"\n");
}

}  // namespace
}  // namespace jobsim::report::kubectl
