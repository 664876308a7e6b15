// spec.successPolicy of Indexed Jobs. Upstream: pkg/controller/job/success_policy.go
// (matchSuccessPolicy, matchSucceededIndexesRule).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "jobsim/api/job.hpp"
#include "jobsim/controllers/job/indexes.hpp"

namespace jobsim::controllers::job {

// match_success_policy returns "Matched rules at index <i>" for the first rule that the
// succeeded indexes satisfy, or nothing. A rule with succeededIndexes matches when all of them
// succeeded, or at least succeededCount of them; a rule with only succeededCount when that many
// indexes succeeded. A succeededIndexes that parses to nothing skips the rule.
std::optional<std::string> match_success_policy(const api::SuccessPolicy& policy, std::int32_t completions,
                                                const OrderedIntervals& succeeded);

// match_succeeded_indexes_rule: how many rule indexes are in `succeeded`, compared with the
// rule's size and its optional count.
bool match_succeeded_indexes_rule(const OrderedIntervals& rule_indexes, const OrderedIntervals& succeeded,
                                  std::optional<std::int32_t> succeeded_count);

}  // namespace jobsim::controllers::job
