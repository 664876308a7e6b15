// Toleration matching for NoExecute taints, as the taint eviction controller uses it.
// Upstream: staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint),
// pkg/apis/core/v1/helper/helpers.go (GetMatchingTolerations),
// pkg/controller/tainteviction/taint_eviction.go (getMinTolerationTime).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::controllers::tainteviction {


// MatchingTolerations: whether every taint is tolerated, and for each taint the first toleration
// that tolerates it (upstream GetMatchingTolerations).
struct MatchingTolerations {
  bool all_tolerated = false;
  std::vector<api::Toleration> used;
};
MatchingTolerations get_matching_tolerations(std::span<const api::Taint> taints,
                                             std::span<const api::Toleration> tolerations);

// min_toleration_time: the smallest tolerationSeconds among `used` (<= 0 counts as 0); zero
// when `used` is empty; nullopt (tolerate forever) when none sets tolerationSeconds.
std::optional<engine::Duration> min_toleration_time(std::span<const api::Toleration> used);

// eviction_delay: how long after the taints are seen a pod with `tolerations` is deleted:
// 0 when some taint is not tolerated, nullopt when tolerated forever (or there is no taint).
std::optional<engine::Duration> eviction_delay(std::span<const api::Taint> no_execute_taints,
                                               std::span<const api::Toleration> tolerations);

}  // namespace jobsim::controllers::tainteviction
