// summary.json: totals, failure reasons, nearest-rank duration percentiles, peaks, CronJob
// counts, capacity and requested resources, engine stats; plus the exact text of a small run.
#include <chrono>

#include <nlohmann/json.hpp>

#include "recorder_fixture.hpp"
#include "report/recorder_state.hpp"
#include "testing/table.hpp"

namespace jobsim::report::testing {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using Json = nlohmann::json;

using SummaryTest = RecorderTest;

// Percentiles by nearest rank, table-driven: values are 1..n seconds.
struct RankCase {
  std::string_view name;
  int n = 0;
  int p = 0;
  int want_seconds = 0;
};

const RankCase kRankCases[] = {
    {.name = "single_value_is_every_percentile", .n = 1, .p = 50, .want_seconds = 1},
    {.name = "p50_of_ten_is_the_fifth", .n = 10, .p = 50, .want_seconds = 5},
    {.name = "p90_of_ten_is_the_ninth", .n = 10, .p = 90, .want_seconds = 9},
    {.name = "p95_of_ten_rounds_up_to_the_tenth", .n = 10, .p = 95, .want_seconds = 10},
    {.name = "p95_of_twenty_is_the_nineteenth", .n = 20, .p = 95, .want_seconds = 19},
    {.name = "p99_of_hundred_is_the_ninety_ninth", .n = 100, .p = 99, .want_seconds = 99},
    {.name = "p50_of_four_is_the_second", .n = 4, .p = 50, .want_seconds = 2},
    {.name = "max_is_the_last", .n = 7, .p = 100, .want_seconds = 7},
};

class NearestRankTest : public ::testing::TestWithParam<RankCase> {};

TEST_P(NearestRankTest, percentile) {
  const RankCase& c = GetParam();
  DurationSamples samples;
  for (int i = c.n; i >= 1; --i) samples.add(std::chrono::seconds(i));  // descending: sort must order them
  samples.sort();
  EXPECT_EQ(samples.nearest_rank(c.p), std::chrono::seconds(c.want_seconds));
}

INSTANTIATE_TEST_SUITE_P(Table, NearestRankTest, ::testing::ValuesIn(kRankCases),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

TEST_F(SummaryTest, jobs_totals_reasons_and_durations) {
  const std::pair<int, std::string_view> outcomes[] = {
      {10, "Complete"}, {40, "DeadlineExceeded"}, {30, "Complete"}, {20, "Complete"}, {5, "BackoffLimitExceeded"}};
  int index = 0;
  for (const auto& [seconds, outcome] : outcomes) {
    const std::string cron_job = index % 2 == 0 ? "even" : "odd";
    const api::ObjectId id = create(make_job("job-" + std::to_string(index++), cron_job));
    // The condition's lastTransitionTime, not the write's instant, ends the duration.
    at(std::chrono::seconds(seconds) + 1s);
    update<api::Job>(id, [&](api::Job& j) {
      j.status.edit().start_time = kStart;
      const bool complete = outcome == "Complete";
      set_job_condition(j, complete ? api::kJobComplete : api::kJobFailed, api::ConditionStatus::True,
                        complete ? "" : std::string(outcome), kStart + std::chrono::seconds(seconds));
    });
    at(0s);
  }
  create(make_job("never-started"));
  create(make_cron_job("idle"));
  finish(1min);
  const Json summary = Json::parse(summary_text());
  EXPECT_EQ(summary["jobs"], Json::parse(R"({
    "created": 6, "succeeded": 3,
    "failed": {"BackoffLimitExceeded": 1, "DeadlineExceeded": 1},
    "duration": {"p50": 20.0, "p90": 40.0, "p95": 40.0, "p99": 40.0, "max": 40.0}})"));
  // "even" and "odd" exist only as owner references (no CronJob object: no schedule to walk);
  // each of their Jobs finishes before the next is created, so at most one ran at a time.
  // "idle" (*/5) was created at 0 in a 1-minute run: its first activation, 00:05, is after the end.
  const std::string_view no_delay = R"({"p50": null, "p90": null, "p95": null, "p99": null, "max": null})";
  const auto cron_job = [&](int created, int max_concurrent) {
    return Json{{"schedules", 0},        {"jobsCreated", created}, {"missed", 0},
                {"skipped", 0},          {"replaced", 0},          {"maxConcurrentJobs", max_concurrent},
                {"startDelay", Json::parse(no_delay)}};
  };
  EXPECT_EQ(summary["cronJobs"], (Json{{"even", cron_job(3, 1)}, {"idle", cron_job(0, 0)}, {"odd", cron_job(2, 1)}}));
}

TEST_F(SummaryTest, duration_percentiles_are_null_without_finished_jobs) {
  create(make_job("running"));
  finish(1min);
  EXPECT_EQ(Json::parse(summary_text())["jobs"]["duration"],
            Json::parse(R"({"p50": null, "p90": null, "p95": null, "p99": null, "max": null})"));
}

TEST_F(SummaryTest, pod_peaks_are_taken_at_instant_boundaries) {
  std::vector<api::ObjectId> pods;
  for (int i = 0; i < 3; ++i) pods.push_back(create(make_pod("p" + std::to_string(i))));
  at(1s);
  for (const api::ObjectId id : pods) {
    update<api::Pod>(id, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Running; });
  }
  at(2s);
  // p0 finishes and its replacement is created at the same instant: never 4 pods at once.
  update<api::Pod>(pods[0], [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Failed; });
  const api::ObjectId replacement = create(make_pod("p3"));
  update<api::Pod>(replacement, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Running; });
  at(3s);
  update<api::Pod>(pods[1], [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  at(4s);
  server_.remove(api::Kind::Pod, pods[0]);
  finish(5s);
  EXPECT_EQ(Json::parse(summary_text())["pods"], Json::parse(R"({
    "created": 4, "succeeded": 1, "failed": 1,
    "peakRunning": 3, "peakPending": 3, "peakRetained": 2, "retainedAtEnd": 1})"));
}

TEST_F(SummaryTest, engine_wall_seconds_only_when_given) {
  finish(1s, {.events_processed = 1234});
  EXPECT_EQ(Json::parse(summary_text())["engine"], Json::parse(R"({"eventsProcessed": 1234})"));
}

TEST_F(SummaryTest, engine_wall_seconds_when_given) {
  finish(1s, {.events_processed = 7, .wall_seconds = 0.5});
  EXPECT_EQ(Json::parse(summary_text())["engine"], Json::parse(R"({"eventsProcessed": 7, "wallSeconds": 0.5})"));
}

// The whole file for a small run pins key order and formatting. Requests: 500m/1Gi on worker-1
// from 0 s to 10 s, 1500m/2Gi on worker-2 from 5 s to 10 s, in a 20 s run. By hand:
// - total cpu: 500 for 5 s, 2000 for 5 s, 0 for 10 s: mean (2500 + 10000) / 20 = 625; p95
//   (time-weighted): 0 covers 10 s and 500 15 s of the 20, under 19 s (95%), so 2000.
// - worker-2 cpu: 0 for 15 s, 1500 for 5 s: mean 375, p95 1500 (15 s < 19 s).
// - utilization = requested / allocatable (= capacity here), to four decimals: total cpu mean
//   625/6000 = 0.1042, peak 2000/6000 = 0.3333; worker-1 memory mean 0.5Gi/16Gi = 0.03125,
//   rounded half away from zero to 0.0313.
// - pods created with spec.nodeName never waited: pendingTime counts none.
TEST_F(SummaryTest, exact_text_of_a_small_run) {
  create(make_node("worker-2", 2000, 8LL << 30));
  create(make_node("worker-1"));
  api::Pod a = make_pod("a", "j", 500, 1LL << 30);
  a.spec.edit().node_name = "worker-1";
  const api::ObjectId pod_a = create(std::move(a));
  at(5s);
  api::Pod b = make_pod("b", "j", 1500, 2LL << 30);
  b.spec.edit().node_name = "worker-2";
  const api::ObjectId pod_b = create(std::move(b));
  at(10s);
  for (const api::ObjectId id : {pod_a, pod_b}) {
    update<api::Pod>(id, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  }
  finish(20s, {.events_processed = 42});
  EXPECT_EQ(summary_text(), R"({
  "jobs": {
    "created": 0,
    "succeeded": 0,
    "failed": {},
    "duration": {
      "p50": null,
      "p90": null,
      "p95": null,
      "p99": null,
      "max": null
    }
  },
  "pods": {
    "created": 2,
    "succeeded": 2,
    "failed": 0,
    "peakRunning": 0,
    "peakPending": 2,
    "peakRetained": 2,
    "retainedAtEnd": 2
  },
  "cronJobs": {},
  "resources": {
    "capacity": {
      "cpuMillis": 6000,
      "memoryBytes": 25769803776,
      "pods": 220,
      "nodes": {
        "worker-1": {
          "cpuMillis": 4000,
          "memoryBytes": 17179869184,
          "pods": 110
        },
        "worker-2": {
          "cpuMillis": 2000,
          "memoryBytes": 8589934592,
          "pods": 110
        }
      }
    },
    "allocatable": {
      "cpuMillis": 6000,
      "memoryBytes": 25769803776,
      "pods": 220,
      "nodes": {
        "worker-1": {
          "cpuMillis": 4000,
          "memoryBytes": 17179869184,
          "pods": 110
        },
        "worker-2": {
          "cpuMillis": 2000,
          "memoryBytes": 8589934592,
          "pods": 110
        }
      }
    },
    "requested": {
      "cpuMillis": {
        "peak": 2000,
        "mean": 625.0,
        "p95": 2000
      },
      "memoryBytes": {
        "peak": 3221225472,
        "mean": 1073741824.0,
        "p95": 3221225472
      },
      "nodes": {
        "worker-1": {
          "cpuMillis": {
            "peak": 500,
            "mean": 250.0,
            "p95": 500
          },
          "memoryBytes": {
            "peak": 1073741824,
            "mean": 536870912.0,
            "p95": 1073741824
          }
        },
        "worker-2": {
          "cpuMillis": {
            "peak": 1500,
            "mean": 375.0,
            "p95": 1500
          },
          "memoryBytes": {
            "peak": 2147483648,
            "mean": 536870912.0,
            "p95": 2147483648
          }
        }
      }
    },
    "used": {
      "cpuMillis": {
        "peak": 0,
        "mean": 0.0,
        "p95": 0
      },
      "memoryBytes": {
        "peak": 0,
        "mean": 0.0,
        "p95": 0
      },
      "nodes": {
        "worker-1": {
          "cpuMillis": {
            "peak": 0,
            "mean": 0.0,
            "p95": 0
          },
          "memoryBytes": {
            "peak": 0,
            "mean": 0.0,
            "p95": 0
          }
        },
        "worker-2": {
          "cpuMillis": {
            "peak": 0,
            "mean": 0.0,
            "p95": 0
          },
          "memoryBytes": {
            "peak": 0,
            "mean": 0.0,
            "p95": 0
          }
        }
      }
    },
    "utilization": {
      "cpu": {
        "requestedMean": 0.1042,
        "requestedPeak": 0.3333,
        "usedMean": 0.0,
        "usedPeak": 0.0
      },
      "memory": {
        "requestedMean": 0.0417,
        "requestedPeak": 0.125,
        "usedMean": 0.0,
        "usedPeak": 0.0
      },
      "nodes": {
        "worker-1": {
          "cpu": {
            "requestedMean": 0.0625,
            "requestedPeak": 0.125,
            "usedMean": 0.0,
            "usedPeak": 0.0
          },
          "memory": {
            "requestedMean": 0.0313,
            "requestedPeak": 0.0625,
            "usedMean": 0.0,
            "usedPeak": 0.0
          }
        },
        "worker-2": {
          "cpu": {
            "requestedMean": 0.1875,
            "requestedPeak": 0.75,
            "usedMean": 0.0,
            "usedPeak": 0.0
          },
          "memory": {
            "requestedMean": 0.0625,
            "requestedPeak": 0.25,
            "usedMean": 0.0,
            "usedPeak": 0.0
          }
        }
      }
    },
    "pendingTime": {
      "count": 0,
      "bound": 0,
      "deletedWhilePending": 0,
      "finishedWhilePending": 0,
      "pendingAtEnd": 0,
      "p50": null,
      "p90": null,
      "p95": null,
      "p99": null,
      "max": null
    },
    "apiObjects": {
      "pods": {
        "peak": 2,
        "atEnd": 2
      },
      "jobs": {
        "peak": 0,
        "atEnd": 0
      },
      "cronJobs": {
        "peak": 0,
        "atEnd": 0
      },
      "nodes": {
        "peak": 2,
        "atEnd": 2
      },
      "eventsRecorded": 0
    },
    "retained": {
      "pods": {
        "peak": 2,
        "peakAt": "2026-01-01T00:00:10Z",
        "atEnd": 2
      },
      "jobs": {
        "peak": 0,
        "peakAt": null,
        "atEnd": 0
      }
    }
  },
  "engine": {
    "eventsProcessed": 42
  },
  "expectations": []
}
)");
}

}  // namespace
}  // namespace jobsim::report::testing
