// One replication's metrics, and the worker threads that run a sweep's replications:
// include/jobsim/sweep/replication.hpp.
#include "jobsim/sweep/replication.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"

namespace jobsim::sweep {
namespace {

using Json = nlohmann::ordered_json;

// flatten adds every number under `value` as a metric named by its dotted path. Strings
// (instants, texts) and booleans are not metrics.
void flatten(const Json& value, const std::string& path, std::vector<std::pair<std::string, double>>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) flatten(child, path.empty() ? key : path + "." + key, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) flatten(value[i], path + "[" + std::to_string(i) + "]", out);
  } else if (value.is_number()) {
    out.emplace_back(path, value.get<double>());
  }
}

scenario::LoadOptions load_options(const SweepPlan& plan, std::size_t point) {
  scenario::LoadOptions options;
  options.set_overrides = plan.sets;
  options.grid_overrides = plan.points[point];
  options.seed = plan.seed;
  if (!plan.until.empty()) options.until = plan.until;
  return options;
}

}  // namespace

ReplicationRecord measure(const world::World& world, std::uint64_t task) {
  std::ostringstream text;
  world.recorder().write_summary_json(text);
  const Json summary = Json::parse(text.str());
  ReplicationRecord record{.task = task, .metrics = {}, .expectations = {}, .warnings = world.warnings()};
  for (const auto& [key, value] : summary.items()) {
    if (key == "engine" || key == "expectations") continue;
    flatten(value, key, record.metrics);
  }
  if (const auto last = world.recorder().last_job_finished()) {
    const double seconds = std::chrono::duration<double>(*last - world.scenario().start).count();
    record.metrics.emplace_back("jobs.lastFinishedSeconds", seconds);
  }
  if (const auto found = summary.find("expectations"); found != summary.end()) {
    for (const Json& entry : *found) {
      record.expectations.push_back({.expect = entry.value("expect", std::string()),
                                     .description = entry.value("description", std::string()),
                                     .passed = entry.value("passed", false),
                                     .observed = entry.contains("observed") ? entry["observed"].get<double>() : 0.0});
    }
  }
  return record;
}

void check_points(const SweepPlan& plan) {
  std::vector<std::string> errors;
  for (std::size_t point = 0; point < plan.points.size(); ++point) {
    try {
      (void)scenario::load_scenario(plan.scenario, load_options(plan, point));
    } catch (const scenario::ScenarioError& error) {
      for (const std::string& line : error.messages()) {
        // The same --set error would repeat for every point: keep each line once.
        if (std::find(errors.begin(), errors.end(), line) == errors.end()) errors.push_back(line);
      }
    }
  }
  if (!errors.empty()) throw scenario::ScenarioError(errors);
}

std::vector<ReplicationRecord> run_tasks(const SweepPlan& plan, const Shard& shard, unsigned jobs,
                                         const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  std::vector<std::uint64_t> tasks;
  for (std::uint64_t task = shard.index; task < plan.runs(); task += shard.count) tasks.push_back(task);
  std::vector<ReplicationRecord> records(tasks.size());

  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr error;
  unsigned running = 0;

  auto worker = [&] {
    // Scenarios by point, loaded on this thread (CONTRIBUTING.md principle 1) and kept for the
    // next replications of the same point.
    std::map<std::size_t, scenario::Scenario> scenarios;
    try {
      for (std::size_t i = next++; i < tasks.size() && !failed; i = next++) {
        const std::uint64_t task = tasks[i];
        const std::size_t point = plan.point_of(task);
        auto found = scenarios.find(point);
        if (found == scenarios.end()) {
          found = scenarios.emplace(point, scenario::load_scenario(plan.scenario, load_options(plan, point))).first;
        }
        const scenario::Scenario& scenario = found->second;
        // Replication r draws from the streams of (seed, r): common random numbers across the
        // points (docs/sweeps.md), and `jobsim run --seed RandomStreams::equivalent_seed(seed, r)`
        // is the same run.
        world::World world(scenario, plan.replication_of(task));
        world.run_until(scenario.until);
        world.finish();
        records[i] = measure(world, task);
        ++done;
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
    const std::lock_guard lock(mutex);
    --running;
    finished.notify_all();
  };

  const unsigned threads = std::max(1U, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(tasks.size(), 1))));
  std::vector<std::jthread> pool;
  {
    const std::lock_guard lock(mutex);
    running = threads;
  }
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  {
    std::unique_lock lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, std::chrono::milliseconds(200));
      lock.unlock();
      if (progress) progress(done.load(), tasks.size());
      lock.lock();
    }
  }
  pool.clear();  // joins
  if (error) std::rethrow_exception(error);
  if (progress) progress(done.load(), tasks.size());
  return records;
}

}  // namespace jobsim::sweep
