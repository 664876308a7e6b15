// TimeSeries: the cluster state timeseries.csv shows (pods by phase, active Jobs, requested
// and used resources, object counts), one row per instant at which it changed, the per-node rows
// of nodes.csv, plus the peaks and time-weighted means summary.json reports. Rows are written
// when their instant closes (time moves on, or finish), through bounded buffers; none is kept.
// Private to the report layer.
#pragma once

#include <cstdint>
#include <functional>  // std::hash, std::equal_to<>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>  // node name -> index, lookup only (output is sorted by name)
#include <vector>

#include "block_writer.hpp"
#include "jobsim/engine/time.hpp"
#include "number_row.hpp"
#include "time_text.hpp"

namespace jobsim::report {

// Counts is the state after an instant: one timeseries.csv row without its time.
struct Counts {
  std::int32_t pending = 0;
  std::int32_t running = 0;
  std::int32_t succeeded = 0;  // pods in phase Succeeded still present
  std::int32_t failed = 0;     // pods in phase Failed still present
  std::int32_t terminating = 0;
  std::int32_t active_jobs = 0;  // Jobs present and not finished (Complete or Failed)
  std::int64_t requested_cpu_m = 0;
  std::int64_t requested_memory_bytes = 0;
  std::int32_t pods = 0;
  std::int32_t jobs = 0;
  std::int32_t cronjobs = 0;
  std::int32_t nodes = 0;
  std::int64_t used_cpu_m = 0;  // actual usage (PodUsage signal), summed over pods
  std::int64_t used_memory_bytes = 0;
  std::int64_t events = 0;  // Kubernetes Events recorded so far (cumulative)
  std::int32_t retained() const { return succeeded + failed; }
  std::int32_t retained_jobs() const { return jobs - active_jobs; }  // finished Jobs not deleted
  bool operator==(const Counts&) const = default;
};

// Gauge is a piecewise-constant quantity with its peak, its integral over time and the time
// spent at each value (for time-weighted percentiles).
class Gauge {
 public:
  explicit Gauge(engine::SimTime start) : since_(start) {}
  // add changes the value at `now`; the old value is integrated up to `now` first.
  void add(engine::SimTime now, std::int64_t delta);
  // settle folds the current value into the peak. Called when an instant closes, so a value
  // that exists only in the middle of an instant (a pod created before another one is
  // removed at the same time) is never a peak.
  void settle() { peak_ = value_ > peak_ ? value_ : peak_; }
  std::int64_t value() const { return value_; }
  std::int64_t peak() const { return peak_; }
  // mean is the time-weighted mean over [start, end]; the value itself when the span is empty.
  double mean(engine::SimTime start, engine::SimTime end) const;
  // percentile is the time-weighted nearest rank over [start, end] (0 < p <= 100): the smallest
  // value v such that the gauge was at most v during at least p% of the time. The value itself
  // when the span is empty.
  std::int64_t percentile(int p, engine::SimTime end) const;

 private:
  std::int64_t value_ = 0;
  std::int64_t peak_ = 0;
  double integral_ = 0;  // value x seconds up to since_
  engine::SimTime since_;
  // Microseconds spent at each value up to since_. A hash map, not a list of segments: the
  // distinct values of a sum of requests are few, so a change rarely allocates and a year-long
  // run keeps a few entries instead of one per change.
  std::unordered_map<std::int64_t, std::int64_t> time_at_value_;
};

// NodeValues is one nodes.csv row without its time and node.
struct NodeValues {
  std::int64_t requested_cpu_m = 0;
  std::int64_t requested_memory_bytes = 0;
  std::int64_t used_cpu_m = 0;
  std::int64_t used_memory_bytes = 0;
  std::int64_t allocatable_cpu_m = 0;
  std::int64_t allocatable_memory_bytes = 0;
  std::int32_t pods = 0;  // bound and not terminal: the pods whose requests are counted
  bool operator==(const NodeValues&) const = default;
};

// NodeUsage is what the report keeps per node name.
struct NodeUsage {
  explicit NodeUsage(engine::SimTime start)
      : cpu_m(start), memory_bytes(start), used_cpu_m(start), used_memory_bytes(start) {}
  std::string name;
  std::int64_t capacity_cpu_m = 0;  // last capacity seen on the Node object (0 if never seen)
  std::int64_t capacity_memory_bytes = 0;
  std::int64_t capacity_pods = 0;
  std::int64_t allocatable_cpu_m = 0;  // last allocatable seen (what the scheduler fits against)
  std::int64_t allocatable_memory_bytes = 0;
  std::int64_t allocatable_pods = 0;
  Gauge cpu_m;  // sum of requests of pods bound here and not terminal
  Gauge memory_bytes;
  Gauge used_cpu_m;  // sum of the PodUsage of pods on this node
  Gauge used_memory_bytes;
  std::int32_t pods = 0;  // pods bound here and not terminal
  bool dirty = false;     // changed in the open instant
  bool has_row = false;   // a nodes.csv row was written (`last_row` is then valid)
  engine::SimTime last_row_time{};
  NodeValues last_row;
  NodeValues values() const {
    return {.requested_cpu_m = cpu_m.value(),
            .requested_memory_bytes = memory_bytes.value(),
            .used_cpu_m = used_cpu_m.value(),
            .used_memory_bytes = used_memory_bytes.value(),
            .allocatable_cpu_m = allocatable_cpu_m,
            .allocatable_memory_bytes = allocatable_memory_bytes,
            .pods = pods};
  }
};

// Peak is the largest value of a count at an instant's end, and the first instant it was reached.
struct Peak {
  std::int64_t value = 0;
  engine::SimTime at{};
  void raise(std::int64_t now_value, engine::SimTime now) {
    if (now_value > value) {
      value = now_value;
      at = now;
    }
  }
};

class TimeSeries {
 public:
  explicit TimeSeries(engine::SimTime start);

  // attach sends timeseries.csv rows to `csv` and nodes.csv rows to `nodes_csv` (empty: that
  // file is not made), writing each header now. Call before the first change.
  void attach(const LineOutput& csv, const LineOutput& nodes_csv);
  // flush writes the rows still buffered (those of closed instants only).
  void flush();

  // advance must be called before a change at `now`. When time has moved on, the open instant
  // is closed: no later change can belong to it, so its state is final and becomes a row.
  void advance(engine::SimTime now) {
    if (now != instant_) close_instant();
    instant_ = now;
  }
  // counts is the live state; change it only after advance(now).
  Counts& counts() { return counts_; }
  const Counts& counts() const { return counts_; }

  // node returns the index of the node `name`, adding it on first use (a new node gets a
  // nodes.csv row when the instant closes).
  std::uint32_t node(std::string_view name);
  NodeUsage& node_usage(std::uint32_t index) { return nodes_[index]; }
  // node_changed marks node `index` for a nodes.csv row check when the open instant closes;
  // call it after changing the node's allocatable directly through node_usage().
  void node_changed(std::uint32_t index);
  // add_requests adds (or, with sign -1, removes) a pod's requests on node `index`, and the pod
  // to its `pods` count.
  void add_requests(std::uint32_t index, std::int64_t cpu_m, std::int64_t memory_bytes, int sign);
  // add_usage changes the actual usage on node `index` by the given deltas.
  void add_usage(std::uint32_t index, std::int64_t cpu_m_delta, std::int64_t memory_bytes_delta);

  // finish closes the open instant and writes the final row at `end`, in timeseries.csv and for
  // each node in nodes.csv, then flushes both.
  void finish(engine::SimTime end);

  const std::vector<NodeUsage>& nodes() const { return nodes_; }
  const Gauge& cpu_m() const { return cpu_m_; }
  const Gauge& memory_bytes() const { return memory_bytes_; }
  const Gauge& used_cpu_m() const { return used_cpu_m_; }
  const Gauge& used_memory_bytes() const { return used_memory_bytes_; }
  std::int32_t peak_running() const { return peak_running_; }
  std::int32_t peak_pending() const { return peak_pending_; }
  std::int32_t peak_retained() const { return static_cast<std::int32_t>(peak_retained_.value); }
  // Peaks of the rows (end-of-instant states), with the first instant each was reached.
  const Peak& peak_retained_pods() const { return peak_retained_; }
  const Peak& peak_retained_jobs() const { return peak_retained_jobs_; }
  const Peak& peak_pods() const { return peak_pods_; }
  const Peak& peak_jobs() const { return peak_jobs_; }
  const Peak& peak_cron_jobs() const { return peak_cron_jobs_; }
  const Peak& peak_nodes() const { return peak_nodes_; }


 private:
  // close_instant writes the open instant's rows; with write_nodes false its nodes.csv rows
  // stay in row_nodes_ (finish, when the open instant is the end).
  void close_instant(bool write_nodes = true);
  void write_row(engine::SimTime time, const Counts& counts);
  // write_node_rows writes the nodes.csv rows of `nodes` at `time`, by node name (the file's
  // order within an instant), and records them as each node's last row.
  void write_node_rows(engine::SimTime time, std::vector<std::uint32_t>& nodes);

  engine::SimTime instant_;  // the instant changes are being made at
  Counts counts_;
  Counts last_row_;  // counts of the last row, or zero before the first row
  bool has_row_ = false;
  engine::SimTime last_row_time_{};
  Gauge cpu_m_;
  Gauge memory_bytes_;
  Gauge used_cpu_m_;
  Gauge used_memory_bytes_;
  std::vector<NodeUsage> nodes_;
  std::vector<std::uint32_t> dirty_nodes_;
  std::vector<std::uint32_t> row_nodes_;  // the nodes with a row in the instant being closed
  BlockWriter csv_;
  BlockWriter nodes_csv_;
  TimeText time_text_;
  NumberRow<17> csv_numbers_;   // the numbers of the last timeseries.csv row
  NumberRow<7> nodes_numbers_;  // of the last nodes.csv row, whichever node it was
  // Transparent hash: node() looks names up by string_view without building a std::string.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>> node_index_;
  std::int32_t peak_running_ = 0;
  std::int32_t peak_pending_ = 0;
  Peak peak_retained_;
  Peak peak_retained_jobs_;
  Peak peak_pods_;
  Peak peak_jobs_;
  Peak peak_cron_jobs_;
  Peak peak_nodes_;
};

}  // namespace jobsim::report
