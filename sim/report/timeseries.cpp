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

// kRowRoom bounds a row but for its node name: the time and up to 17 numbers with commas.
constexpr std::size_t kRowRoom = TimeText::kMaxSize + 18 * (kIntBound + 1) + 1;

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

void TimeSeries::attach(const LineOutput& csv, const LineOutput& nodes_csv) {
  csv_.attach(csv);
  nodes_csv_.attach(nodes_csv);
  if (csv_.attached()) {
    csv_.write_line(
        "time,pending,running,succeeded,failed,retained,terminating,active_jobs,requested_cpu_m,"
        "requested_memory_bytes,pods,jobs,cronjobs,nodes,used_cpu_m,used_memory_bytes,retained_jobs,events\n");
  }
  if (nodes_csv_.attached()) {
    nodes_csv_.write_line(
        "time,node,requested_cpu_m,requested_memory_bytes,used_cpu_m,used_memory_bytes,allocatable_cpu_m,"
        "allocatable_memory_bytes,pods\n");
  }
}

void TimeSeries::flush() {
  csv_.flush();
  nodes_csv_.flush();
}

void TimeSeries::write_row(engine::SimTime time, const Counts& c) {
  has_row_ = true;
  last_row_time_ = time;
  last_row_ = c;
  if (!csv_.attached()) return;
  char* out = csv_.reserve(kRowRoom);
  out = time_text_.put(out, time);
  std::size_t column = 0;
  for (const std::int64_t value :
       {std::int64_t{c.pending}, std::int64_t{c.running}, std::int64_t{c.succeeded}, std::int64_t{c.failed},
        std::int64_t{c.retained()}, std::int64_t{c.terminating}, std::int64_t{c.active_jobs}, c.requested_cpu_m,
        c.requested_memory_bytes, std::int64_t{c.pods}, std::int64_t{c.jobs}, std::int64_t{c.cronjobs},
        std::int64_t{c.nodes}, c.used_cpu_m, c.used_memory_bytes, std::int64_t{c.retained_jobs()}, c.events}) {
    *out++ = ',';
    out = csv_numbers_.put(out, column++, value);
  }
  *out++ = '\n';
  csv_.commit(out);
}

void TimeSeries::write_node_rows(engine::SimTime time, std::vector<std::uint32_t>& nodes) {
  for (const std::uint32_t index : nodes) {
    NodeUsage& node = nodes_[index];
    node.has_row = true;
    node.last_row_time = time;
    node.last_row = node.values();
  }
  if (!nodes_csv_.attached()) return;
  // Node names are unique (node_index_), so the order is total.
  std::ranges::sort(nodes, [this](std::uint32_t a, std::uint32_t b) { return nodes_[a].name < nodes_[b].name; });
  for (const std::uint32_t index : nodes) {
    const NodeUsage& node = nodes_[index];
    const NodeValues& v = node.last_row;
    char* out = nodes_csv_.reserve(kRowRoom + csv_field_bound(node.name));
    out = time_text_.put(out, time);
    *out++ = ',';
    // Node names are RFC 1123 subdomains when they come from a Node object; a pod's
    // spec.nodeName written by a scenario is not checked against that, hence the CSV quoting.
    out = put_csv_field(out, node.name);
    std::size_t column = 0;
    for (const std::int64_t value : {v.requested_cpu_m, v.requested_memory_bytes, v.used_cpu_m, v.used_memory_bytes,
                                     v.allocatable_cpu_m, v.allocatable_memory_bytes, std::int64_t{v.pods}}) {
      *out++ = ',';
      out = nodes_numbers_.put(out, column++, value);
    }
    *out++ = '\n';
    nodes_csv_.commit(out);
  }
}

void TimeSeries::close_instant(bool write_nodes) {
  row_nodes_.clear();
  for (const std::uint32_t index : dirty_nodes_) {
    NodeUsage& node = nodes_[index];
    node.cpu_m.settle();
    node.memory_bytes.settle();
    node.used_cpu_m.settle();
    node.used_memory_bytes.settle();
    node.dirty = false;
    // Like the cluster rows: the state after the instant, none when it came back to the last row.
    if (node.has_row && node.values() == node.last_row) continue;
    row_nodes_.push_back(index);
  }
  dirty_nodes_.clear();
  if (write_nodes) write_node_rows(instant_, row_nodes_);
  if (counts_ == last_row_) return;  // nothing changed, or changed and back within the instant
  write_row(instant_, counts_);
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
  // When the open instant is `end` itself, its node rows and the final ones below are one
  // instant, which the file orders by name as a whole: hold them back until then.
  const bool at_end = instant_ == end;
  close_instant(/*write_nodes=*/!at_end);
  if (!at_end) row_nodes_.clear();
  instant_ = end;
  if (!has_row_ || last_row_time_ != end) write_row(end, counts_);
  std::vector<bool> has_final_row(nodes_.size());
  for (const std::uint32_t index : row_nodes_) has_final_row[index] = true;
  for (std::uint32_t index = 0; index < nodes_.size(); ++index) {
    if (!has_final_row[index]) row_nodes_.push_back(index);
  }
  write_node_rows(end, row_nodes_);
  flush();
}

}  // namespace jobsim::report
