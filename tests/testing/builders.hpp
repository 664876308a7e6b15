// Fluent builders for API objects and scenarios, named after upstream's test helpers
// (pkg/controller/job/job_controller_test.go newJob / buildPod). Tests set only what matters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jobsim/api/job.hpp"
#include "jobsim/scenario/scenario.hpp"

namespace jobsim::testing {

engine::SimTime at(std::string_view rfc3339);  // aborts on a malformed literal (test bug)
inline const engine::SimTime kStart = at("2026-01-01T00:00:00Z");

class JobBuilder {
 public:
  explicit JobBuilder(std::string name);
  JobBuilder& completions(std::int32_t value);
  JobBuilder& parallelism(std::int32_t value);
  JobBuilder& backoff_limit(std::int32_t value);
  JobBuilder& active_deadline_seconds(std::int64_t value);
  JobBuilder& ttl_seconds_after_finished(std::int32_t value);
  JobBuilder& suspend(bool value);
  JobBuilder& indexed();
  JobBuilder& pod_replacement_policy(api::PodReplacementPolicy policy);
  JobBuilder& restart_policy(api::RestartPolicy policy);
  JobBuilder& image(std::string image);
  JobBuilder& command(std::vector<std::string> command);
  JobBuilder& requests(std::string cpu, std::string memory);
  JobBuilder& grace_period_seconds(std::int64_t seconds);
  api::Job build() const { return job_; }
  operator api::Job() const { return job_; }  // NOLINT: builders convert implicitly

 private:
  api::Job job_;
};

JobBuilder make_job(std::string name);

class ScenarioBuilder {
 public:
  ScenarioBuilder();
  ScenarioBuilder& until(engine::Duration after_start);
  ScenarioBuilder& seed(std::uint64_t seed);
  ScenarioBuilder& nodes(std::string name, std::int32_t count, std::string cpu = "4", std::string memory = "16Gi");
  // behavior for an image: fixed duration and exit code per run (the last repeats).
  ScenarioBuilder& behavior(std::string image, engine::Duration duration, std::vector<std::int32_t> exit_codes = {0},
                            engine::Duration termination_delay = engine::Duration::zero());
  ScenarioBuilder& never_ending(std::string image, engine::Duration termination_delay = engine::Duration::zero());
  ScenarioBuilder& object(api::Job job);
  // patch_at merges {path: value} into the object, e.g. ("spec.suspend", "false").
  ScenarioBuilder& patch_at(engine::Duration after_start, std::string kind, std::string name, std::string path,
                            std::string value);
  ScenarioBuilder& delete_at(engine::Duration after_start, std::string kind, std::string name,
                             std::optional<std::string> propagation = std::nullopt);
  scenario::Scenario build() const { return scenario_; }

 private:
  scenario::Scenario scenario_;
};

}  // namespace jobsim::testing
