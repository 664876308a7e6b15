// scenario_images: the container images a scenario's pods can run (objects, and objects that
// actions create or apply), so that a fault naming an image nobody uses can be reported
// instead of silently doing nothing. Private to world/.
#pragma once

#include <set>
#include <string>

#include "jobsim/scenario/scenario.hpp"

namespace jobsim::world {

std::set<std::string> scenario_images(const scenario::Scenario& scenario);

}  // namespace jobsim::world
