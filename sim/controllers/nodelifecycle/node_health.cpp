// Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go (Run: wait.UntilWithContext
// of monitorNodeHealth every nodeMonitorPeriod; tryUpdateNodeHealth: probeTimestamp = now on a
// new renewal, `nc.now().After(nodeHealth.probeTimestamp.Add(gracePeriod))`).
#include "jobsim/controllers/nodelifecycle/node_health.hpp"

#include <algorithm>

namespace jobsim::controllers::nodelifecycle {

engine::SimTime first_tick_at_or_after(engine::SimTime t, engine::SimTime origin, engine::Duration period) {
  if (t <= origin) return origin;
  const engine::Duration since = t - origin;
  const auto ticks = (since + period - engine::Duration(1)) / period;  // ceil
  return origin + ticks * period;
}

engine::SimTime first_tick_after(engine::SimTime t, engine::SimTime origin, engine::Duration period) {
  if (t < origin) return origin;
  return origin + ((t - origin) / period + 1) * period;
}

engine::SimTime probe_timestamp(std::optional<engine::SimTime> last_renewal, engine::SimTime origin,
                                engine::Duration period) {
  return first_tick_at_or_after(std::max(last_renewal.value_or(origin), origin), origin, period);
}

engine::SimTime not_ready_at(std::optional<engine::SimTime> last_renewal, engine::SimTime origin,
                             engine::Duration period, engine::Duration grace) {
  return first_tick_after(probe_timestamp(last_renewal, origin, period) + grace, origin, period);
}

}  // namespace jobsim::controllers::nodelifecycle
