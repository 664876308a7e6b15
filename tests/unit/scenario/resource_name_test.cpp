// Resource names: standard ones, or extended ones with a domain prefix (upstream
// validateResourceName); a misspelt standard name is an error with a suggestion.
#include <gtest/gtest.h>

#include "jobsim/scenario/load.hpp"

namespace jobsim::scenario {
namespace {

std::string errors_of(const std::string& capacity) {
  const std::string yaml = "start: 2026-01-01T00:00:00Z\nuntil: +1h\ncluster:\n  nodes:\n  - name: w\n    capacity: " +
                           capacity + "\n";
  try {
    parse_scenario(yaml, "r.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "";
}

TEST(ResourceName, MisspeltStandardNameIsAnErrorWithASuggestion) {
  EXPECT_EQ(errors_of("{cpu: \"4\", memory: 1Gi, memroy: 1Gi}"),
            "r.yaml:6:39: cluster.nodes[0].capacity.memroy: Invalid value: \"memroy\": must be a standard resource "
            "type or fully qualified (did you mean \"memory\"?)");
}

TEST(ResourceName, QualifiedAndStandardNamesAreAccepted) {
  EXPECT_EQ(errors_of("{cpu: \"4\", memory: 1Gi, nvidia.com/gpu: 2, ephemeral-storage: 10Gi, hugepages-2Mi: 1Gi}"), "");
}

}  // namespace
}  // namespace jobsim::scenario
