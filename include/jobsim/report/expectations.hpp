// ExpectationChecker: evaluates a scenario's `expect:` entries (docs/expectations.md) while the
// run goes on, by listening to the informers and the Event sink like RunRecorder does. It keeps
// one counter per entry, so the cost per write is a few comparisons per entry of that kind.
//
// When an instant counts: every value is taken from the state AFTER all writes at an instant.
// A `count` at time T is read lazily, at the first write after T (or at finish), from counters
// that then still hold the state at T. `maxConcurrent` takes its peak over the same end-of-
// instant states, so an object that starts and ends within one instant, or a Job replaced in
// the same instant, is not "concurrent" (the time series of summary.json peaks the same way).
//
// The report layer may not see scenario types (CONTRIBUTING.md "Layers"), so world/ converts each
// scenario::Expectation into an ExpectationSpec (same fields, plus its label).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/api/event.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/api_server.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/engine/clock.hpp"

namespace jobsim::report {

enum class ExpectationForm : std::uint8_t { MaxConcurrent, Count, Event, Job };

// ObjectMatch selects API objects; an absent field matches everything.
struct ObjectMatch {
  std::optional<api::Kind> kind;
  std::optional<std::string> namespace_;
  std::optional<std::string> name;
  std::optional<std::string> cron_job;  // Job: controller CronJob; Pod: its Job's controller CronJob
  std::optional<std::string> job;       // Pod: controller Job
  std::optional<std::string> node;      // Pod: spec.nodeName
  std::optional<api::PodPhase> phase;   // Pod: status.phase
};

// EventMatch selects Kubernetes Events; an absent field matches everything.
struct EventMatch {
  std::optional<std::string> reason;
  std::optional<api::EventType> type;
  std::optional<api::Kind> kind;  // involved object
  std::optional<std::string> name;
  std::optional<std::string> namespace_;
  std::optional<std::string> message_contains;
};

struct ExpectationSpec {
  ExpectationForm form = ExpectationForm::Count;
  ObjectMatch objects;
  EventMatch event;
  std::optional<std::string> condition;  // Job form: condition type that must have been True
  std::optional<std::string> reason;     // Job form: that condition's reason
  std::optional<engine::SimTime> at;     // Count form
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::optional<std::int64_t> equals;
  std::string label;     // "file:line:col: expect[2] count{kind: Pod, phase: Succeeded, at: end}"
  std::string location;  // "file:line:col" (may be empty)
  std::string text;      // "count{kind: Pod, phase: Succeeded, at: end}"
  std::string description;
};

struct ExpectationResult {
  std::size_t index = 0;  // position in `expect:`
  bool passed = false;
  std::int64_t observed = 0;
  std::string expected;  // "max 3", "min 1, max 3", "equals 0"
  std::string message;   // "<label>: observed 5, expected max 3"
};

class ExpectationChecker {
 public:
  // Subscribes to every informer of `server` and to `events`. Construct before objects exist.
  ExpectationChecker(const engine::Clock& clock, cluster::ApiServer& server, cluster::EventSink& events,
                     std::vector<ExpectationSpec> specs);
  ~ExpectationChecker();
  ExpectationChecker(const ExpectationChecker&) = delete;
  ExpectationChecker& operator=(const ExpectationChecker&) = delete;

  // finish reads every pending value with the state at `end` (after all its writes) and
  // computes the results. Later calls do nothing.
  void finish(engine::SimTime end);

  const std::vector<ExpectationSpec>& specs() const;
  // results: one per spec, in order; empty before finish.
  const std::vector<ExpectationResult>& results() const;
  bool all_passed() const;
  std::size_t failed() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// expected_text renders the bounds: "max 3", "min 1, max 3", "equals 0".
std::string expected_text(const ExpectationSpec& spec);

}  // namespace jobsim::report
