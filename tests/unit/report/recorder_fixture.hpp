// Shared fixture of the report tests: a real ApiServer on a FakeClock with a RunRecorder
// listening, object factories that pass validation, and readers for the outputs.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/api_server.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/cluster/usage.hpp"
#include "jobsim/report/run_recorder.hpp"

namespace jobsim::report::testing {

inline engine::SimTime time_of(std::string_view rfc3339) { return *engine::parse_rfc3339(rfc3339); }
inline const engine::SimTime kStart = time_of("2026-01-01T00:00:00Z");

inline api::Container container(std::string name = "main", std::optional<std::int64_t> cpu_m = std::nullopt,
                                std::optional<std::int64_t> memory_bytes = std::nullopt) {
  api::Container result{.name = std::move(name), .image = "busybox"};
  result.resources.requests.cpu_millis = cpu_m;
  result.resources.requests.memory_bytes = memory_bytes;
  return result;
}

inline api::OwnerReference controller_of(std::string kind, std::string name) {
  return {.api_version = kind == "Job" || kind == "CronJob" ? "batch/v1" : "v1",
          .kind = std::move(kind),
          .name = name,
          .uid = "owner-" + name,
          .controller = true};
}

inline api::Pod make_pod(std::string name, std::string owner_job = "", std::int64_t cpu_m = 0,
                         std::int64_t memory_bytes = 0) {
  api::Pod pod;
  pod.metadata.edit().name = std::move(name);
  if (!owner_job.empty()) pod.metadata.edit().owner_references.edit().push_back(controller_of("Job", owner_job));
  pod.spec.edit().containers.push_back(container("main", cpu_m, memory_bytes));
  pod.spec.edit().restart_policy = api::RestartPolicy::Never;
  pod.spec.edit().restart_policy_set = true;
  return pod;
}

inline api::Job make_job(std::string name, std::string owner_cron_job = "") {
  api::Job job;
  job.metadata.edit().name = std::move(name);
  if (!owner_cron_job.empty()) job.metadata.edit().owner_references.edit().push_back(controller_of("CronJob", owner_cron_job));
  job.spec.edit().template_.spec.edit().containers.push_back(container());
  job.spec.edit().template_.spec.edit().restart_policy = api::RestartPolicy::Never;
  job.spec.edit().template_.spec.edit().restart_policy_set = true;
  return job;
}

inline api::CronJob make_cron_job(std::string name) {
  api::CronJob cron_job;
  cron_job.metadata.edit().name = std::move(name);
  cron_job.spec.edit().schedule = "*/5 * * * *";
  cron_job.spec.edit().job_template.spec.edit().template_.spec.edit().containers.push_back(container());
  cron_job.spec.edit().job_template.spec.edit().template_.spec.edit().restart_policy = api::RestartPolicy::OnFailure;
  cron_job.spec.edit().job_template.spec.edit().template_.spec.edit().restart_policy_set = true;
  return cron_job;
}

inline api::Node make_node(std::string name, std::int64_t cpu_m = 4000, std::int64_t memory_bytes = 16LL << 30,
                           bool ready = true) {
  api::Node node;
  node.metadata.edit().name = std::move(name);
  node.status.edit().capacity = {.cpu_millis = cpu_m, .memory_bytes = memory_bytes, .pods = 110};
  node.status.edit().conditions.push_back(
      {.type = "Ready", .status = ready ? api::ConditionStatus::True : api::ConditionStatus::False});
  return node;
}

inline void set_job_condition(api::Job& job, std::string_view type, api::ConditionStatus status,
                              std::string reason = "", std::optional<engine::SimTime> transition = std::nullopt) {
  for (api::JobCondition& condition : job.status.edit().conditions) {
    if (condition.type == type) {
      condition.status = status;
      condition.reason = std::move(reason);
      condition.last_transition_time = transition;
      return;
    }
  }
  job.status.edit().conditions.push_back(
      {.type = std::string(type), .status = status, .last_transition_time = transition, .reason = std::move(reason)});
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

using Lines = std::vector<std::string>;

// The fixture streams every line output into strings (RunRecorder::stream_history), as
// `jobsim run --out` streams them into files.
class RecorderTest : public ::testing::Test {
 protected:
  RecorderTest() {
    recorder_.stream_history({.events_jsonl = &events_out_, .timeseries_csv = &csv_out_, .nodes_csv = &nodes_out_});
  }

  // at moves the clock to `offset` after kStart: every write after it happens then.
  void at(engine::Duration offset) { clock_.set(kStart + offset); }

  template <class T>
  api::ObjectId create(T object) {
    const cluster::ApiResult result = server_.create(std::move(object));
    EXPECT_TRUE(result.ok()) << result.message;
    return result.id;
  }
  // update copies the stored object, lets `change` edit it and writes it back. The fixture is
  // the model here: a write that restarts containers, changes a pod's phase or finishes a Job
  // is announced on the lifecycle signals as the kubelet or the Job controller announce theirs.
  template <class T>
  void update(api::ObjectId id, const std::function<void(T&)>& change) {
    const T before = *store<T>().get(id);
    T object = before;
    change(object);
    const T written = object;
    const cluster::ApiResult result = server_.update(id, std::move(object));
    EXPECT_TRUE(result.ok()) << result.message;
    if (result.ok()) announce(id, before, written);
  }
  void announce(api::ObjectId id, const api::Pod& before, const api::Pod& pod) {
    cluster::announce_write(lifecycle_, id, before, pod);
  }
  void announce(api::ObjectId id, const api::Job& before, const api::Job& job) {
    cluster::announce_write(lifecycle_, id, before, job, clock_.now());
  }
  template <class T>
  void announce(api::ObjectId, const T&, const T&) {}
  void remove(api::Kind kind, api::ObjectId id) {
    const cluster::ApiResult result =
        server_.remove(kind, id, {.propagation_policy = cluster::PropagationPolicy::Background});
    EXPECT_TRUE(result.ok()) << result.message;
  }

  // event_lines: the events.jsonl lines streamed so far (flushed first).
  std::vector<std::string> event_lines() {
    recorder_.flush_history();
    return split_lines(events_out_.str());
  }
  std::string summary_text() const {
    std::ostringstream out;
    recorder_.write_summary_json(out);
    return out.str();
  }
  // csv_lines, nodes_csv_lines: the rows streamed so far (flushed first): those of the instants
  // closed, all of them after finish.
  std::vector<std::string> csv_lines() {
    recorder_.flush_history();
    return split_lines(csv_out_.str());
  }
  std::vector<std::string> nodes_csv_lines() {
    recorder_.flush_history();
    return split_lines(nodes_out_.str());
  }
  std::string text_summary() const {
    std::ostringstream out;
    recorder_.write_text_summary(out);
    return out.str();
  }
  void finish(engine::Duration offset, EngineStats stats = {}) { recorder_.finish(kStart + offset, stats); }

  template <class T>
  cluster::Informer<T>& store() {
    if constexpr (std::is_same_v<T, api::Pod>) return server_.pods();
    if constexpr (std::is_same_v<T, api::Job>) return server_.jobs();
    if constexpr (std::is_same_v<T, api::CronJob>) return server_.cron_jobs();
    if constexpr (std::is_same_v<T, api::Node>) return server_.nodes();
  }

  engine::FakeClock clock_{kStart};
  engine::RandomStreams streams_{1};
  cluster::ApiServer server_{clock_, streams_};
  cluster::EventSink sink_;
  cluster::UsageSink usage_;
  cluster::LifecycleSignals lifecycle_;
  std::ostringstream events_out_;
  std::ostringstream csv_out_;
  std::ostringstream nodes_out_;
  RunRecorder recorder_{clock_, server_, sink_, usage_, lifecycle_};
};

}  // namespace jobsim::report::testing
