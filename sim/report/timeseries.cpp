// timeseries.csv and the state peaks: changes are coalesced per instant, because several writes
// at one instant (a pod finishing, its replacement created) are one step of the simulation.
#include "timeseries.hpp"

#include <algorithm>  // std::ranges::sort
#include <ostream>
#include <utility>  // std::pair

#include "jobsim/engine/check.hpp"
#include "json_text.hpp"

namespace jobsim::report {

void Gauge::add(engine::SimTime now, std::int64_t delta) {
  if (now != since_) {
    integral_ += static_cast<double>(value_) * engine::to_seconds(now - since_);
    time_at_value_[value_] += (now - since_).count();
    since_ = now;
  }
  value_ += delta;
}

std::int64_t Gauge::percentile(int p, engine::SimTime end) const {
  std::vector<std::pair<std::int64_t, std::int64_t>> spans(time_at_value_.begin(), time_at_value_.end());
  if (end > since_) spans.emplace_back(value_, (end - since_).count());
  if (spans.empty()) return value_;
  std::ranges::sort(spans);
  std::int64_t total = 0;
  for (const auto& [value, micros] : spans) total += micros;
  // The first value whose cumulative time reaches p% of the total; in integers (__int128 would
  // be needed only past 2^63 / 100 microseconds, about 2,900 years).
  std::int64_t cumulative = 0;
  for (const auto& [value, micros] : spans) {
    cumulative += micros;
    if (cumulative * 100 >= total * p) return value;
  }
  return spans.back().first;
}

double Gauge::mean(engine::SimTime start, engine::SimTime end) const {
  if (end <= start) return static_cast<double>(value_);
  const double total = integral_ + static_cast<double>(value_) * engine::to_seconds(end - since_);
  return total / engine::to_seconds(end - start);
}

TimeSeries::TimeSeries(engine::SimTime start)
    : instant_(start), cpu_m_(start), memory_bytes_(start), used_cpu_m_(start), used_memory_bytes_(start) {}

std::uint32_t TimeSeries::node(std::string_view name) {
  if (const auto found = node_index_.find(name); found != node_index_.end()) return found->second;
  const auto index = static_cast<std::uint32_t>(nodes_.size());
  node_index_.emplace(std::string(name), index);
  nodes_.emplace_back(instant_).name = std::string(name);
  return index;
}

void TimeSeries::add_requests(std::uint32_t index, std::int64_t cpu_m, std::int64_t memory_bytes, int sign) {
  NodeUsage& usage = nodes_[index];
  usage.cpu_m.add(instant_, sign * cpu_m);
  usage.memory_bytes.add(instant_, sign * memory_bytes);
  mark_dirty(index);
  cpu_m_.add(instant_, sign * cpu_m);
  memory_bytes_.add(instant_, sign * memory_bytes);
  counts_.requested_cpu_m = cpu_m_.value();
  counts_.requested_memory_bytes = memory_bytes_.value();
}

void TimeSeries::add_usage(std::uint32_t index, std::int64_t cpu_m_delta, std::int64_t memory_bytes_delta) {
  NodeUsage& usage = nodes_[index];
  usage.used_cpu_m.add(instant_, cpu_m_delta);
  usage.used_memory_bytes.add(instant_, memory_bytes_delta);
  mark_dirty(index);
  used_cpu_m_.add(instant_, cpu_m_delta);
  used_memory_bytes_.add(instant_, memory_bytes_delta);
  counts_.used_cpu_m = used_cpu_m_.value();
  counts_.used_memory_bytes = used_memory_bytes_.value();
}

void TimeSeries::mark_dirty(std::uint32_t index) {
  if (nodes_[index].dirty) return;
  nodes_[index].dirty = true;
  dirty_nodes_.push_back(index);
}

void TimeSeries::close_instant() {
  for (const std::uint32_t index : dirty_nodes_) {
    nodes_[index].cpu_m.settle();
    nodes_[index].memory_bytes.settle();
    nodes_[index].used_cpu_m.settle();
    nodes_[index].used_memory_bytes.settle();
    nodes_[index].dirty = false;
  }
  dirty_nodes_.clear();
  if (counts_ == last_row_) return;  // nothing changed, or changed and back within the instant
  rows_.push_back({instant_, counts_});
  last_row_ = counts_;
  cpu_m_.settle();
  memory_bytes_.settle();
  used_cpu_m_.settle();
  used_memory_bytes_.settle();
  if (counts_.running > peak_running_) peak_running_ = counts_.running;
  if (counts_.pending > peak_pending_) peak_pending_ = counts_.pending;
  peak_retained_.raise(counts_.retained(), instant_);
  peak_retained_jobs_.raise(counts_.retained_jobs(), instant_);
  peak_pods_.raise(counts_.pods, instant_);
  peak_jobs_.raise(counts_.jobs, instant_);
  peak_cron_jobs_.raise(counts_.cronjobs, instant_);
  peak_nodes_.raise(counts_.nodes, instant_);
}

void TimeSeries::finish(engine::SimTime end) {
  JOBSIM_CHECK(end >= instant_, "RunRecorder::finish at " << end << " before the last change at " << instant_
                                                          << "; finish the run at or after its last event");
  close_instant();
  instant_ = end;
  if (rows_.empty() || rows_.back().time != end) rows_.push_back({end, counts_});
}

void TimeSeries::write_csv(std::ostream& out) const {
  out << "time,pending,running,succeeded,failed,retained,terminating,active_jobs,requested_cpu_m,"
         "requested_memory_bytes,pods,jobs,cronjobs,nodes,used_cpu_m,used_memory_bytes,retained_jobs,events\n";
  TimeText time_text;
  std::string line;
  for (const Row& row : rows_) {
    const Counts& c = row.counts;
    line.assign(time_text(row.time));
    for (const std::int64_t value :
         {std::int64_t{c.pending}, std::int64_t{c.running}, std::int64_t{c.succeeded}, std::int64_t{c.failed},
          std::int64_t{c.retained()}, std::int64_t{c.terminating}, std::int64_t{c.active_jobs}, c.requested_cpu_m,
          c.requested_memory_bytes, std::int64_t{c.pods}, std::int64_t{c.jobs}, std::int64_t{c.cronjobs},
          std::int64_t{c.nodes}, c.used_cpu_m, c.used_memory_bytes, std::int64_t{c.retained_jobs()}, c.events}) {
      line.push_back(',');
      append_int(line, value);
    }
    line.push_back('\n');
    out << line;
  }
}

}  // namespace jobsim::report
