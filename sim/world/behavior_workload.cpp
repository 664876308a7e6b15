#include "jobsim/world/behavior_workload.hpp"

#include <charconv>
#include <cmath>

#include "jobsim/engine/distributions.hpp"

namespace jobsim::world {
namespace {

// The number following `word` as a separate shell word, e.g. "exit 3" or "sleep 2.5".
std::optional<double> number_after(std::string_view text, std::string_view word) {
  std::size_t at = 0;
  while ((at = text.find(word, at)) != std::string_view::npos) {
    const bool starts_word = at == 0 || std::string_view(" ;&|(\"'\t\n").find(text[at - 1]) != std::string_view::npos;
    std::size_t pos = at + word.size();
    at = pos;
    if (!starts_word || pos >= text.size() || (text[pos] != ' ' && text[pos] != '\t')) continue;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    std::size_t end = pos;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) ++end;
    if (end == pos) continue;
    double value = 0;
    const auto [ptr, error] = std::from_chars(text.data() + pos, text.data() + end, value);
    if (error == std::errc{}) return value;
  }
  return std::nullopt;
}

std::string joined_command(const api::Container& container) {
  std::string text;
  for (const std::string& part : container.command) text += part + " ";
  for (const std::string& part : container.args) text += part + " ";
  return text;
}

}  // namespace

CommandHints infer_from_command(const api::Container& container) {
  const std::string text = joined_command(container);
  CommandHints hints;
  if (auto seconds = number_after(text, "sleep")) hints.sleep = engine::from_seconds(*seconds);
  if (auto code = number_after(text, "exit")) hints.exit_code = static_cast<std::int32_t>(*code);
  return hints;
}

BehaviorWorkload::BehaviorWorkload(const std::vector<scenario::Behavior>& behaviors,
                                   const engine::RandomStreams& streams, const cluster::Informer<api::Job>& jobs)
    : jobs_(jobs) {
  states_.reserve(behaviors.size());
  for (std::size_t i = 0; i < behaviors.size(); ++i) {
    const std::string prefix = "behavior/" + std::to_string(i);
    states_.push_back({&behaviors[i], streams.stream(prefix + "/duration"), streams.stream(prefix + "/exitCode")});
  }
}

std::string BehaviorWorkload::owner_job(const api::Pod& pod) const {
  const api::OwnerReference* ref = api::controller_ref(pod.metadata);
  return ref != nullptr && ref->kind == "Job" ? ref->name.str() : std::string();
}

std::string BehaviorWorkload::owner_cron_job(const api::Pod& pod) const {
  const std::string job_name = owner_job(pod);
  if (job_name.empty()) return {};
  const api::Job* job = jobs_.get(jobs_.find(pod.metadata->namespace_, job_name));
  if (job == nullptr) return {};
  const api::OwnerReference* ref = api::controller_ref(job->metadata);
  return ref != nullptr && ref->kind == "CronJob" ? ref->name.str() : std::string();
}

bool BehaviorWorkload::matches(const scenario::BehaviorMatch& match, const api::Pod& pod,
                               const api::Container& container) const {
  if (match.image && *match.image != container.image) return false;
  if (match.container && *match.container != container.name) return false;
  if (match.job && *match.job != owner_job(pod)) return false;
  if (match.cron_job && *match.cron_job != owner_cron_job(pod)) return false;
  return api::matches(api::LabelSelector{match.labels}, pod.metadata->labels);
}

std::optional<engine::Duration> BehaviorWorkload::draw_duration(BehaviorState& state) {
  const std::optional<scenario::DurationDist>& spec = state.behavior->duration;
  if (!spec) return engine::Duration::zero();
  using Kind = scenario::DurationDist::Kind;
  auto seconds = [](engine::Duration d) { return engine::to_seconds(d); };
  double drawn = 0;
  switch (spec->kind) {
    case Kind::Never: return std::nullopt;
    case Kind::Fixed: return spec->fixed;
    case Kind::Uniform: drawn = engine::uniform(state.durations, seconds(spec->low), seconds(spec->high)); break;
    case Kind::Normal: drawn = engine::normal(state.durations, seconds(spec->mean), seconds(spec->stddev)); break;
    case Kind::Exponential: drawn = engine::exponential(state.durations, seconds(spec->mean)); break;
    case Kind::Lognormal: {
      const double sigma = engine::lognormal_sigma_from_median_p95(seconds(spec->median), seconds(spec->p95));
      drawn = engine::lognormal(state.durations, std::log(seconds(spec->median)), sigma);
      break;
    }
    case Kind::Values: {
      if (spec->values.empty()) return engine::Duration::zero();
      return spec->values[state.durations.below(spec->values.size())];
    }
  }
  // A run cannot last less than nothing: a normal draw below zero means an instant exit.
  return engine::from_seconds(std::max(0.0, drawn));
}

std::int32_t BehaviorWorkload::draw_exit_code(BehaviorState& state) {
  const std::optional<scenario::ExitCodeSpec>& spec = state.behavior->exit_code;
  if (!spec) return 0;
  using Kind = scenario::ExitCodeSpec::Kind;
  switch (spec->kind) {
    case Kind::Fixed: return spec->fixed;
    case Kind::PerRun: {
      if (spec->per_run.empty()) return 0;
      const std::size_t run = std::min(state.runs, spec->per_run.size() - 1);
      return spec->per_run[run];
    }
    case Kind::Table: {
      std::vector<double> weights;
      for (const auto& [code, probability] : spec->table) weights.push_back(probability);
      return spec->table[engine::discrete(state.exit_codes, weights)].first;
    }
  }
  return 0;
}

cluster::ContainerRun BehaviorWorkload::next_run(const api::Pod& pod, const api::Container& container) {
  for (BehaviorState& state : states_) {
    if (!matches(state.behavior->match, pod, container)) continue;
    cluster::ContainerRun run;
    run.run_for = draw_duration(state);
    run.exit_code = draw_exit_code(state);
    ++state.runs;
    run.termination_delay = state.behavior->termination_delay.value_or(engine::Duration::zero());
    run.cpu_millis = state.behavior->usage_cpu_millis;
    run.memory_bytes = state.behavior->usage_memory_bytes;
    run.memory_ramp_up = state.behavior->usage_memory_ramp_up.value_or(engine::Duration::zero());
    return run;
  }
  const CommandHints hints = infer_from_command(container);
  std::string owner = owner_job(pod);
  owner = owner.empty() ? "Pod \"" + pod.metadata->name + "\"" : "Job \"" + owner + "\"";
  const std::string key = owner + "/" + container.name;
  if (!warned_[key]) {
    warned_[key] = true;
    std::string what;
    if (hints.sleep) what += "runs " + engine::format_duration(*hints.sleep) + " (from `sleep`)";
    if (hints.exit_code) what += std::string(what.empty() ? "" : " and ") + "exits " + std::to_string(*hints.exit_code) + " (from `exit`)";
    warnings_.push_back("no behavior matches container \"" + container.name + "\" (image " + container.image + ") of " +
                        owner + ": it " + (what.empty() ? "runs for 0s and exits 0" : what) +
                        "; add a `behaviors:` entry to model it");
  }
  cluster::ContainerRun run;
  run.run_for = hints.sleep.value_or(engine::Duration::zero());
  run.exit_code = hints.exit_code.value_or(0);
  return run;
}

}  // namespace jobsim::world
