// timeseries.csv: one row per instant at which the state changed (coalesced, state after the
// instant), no row for writes that change nothing counted, and a final row at finish.
#include <chrono>

#include "recorder_fixture.hpp"

namespace jobsim::report::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kHeader =
    "time,pending,running,succeeded,failed,retained,terminating,active_jobs,requested_cpu_m,"
    "requested_memory_bytes,pods,jobs,cronjobs,nodes,used_cpu_m,used_memory_bytes,retained_jobs,events";

using TimeSeriesTest = RecorderTest;


TEST_F(TimeSeriesTest, rows_coalesce_each_instant_and_end_with_finish) {
  create(make_node("worker-1"));
  const api::ObjectId pod = create(make_pod("a", "j", 500, 1LL << 30));
  update<api::Pod>(pod, [](api::Pod& p) { p.spec.edit().node_name = "worker-1"; });  // same instant: one row
  at(2s);
  update<api::Pod>(pod, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Running; });
  const api::ObjectId job = create(make_job("j"));
  at(5s);
  update<api::Pod>(pod, [](api::Pod& p) { p.metadata.edit().labels["x"] = "y"; });  // nothing counted changes
  at(7s);
  const api::ObjectId fleeting = create(make_pod("b"));
  server_.remove(api::Kind::Pod, fleeting);  // unbound: deleted at once; back to the same state
  at(10s);
  update<api::Pod>(pod, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  update<api::Job>(job, [](api::Job& j) { set_job_condition(j, api::kJobComplete, api::ConditionStatus::True); });
  finish(20s);
  EXPECT_EQ(csv_lines(), Lines({kHeader,  //
                                       "2026-01-01T00:00:00Z,1,0,0,0,0,0,0,500,1073741824,1,0,0,1,0,0,0,0",
                                       "2026-01-01T00:00:02Z,0,1,0,0,0,0,1,500,1073741824,1,1,0,1,0,0,0,0",
                                       "2026-01-01T00:00:10Z,0,0,1,0,1,0,0,0,0,1,1,0,1,0,0,1,0",
                                       "2026-01-01T00:00:20Z,0,0,1,0,1,0,0,0,0,1,1,0,1,0,0,1,0"}));
}

TEST_F(TimeSeriesTest, finish_at_the_last_change_adds_no_second_row) {
  at(1500ms);
  create(make_cron_job("nightly"));
  finish(1500ms);
  EXPECT_EQ(csv_lines(), Lines({kHeader, "2026-01-01T00:00:01.500Z,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0"}));
}

TEST_F(TimeSeriesTest, empty_run_has_only_the_final_row) {
  finish(1h);
  EXPECT_EQ(csv_lines(), Lines({kHeader, "2026-01-01T01:00:00Z,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"}));
}

TEST_F(TimeSeriesTest, terminating_and_failed_pods_and_deleted_objects) {
  api::Pod pod = make_pod("p", "", 250, 0);
  pod.spec.edit().node_name = "worker-1";
  const api::ObjectId id = create(std::move(pod));
  const api::ObjectId job = create(make_job("j"));
  at(1s);
  server_.remove(api::Kind::Pod, id);  // graceful: stays, terminating, still requesting
  at(2s);
  update<api::Pod>(id, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Failed; });
  at(3s);
  server_.remove(api::Kind::Pod, id, {.grace_period_seconds = 0});
  remove(api::Kind::Job, job);
  finish(3s);
  EXPECT_EQ(csv_lines(), Lines({kHeader,  //
                                       "2026-01-01T00:00:00Z,1,0,0,0,0,0,1,250,0,1,1,0,0,0,0,0,0",
                                       "2026-01-01T00:00:01Z,1,0,0,0,0,1,1,250,0,1,1,0,0,0,0,0,0",
                                       "2026-01-01T00:00:02Z,0,0,0,1,1,1,1,0,0,1,1,0,0,0,0,0,0",
                                       "2026-01-01T00:00:03Z,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"}));
}

}  // namespace
}  // namespace jobsim::report::testing
