// RunRecorder: listens to a running simulation (informer watches and Kubernetes Events) and
// makes the outputs of docs/outputs.md. The line outputs (events.jsonl, timeseries.csv,
// nodes.csv) are written while the run goes, to streams given before it starts (HistoryStreams);
// without them no line history is kept at all. summary.json and the text summary come from
// counters, peaks and online statistics at the end. Memory is bounded by the live objects, not
// by simulated time. The model never calls it (the model emits; reporting listens).
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
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/cluster/usage.hpp"
#include "jobsim/report/block_sink.hpp"
#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/report/expectations.hpp"

namespace jobsim::report {

struct EngineStats {
  std::uint64_t events_processed = 0;
  std::optional<double> wall_seconds;  // only when asked for: it would break byte-identical outputs
};

// HistoryStreams: where the line outputs go as the run goes, each to a stream or a BlockSink
// (block_sink.hpp). An empty LineOutput means that file is not made, and costs nothing. The
// streams and sinks must outlive RunRecorder::finish.
struct HistoryStreams {
  LineOutput events_jsonl;    // one JSON object a line, in time order (docs/outputs.md)
  LineOutput timeseries_csv;  // one row per instant at which the state changed
  // per node, requested, used and allocatable cpu and memory and bound pods, one row per
  // (instant, node) whose values changed, a first row per node and a last row at the end
  LineOutput nodes_csv;
};

class RunRecorder {
 public:
  // Subscribes to every informer of `server`, to `events`, to the kubelets' `usage` (actual
  // resource usage per pod) and to the `lifecycle` signals of the kubelet and the controllers
  // (pod phases, restarts, finished Jobs, the CronJob controller's deletes). Construct before
  // objects exist.
  // `expectations` are checked during the run (ExpectationChecker) and reported in summary.json.
  // `controller_zone` is kube-controller-manager's zone (cluster.timeZone): the CronJob
  // schedules without a time zone are counted in it.
  RunRecorder(const engine::Clock& clock, cluster::ApiServer& server, cluster::EventSink& events,
              cluster::UsageSink& usage, cluster::LifecycleSignals& lifecycle,
              std::vector<ExpectationSpec> expectations = {},
              cron::TimeZone controller_zone = cron::TimeZone::utc());
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  // component_down / component_up write the lifecycle lines of a control-plane component
  // stopped by a fault, at the clock's time: kind "ControllerManager", name
  // "kube-controller-manager", event "Down" / "Up" (docs/faults.md).
  void component_down(std::string_view kind, std::string_view name);
  void component_up(std::string_view kind, std::string_view name);

  // stream_history sends the line outputs to `streams` from now on. Call it before the first
  // write the recorder sees (the World creates its objects in its first event, so after
  // constructing a World and before running it); the CSV headers are written now. Lines go
  // through bounded buffers (BlockWriter, 64 KiB): a stream or sink has every complete line only
  // after finish or flush_history (and a FileWriter's file only after its close).
  void stream_history(const HistoryStreams& streams);
  // flush_history writes the lines buffered so far. A timeseries.csv or nodes.csv row is complete
  // only when time has moved past its instant, so the open instant's rows are not among them.
  void flush_history();

  // finish closes the run at `end`: the time series gets its final rows, every stream is
  // flushed, percentiles are computed.
  void finish(engine::SimTime end, const EngineStats& stats);

  // summary.json (docs/outputs.md), pretty-printed, keys in a fixed order.
  void write_summary_json(std::ostream& out) const;
  // A short human summary for stdout (tables for Jobs, CronJobs, Pods and Resources).
  void write_text_summary(std::ostream& out) const;

  // last_job_finished: the time of the latest Complete or Failed condition of a Job, if any
  // finished (a sweep's jobs.lastFinishedSeconds).
  std::optional<engine::SimTime> last_job_finished() const;
  // event_lines: the events.jsonl lines of the run so far, whether streamed or not.
  std::size_t event_lines() const;
  // expectations: the checker of the scenario's `expect:` entries (results after finish).
  const ExpectationChecker& expectations() const { return *expectations_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::unique_ptr<ExpectationChecker> expectations_;
};

}  // namespace jobsim::report
