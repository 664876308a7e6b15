// expectation_specs: a scenario's `expect:` entries as the report layer's ExpectationSpecs
// (report/ may not see scenario types, CONTRIBUTING.md "Layers"). Private to world/.
#pragma once

#include <vector>

#include "jobsim/report/expectations.hpp"
#include "jobsim/scenario/scenario.hpp"

namespace jobsim::world {

std::vector<report::ExpectationSpec> expectation_specs(const scenario::Scenario& scenario);

}  // namespace jobsim::world
