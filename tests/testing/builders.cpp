#include "testing/builders.hpp"

#include <cstdlib>
#include <iostream>

#include "jobsim/api/resources.hpp"

namespace jobsim::testing {

engine::SimTime at(std::string_view rfc3339) {
  const auto parsed = engine::parse_rfc3339(rfc3339);
  if (!parsed) {
    std::cerr << "testing::at: bad time literal " << rfc3339 << '\n';
    std::abort();
  }
  return *parsed;
}

JobBuilder::JobBuilder(std::string name) {
  job_.metadata.edit().name = std::move(name);
  api::Container container;
  container.name = "main";
  container.image = "worker:v1";
  job_.spec.edit().template_.spec.edit().containers.push_back(container);
  job_.spec.edit().template_.spec.edit().restart_policy = api::RestartPolicy::Never;
  job_.spec.edit().template_.spec.edit().restart_policy_set = true;
}

JobBuilder& JobBuilder::completions(std::int32_t value) { job_.spec.edit().completions = value; return *this; }
JobBuilder& JobBuilder::parallelism(std::int32_t value) { job_.spec.edit().parallelism = value; return *this; }
JobBuilder& JobBuilder::backoff_limit(std::int32_t value) { job_.spec.edit().backoff_limit = value; return *this; }
JobBuilder& JobBuilder::active_deadline_seconds(std::int64_t value) { job_.spec.edit().active_deadline_seconds = value; return *this; }
JobBuilder& JobBuilder::ttl_seconds_after_finished(std::int32_t value) { job_.spec.edit().ttl_seconds_after_finished = value; return *this; }
JobBuilder& JobBuilder::suspend(bool value) { job_.spec.edit().suspend = value; return *this; }
JobBuilder& JobBuilder::indexed() { job_.spec.edit().completion_mode = api::CompletionMode::Indexed; return *this; }
JobBuilder& JobBuilder::pod_replacement_policy(api::PodReplacementPolicy policy) {
  job_.spec.edit().pod_replacement_policy = policy;
  return *this;
}
JobBuilder& JobBuilder::restart_policy(api::RestartPolicy policy) {
  job_.spec.edit().template_.spec.edit().restart_policy = policy;
  return *this;
}
JobBuilder& JobBuilder::image(std::string image) {
  job_.spec.edit().template_.spec.edit().containers[0].image = std::move(image);
  return *this;
}
JobBuilder& JobBuilder::command(std::vector<std::string> command) {
  job_.spec.edit().template_.spec.edit().containers[0].command = std::move(command);
  return *this;
}
JobBuilder& JobBuilder::requests(std::string cpu, std::string memory) {
  auto& requests = job_.spec.edit().template_.spec.edit().containers[0].resources.requests;
  requests.cpu_millis = api::parse_cpu_millis(cpu);
  requests.memory_bytes = api::parse_memory_bytes(memory);
  return *this;
}
JobBuilder& JobBuilder::grace_period_seconds(std::int64_t seconds) {
  job_.spec.edit().template_.spec.edit().termination_grace_period_seconds = seconds;
  return *this;
}

JobBuilder make_job(std::string name) { return JobBuilder(std::move(name)); }

CronJobBuilder::CronJobBuilder(std::string name, std::string schedule) {
  cron_job_.metadata.edit().name = std::move(name);
  cron_job_.spec.edit().schedule = std::move(schedule);
  job_template(make_job("template"));
}
CronJobBuilder& CronJobBuilder::job_template(const api::Job& job) {
  cron_job_.spec.edit().job_template.labels = job.metadata->labels;
  cron_job_.spec.edit().job_template.annotations = job.metadata->annotations;
  cron_job_.spec.edit().job_template.spec = job.spec;
  return *this;
}
CronJobBuilder& CronJobBuilder::time_zone(std::string zone) { cron_job_.spec.edit().time_zone = std::move(zone); return *this; }
CronJobBuilder& CronJobBuilder::concurrency_policy(api::ConcurrencyPolicy policy) {
  cron_job_.spec.edit().concurrency_policy = policy;
  return *this;
}
CronJobBuilder& CronJobBuilder::starting_deadline_seconds(std::int64_t seconds) {
  cron_job_.spec.edit().starting_deadline_seconds = seconds;
  return *this;
}
CronJobBuilder& CronJobBuilder::suspend(bool value) { cron_job_.spec.edit().suspend = value; return *this; }
CronJobBuilder& CronJobBuilder::successful_jobs_history_limit(std::int32_t value) {
  cron_job_.spec.edit().successful_jobs_history_limit = value;
  return *this;
}
CronJobBuilder& CronJobBuilder::failed_jobs_history_limit(std::int32_t value) {
  cron_job_.spec.edit().failed_jobs_history_limit = value;
  return *this;
}
CronJobBuilder& CronJobBuilder::creation_timestamp(engine::SimTime at) {
  cron_job_.metadata.edit().creation_timestamp = at;
  return *this;
}

CronJobBuilder make_cron_job(std::string name, std::string schedule) {
  return CronJobBuilder(std::move(name), std::move(schedule));
}

ScenarioBuilder::ScenarioBuilder() {
  scenario_.file = "test.yaml";
  scenario_.name = "test";
  scenario_.start = kStart;
  scenario_.until = kStart + std::chrono::hours(1);
  scenario_.seed = 1;
  nodes("worker", 1);
}

ScenarioBuilder& ScenarioBuilder::until(engine::Duration after_start) {
  scenario_.until = scenario_.start + after_start;
  return *this;
}

ScenarioBuilder& ScenarioBuilder::seed(std::uint64_t seed) {
  scenario_.seed = seed;
  return *this;
}

ScenarioBuilder& ScenarioBuilder::nodes(std::string name, std::int32_t count, std::string cpu, std::string memory) {
  // The first call replaces the default single node.
  static constexpr const char* kDefault = "worker";
  if (scenario_.cluster.nodes.size() == 1 && scenario_.cluster.nodes[0].name == kDefault &&
      !scenario_.cluster.nodes[0].count) {
    scenario_.cluster.nodes.clear();
  }
  scenario::NodeGroup group;
  group.name = std::move(name);
  if (count != 1 || !scenario_.cluster.nodes.empty()) group.count = count;
  group.capacity.cpu_millis = api::parse_cpu_millis(cpu);
  group.capacity.memory_bytes = api::parse_memory_bytes(memory);
  group.capacity.pods = 110;
  scenario_.cluster.nodes.push_back(std::move(group));
  return *this;
}

ScenarioBuilder& ScenarioBuilder::behavior(std::string image, engine::Duration duration,
                                           std::vector<std::int32_t> exit_codes, engine::Duration termination_delay) {
  scenario::Behavior behavior;
  behavior.match.image = std::move(image);
  behavior.duration = scenario::DurationDist{.kind = scenario::DurationDist::Kind::Fixed, .fixed = duration};
  behavior.exit_code = scenario::ExitCodeSpec{.kind = scenario::ExitCodeSpec::Kind::PerRun, .per_run = std::move(exit_codes)};
  behavior.termination_delay = termination_delay;
  scenario_.behaviors.push_back(std::move(behavior));
  return *this;
}

ScenarioBuilder& ScenarioBuilder::never_ending(std::string image, engine::Duration termination_delay) {
  scenario::Behavior behavior;
  behavior.match.image = std::move(image);
  behavior.duration = scenario::DurationDist{.kind = scenario::DurationDist::Kind::Never};
  behavior.termination_delay = termination_delay;
  scenario_.behaviors.push_back(std::move(behavior));
  return *this;
}

ScenarioBuilder& ScenarioBuilder::object(api::Job job) {
  scenario_.objects.push_back({std::move(job), {}});
  return *this;
}

ScenarioBuilder& ScenarioBuilder::object(api::CronJob cron_job) {
  scenario_.objects.push_back({std::move(cron_job), {}});
  return *this;
}

ScenarioBuilder& ScenarioBuilder::start(engine::SimTime at) {
  scenario_.until = at + (scenario_.until - scenario_.start);
  scenario_.start = at;
  return *this;
}

ScenarioBuilder& ScenarioBuilder::time_zone(std::string zone) {
  scenario_.cluster.time_zone = std::move(zone);
  return *this;
}

ScenarioBuilder& ScenarioBuilder::delete_at(engine::Duration after_start, std::string kind, std::string name,
                                            std::optional<std::string> propagation) {
  scenario::Action action;
  action.at = scenario_.start + after_start;
  action.verb = scenario::DeleteAction{.target = {std::move(kind), std::move(name)}, .propagation_policy = propagation};
  scenario_.actions.push_back(std::move(action));
  return *this;
}

ScenarioBuilder& ScenarioBuilder::patch_at(engine::Duration after_start, std::string kind, std::string name,
                                           std::string path, std::string value) {
  const scenario::SourcePos pos{"test.yaml", 1, 1};
  scenario::Value patch = scenario::Value::map(pos);
  scenario::Value* node = &patch;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const bool last = dot == std::string::npos;
    node->entries().push_back({key, pos, last ? scenario::Value::scalar(value, false, pos) : scenario::Value::map(pos)});
    node = &node->entries().back().value;
    if (last) break;
    start = dot + 1;
  }
  scenario::Action action;
  action.at = scenario_.start + after_start;
  action.verb = scenario::PatchAction{.target = {std::move(kind), std::move(name)}, .patch = std::move(patch)};
  scenario_.actions.push_back(std::move(action));
  return *this;
}

}  // namespace jobsim::testing
