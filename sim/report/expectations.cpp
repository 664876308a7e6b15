// ExpectationChecker: counters per `expect:` entry, fed by the watch handlers and the Event
// sink. See the header for when an instant's value is read.
#include "jobsim/report/expectations.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "jobsim/api/job.hpp"
#include "jobsim/engine/check.hpp"

namespace jobsim::report {
namespace {

// Tracked is what one entry keeps during the run.
struct Tracked {
  std::int64_t current = 0;  // maxConcurrent, count: objects matching now
  std::int64_t peak = 0;     // maxConcurrent: the largest end-of-instant `current`
  std::int64_t total = 0;    // event, job: how many matched during the run
  std::optional<std::int64_t> at_value;  // count: `current` at `at`
  // The ObjectIds counted in `current` (or, job form, already in `total`), erased when the
  // object is deleted: bounded by the live objects (ids are never reused). Lookup only.
  std::unordered_set<api::ObjectId> counted;
};

bool same(const std::optional<std::string>& wanted, std::string_view actual) { return !wanted || *wanted == actual; }

// controller_name is the name of the controller owner of `kind`, or "" when there is none.
std::string_view controller_name(const api::ObjectMeta& meta, std::string_view kind) {
  const api::OwnerReference* owner = api::controller_ref(meta);
  return owner != nullptr && owner->kind == kind ? std::string_view(owner->name) : std::string_view();
}

bool matches_meta(const ObjectMatch& match, const api::ObjectMeta& meta) {
  return same(match.namespace_, meta.namespace_) && same(match.name, meta.name);
}

bool is_active(const api::Pod& pod) {
  return pod.status->phase == api::PodPhase::Pending || pod.status->phase == api::PodPhase::Running;
}

bool has_condition(const ExpectationSpec& spec, const api::Job& job) {
  for (const api::JobCondition& condition : job.status->conditions) {
    if (condition.status != api::ConditionStatus::True) continue;
    if (same(spec.condition, condition.type) && same(spec.reason, condition.reason)) return true;
  }
  return false;
}

}  // namespace

struct ExpectationChecker::State {
  State(const engine::Clock& clock_in, std::vector<ExpectationSpec> specs_in)
      : clock(clock_in), specs(std::move(specs_in)), tracked(specs.size()) {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const ExpectationSpec& spec = specs[i];
      switch (spec.form) {
        case ExpectationForm::MaxConcurrent:
        case ExpectationForm::Count:
          JOBSIM_CHECK(spec.objects.kind.has_value(), "maxConcurrent and count expectations need a kind");
          gauges_by_kind[static_cast<std::size_t>(*spec.objects.kind)].push_back(i);
          if (spec.form == ExpectationForm::MaxConcurrent) peak_specs.push_back(i);
          if (spec.form == ExpectationForm::Count) pending.emplace_back(spec.at.value_or(engine::SimTime::max()), i);
          needs_cron_owners = needs_cron_owners || (spec.objects.kind == api::Kind::Pod && spec.objects.cron_job);
          break;
        case ExpectationForm::Event: event_specs.push_back(i); break;
        case ExpectationForm::Job: job_specs.push_back(i); break;
      }
    }
    // Ties keep file order, so the order of evaluation never depends on the sort.
    std::ranges::stable_sort(pending, {}, [](const auto& entry) { return entry.first; });
  }

  // settle is called before every write at `now`: when time has moved on, the counters still
  // hold the state at the end of the previous instant, which is the state at every time
  // between that instant and `now`.
  void settle(engine::SimTime now) {
    if (instant && now > *instant) {
      for (std::size_t i : peak_specs) tracked[i].peak = std::max(tracked[i].peak, tracked[i].current);
    }
    instant = now;
    while (next_pending < pending.size() && pending[next_pending].first < now) {
      Tracked& entry = tracked[pending[next_pending].second];
      entry.at_value = entry.current;
      ++next_pending;
    }
  }

  bool matches(const ExpectationSpec& spec, const api::Pod& pod) const {
    const ObjectMatch& match = spec.objects;
    if (!matches_meta(match, pod.metadata) || !same(match.node, pod.spec->node_name)) return false;
    if (match.phase ? pod.status->phase != *match.phase : spec.form == ExpectationForm::MaxConcurrent && !is_active(pod)) {
      return false;
    }
    if (!match.job && !match.cron_job) return true;
    const api::OwnerReference* owner = api::controller_ref(pod.metadata);
    if (owner == nullptr || owner->kind != "Job") return false;
    if (match.job && *match.job != owner->name) return false;
    if (!match.cron_job) return true;
    const auto found = cron_owner_by_job_uid.find(owner->uid);
    return found != cron_owner_by_job_uid.end() && found->second == *match.cron_job;
  }
  bool matches(const ExpectationSpec& spec, const api::Job& job) const {
    const ObjectMatch& match = spec.objects;
    if (!matches_meta(match, job.metadata)) return false;
    if (match.cron_job && controller_name(job.metadata, "CronJob") != *match.cron_job) return false;
    return spec.form != ExpectationForm::MaxConcurrent || !api::is_job_finished(job);
  }
  bool matches(const ExpectationSpec& spec, const api::CronJob& cron_job) const {
    return matches_meta(spec.objects, cron_job.metadata);
  }
  bool matches(const ExpectationSpec& spec, const api::Node& node) const {
    return same(spec.objects.name, node.metadata->name);
  }

  // observe records that object `id` of `kind` is now `object` (nullptr: deleted).
  template <class T>
  void observe(api::Kind kind, api::ObjectId id, const T* object) {
    settle(clock.now());
    for (std::size_t i : gauges_by_kind[static_cast<std::size_t>(kind)]) {
      Tracked& entry = tracked[i];
      const bool match = object != nullptr && matches(specs[i], *object);
      if (entry.counted.contains(id) == match) continue;
      if (match) {
        entry.counted.insert(id);
      } else {
        entry.counted.erase(id);
      }
      entry.current += match ? 1 : -1;
    }
  }

  void observe_job(api::ObjectId id, const api::Job& job) {
    if (needs_cron_owners) {
      const std::string_view owner = controller_name(job.metadata, "CronJob");
      if (!owner.empty()) cron_owner_by_job_uid.try_emplace(job.metadata->uid, owner);
    }
    observe(api::Kind::Job, id, &job);
    for (std::size_t i : job_specs) {
      Tracked& entry = tracked[i];
      if (entry.counted.contains(id) || !matches_meta(specs[i].objects, job.metadata)) continue;
      if (specs[i].objects.cron_job && controller_name(job.metadata, "CronJob") != *specs[i].objects.cron_job) continue;
      if ((specs[i].condition || specs[i].reason) && !has_condition(specs[i], job)) continue;
      entry.counted.insert(id);
      ++entry.total;
    }
  }

  // forget_job: a deleted Job was counted by the job form once and for all; its id never
  // comes back, so the mark can go.
  void forget_job(api::ObjectId id) {
    for (std::size_t i : job_specs) tracked[i].counted.erase(id);
  }

  void observe_event(const api::Event& event) {
    for (std::size_t i : event_specs) {
      const EventMatch& match = specs[i].event;
      if (!same(match.reason, event.reason) || (match.type && *match.type != event.type)) continue;
      if ((match.kind && *match.kind != event.object.kind) || !same(match.name, event.object.name)) continue;
      if (!same(match.namespace_, event.object.namespace_)) continue;
      if (match.message_contains && !event.message.contains(*match.message_contains)) continue;
      ++tracked[i].total;
    }
  }

  std::int64_t observed(std::size_t i) const {
    switch (specs[i].form) {
      case ExpectationForm::MaxConcurrent: return tracked[i].peak;
      case ExpectationForm::Count: return tracked[i].at_value.value_or(tracked[i].current);
      case ExpectationForm::Event:
      case ExpectationForm::Job: return tracked[i].total;
    }
    return 0;
  }

  const engine::Clock& clock;
  std::vector<ExpectationSpec> specs;
  std::vector<Tracked> tracked;
  std::array<std::vector<std::size_t>, 4> gauges_by_kind;  // maxConcurrent and count, by api::Kind
  std::vector<std::size_t> peak_specs;
  std::vector<std::size_t> event_specs;
  std::vector<std::size_t> job_specs;
  std::vector<std::pair<engine::SimTime, std::size_t>> pending;  // count: (at, spec), by time
  std::size_t next_pending = 0;
  std::optional<engine::SimTime> instant;  // the time of the last write seen
  // Pods name their Job by uid; a Pod's CronJob is its Job's controller (kept after the Job
  // is deleted, as a Pod can outlive it). Filled only when an entry filters Pods by cronJob.
  bool needs_cron_owners = false;
  std::unordered_map<std::string, std::string> cron_owner_by_job_uid;
  bool finished = false;
  std::vector<ExpectationResult> results;
};

ExpectationChecker::ExpectationChecker(const engine::Clock& clock, cluster::ApiServer& server,
                                       cluster::EventSink& events, std::vector<ExpectationSpec> specs)
    : state_(std::make_unique<State>(clock, std::move(specs))) {
  State* state = state_.get();
  if (state->specs.empty()) return;  // nothing to watch: no cost at all
  server.pods().on_add([state](api::ObjectId id, const api::Pod& pod) { state->observe(api::Kind::Pod, id, &pod); });
  server.pods().on_update(
      [state](api::ObjectId id, const api::Pod&, const api::Pod& pod) { state->observe(api::Kind::Pod, id, &pod); });
  server.pods().on_delete(
      [state](api::ObjectId id, const api::Pod&) { state->observe<api::Pod>(api::Kind::Pod, id, nullptr); });
  server.jobs().on_add([state](api::ObjectId id, const api::Job& job) { state->observe_job(id, job); });
  server.jobs().on_update([state](api::ObjectId id, const api::Job&, const api::Job& job) { state->observe_job(id, job); });
  server.jobs().on_delete([state](api::ObjectId id, const api::Job&) {
    state->observe<api::Job>(api::Kind::Job, id, nullptr);
    state->forget_job(id);
  });
  server.cron_jobs().on_add(
      [state](api::ObjectId id, const api::CronJob& cron_job) { state->observe(api::Kind::CronJob, id, &cron_job); });
  server.cron_jobs().on_update([state](api::ObjectId id, const api::CronJob&, const api::CronJob& cron_job) {
    state->observe(api::Kind::CronJob, id, &cron_job);
  });
  server.cron_jobs().on_delete(
      [state](api::ObjectId id, const api::CronJob&) { state->observe<api::CronJob>(api::Kind::CronJob, id, nullptr); });
  server.nodes().on_add([state](api::ObjectId id, const api::Node& node) { state->observe(api::Kind::Node, id, &node); });
  server.nodes().on_update(
      [state](api::ObjectId id, const api::Node&, const api::Node& node) { state->observe(api::Kind::Node, id, &node); });
  server.nodes().on_delete(
      [state](api::ObjectId id, const api::Node&) { state->observe<api::Node>(api::Kind::Node, id, nullptr); });
  events.connect([state](const api::Event& event) { state->observe_event(event); });
}

ExpectationChecker::~ExpectationChecker() = default;

void ExpectationChecker::finish(engine::SimTime end) {
  State& state = *state_;
  if (state.finished) return;
  state.finished = true;
  // A write after `end` cannot come; closing the instant just past `end` reads every count
  // (all of them are at or before `end`) and the last peak.
  state.settle(end + engine::Duration(1));
  for (std::size_t i = 0; i < state.specs.size(); ++i) {
    const ExpectationSpec& spec = state.specs[i];
    const std::int64_t observed = state.observed(i);
    const bool passed = (!spec.min || observed >= *spec.min) && (!spec.max || observed <= *spec.max) &&
                        (!spec.equals || observed == *spec.equals);
    const std::string expected = expected_text(spec);
    state.results.push_back({.index = i,
                             .passed = passed,
                             .observed = observed,
                             .expected = expected,
                             .message = spec.label + ": observed " + std::to_string(observed) + ", expected " + expected});
  }
}

const std::vector<ExpectationSpec>& ExpectationChecker::specs() const { return state_->specs; }
const std::vector<ExpectationResult>& ExpectationChecker::results() const { return state_->results; }

std::size_t ExpectationChecker::failed() const {
  return static_cast<std::size_t>(std::ranges::count_if(state_->results, [](const ExpectationResult& r) { return !r.passed; }));
}
bool ExpectationChecker::all_passed() const { return failed() == 0; }

std::string expected_text(const ExpectationSpec& spec) {
  std::string text;
  const auto add = [&text](std::string_view key, const std::optional<std::int64_t>& bound) {
    if (!bound) return;
    text.append(text.empty() ? "" : ", ").append(key).append(" ").append(std::to_string(*bound));
  };
  add("min", spec.min);
  add("max", spec.max);
  add("equals", spec.equals);
  return text;
}

}  // namespace jobsim::report
