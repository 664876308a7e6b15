// Upstream: pkg/controller/job/indexed_job_utils.go.
#include "jobsim/controllers/job/indexes.hpp"

#include <algorithm>
#include <charconv>

namespace jobsim::controllers::job {
namespace {

std::optional<std::int32_t> to_int(std::string_view text) {
  std::int32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// merge_sorted: the union of sorted intervals `a` and sorted items `b` (as intervals), with
// overlapping and adjacent intervals joined (upstream withOrderedIndexes and merge share this walk).
template <class Item, class ToInterval>
std::vector<Interval> merge_sorted(const std::vector<Interval>& a, const std::vector<Item>& b, ToInterval to_interval) {
  std::vector<Interval> merged;
  merged.reserve(a.size() + b.size());
  auto append = [&merged](Interval interval) {
    if (!merged.empty() && merged.back().last + 1 >= interval.first) {
      merged.back().last = std::max(merged.back().last, interval.last);
    } else {
      merged.push_back(interval);
    }
  };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first <= to_interval(b[j]).first)) {
      append(a[i++]);
    } else {
      append(to_interval(b[j++]));
    }
  }
  return merged;
}

}  // namespace

OrderedIntervals OrderedIntervals::parse(std::string_view text, std::int32_t completions) {
  OrderedIntervals result;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view part = text.substr(start, comma - start);
    start = comma + 1;
    const std::size_t dash = part.find('-');
    const auto first = to_int(part.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : to_int(part.substr(dash + 1));
    if (!first || !last || *first > *last || *first < 0 || *first >= completions) continue;
    const Interval interval{*first, std::min(*last, completions - 1)};
    if (!result.intervals_.empty() && result.intervals_.back().last + 1 >= interval.first) {
      result.intervals_.back().last = std::max(result.intervals_.back().last, interval.last);
    } else {
      result.intervals_.push_back(interval);
    }
  }
  return result;
}

OrderedIntervals OrderedIntervals::with_ordered_indexes(const std::vector<std::int32_t>& indexes) const {
  OrderedIntervals result;
  result.intervals_ = merge_sorted(intervals_, indexes, [](std::int32_t index) { return Interval{index, index}; });
  return result;
}

OrderedIntervals OrderedIntervals::merge(const OrderedIntervals& other) const {
  OrderedIntervals result;
  result.intervals_ = merge_sorted(intervals_, other.intervals_, [](const Interval& interval) { return interval; });
  return result;
}

bool OrderedIntervals::has(std::int32_t index) const {
  const auto it = std::ranges::upper_bound(intervals_, index, {}, &Interval::first);
  return it != intervals_.begin() && std::prev(it)->last >= index;
}

std::int32_t OrderedIntervals::total() const {
  std::int32_t total = 0;
  for (const Interval& interval : intervals_) total += interval.last - interval.first + 1;
  return total;
}

std::string OrderedIntervals::to_string() const {
  std::string text;
  for (const Interval& interval : intervals_) {
    if (!text.empty()) text += ',';
    text += std::to_string(interval.first);
    if (interval.last == interval.first + 1) {
      text += ',' + std::to_string(interval.last);
    } else if (interval.last > interval.first) {
      text += '-' + std::to_string(interval.last);
    }
  }
  return text;
}

std::int32_t get_completion_index(const api::Pod& pod) {
  // Labels find by string_view: no key is built per call.
  const auto found = pod.metadata->annotations.find(api::kJobCompletionIndexAnnotation);
  if (found == pod.metadata->annotations.end()) return kUnknownCompletionIndex;
  const auto index = to_int(found->second);
  return index && *index >= 0 ? *index : kUnknownCompletionIndex;
}

std::vector<std::int32_t> first_pending_indexes(const OrderedIntervals& succeeded, std::vector<std::int32_t> excluded,
                                                std::int32_t count, std::int32_t completions) {
  std::ranges::sort(excluded);
  std::vector<std::int32_t> result;
  std::size_t next_excluded = 0;
  const auto& intervals = succeeded.intervals();
  std::size_t next_interval = 0;
  for (std::int32_t index = 0; index < completions && static_cast<std::int32_t>(result.size()) < count; ++index) {
    while (next_interval < intervals.size() && intervals[next_interval].last < index) ++next_interval;
    if (next_interval < intervals.size() && intervals[next_interval].first <= index) {
      index = intervals[next_interval].last;  // skip the succeeded run
      continue;
    }
    while (next_excluded < excluded.size() && excluded[next_excluded] < index) ++next_excluded;
    if (next_excluded < excluded.size() && excluded[next_excluded] == index) continue;
    result.push_back(index);
  }
  return result;
}

}  // namespace jobsim::controllers::job
