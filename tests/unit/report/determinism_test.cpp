// Identical runs give byte-identical outputs (README.md "The command line"): two recorders fed the same writes.
#include <chrono>

#include "recorder_fixture.hpp"

namespace jobsim::report::testing {
namespace {

using namespace std::chrono_literals;

struct Outputs {
  std::string events, summary, csv, nodes, text;
  bool operator==(const Outputs&) const = default;
};

class ScriptedRun : public RecorderTest {
 public:
  void TestBody() override {}
  Outputs run() {
    cluster::EventRecorder events(clock_, sink_, "job-controller");
    for (int n = 0; n < 3; ++n) create(make_node("worker-" + std::to_string(n), 1000 * (n + 1)));
    create(make_cron_job("nightly"));
    for (int i = 0; i < 40; ++i) {
      at(std::chrono::milliseconds(1250 * i));
      api::Job job = make_job("", "nightly");
      job.metadata.edit().generate_name = "nightly-";  // names drawn from the seeded stream
      const api::ObjectId job_id = create(std::move(job));
      const api::Job& stored = *server_.jobs().get(job_id);
      events.normal(api::Kind::Job, stored.metadata, "SuccessfulCreate", {"Created pod: {}", stored.metadata->name});
      api::Pod pod = make_pod(stored.metadata->name + "-pod", stored.metadata->name, 100 * (i % 4), 1 << 20);
      pod.spec.edit().node_name = "worker-" + std::to_string(i % 3);
      const api::ObjectId pod_id = create(std::move(pod));
      update<api::Job>(job_id, [&](api::Job& j) { j.status.edit().start_time = clock_.now(); });
      at(std::chrono::milliseconds(1250 * i + 700));
      update<api::Pod>(pod_id, [&](api::Pod& p) {
        p.status.edit().phase = i % 5 == 0 ? api::PodPhase::Failed : api::PodPhase::Succeeded;
      });
      update<api::Job>(job_id, [&](api::Job& j) {
        set_job_condition(j, i % 5 == 0 ? api::kJobFailed : api::kJobComplete, api::ConditionStatus::True,
                          i % 5 == 0 ? "BackoffLimitExceeded" : "", clock_.now());
      });
      if (i % 3 == 0) remove(api::Kind::Pod, pod_id);
    }
    finish(1min, {.events_processed = 99});
    return {.events = join(event_lines()), .summary = summary_text(), .csv = join(csv_lines()),
            .nodes = join(nodes_csv_lines()),
            .text = text_summary()};
  }

 private:
  static std::string join(const std::vector<std::string>& lines) {
    std::string all;
    for (const std::string& line : lines) all += line + "\n";
    return all;
  }
};

TEST(DeterminismTest, identical_runs_give_identical_bytes) {
  const Outputs first = ScriptedRun().run();
  const Outputs second = ScriptedRun().run();
  EXPECT_EQ(first.events, second.events);
  EXPECT_EQ(first.summary, second.summary);
  EXPECT_EQ(first.csv, second.csv);
  EXPECT_EQ(first.nodes, second.nodes);
  EXPECT_EQ(first.text, second.text);
  EXPECT_GT(first.events.size(), 1000u);
  EXPECT_GT(first.nodes.size(), 1000u);  // three nodes changing at most instants
}

}  // namespace
}  // namespace jobsim::report::testing
