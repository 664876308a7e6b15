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

namespace jobsim::scenario {
namespace {

// --set addresses objects after `- file:` includes are expanded: objects[0] is the first
// manifest of the included file.
TEST(SetOverrides, ReachManifestsInIncludedFiles) {
  LoadOptions options;
  options.set_overrides = {"objects[0].spec.parallelism=5"};
  const Scenario scenario = load_scenario("scenarios/job/parallel-processor.yaml", options);
  ASSERT_EQ(scenario.objects.size(), 1u);
  EXPECT_EQ(std::get<api::Job>(scenario.objects[0].object).spec->parallelism, 5);
}

}  // namespace
}  // namespace jobsim::scenario
