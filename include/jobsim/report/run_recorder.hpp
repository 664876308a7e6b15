// RunRecorder: listens to a running simulation (informer watches and Kubernetes Events) and
// keeps what the outputs of SPEC.md section 4 need: the lifecycle event log, counters, peaks and
// a time series. The model never calls it (the model emits; reporting listens).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/event.hpp"
#include "jobsim/cluster/api_server.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/usage.hpp"
#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/report/expectations.hpp"

namespace jobsim::report {

struct EngineStats {
  std::uint64_t events_processed = 0;
  std::optional<double> wall_seconds;  // only when asked for: it would break byte-identical outputs
};

class RunRecorder {
 public:
  // Subscribes to every informer of `server`, to `events` and to the kubelets' `usage` (actual
  // resource usage per pod). Construct before objects exist.
  // `expectations` are checked during the run (ExpectationChecker) and reported in summary.json.
  // `controller_zone` is kube-controller-manager's zone (cluster.timeZone): the CronJob
  // schedules without a time zone are counted in it.
  RunRecorder(const engine::Clock& clock, cluster::ApiServer& server, cluster::EventSink& events,
              cluster::UsageSink& usage, std::vector<ExpectationSpec> expectations = {},
              cron::TimeZone controller_zone = cron::TimeZone::utc());
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  // component_down / component_up write the lifecycle lines of a control-plane component
  // stopped by a fault, at the clock's time: kind "ControllerManager", name
  // "kube-controller-manager", event "Down" / "Up" (docs/faults.md).
  void component_down(std::string_view kind, std::string_view name);
  void component_up(std::string_view kind, std::string_view name);

  // finish closes the run at `end` (the time series gets a final row, percentiles are computed).
  void finish(engine::SimTime end, const EngineStats& stats);

  // events.jsonl: one JSON object a line, in time order (SPEC.md 4).
  void write_events_jsonl(std::ostream& out) const;
  // summary.json (SPEC.md 4), pretty-printed, keys in a fixed order.
  void write_summary_json(std::ostream& out) const;
  // timeseries.csv: one row per instant at which the state changed.
  void write_timeseries_csv(std::ostream& out) const;
  // nodes.csv: per node, requested, used and allocatable cpu and memory and bound pods, one row
  // per (instant, node) whose values changed, a first row per node and a last row at the end.
  void write_nodes_csv(std::ostream& out) const;
  // A short human summary for stdout (tables for Jobs, CronJobs, Pods and Resources).
  void write_text_summary(std::ostream& out) const;

  std::size_t event_lines() const;
  // expectations: the checker of the scenario's `expect:` entries (results after finish).
  const ExpectationChecker& expectations() const { return *expectations_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::unique_ptr<ExpectationChecker> expectations_;
};

}  // namespace jobsim::report
