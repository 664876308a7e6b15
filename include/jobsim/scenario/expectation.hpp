// Expectation: one entry of a scenario's `expect:` list (docs/scenario-format.md), as decoded and
// checked at load time. The report layer evaluates them during the run (report/expectations.hpp);
// docs/expectations.md is the user reference.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "jobsim/api/event.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

// ExpectationForm is the key of the entry: what is measured.
//   MaxConcurrent: peak number of active objects matching the filter over the run.
//   Count: number of objects matching the filter at one instant (`at`).
//   Event: number of Kubernetes Events matching during the run.
//   Job: number of Jobs matching that had the condition (True, with the reason) during the run.
enum class ExpectationForm : std::uint8_t { MaxConcurrent, Count, Event, Job };
std::string_view to_string(ExpectationForm form);  // the YAML key: "maxConcurrent", ...

// ObjectFilter selects API objects; an absent field matches everything.
struct ObjectFilter {
  std::optional<api::Kind> kind;
  std::optional<std::string> namespace_;
  std::optional<std::string> name;
  std::optional<std::string> cron_job;  // Job: its controller CronJob; Pod: its Job's controller CronJob
  std::optional<std::string> job;       // Pod: its controller Job
  std::optional<std::string> node;      // Pod: spec.nodeName
  std::optional<api::PodPhase> phase;   // Pod: status.phase
  bool operator==(const ObjectFilter&) const = default;
};

// EventFilter selects Kubernetes Events; an absent field matches everything.
struct EventFilter {
  std::optional<std::string> reason;
  std::optional<api::EventType> type;
  std::optional<api::Kind> kind;          // the involved object's kind (`object: Kind/name` or `kind:`)
  std::optional<std::string> name;        // the involved object's name
  std::optional<std::string> namespace_;  // the involved object's namespace
  std::optional<std::string> message_contains;
  bool operator==(const EventFilter&) const = default;
};

struct Expectation {
  ExpectationForm form = ExpectationForm::Count;
  ObjectFilter objects;                  // MaxConcurrent, Count, Job (kind Job)
  EventFilter event;                     // Event
  std::optional<std::string> condition;  // Job: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet
  std::optional<std::string> reason;     // Job: the condition's reason
  std::optional<engine::SimTime> at;     // Count: the instant (state after every event at it)
  std::string at_text;                   // Count: `at` as written ("end", "+6h"), for messages
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::optional<std::int64_t> equals;
  std::string description;
  SourcePos pos;  // the entry in the file
  bool operator==(const Expectation&) const = default;
};

// describe_expectation renders the entry without its bounds, keys in a fixed order:
// `count{kind: Pod, phase: Succeeded, at: end}`.
std::string describe_expectation(const Expectation& expectation);
// expectation_label is what messages start with: `file:line:col: expect[2] count{...}` (no
// location when the entry has none, e.g. one built by a test).
std::string expectation_label(const Expectation& expectation, std::size_t index);

}  // namespace jobsim::scenario
