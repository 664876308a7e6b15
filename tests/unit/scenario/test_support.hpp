// Helpers shared by the scenario tests: loading text as a scenario and catching its errors.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "jobsim/scenario/load.hpp"
#include "testing/table.hpp"

namespace jobsim::scenario::testing {

// kFixtures is where tests/data/scenario lives; the test binary runs from the repository root.
inline const std::string kFixtures = "tests/data/scenario";

// kHeader is the smallest valid scenario head; cases append their sections to it.
inline constexpr std::string_view kHeader = "start: 2026-01-01T00:00:00Z\nuntil: +24h\n";

// load_error returns the ScenarioError text of loading `yaml` as "scen.yaml", or
// "<loaded>" when it loads.
inline std::string load_error(std::string_view yaml, const LoadOptions& options = {}) {
  try {
    parse_scenario(yaml, "scen.yaml", options, kFixtures);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "<loaded>";
}

// load parses `yaml` and fails the test (printing every message) when it does not load.
inline Scenario load(std::string_view yaml, const LoadOptions& options = {}) {
  try {
    return parse_scenario(yaml, "scen.yaml", options, kFixtures);
  } catch (const ScenarioError& error) {
    ADD_FAILURE() << "unexpected ScenarioError:\n" << error.what();
  }
  return Scenario{};
}

using jobsim::test_support::name_of;

}  // namespace jobsim::scenario::testing
