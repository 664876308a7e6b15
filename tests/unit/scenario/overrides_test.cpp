// Tests for --set PATH=VALUE (LoadOptions.set_overrides): edits of the YAML tree before
// decoding, checked like the file itself, with errors naming the flag.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "test_support.hpp"
#include "testing/table.hpp"

// GCC 12 warns about members a designated initializer leaves to their defaults, which is what
// the tables of CONTRIBUTING.md "Tests" rely on.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::load;
using testing::load_error;
using testing::name_of;

constexpr std::string_view kBase = R"(start: 2026-01-01T00:00:00Z
until: +24h
cluster:
  nodes:
  - {name: w, count: 3, capacity: {cpu: "4", memory: 16Gi}}
behaviors:
  - match: {image: a}
    exitCode: 0
  - match: {image: b}
    exitCode: {0: 0.5, 1: 0.5}
objects:
  - apiVersion: batch/v1
    kind: Job
    metadata: {name: pi, labels: {app: pi}}
    spec: {parallelism: 1, template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}}
)";

const api::Job& job_of(const Scenario& scenario) { return std::get<api::Job>(scenario.objects.at(0).object); }

struct SetCase {
  std::string_view name;
  std::vector<std::string> set = {};
  std::function<void(const Scenario&)> check = {};
};

const SetCase kSetCases[] = {
    {.name = "node_count",
     .set = {"cluster.nodes[0].count=6"},
     .check = [](const Scenario& s) { EXPECT_EQ(s.cluster.nodes.at(0).count, 6); }},
    {.name = "flow_map_value",
     .set = {"cluster.nodes[0].capacity={cpu: \"8\", memory: 32Gi}"},
     .check =
         [](const Scenario& s) {
           EXPECT_EQ(s.cluster.nodes.at(0).capacity,
                     (api::ResourceList{.cpu_millis = 8000, .memory_bytes = 32LL << 30, .pods = 110}));
         }},
    {.name = "manifest_field", .set = {"objects[0].spec.parallelism=4"}, .check = [](const Scenario& s) {
       EXPECT_EQ(job_of(s).spec->parallelism, 4);
     }},
    {.name = "behavior_exit_code",
     .set = {"behaviors[1].exitCode=1"},
     .check = [](const Scenario& s) { EXPECT_EQ(s.behaviors.at(1).exit_code, (ExitCodeSpec{.fixed = 1})); }},
    {.name = "per_run_list",
     .set = {"behaviors[0].exitCode=[1, 1, 0]"},
     .check =
         [](const Scenario& s) {
           EXPECT_EQ(s.behaviors.at(0).exit_code, (ExitCodeSpec{.kind = ExitCodeSpec::Kind::PerRun, .per_run = {1, 1, 0}}));
         }},
    {.name = "top_level_scalar", .set = {"seed=99"}, .check = [](const Scenario& s) { EXPECT_EQ(s.seed, 99u); }},
    {.name = "until_offset",
     .set = {"until=+2h"},
     .check = [](const Scenario& s) { EXPECT_EQ(s.until, *engine::parse_rfc3339("2026-01-01T02:00:00Z")); }},
    {.name = "creates_missing_keys",
     .set = {"cluster.timings.podStartup=5s", "description=swept"},
     .check =
         [](const Scenario& s) {
           EXPECT_EQ(s.cluster.timings.pod_startup, 5s);
           EXPECT_EQ(s.description, "swept");
         }},
    {.name = "quoted_key_with_dots",
     .set = {"objects[0].metadata.labels[\"app.kubernetes.io/name\"]=web"},
     .check =
         [](const Scenario& s) {
           EXPECT_EQ(job_of(s).metadata->labels, (api::Labels{{"app", "pi"}, {"app.kubernetes.io/name", "web"}}));
         }},
    {.name = "index_at_size_appends",
     .set = {"behaviors[2]={match: {image: c}, duration: 1s}"},
     .check =
         [](const Scenario& s) {
           ASSERT_EQ(s.behaviors.size(), 3u);
           EXPECT_EQ(s.behaviors[2].match.image, "c");
           EXPECT_EQ(s.behaviors[2].pos, (SourcePos{"--set behaviors[2]", 0, 0}));
         }},
    {.name = "later_override_wins",
     .set = {"seed=1", "seed=2"},
     .check = [](const Scenario& s) { EXPECT_EQ(s.seed, 2u); }},
    {.name = "null_value_resets",
     .set = {"objects[0].spec.parallelism=null"},
     .check = [](const Scenario& s) { EXPECT_EQ(job_of(s).spec->parallelism, std::nullopt); }},
};

class SetOverrides : public ::testing::TestWithParam<SetCase> {};

TEST_P(SetOverrides, ApplyBeforeDecoding) {
  const SetCase& c = GetParam();
  c.check(load(kBase, LoadOptions{.set_overrides = c.set}));
}

INSTANTIATE_TEST_SUITE_P(Cases, SetOverrides, ::testing::ValuesIn(kSetCases), name_of<SetCase>);

struct BadSetCase {
  std::string_view name;
  std::vector<std::string> set = {};
  std::string want = {};
};

const BadSetCase kBadSetCases[] = {
    {.name = "no_equals", .set = {"seed"}, .want = "--set seed: expected PATH=VALUE, such as cluster.nodes[0].count=6"},
    {.name = "index_out_of_range",
     .set = {"cluster.nodes[5].count=1"},
     .want = "--set cluster.nodes[5].count: index 5 is out of range: \"cluster.nodes\" has 1 items"},
    {.name = "key_into_a_scalar",
     .set = {"cluster.nodes[0].count.x=1"},
     .want = "--set cluster.nodes[0].count.x: cannot set \"x\" in \"cluster.nodes[0].count\": it is number 3, not a map"},
    {.name = "index_into_a_map",
     .set = {"cluster[0]=1"},
     .want = "--set cluster[0]: cannot index \"cluster\": it is a map, not a list"},
    {.name = "empty_key", .set = {"cluster..nodes=1"}, .want = "--set cluster..nodes: invalid path: empty key after '.'"},
    {.name = "bad_index", .set = {"behaviors[x]=1"}, .want = "--set behaviors[x]: invalid path: invalid index [x]: expected a number or a quoted key"},
    {.name = "invalid_yaml_value", .set = {"seed=[1"}, .want = "--set seed: invalid YAML: end of sequence flow not found"},
    {.name = "wrong_type_is_reported_at_the_flag",
     .set = {"cluster.nodes[0].count=three"},
     .want = "--set cluster.nodes[0].count: cluster.nodes[0].count: expected an integer, got string \"three\""},
    {.name = "quoted_integer",
     .set = {"objects[0].spec.parallelism=\"4\""},
     .want = "--set objects[0].spec.parallelism: Job \"pi\": spec.parallelism: expected an integer, got string \"4\""},
    {.name = "unknown_key_created_by_the_flag",
     .set = {"cluster.nodes[0].capcity.cpu=1"},
     .want = "--set cluster.nodes[0].capcity.cpu: unknown field \"cluster.nodes[0].capcity\" (did you mean \"capacity\"?)"},
    {.name = "every_bad_flag_is_reported",  // flags that cannot be applied first, then what decoding finds
     .set = {"seed=x", "foo"},
     .want = "--set foo: expected PATH=VALUE, such as cluster.nodes[0].count=6\n"
             "--set seed: seed: expected an integer, got string \"x\""},
};

class BadSetOverrides : public ::testing::TestWithParam<BadSetCase> {};

TEST_P(BadSetOverrides, NameThePath) {
  const BadSetCase& c = GetParam();
  EXPECT_EQ(load_error(kBase, LoadOptions{.set_overrides = c.set}), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadSetOverrides, ::testing::ValuesIn(kBadSetCases), name_of<BadSetCase>);

TEST(SetOverrides, CanSupplyARequiredKey) {
  const Scenario scenario = load("start: 2026-01-01T00:00:00Z\n", LoadOptions{.set_overrides = {"until=+1h"}});
  EXPECT_EQ(scenario.until, *engine::parse_rfc3339("2026-01-01T01:00:00Z"));
}

}  // namespace
}  // namespace jobsim::scenario
