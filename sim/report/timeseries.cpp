// timeseries.csv and the state peaks: changes are coalesced per instant, because several writes
// at one instant (a pod finishing, its replacement created) are one step of the simulation.
#include "timeseries.hpp"

#include <algorithm>  // std::ranges::sort
#include <ostream>
#include <utility>  // std::pair

#include "jobsim/engine/check.hpp"
#include "json_text.hpp"

namespace jobsim::report {
namespace {

// append_csv_field appends `text`, quoted (RFC 4180) only if it holds a comma, a quote or a
// line break. Node names are RFC 1123 subdomains when they come from a Node object; a pod's
// spec.nodeName written by a scenario is not checked against that here.
void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

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
  node_changed(index);  // its first nodes.csv row
  return index;
}

void TimeSeries::add_requests(std::uint32_t index, std::int64_t cpu_m, std::int64_t memory_bytes, int sign) {
  NodeUsage& usage = nodes_[index];
  usage.cpu_m.add(instant_, sign * cpu_m);
  usage.memory_bytes.add(instant_, sign * memory_bytes);
  usage.pods += sign;
  node_changed(index);
  cpu_m_.add(instant_, sign * cpu_m);
  memory_bytes_.add(instant_, sign * memory_bytes);
  counts_.requested_cpu_m = cpu_m_.value();
  counts_.requested_memory_bytes = memory_bytes_.value();
}

void TimeSeries::add_usage(std::uint32_t index, std::int64_t cpu_m_delta, std::int64_t memory_bytes_delta) {
  NodeUsage& usage = nodes_[index];
  usage.used_cpu_m.add(instant_, cpu_m_delta);
  usage.used_memory_bytes.add(instant_, memory_bytes_delta);
  node_changed(index);
  used_cpu_m_.add(instant_, cpu_m_delta);
  used_memory_bytes_.add(instant_, memory_bytes_delta);
  counts_.used_cpu_m = used_cpu_m_.value();
  counts_.used_memory_bytes = used_memory_bytes_.value();
}

void TimeSeries::node_changed(std::uint32_t index) {
  if (nodes_[index].dirty) return;
  nodes_[index].dirty = true;
  dirty_nodes_.push_back(index);
}

void TimeSeries::close_instant() {
  for (const std::uint32_t index : dirty_nodes_) {
    NodeUsage& node = nodes_[index];
    node.cpu_m.settle();
    node.memory_bytes.settle();
    node.used_cpu_m.settle();
    node.used_memory_bytes.settle();
    node.dirty = false;
    // Like the cluster rows: the state after the instant, none when it came back to the last row.
    const NodeValues values = node.values();
    if (node.has_row && values == node.last_row) continue;
    node_rows_.push_back({.time = instant_, .node = index, .values = values});
    node.has_row = true;
    node.last_row_time = instant_;
    node.last_row = values;
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
  for (std::uint32_t index = 0; index < nodes_.size(); ++index) {
    NodeUsage& node = nodes_[index];
    if (node.has_row && node.last_row_time == end) continue;
    node_rows_.push_back({.time = end, .node = index, .values = node.values()});
    node.has_row = true;
    node.last_row_time = end;
    node.last_row = node.values();
  }
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

void TimeSeries::write_nodes_csv(std::ostream& out) const {
  out << "time,node,requested_cpu_m,requested_memory_bytes,used_cpu_m,used_memory_bytes,allocatable_cpu_m,"
         "allocatable_memory_bytes,pods\n";
  // Rows are kept in the order nodes changed; the file orders each instant by name. Names are
  // compared once here (rank of each node), not per change.
  std::vector<std::uint32_t> by_name(nodes_.size());
  for (std::uint32_t index = 0; index < by_name.size(); ++index) by_name[index] = index;
  std::ranges::sort(by_name, [this](std::uint32_t a, std::uint32_t b) { return nodes_[a].name < nodes_[b].name; });
  std::vector<std::uint32_t> rank(nodes_.size());
  for (std::uint32_t position = 0; position < by_name.size(); ++position) rank[by_name[position]] = position;

  TimeText time_text;
  std::string line;
  std::vector<const NodeRow*> instant;  // the rows of one instant
  for (std::size_t first = 0; first < node_rows_.size();) {
    std::size_t last = first;
    instant.clear();
    while (last < node_rows_.size() && node_rows_[last].time == node_rows_[first].time) {
      instant.push_back(&node_rows_[last++]);
    }
    std::ranges::sort(instant, [&rank](const NodeRow* a, const NodeRow* b) { return rank[a->node] < rank[b->node]; });
    for (const NodeRow* row : instant) {
      const NodeValues& v = row->values;
      line.assign(time_text(row->time));
      line.push_back(',');
      append_csv_field(line, nodes_[row->node].name);
      for (const std::int64_t value : {v.requested_cpu_m, v.requested_memory_bytes, v.used_cpu_m, v.used_memory_bytes,
                                       v.allocatable_cpu_m, v.allocatable_memory_bytes, std::int64_t{v.pods}}) {
        line.push_back(',');
        append_int(line, value);
      }
      line.push_back('\n');
      out << line;
    }
    first = last;
  }
}

}  // namespace jobsim::report
