// The human summary: the Jobs table, CronJobs, Pods and resources lines, and the cut after
// 20 Jobs that keeps it short.
#include <chrono>

#include "recorder_fixture.hpp"

namespace jobsim::report::testing {
namespace {

using namespace std::chrono_literals;

using TextSummaryTest = RecorderTest;

// Resources by hand: 500m/1Gi requested on worker-1 for 90 s of a 4 h run: cpu mean
// 500 x 90 / 14400 = 3.125 -> 3m, memory mean 1Gi x 90 / 14400 = 6.4Mi; 0 for 99.4% of the
// time, so p95 0. The pod was created bound: no wait. Finished Jobs: backup-1 at 90 s, flaky at 2 h.
TEST_F(TextSummaryTest, small_run) {
  create(make_node("worker-1"));
  const api::ObjectId done = create(make_job("backup-1", "backup"));
  const api::ObjectId failed = create(make_job("flaky"));
  api::Job suspended = make_job("later");
  suspended.spec.edit().suspend = true;
  const api::ObjectId paused = create(std::move(suspended));
  create(make_job("busy"));
  api::Pod pod = make_pod("backup-1-abcde", "backup-1", 500, 1LL << 30);
  pod.spec.edit().node_name = "worker-1";
  const api::ObjectId pod_id = create(std::move(pod));
  update<api::Job>(done, [&](api::Job& j) { j.status.edit().start_time = clock_.now(); });
  update<api::Job>(failed, [&](api::Job& j) { j.status.edit().start_time = clock_.now(); });
  update<api::Job>(paused, [](api::Job& j) {
    set_job_condition(j, api::kJobSuspended, api::ConditionStatus::True, "JobSuspended");
  });
  at(90s);
  update<api::Pod>(pod_id, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  update<api::Job>(done, [](api::Job& j) {
    j.status.edit().succeeded = 1;
    set_job_condition(j, api::kJobComplete, api::ConditionStatus::True);
  });
  at(2h);
  update<api::Job>(failed, [](api::Job& j) {
    j.status.edit().failed = 7;
    set_job_condition(j, api::kJobFailed, api::ConditionStatus::True, "BackoffLimitExceeded");
  });
  finish(4h);
  EXPECT_EQ(text_summary(),
            "Jobs (4)\n"
            "  NAME      STATUS     COMPLETIONS  FAILED  DURATION\n"
            "  backup-1  Complete           1/1       0  1m30s\n"
            "  flaky     Failed             0/1       7  2h0m0s\n"
            "  later     Suspended          0/1       0  -\n"
            "  busy      Running            0/1       0  -\n"
            "CronJobs (1)\n"
            "  NAME    SCHEDULES  CREATED  SKIPPED  MISSED  REPLACED  MAX-CONCURRENT  START-DELAY-P95\n"
            "  backup          0        1        0       0         0               1  -\n"
            "Pods: 1 created, 1 succeeded, 0 failed; peak 0 running, 1 pending, 1 retained; 1 retained at end\n"
            "Resources (1 node)\n"
            "          ALLOCATABLE  REQ-PEAK  REQ-MEAN   REQ-P95  USED-PEAK  USED-MEAN\n"
            "  cpu               4      500m        3m         0          0          0\n"
            "  memory         16Gi       1Gi     6.4Mi         0          0          0\n"
            "Pending time: no pod waited for a node\n"
            "API objects: peak 1 pods, 4 Jobs, 0 CronJobs, 1 Nodes; peak 2 finished Jobs retained; 0 Events\n");
}

TEST_F(TextSummaryTest, more_than_twenty_jobs_are_cut) {
  for (int i = 0; i < 27; ++i) create(make_job("job-" + std::to_string(i)));
  finish(1min);
  const std::vector<std::string> lines = split_lines(text_summary());
  EXPECT_LE(lines.size(), 40u);
  ASSERT_GE(lines.size(), 23u);
  EXPECT_EQ(lines[0], "Jobs (27)");
  EXPECT_EQ(lines[2].substr(0, 8), "  job-0 ");
  EXPECT_EQ(lines[21].substr(0, 9), "  job-19 ");
  EXPECT_EQ(lines[22], "  ... 7 more");
}

}  // namespace
}  // namespace jobsim::report::testing
