// summary.json `resources`: time-weighted mean and p95 of requested and used cpu and memory,
// utilization against allocatable, pending times (creation to binding, with the pods deleted,
// finished or still pending), API object peaks and retained Jobs. Every expected value is
// computed by hand in the comment above its test.
#include <chrono>

#include <nlohmann/json.hpp>

#include "recorder_fixture.hpp"
#include "report/timeseries.hpp"

namespace jobsim::report::testing {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

using ResourcesTest = RecorderTest;

api::Pod bound_pod(std::string name, std::string node, std::int64_t cpu_m, std::int64_t memory_bytes) {
  api::Pod pod = make_pod(std::move(name), "j", cpu_m, memory_bytes);
  pod.spec.edit().node_name = std::move(node);
  return pod;
}

// A 4-cpu node, a 100 s run. Pod a (1000m, 1Gi) holds from 0 to 60 s; pod b (2000m, 2Gi) from
// 20 s to 80 s (it succeeds at 80 s). Requested cpu over time:
//   [0,20) 1000   [20,60) 3000   [60,80) 2000   [80,100) 0
// mean = (1000x20 + 3000x40 + 2000x20 + 0x20) / 100 = 180000 / 100 = 1800
// p95 (time-weighted): sorted 0 (20 s), 1000 (20 s), 2000 (20 s), 3000 (40 s); cumulative
// 20, 40, 60, 100 s; the first to reach 95 s is 3000. p50: 60 s >= 50 s at 2000.
// peak 3000; utilization: mean 1800/4000 = 0.45, peak 3000/4000 = 0.75.
// Memory in Gi follows the same shape: mean 1.8Gi = 1932735283.2 bytes, peak 3Gi, p95 3Gi.
TEST_F(ResourcesTest, two_pods_on_one_node_mean_p95_peak) {
  create(make_node("worker-1", 4000, 4LL << 30));
  const api::ObjectId a = create(bound_pod("a", "worker-1", 1000, 1LL << 30));
  at(20s);
  const api::ObjectId b = create(bound_pod("b", "worker-1", 2000, 2LL << 30));
  at(60s);
  remove(api::Kind::Pod, a);
  server_.remove(api::Kind::Pod, a, {.grace_period_seconds = 0});
  at(80s);
  update<api::Pod>(b, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  finish(100s);
  const Json resources = Json::parse(summary_text())["resources"];
  EXPECT_EQ(resources["requested"]["cpuMillis"], Json::parse(R"({"peak": 3000, "mean": 1800.0, "p95": 3000})"));
  EXPECT_EQ(resources["requested"]["nodes"]["worker-1"]["cpuMillis"],
            Json::parse(R"({"peak": 3000, "mean": 1800.0, "p95": 3000})"));
  EXPECT_EQ(resources["requested"]["memoryBytes"],
            Json::parse(R"({"peak": 3221225472, "mean": 1932735283.2, "p95": 3221225472})"));
  EXPECT_EQ(resources["utilization"]["cpu"],
            Json::parse(R"({"requestedMean": 0.45, "requestedPeak": 0.75, "usedMean": 0.0, "usedPeak": 0.0})"));
  EXPECT_EQ(resources["utilization"]["nodes"]["worker-1"]["memory"],
            Json::parse(R"({"requestedMean": 0.45, "requestedPeak": 0.75, "usedMean": 0.0, "usedPeak": 0.0})"));
}

// Gauge::percentile directly: the time-weighted nearest rank at p50, p95 and p100.
TEST(GaugeTest, time_weighted_percentiles) {
  Gauge gauge(kStart);
  gauge.add(kStart, 1000);        // [0,20) 1000
  gauge.add(kStart + 20s, 2000);  // [20,60) 3000
  gauge.add(kStart + 60s, -1000); // [60,80) 2000
  gauge.add(kStart + 80s, -2000); // [80,100) 0
  EXPECT_EQ(gauge.percentile(50, kStart + 100s), 2000);
  EXPECT_EQ(gauge.percentile(20, kStart + 100s), 0);     // 0 covers exactly 20 s: 20% reached
  EXPECT_EQ(gauge.percentile(21, kStart + 100s), 1000);
  EXPECT_EQ(gauge.percentile(95, kStart + 100s), 3000);
  EXPECT_EQ(gauge.percentile(100, kStart + 100s), 3000);
  EXPECT_DOUBLE_EQ(gauge.mean(kStart, kStart + 100s), 1800.0);
}

// Actual usage from the PodUsage signal, two nodes, a 100 s run:
//   pod a on worker-1: 500m/100Mi from 10 s, 1500m/300Mi from 30 s, 0 from 50 s (published).
//   pod b on worker-2: 1000m/200Mi from 20 s; deleted at 70 s without a last zero.
// total cpu: [0,10) 0, [10,20) 500, [20,30) 1500, [30,50) 2500, [50,70) 1000, [70,100) 0
//   mean = (5000 + 15000 + 50000 + 20000) / 100 = 900; peak 2500; p95: 0 covers 40 s,
//   500 10 s (50), 1000 20 s (70), 1500 10 s (80), 2500 20 s (100): 2500.
// worker-1 cpu: 500 for 20 s, 1500 for 20 s: mean (10000 + 30000) / 100 = 400, peak 1500,
//   utilization mean 400/4000 = 0.1, peak 1500/4000 = 0.375.
// worker-2 cpu: 1000 for 50 s: mean 500, peak 1000, p95 1000 (0 covers 50 s only).
TEST_F(ResourcesTest, used_from_the_pod_usage_signal) {
  const api::ObjectId node_1 = create(make_node("worker-1"));
  const api::ObjectId node_2 = create(make_node("worker-2"));
  const api::ObjectId a = create(bound_pod("a", "worker-1", 0, 0));
  const api::ObjectId b = create(bound_pod("b", "worker-2", 0, 0));
  const auto publish = [&](api::ObjectId pod, api::ObjectId node, std::int64_t cpu_m, std::int64_t mebibytes) {
    usage_.emit({.pod = pod, .node = node, .cpu_millis = cpu_m, .memory_bytes = mebibytes << 20});
  };
  at(10s);
  publish(a, node_1, 500, 100);
  at(20s);
  publish(b, node_2, 1000, 200);
  at(30s);
  publish(a, node_1, 1500, 300);
  at(50s);
  publish(a, node_1, 0, 0);
  at(70s);
  server_.remove(api::Kind::Pod, b, {.grace_period_seconds = 0});
  finish(100s);
  const Json used = Json::parse(summary_text())["resources"]["used"];
  EXPECT_EQ(used["cpuMillis"], Json::parse(R"({"peak": 2500, "mean": 900.0, "p95": 2500})"));
  EXPECT_EQ(used["nodes"]["worker-1"]["cpuMillis"], Json::parse(R"({"peak": 1500, "mean": 400.0, "p95": 1500})"));
  EXPECT_EQ(used["nodes"]["worker-2"]["cpuMillis"], Json::parse(R"({"peak": 1000, "mean": 500.0, "p95": 1000})"));
  // memory total: [10,20) 100Mi, [20,30) 300Mi, [30,50) 500Mi, [50,70) 200Mi: peak 500Mi.
  EXPECT_EQ(used["memoryBytes"]["peak"], 500LL << 20);
  const Json utilization = Json::parse(summary_text())["resources"]["utilization"]["nodes"]["worker-1"]["cpu"];
  EXPECT_EQ(utilization,
            Json::parse(R"({"requestedMean": 0.0, "requestedPeak": 0.0, "usedMean": 0.1, "usedPeak": 0.375})"));
  // The csv columns used_cpu_m, used_memory_bytes (14th and 15th after the time).
  const Lines lines = csv_lines();
  EXPECT_EQ(lines[4].substr(0, 20), "2026-01-01T00:00:30Z");
  EXPECT_NE(lines[4].find(",2500,524288000,0,0"), std::string::npos) << lines[4];
}

// Pending time, creation to binding, a 100 s run:
//   p0 created 0 s, bound 10 s: 10 s      p1 created 0 s, bound 40 s: 40 s
//   p2 created 5 s, deleted 25 s while pending: 20 s (deletedWhilePending)
//   p3 created 30 s, Failed unbound at 35 s: 5 s (finishedWhilePending)
//   p4 created 60 s, never bound: 40 s at the end (pendingAtEnd)
//   p5 created bound: did not wait, not counted.
// Sorted waits: 5, 10, 20, 40, 40 (n = 5): p50 rank 3 = 20; p90 rank ceil(4.5) = 5 = 40;
// p95, p99, max 40.
TEST_F(ResourcesTest, pending_times_count_bound_deleted_finished_and_open_waits) {
  create(make_node("worker-1"));
  const api::ObjectId p0 = create(make_pod("p0", "j"));
  const api::ObjectId p1 = create(make_pod("p1", "j"));
  create(bound_pod("p5", "worker-1", 0, 0));
  at(5s);
  const api::ObjectId p2 = create(make_pod("p2", "j"));
  at(10s);
  update<api::Pod>(p0, [](api::Pod& p) { p.spec.edit().node_name = "worker-1"; });
  at(25s);
  server_.remove(api::Kind::Pod, p2);  // unbound: deleted at once
  at(30s);
  const api::ObjectId p3 = create(make_pod("p3", "j"));
  at(35s);
  update<api::Pod>(p3, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Failed; });
  at(40s);
  update<api::Pod>(p1, [](api::Pod& p) { p.spec.edit().node_name = "worker-1"; });
  at(60s);
  create(make_pod("p4", "j"));
  finish(100s);
  EXPECT_EQ(Json::parse(summary_text())["resources"]["pendingTime"], Json::parse(R"({
    "count": 5, "bound": 2, "deletedWhilePending": 1, "finishedWhilePending": 1, "pendingAtEnd": 1,
    "p50": 20.0, "p90": 40.0, "p95": 40.0, "p99": 40.0, "max": 40.0})"));
  EXPECT_NE(text_summary().find("Pending time of 5 pods: p50 20s, p95 40s, max 40s; 1 deleted while pending, "
                                "1 pending at end\n"),
            std::string::npos)
      << text_summary();
}

// API object peaks (at an instant's end) and retained (finished, not deleted) Jobs with the
// first instant of their peak:
//   0 s: jobs j1, j2, j3 created (3 Jobs, 0 finished); a CronJob; 10 s: j1 and j2 Complete
//   (2 retained); 20 s: j1 deleted (1); 30 s: j3 Complete (2 again: the peak stays at 10 s).
// Pods: 2 created at 0 s, one deleted at 20 s: peak 2, 1 at the end. Two Events at 5 s.
TEST_F(ResourcesTest, api_object_peaks_and_retained_jobs) {
  const api::ObjectId j1 = create(make_job("j1"));
  const api::ObjectId j2 = create(make_job("j2"));
  const api::ObjectId j3 = create(make_job("j3"));
  create(make_cron_job("nightly"));
  const api::ObjectId pod = create(make_pod("p", "j1"));
  create(make_pod("q", "j2"));
  at(5s);
  for (int i = 0; i < 2; ++i) {
    sink_.emit(api::Event{.time = clock_.now(), .reason = "Test", .object = {.kind = api::Kind::Job, .name = "j1"}});
  }
  const auto complete = [](api::Job& j) { set_job_condition(j, api::kJobComplete, api::ConditionStatus::True); };
  at(10s);
  update<api::Job>(j1, complete);
  update<api::Job>(j2, complete);
  at(20s);
  remove(api::Kind::Job, j1);
  server_.remove(api::Kind::Pod, pod);
  at(30s);
  update<api::Job>(j3, complete);
  finish(40s);
  const Json resources = Json::parse(summary_text())["resources"];
  EXPECT_EQ(resources["apiObjects"], Json::parse(R"({
    "pods": {"peak": 2, "atEnd": 1}, "jobs": {"peak": 3, "atEnd": 2},
    "cronJobs": {"peak": 1, "atEnd": 1}, "nodes": {"peak": 0, "atEnd": 0}, "eventsRecorded": 2})"));
  EXPECT_EQ(resources["retained"]["jobs"],
            Json::parse(R"({"peak": 2, "peakAt": "2026-01-01T00:00:10Z", "atEnd": 2})"));
  // The csv's retained_jobs and events columns are the last two.
  const Lines lines = csv_lines();
  EXPECT_TRUE(lines[2].starts_with("2026-01-01T00:00:05Z")) << lines[2];
  EXPECT_TRUE(lines[2].ends_with(",0,2")) << lines[2];
  EXPECT_TRUE(lines[3].ends_with(",2,2")) << lines[3];
}

}  // namespace
}  // namespace jobsim::report::testing
