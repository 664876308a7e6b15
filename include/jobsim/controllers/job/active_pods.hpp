// The order in which a controller deletes surplus pods. Upstream: pkg/controller/controller_utils.go
// ActivePods.Less: unassigned < assigned; Pending < Unknown < Running; not ready < ready;
// more recently ready < longer ready; more restarts < fewer; newer < older; ties by name.
#pragma once

#include "jobsim/api/pod.hpp"

namespace jobsim::controllers::job {

// active_pods_less: true when `a` should be deleted before `b`.
bool active_pods_less(const api::Pod& a, const api::Pod& b);

}  // namespace jobsim::controllers::job
