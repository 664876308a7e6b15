// Tests for `faults:` (docs/scenario-format.md): controllerManagerDown in its short form and in the
// nodeDown-like form with `for:`, the node faults (nodeDown, nodeUp, nodeFailures) checked
// against the scenario's nodes, and exact messages for everything the loader refuses.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "test_support.hpp"
#include "testing/table.hpp"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::kHeader;
using testing::load;
using testing::load_error;
using testing::name_of;

SimTime at(std::string_view text) { return *engine::parse_rfc3339(text); }

std::string with_header(std::string_view body) { return std::string(kHeader) + std::string(body); }

// Three workers (worker-1..3), a single node "gpu", and a Node object "edge".
constexpr std::string_view kNodes =
    "cluster:\n"
    "  nodes:\n"
    "    - {name: worker, count: 3, capacity: {cpu: \"4\", memory: 16Gi}}\n"
    "    - {name: gpu, capacity: {cpu: \"8\", memory: 64Gi}}\n"
    "objects:\n"
    "  - {apiVersion: v1, kind: Node, metadata: {name: edge}}\n";
std::string with_nodes(std::string_view faults) { return with_header(std::string(kNodes) + std::string(faults)); }

struct GoodCase {
  std::string_view name;
  std::string yaml;
  std::vector<Fault> want;
};

const GoodCase kGoodCases[] = {
    {.name = "spec_form_duration_value",
     .yaml = with_header("faults:\n  - at: +5h\n    controllerManagerDown: 45m\n"),
     .want = {{.kind = FaultKind::ControllerManagerDown,
               .at = at("2026-01-01T05:00:00Z"),
               .duration = 45min,
               .pos = {"scen.yaml", 4, 5}}}},
    {.name = "node_down_like_form_with_for",
     .yaml = with_header("faults:\n  - at: 2026-01-01T02:30:00Z\n    controllerManagerDown: true\n    for: 90s\n"),
     .want = {{.kind = FaultKind::ControllerManagerDown,
               .at = at("2026-01-01T02:30:00Z"),
               .duration = 90s,
               .pos = {"scen.yaml", 4, 5}}}},
    {.name = "outage_may_outlast_the_run",
     .yaml = with_header("faults:\n  - {at: +23h, controllerManagerDown: 2h}\n"),
     .want = {{.at = at("2026-01-01T23:00:00Z"), .duration = 2h, .pos = {"scen.yaml", 4, 5}}}},
    {.name = "separate_outages_in_any_order",
     .yaml = with_header("faults:\n  - {at: +5h, controllerManagerDown: 1h}\n  - {at: +1h, controllerManagerDown: 1h}\n"),
     .want = {{.at = at("2026-01-01T05:00:00Z"), .duration = 1h, .pos = {"scen.yaml", 4, 5}},
              {.at = at("2026-01-01T01:00:00Z"), .duration = 1h, .pos = {"scen.yaml", 5, 5}}}},
    {.name = "node_down_for",
     .yaml = with_nodes("faults:\n  - at: +3h\n    nodeDown: worker-2\n    for: 20m\n"),
     .want = {{.kind = FaultKind::NodeDown,
               .at = at("2026-01-01T03:00:00Z"),
               .duration = 20min,
               .node = "worker-2",
               .pos = {"scen.yaml", 10, 5}}}},
    {.name = "node_down_until_node_up_of_a_node_object",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: edge}\n  - {at: +2h, nodeUp: edge}\n"),
     .want = {{.kind = FaultKind::NodeDown, .at = at("2026-01-01T01:00:00Z"), .node = "edge", .pos = {"scen.yaml", 10, 5}},
              {.kind = FaultKind::NodeUp, .at = at("2026-01-01T02:00:00Z"), .node = "edge", .pos = {"scen.yaml", 11, 5}}}},
    {.name = "node_down_again_after_the_outage",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: gpu, for: 1h}\n  - {at: +2h1s, nodeDown: gpu}\n"),
     .want = {{.kind = FaultKind::NodeDown, .at = at("2026-01-01T01:00:00Z"), .duration = 1h, .node = "gpu",
               .pos = {"scen.yaml", 10, 5}},
              {.kind = FaultKind::NodeDown, .at = at("2026-01-01T02:00:01Z"), .node = "gpu", .pos = {"scen.yaml", 11, 5}}}},
    {.name = "node_failures_every_node_from_start",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 72h, mttr: 20m}\n"),
     .want = {{.kind = FaultKind::NodeFailures, .at = at("2026-01-01T00:00:00Z"), .mtbf = 72h, .mttr = 20min,
               .pos = {"scen.yaml", 10, 5}}}},
    {.name = "node_failures_group_names_expand",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeFailures: {mtbf: 10h, mttr: 5m, nodes: [gpu, worker, worker-1]}}\n"),
     .want = {{.kind = FaultKind::NodeFailures, .at = at("2026-01-01T01:00:00Z"),
               .nodes = {"gpu", "worker-1", "worker-2", "worker-3"}, .mtbf = 10h, .mttr = 5min,
               .pos = {"scen.yaml", 10, 5}}}},
    {.name = "scheduler_down_duration_value",
     .yaml = with_header("faults:\n  - {at: +1h, schedulerDown: 30m}\n"),
     .want = {{.kind = FaultKind::SchedulerDown,
               .at = at("2026-01-01T01:00:00Z"),
               .duration = 30min,
               .pos = {"scen.yaml", 4, 5}}}},
    {.name = "scheduler_down_true_with_for",
     .yaml = with_header("faults:\n  - {at: +1h, schedulerDown: true, for: 10m}\n"),
     .want = {{.kind = FaultKind::SchedulerDown,
               .at = at("2026-01-01T01:00:00Z"),
               .duration = 10min,
               .pos = {"scen.yaml", 4, 5}}}},
    {.name = "scheduler_and_controller_manager_outages_may_overlap",
     .yaml = with_header("faults:\n  - {at: +1h, schedulerDown: 1h}\n  - {at: +1h, controllerManagerDown: 1h}\n"),
     .want = {{.kind = FaultKind::SchedulerDown, .at = at("2026-01-01T01:00:00Z"), .duration = 1h, .pos = {"scen.yaml", 4, 5}},
              {.at = at("2026-01-01T01:00:00Z"), .duration = 1h, .pos = {"scen.yaml", 5, 5}}}},
    {.name = "image_pull_failure_with_for",
     .yaml = with_header("faults:\n  - {at: +2m, imagePullFailure: \"registry.example.com/tool:v1\", for: 5m}\n"),
     .want = {{.kind = FaultKind::ImagePullFailure,
               .at = at("2026-01-01T00:02:00Z"),
               .duration = 5min,
               .image = "registry.example.com/tool:v1",
               .pos = {"scen.yaml", 4, 5}}}},
    {.name = "image_pull_failure_until_the_end",
     .yaml = with_header("faults:\n  - {at: +0s, imagePullFailure: busybox}\n"),
     .want = {{.kind = FaultKind::ImagePullFailure,
               .at = at("2026-01-01T00:00:00Z"),
               .image = "busybox",
               .pos = {"scen.yaml", 4, 5}}}},
    {.name = "empty_list", .yaml = with_header("faults: []\n"), .want = {}},
    {.name = "null", .yaml = with_header("faults:\n"), .want = {}},
};

class GoodFaults : public ::testing::TestWithParam<GoodCase> {};

TEST_P(GoodFaults, DecodeToExactValues) {
  const GoodCase& c = GetParam();
  EXPECT_EQ(load(c.yaml).faults, c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, GoodFaults, ::testing::ValuesIn(kGoodCases), name_of<GoodCase>);

struct BadCase {
  std::string_view name;
  std::string yaml;
  std::string want;
};

const BadCase kBadCases[] = {
    {.name = "node_down_unknown_node",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: worker-4, for: 5m}\n"),
     .want = "scen.yaml:10:5: faults[0].nodeDown: no node \"worker-4\" in this scenario (nodes: edge, ...)"},
    {.name = "node_down_missing_at",
     .yaml = with_nodes("faults:\n  - {nodeDown: gpu, for: 5m}\n"),
     .want = "scen.yaml:10:5: faults[0]: missing required key \"at\""},
    {.name = "node_down_for_zero",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: gpu, for: 0s}\n"),
     .want = "scen.yaml:10:35: faults[0].for: must be greater than 0"},
    {.name = "node_down_bad_duration",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: gpu, for: 20}\n"),
     .want = "scen.yaml:10:35: faults[0].for: expected a duration such as \"90s\", \"5m\" or \"2h30m\", got number 20 "
             "(add a unit: \"20s\")"},
    {.name = "node_down_not_a_name",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: true}\n"),
     .want = "scen.yaml:10:25: faults[0].nodeDown: expected a string, got boolean true (quote it: \"true\")"},
    {.name = "node_up_with_for",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeUp: gpu, for: 5m}\n"),
     .want = "scen.yaml:10:5: faults[0]: nodeUp of \"gpu\" at 2026-01-01T01:00:00Z: the node is not down then (nodeUp ends "
             "a nodeDown without \"for\")\nscen.yaml:10:28: unknown field \"faults[0].for\""},
    {.name = "node_up_of_a_node_that_is_up",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeUp: worker-1}\n"),
     .want = "scen.yaml:10:5: faults[0]: nodeUp of \"worker-1\" at 2026-01-01T01:00:00Z: the node is not down then "
             "(nodeUp ends a nodeDown without \"for\")"},
    {.name = "node_up_during_an_outage_with_for",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: gpu, for: 1h}\n  - {at: +90m, nodeUp: gpu}\n"),
     .want = "scen.yaml:11:5: faults[1]: nodeUp of \"gpu\" at 2026-01-01T01:30:00Z: the node is not down then (nodeUp "
             "ends a nodeDown without \"for\"; the outage of faults[0] ends by itself at 2026-01-01T02:00:00Z)"},
    {.name = "node_up_before_its_node_down",
     .yaml = with_nodes("faults:\n  - {at: +2h, nodeDown: gpu}\n  - {at: +1h, nodeUp: gpu}\n"),
     .want = "scen.yaml:11:5: faults[1]: nodeUp of \"gpu\" at 2026-01-01T01:00:00Z: the node is not down then (nodeUp "
             "ends a nodeDown without \"for\")"},
    {.name = "overlapping_node_downs",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: gpu, for: 1h}\n  - {at: +90m, nodeDown: gpu, for: 1h}\n"),
     .want = "scen.yaml:11:5: faults[1]: nodeDown of \"gpu\" at 2026-01-01T01:30:00Z must start after the outage of "
             "faults[0] (scen.yaml:10:5) ends at 2026-01-01T02:00:00Z; merge them into one outage"},
    {.name = "touching_node_downs",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: gpu, for: 1h}\n  - {at: +2h, nodeDown: gpu, for: 1h}\n"),
     .want = "scen.yaml:11:5: faults[1]: nodeDown of \"gpu\" at 2026-01-01T02:00:00Z must start after the outage of "
             "faults[0] (scen.yaml:10:5) ends at 2026-01-01T02:00:00Z; merge them into one outage"},
    {.name = "node_down_while_down_without_for",
     .yaml = with_nodes("faults:\n  - {at: +1h, nodeDown: edge}\n  - {at: +3h, nodeDown: edge, for: 1m}\n"),
     .want = "scen.yaml:11:5: faults[1]: nodeDown of \"edge\" at 2026-01-01T03:00:00Z must start after the outage of "
             "faults[0] (scen.yaml:10:5) ends (it has no \"for\" and no nodeUp yet); merge them into one outage"},
    {.name = "node_failures_missing_mttr",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 72h}\n"),
     .want = "scen.yaml:10:19: faults[0].nodeFailures: missing required key \"mttr\""},
    {.name = "node_failures_zero_mtbf",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 0s, mttr: 1m}\n"),
     .want = "scen.yaml:10:26: faults[0].nodeFailures.mtbf: must be greater than 0"},
    {.name = "node_failures_unknown_node",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 1h, mttr: 1m, nodes: [cpu]}\n"),
     .want = "scen.yaml:10:5: faults[0].nodeFailures.nodes: no node \"cpu\" in this scenario (nodes: edge, ...)"},
    {.name = "node_failures_empty_nodes",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 1h, mttr: 1m, nodes: []}\n"),
     .want = "scen.yaml:10:47: faults[0].nodeFailures.nodes: expected a non-empty list of node or node group names, got "
             "a list"},
    {.name = "node_failures_twice_for_one_node",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 1h, mttr: 1m, nodes: [worker]}\n"
                        "  - nodeFailures: {mtbf: 2h, mttr: 1m, nodes: [worker-3]}\n"),
     .want = "scen.yaml:11:5: faults[1]: node \"worker-3\" already fails at random through faults[0] (scen.yaml:10:5)"},
    {.name = "node_failures_unknown_key",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 1h, mttr: 1m, mtr: 1m}\n"),
     .want = "scen.yaml:10:40: unknown field \"faults[0].nodeFailures.mtr\" (did you mean \"mttr\"?)"},
    {.name = "image_pull_failure_without_image",
     .yaml = with_header("faults:\n  - {at: +1h, imagePullFailure: [a, b]}\n"),
     .want = "scen.yaml:4:33: faults[0].imagePullFailure: expected an image name such as "
             "\"registry.example.com/tool:v1\", got a list"},
    {.name = "image_pull_failure_boolean_with_for",
     .yaml = with_header("faults:\n  - {at: +1h, imagePullFailure: true, for: 5m}\n"),
     .want = "scen.yaml:4:33: faults[0].imagePullFailure: expected an image name such as "
             "\"registry.example.com/tool:v1\", got boolean true"},
    {.name = "image_pull_failure_number",
     .yaml = with_header("faults:\n  - {at: +1h, imagePullFailure: 5}\n"),
     .want = "scen.yaml:4:33: faults[0].imagePullFailure: expected an image name such as "
             "\"registry.example.com/tool:v1\", got number 5"},
    {.name = "node_failures_node_name_not_a_string",
     .yaml = with_nodes("faults:\n  - nodeFailures: {mtbf: 1h, mttr: 1m, nodes: [5]}\n"),
     .want = "scen.yaml:10:48: faults[0].nodeFailures.nodes[0]: expected a string, got number 5 (quote it: \"5\")"},
    {.name = "scheduler_down_true_without_for",
     .yaml = with_header("faults:\n  - {at: +1h, schedulerDown: true}\n"),
     .want = "scen.yaml:4:30: faults[0].schedulerDown: true needs \"for\": how long the scheduler stays down (or "
             "write schedulerDown: 45m)"},
    {.name = "not_a_list",
     .yaml = with_header("faults: {at: +1h}\n"),
     .want = "scen.yaml:3:9: faults: expected a list of faults, got a map"},
    {.name = "entry_not_a_map",
     .yaml = with_header("faults:\n  - controllerManagerDown\n"),
     .want = "scen.yaml:4:5: faults[0]: expected a map with at and one of controllerManagerDown, schedulerDown, "
             "imagePullFailure, nodeDown, nodeUp, nodeFailures; got string \"controllerManagerDown\""},
    {.name = "no_fault_kind",
     .yaml = with_header("faults:\n  - at: +1h\n"),
     .want = "scen.yaml:4:5: faults[0]: expected one of controllerManagerDown, schedulerDown, imagePullFailure, "
             "nodeDown, nodeUp, nodeFailures"},
    {.name = "two_kinds_in_one_entry",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: 5m, schedulerDown: 5m}\n"),
     .want = "scen.yaml:4:42: faults[0]: \"controllerManagerDown\" and \"schedulerDown\" cannot be combined: one fault per "
             "entry"},
    {.name = "missing_at",
     .yaml = with_header("faults:\n  - controllerManagerDown: 45m\n"),
     .want = "scen.yaml:4:5: faults[0]: missing required key \"at\""},
    {.name = "at_before_start",
     .yaml = with_header("faults:\n  - {at: 2025-12-31T00:00:00Z, controllerManagerDown: 1m}\n"),
     .want = "scen.yaml:4:10: faults[0].at: time 2025-12-31T00:00:00Z is before the scenario start (2026-01-01T00:00:00Z)"},
    {.name = "zero_duration",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: 0s}\n"),
     .want = "scen.yaml:4:38: faults[0].controllerManagerDown: must be greater than 0"},
    {.name = "negative_duration",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: -5m}\n"),
     .want = "scen.yaml:4:38: faults[0].controllerManagerDown: invalid duration \"-5m\": must not be negative"},
    {.name = "duration_without_unit",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: 45}\n"),
     .want = "scen.yaml:4:38: faults[0].controllerManagerDown: expected a duration such as \"90s\", \"5m\" or \"2h30m\", "
             "got number 45 (add a unit: \"45s\")"},
    {.name = "true_without_for",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: true}\n"),
     .want = "scen.yaml:4:38: faults[0].controllerManagerDown: true needs \"for\": how long the controllers stay down (or "
             "write controllerManagerDown: 45m)"},
    {.name = "false",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: false, for: 5m}\n"),
     .want = "scen.yaml:4:38: faults[0].controllerManagerDown: expected a duration such as \"45m\", or true with \"for\"; "
             "got boolean false"},
    {.name = "overlapping_scheduler_outages",
     .yaml = with_header("faults:\n  - {at: +1h, schedulerDown: 1h}\n  - {at: +90m, schedulerDown: 1h}\n"),
     .want = "scen.yaml:5:5: faults[1]: schedulerDown at 2026-01-01T01:30:00Z must start after the outage of faults[0] "
             "(scen.yaml:4:5) ends at 2026-01-01T02:00:00Z; merge them into one outage"},
    {.name = "duration_and_for",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: 5m, for: 5m}\n"),
     .want = "scen.yaml:4:38: faults[0].controllerManagerDown: a duration here and \"for\" cannot be combined: write "
             "controllerManagerDown: true with for, or only the duration"},
    {.name = "for_zero",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: true, for: 0s}\n"),
     .want = "scen.yaml:4:49: faults[0].for: must be greater than 0"},
    {.name = "unknown_key_with_hint",
     .yaml = with_header("faults:\n  - {at: +1h, controllerManagerDown: 5m, fro: 5m}\n"),
     .want = "scen.yaml:4:42: unknown field \"faults[0].fro\" (did you mean \"for\"?)"},
    {.name = "overlapping_outages",
     .yaml = with_header("faults:\n  - {at: +5h, controllerManagerDown: 45m}\n  - {at: +5h30m, controllerManagerDown: 1h}\n"),
     .want = "scen.yaml:5:5: faults[1]: controllerManagerDown at 2026-01-01T05:30:00Z must start after the outage of "
             "faults[0] (scen.yaml:4:5) ends at 2026-01-01T05:45:00Z; merge them into one outage"},
    {.name = "touching_outages",
     .yaml = with_header("faults:\n  - {at: +6h, controllerManagerDown: 1h}\n  - {at: +5h, controllerManagerDown: 1h}\n"),
     .want = "scen.yaml:4:5: faults[0]: controllerManagerDown at 2026-01-01T06:00:00Z must start after the outage of "
             "faults[1] (scen.yaml:5:5) ends at 2026-01-01T06:00:00Z; merge them into one outage"},
};

class BadFaults : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadFaults, ReportExactMessages) {
  const BadCase& c = GetParam();
  EXPECT_EQ(load_error(c.yaml), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadFaults, ::testing::ValuesIn(kBadCases), name_of<BadCase>);

}  // namespace
}  // namespace jobsim::scenario
