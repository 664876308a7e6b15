// Streamed history (issue #9): events.jsonl, timeseries.csv and nodes.csv reach their streams
// while the run goes, through 64 KiB blocks, and a time-series row is written when its instant
// closes (time moves on) or at finish. Nothing of the history is kept: these tests read the
// stream itself before finish. Expected bytes follow from those rules, not from a run.
#include <string>

#include "recorder_fixture.hpp"
#include "report/event_log.hpp"

namespace jobsim::report {
namespace {

using namespace std::chrono_literals;
using testing::Lines;
using testing::make_node;
using testing::make_pod;
using testing::RecorderTest;

constexpr std::size_t kBlock = 64 * 1024;  // BlockWriter::kBlockSize

std::string created_line(int i) {
  char name[8];
  std::snprintf(name, sizeof name, "p-%04d", i);
  return std::string(R"({"time":"2026-01-01T00:00:00Z","kind":"Pod","namespace":"default","name":")") + name +
         R"(","event":"Created"})" + "\n";
}

class StreamingTest : public RecorderTest {};

// 1,000 Created lines of equal length L: the first block goes out with the first line that
// brings it to 64 KiB, n = ceil(65536 / L) lines; the rest only at finish.
TEST_F(StreamingTest, events_jsonl_is_written_in_blocks_during_the_run) {
  std::string all;
  for (int i = 0; i < 1000; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "p-%04d", i);
    create(make_pod(name));
    all += created_line(i);
  }
  const std::size_t line_size = created_line(0).size();
  ASSERT_EQ(all.size(), 1000 * line_size);
  const std::size_t first_block_lines = (kBlock + line_size - 1) / line_size;
  EXPECT_EQ(events_out_.str(), all.substr(0, first_block_lines * line_size));
  finish(1s);
  EXPECT_EQ(events_out_.str(), all);
  EXPECT_EQ(recorder_.event_lines(), 1000u);
}

// The row of an instant is final only when time moves on: the 0 s rows (the node) are out once
// a write happens at 5 s; the 5 s row and the final rows at 10 s come at finish.
TEST_F(StreamingTest, an_instant_is_written_when_the_next_one_starts) {
  create(make_node("worker-1"));
  at(5s);
  create(make_pod("p"));
  const std::string header_csv =
      "time,pending,running,succeeded,failed,retained,terminating,active_jobs,requested_cpu_m,"
      "requested_memory_bytes,pods,jobs,cronjobs,nodes,used_cpu_m,used_memory_bytes,retained_jobs,events";
  const std::string header_nodes =
      "time,node,requested_cpu_m,requested_memory_bytes,used_cpu_m,used_memory_bytes,allocatable_cpu_m,"
      "allocatable_memory_bytes,pods";
  EXPECT_EQ(csv_lines(), Lines({header_csv, "2026-01-01T00:00:00Z,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0"}));
  EXPECT_EQ(nodes_csv_lines(), Lines({header_nodes, "2026-01-01T00:00:00Z,worker-1,0,0,0,0,4000,17179869184,0"}));
  finish(10s);
  EXPECT_EQ(csv_lines(), Lines({header_csv,  //
                                "2026-01-01T00:00:00Z,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0",
                                "2026-01-01T00:00:05Z,1,0,0,0,0,0,0,0,0,1,0,0,1,0,0,0,0",
                                "2026-01-01T00:00:10Z,1,0,0,0,0,0,0,0,0,1,0,0,1,0,0,0,0"}));
  EXPECT_EQ(nodes_csv_lines(), Lines({header_nodes,  //
                                      "2026-01-01T00:00:00Z,worker-1,0,0,0,0,4000,17179869184,0",
                                      "2026-01-01T00:00:10Z,worker-1,0,0,0,0,4000,17179869184,0"}));
}

// Without streams the recorder makes no line text at all, but still counts the lines and
// reports the summary.
TEST(StreamingWithoutOutputs, lines_are_counted_not_kept) {
  engine::FakeClock clock{testing::kStart};
  engine::RandomStreams streams{1};
  cluster::ApiServer server{clock, streams};
  cluster::EventSink sink;
  cluster::UsageSink usage;
  cluster::LifecycleSignals lifecycle;
  RunRecorder recorder{clock, server, sink, usage, lifecycle};
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(server.create(make_pod("p-" + std::to_string(i))).ok());
  recorder.finish(testing::kStart + 1s, {});
  EXPECT_EQ(recorder.event_lines(), 10u);
}

// A deleted object's subject (its name and owner text) is released and its slot reused: a run
// that creates and deletes a million pods keeps one.
TEST(EventLogSubjects, deleted_objects_give_their_slot_back) {
  EventLog log;
  api::ObjectMeta meta;
  meta.namespace_ = "default";
  meta.owner_references.edit().push_back(testing::controller_of("Job", "nightly-29000000"));
  for (int i = 0; i < 1000; ++i) {
    meta.name = "nightly-29000000-" + std::to_string(i);
    const SubjectId subject = log.add_subject(api::Kind::Pod, meta);
    EXPECT_EQ(subject, 0u);
    EXPECT_EQ(log.live_subjects(), 1u);
    log.release_subject(subject);
  }
  EXPECT_EQ(log.live_subjects(), 0u);
}

}  // namespace
}  // namespace jobsim::report
