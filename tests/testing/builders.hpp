// Fluent builders for API objects and scenarios, named after upstream's test helpers
// (pkg/controller/job/job_controller_test.go newJob / buildPod). Tests set only what matters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jobsim/api/cronjob.hpp"
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

// CronJobBuilder: a CronJob whose jobTemplate is a JobBuilder's Job (its name is ignored).
class CronJobBuilder {
 public:
  CronJobBuilder(std::string name, std::string schedule);
  CronJobBuilder& job_template(const api::Job& job);
  CronJobBuilder& time_zone(std::string zone);
  CronJobBuilder& concurrency_policy(api::ConcurrencyPolicy policy);
  CronJobBuilder& starting_deadline_seconds(std::int64_t seconds);
  CronJobBuilder& suspend(bool value);
  CronJobBuilder& successful_jobs_history_limit(std::int32_t value);
  CronJobBuilder& failed_jobs_history_limit(std::int32_t value);
  CronJobBuilder& creation_timestamp(engine::SimTime at);  // a replayed snapshot's
  api::CronJob build() const { return cron_job_; }
  operator api::CronJob() const { return cron_job_; }  // NOLINT: builders convert implicitly

 private:
  api::CronJob cron_job_;
};

CronJobBuilder make_cron_job(std::string name, std::string schedule);

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
  ScenarioBuilder& object(api::CronJob cron_job);
  // start moves the scenario start (keeping the run length); time_zone is cluster.timeZone.
  ScenarioBuilder& start(engine::SimTime at);
  ScenarioBuilder& time_zone(std::string zone);
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
