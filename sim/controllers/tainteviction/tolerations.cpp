// Upstream: staging/src/k8s.io/api/core/v1/toleration.go ToleratesTaint,
// pkg/apis/core/v1/helper/helpers.go GetMatchingTolerations,
// pkg/controller/tainteviction/taint_eviction.go getMinTolerationTime and processPodOnNode.
#include "jobsim/controllers/tainteviction/tolerations.hpp"

#include <limits>

namespace jobsim::controllers::tainteviction {

MatchingTolerations get_matching_tolerations(std::span<const api::Taint> taints,
                                             std::span<const api::Toleration> tolerations) {
  if (taints.empty()) return {.all_tolerated = true, .used = {}};
  MatchingTolerations result{.all_tolerated = true, .used = {}};
  for (const api::Taint& taint : taints) {
    bool tolerated = false;
    for (const api::Toleration& toleration : tolerations) {
      if (api::tolerates_taint(toleration, taint)) {
        result.used.push_back(toleration);
        tolerated = true;
        break;
      }
    }
    if (!tolerated) return {.all_tolerated = false, .used = {}};
  }
  return result;
}

std::optional<engine::Duration> min_toleration_time(std::span<const api::Toleration> used) {
  if (used.empty()) return engine::Duration::zero();
  std::int64_t min_seconds = std::numeric_limits<std::int64_t>::max();
  for (const api::Toleration& toleration : used) {
    if (!toleration.toleration_seconds) continue;
    if (*toleration.toleration_seconds <= 0) return engine::Duration::zero();
    min_seconds = std::min(min_seconds, *toleration.toleration_seconds);
  }
  if (min_seconds == std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  return std::chrono::seconds(min_seconds);
}

std::optional<engine::Duration> eviction_delay(std::span<const api::Taint> no_execute_taints,
                                               std::span<const api::Toleration> tolerations) {
  if (no_execute_taints.empty()) return std::nullopt;  // nothing to evict for (the controller never asks)
  const MatchingTolerations matching = get_matching_tolerations(no_execute_taints, tolerations);
  if (!matching.all_tolerated) return engine::Duration::zero();
  return min_toleration_time(matching.used);
}

}  // namespace jobsim::controllers::tainteviction
