// Tick arithmetic of the node lifecycle controller, kept pure for tests. Upstream
// monitorNodeHealth runs every nodeMonitorPeriod from the controller's start (wait.Until), and
// tryUpdateNodeHealth sets probeTimestamp to the tick at which it first sees a new Lease renewal
// (or, with no record yet, to the tick itself); Ready becomes Unknown at the first tick strictly
// after probeTimestamp + gracePeriod (`now.After(probe + grace)`).
// Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go.
#pragma once

#include <optional>

#include "jobsim/engine/time.hpp"

namespace jobsim::controllers::nodelifecycle {

// first_tick_at_or_after: the first tick origin + k * period (k >= 0) at or after `t`.
engine::SimTime first_tick_at_or_after(engine::SimTime t, engine::SimTime origin, engine::Duration period);
// first_tick_after: the first tick strictly after `t` (and at or after `origin`).
engine::SimTime first_tick_after(engine::SimTime t, engine::SimTime origin, engine::Duration period);

// probe_timestamp: the tick at which the controller (ticking since `origin`) recorded the
// renewal `last_renewal`: the first tick at or after it; a renewal before the controller started
// (or none) is recorded at the controller's first tick.
engine::SimTime probe_timestamp(std::optional<engine::SimTime> last_renewal, engine::SimTime origin,
                                engine::Duration period);

// not_ready_at: the tick at which the controller marks Ready=Unknown when no renewal follows
// `last_renewal`: the first tick strictly after probe_timestamp + grace.
engine::SimTime not_ready_at(std::optional<engine::SimTime> last_renewal, engine::SimTime origin,
                             engine::Duration period, engine::Duration grace);

}  // namespace jobsim::controllers::nodelifecycle
