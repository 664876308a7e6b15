// Upstream: pkg/controller/job/success_policy.go.
#include "jobsim/controllers/job/success_policy.hpp"

#include <algorithm>

namespace jobsim::controllers::job {

bool match_succeeded_indexes_rule(const OrderedIntervals& rule_indexes, const OrderedIntervals& succeeded,
                                  std::optional<std::int32_t> succeeded_count) {
  const auto& rule = rule_indexes.intervals();
  const auto& done = succeeded.intervals();
  std::int32_t contains = 0;
  std::size_t r = 0;
  std::size_t s = 0;
  // Both lists are ordered and disjoint: walk them together, summing the overlaps.
  while (r < rule.size() && s < done.size()) {
    const std::int32_t overlap = std::min(rule[r].last, done[s].last) - std::max(rule[r].first, done[s].first) + 1;
    if (overlap > 0) contains += overlap;
    if (done[s].last < rule[r].last) {
      ++s;
    } else if (done[s].last > rule[r].last) {
      ++r;
    } else {
      ++s;
      ++r;
    }
  }
  return contains == rule_indexes.total() || (succeeded_count && contains >= *succeeded_count);
}

std::optional<std::string> match_success_policy(const api::SuccessPolicy& policy, std::int32_t completions,
                                                const OrderedIntervals& succeeded) {
  if (succeeded.intervals().empty()) return std::nullopt;
  for (std::size_t index = 0; index < policy.rules.size(); ++index) {
    const api::SuccessPolicyRule& rule = policy.rules[index];
    bool matched = false;
    if (rule.succeeded_indexes) {
      const OrderedIntervals required = OrderedIntervals::parse(*rule.succeeded_indexes, completions);
      if (required.intervals().empty()) continue;
      matched = match_succeeded_indexes_rule(required, succeeded, rule.succeeded_count);
    } else if (rule.succeeded_count) {
      matched = succeeded.total() >= *rule.succeeded_count;
    }
    if (matched) return "Matched rules at index " + std::to_string(index);
  }
  return std::nullopt;
}

}  // namespace jobsim::controllers::job
