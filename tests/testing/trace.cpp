#include "testing/trace.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace jobsim::testing {

Trace::Trace(world::World& world) : world_(world) {
  auto& api = world.api();
  api.pods().on_add([this](api::ObjectId, const api::Pod& pod) { add("Pod", "Created", "", pod.metadata->name); });
  api.pods().on_update([this](api::ObjectId, const api::Pod& old_pod, const api::Pod& pod) {
    if (old_pod.status->phase != pod.status->phase) {
      std::string detail;
      for (const auto& status : pod.status->container_statuses) {
        if (status.state.kind == api::ContainerStateKind::Terminated && status.state.exit_code != 0) {
          detail = std::to_string(status.state.exit_code);
        }
      }
      add("Pod", std::string(api::to_string(pod.status->phase)), detail, pod.metadata->name);
    }
    if (!old_pod.metadata->deletion_timestamp && pod.metadata->deletion_timestamp) add("Pod", "Terminating", "", pod.metadata->name);
    for (std::size_t i = 0; i < pod.status->container_statuses.size(); ++i) {
      const std::int32_t before = i < old_pod.status->container_statuses.size() ? old_pod.status->container_statuses[i].restart_count : 0;
      if (pod.status->container_statuses[i].restart_count > before) {
        add("Pod", "Restarted", std::to_string(pod.status->container_statuses[i].restart_count), pod.metadata->name);
      }
    }
  });
  api.pods().on_delete([this](api::ObjectId, const api::Pod& pod) { add("Pod", "Deleted", "", pod.metadata->name); });
  api.jobs().on_add([this](api::ObjectId, const api::Job& job) { add("Job", "Created", "", job.metadata->name); });
  api.jobs().on_update([this](api::ObjectId, const api::Job& old_job, const api::Job& job) {
    for (const api::JobCondition& condition : job.status->conditions) {
      const api::JobCondition* before = api::find_job_condition(old_job.status, condition.type);
      if (before == nullptr || before->status != condition.status) {
        add("Job", condition.status == api::ConditionStatus::True ? condition.type.str() : condition.type + "=False",
            condition.reason, job.metadata->name);
      }
    }
    if (!old_job.status->start_time && job.status->start_time) add("Job", "Started", "", job.metadata->name);
  });
  api.jobs().on_delete([this](api::ObjectId, const api::Job& job) { add("Job", "Deleted", "", job.metadata->name); });
  world.events().connect([this](const api::Event& event) { add("Event", event.reason, event.message.str(), event.object.name); });
}

void Trace::add(std::string kind, std::string event, std::string detail, std::string name) {
  const double seconds = engine::to_seconds(world_.sim().now() - world_.scenario().start);
  facts_.push_back({seconds, std::move(kind), std::move(event), std::move(detail), std::move(name)});
}

std::vector<double> Trace::times(std::string_view kind, std::string_view event) const {
  std::vector<double> result;
  for (const Fact& fact : facts_) {
    if (fact.kind == kind && fact.event == event) result.push_back(fact.seconds);
  }
  return result;
}

std::vector<std::string> Trace::details(std::string_view kind, std::string_view event) const {
  std::vector<std::string> result;
  for (const Fact& fact : facts_) {
    if (fact.kind == kind && fact.event == event) result.push_back(fact.detail);
  }
  return result;
}

std::size_t Trace::count(std::string_view kind, std::string_view event) const { return times(kind, event).size(); }

std::string Trace::dump() const {
  std::ostringstream out;
  for (const Fact& fact : facts_) {
    out << "+" << fact.seconds << "s " << fact.kind << " " << fact.event << " " << fact.name
        << (fact.detail.empty() ? "" : " (" + fact.detail + ")") << "\n";
  }
  return out.str();
}

void expect_times(const Trace& trace, const std::vector<ExpectedTimes>& expected) {
  for (const ExpectedTimes& row : expected) {
    EXPECT_EQ(trace.times(row.kind, row.event), row.times) << row.kind << " " << row.event << "\n" << trace.dump();
  }
}

StreamedHistory::StreamedHistory(world::World& world) : world_(world) {
  world_.recorder().stream_history({.events_jsonl = &events_});
}

std::string StreamedHistory::events_jsonl() {
  world_.recorder().flush_history();
  return events_.str();
}

std::vector<std::string> events_jsonl_lines(StreamedHistory& history, std::string_view needle) {
  std::vector<std::string> lines;
  std::istringstream in(history.events_jsonl());
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) lines.push_back(line);
  }
  return lines;
}

}  // namespace jobsim::testing
