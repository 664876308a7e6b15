// -o yaml / -o json: go-yaml v2 scalar styles and kubectl's List and object layout.
#include "jobsim/report/kubectl.hpp"
#include "report/kubectl_yaml.hpp"
#include "recorder_fixture.hpp"
#include "testing/table.hpp"

namespace jobsim::report::kubectl {
namespace {

using namespace std::chrono_literals;
using report::testing::kStart;

struct ScalarCase {
  std::string_view name;
  std::string text;
  std::string_view want;
};
JOBSIM_PRINT_CASES_BY_NAME()

// Expected styles from go-yaml v2 (what kubectl -o yaml shows for these values).
const ScalarCase kScalarCases[] = {
    {.name = "plain_word", .text = "busybox:1.35", .want = "busybox:1.35"},
    {.name = "number_is_double_quoted", .text = "110", .want = "\"110\""},
    {.name = "quantity_is_plain", .text = "16Gi", .want = "16Gi"},
    {.name = "boolean_word_is_double_quoted", .text = "True", .want = "\"True\""},
    {.name = "yaml11_boolean_is_double_quoted", .text = "on", .want = "\"on\""},
    {.name = "timestamp_is_double_quoted", .text = "2026-01-01T00:00:00Z", .want = "\"2026-01-01T00:00:00Z\""},
    {.name = "empty_is_double_quoted", .text = "", .want = "\"\""},
    {.name = "leading_star_is_single_quoted", .text = "*/5 * * * *", .want = "'*/5 * * * *'"},
    {.name = "colon_space_is_single_quoted", .text = "Created pod: x", .want = "'Created pod: x'"},
    {.name = "dash_flag_is_plain", .text = "-c", .want = "-c"},
    {.name = "inner_quote_is_plain", .text = "echo 'hi'; exit 1", .want = "echo 'hi'; exit 1"},
    {.name = "quote_first_is_single_quoted_doubled", .text = "'x'", .want = "'''x'''"},
};

class YamlScalarTest : public ::testing::TestWithParam<ScalarCase> {};

TEST_P(YamlScalarTest, style_matches_go_yaml) {
  EXPECT_EQ(to_yaml(nlohmann::json{{"k", GetParam().text}}), "k: " + std::string(GetParam().want) + "\n");
}

INSTANTIATE_TEST_SUITE_P(GoYaml, YamlScalarTest, ::testing::ValuesIn(kScalarCases), test_support::name_of<ScalarCase>);

TEST(Yaml, sequences_are_not_indented_under_their_key_and_text_blocks_are_literal) {
  const nlohmann::json document = {{"a", {{"list", {{{"x", 1}, {"y", {"p", "q"}}}}}, {"empty", nlohmann::json::object()}}},
                                   {"script", "line 1\nline 2"}};
  EXPECT_EQ(to_yaml(document),
            "a:\n"
            "  empty: {}\n"
            "  list:\n"
            "  - x: 1\n"
            "    \"y\":\n"  // YAML 1.1 reads a plain y as true
            "    - p\n"
            "    - q\n"
            "script: |-\n"
            "  line 1\n"
            "  line 2\n");
}

using KubectlObjectsTest = report::testing::RecorderTest;

TEST_F(KubectlObjectsTest, empty_list_yaml_and_json) {
  EXPECT_EQ(get(server_, {.resource = "jobs", .format = OutputFormat::Yaml}, kStart).out,
            "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
  EXPECT_EQ(get(server_, {.resource = "jobs", .format = OutputFormat::Json}, kStart).out,
            "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n"
            "    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
}

TEST_F(KubectlObjectsTest, node_yaml) {
  create(report::testing::make_node("worker-1"));
  EXPECT_EQ(get(server_, {.resource = "node", .name = "worker-1", .format = OutputFormat::Yaml}, kStart + 5s).out,
            "apiVersion: v1\n"
            "kind: Node\n"
            "metadata:\n"
            "  creationTimestamp: \"2026-01-01T00:00:00Z\"\n"
            "  generation: 1\n"
            "  name: worker-1\n"
            "  resourceVersion: \"1\"\n"
            "  uid: uid-000001\n"
            "spec: {}\n"
            "status:\n"
            "  allocatable:\n"  // the API server defaults allocatable to capacity
            "    cpu: \"4\"\n"
            "    memory: 16Gi\n"
            "    pods: \"110\"\n"
            "  capacity:\n"
            "    cpu: \"4\"\n"
            "    memory: 16Gi\n"
            "    pods: \"110\"\n"
            "  conditions:\n"
            "  - lastHeartbeatTime: null\n"
            "    lastTransitionTime: null\n"
            "    status: \"True\"\n"
            "    type: Ready\n"
            "  nodeInfo:\n"
            "    kubeletVersion: v1.32.0\n");
}

// A node the node lifecycle controller marked unreachable: kubectl shows the condition's reason
// and message (node_lifecycle_controller.go tryUpdateNodeHealth: NodeStatusUnknown, "Kubelet
// stopped posting node status.").
TEST_F(KubectlObjectsTest, unreachable_node_condition_has_reason_and_message) {
  api::Node node = report::testing::make_node("worker-2");
  node.status.edit().conditions[0] = {.type = "Ready",
                               .status = api::ConditionStatus::Unknown,
                               .reason = "NodeStatusUnknown",
                               .message = "Kubelet stopped posting node status.",
                               .last_transition_time = kStart + 175s};
  create(std::move(node));
  const std::string yaml =
      get(server_, {.resource = "node", .name = "worker-2", .format = OutputFormat::Yaml}, kStart + 180s).out;
  EXPECT_NE(yaml.find("  - lastHeartbeatTime: \"2026-01-01T00:02:55Z\"\n"
                      "    lastTransitionTime: \"2026-01-01T00:02:55Z\"\n"
                      "    message: Kubelet stopped posting node status.\n"
                      "    reason: NodeStatusUnknown\n"
                      "    status: Unknown\n"
                      "    type: Ready\n"),
            std::string::npos)
      << yaml;
}

}  // namespace
}  // namespace jobsim::report::kubectl
