// Tests for controllers/job/pod_failure_policy.hpp: matching a failed pod against
// spec.podFailurePolicy. Ported from upstream pkg/controller/job/pod_failure_policy_test.go
// (TestMatchPodFailurePolicy); case names are upstream's in snake_case and expectations are
// upstream's (matchPodFailurePolicy with JobBackoffLimitPerIndex on). Not ported: the cases with an
// unknown action or operator (our enums cannot hold one) and the init-container status of
// "successful containers are skipped by the rules" (the model has no init container statuses).
// The containerName cases at the end follow upstream getMatchingContainerFromList.
#include "jobsim/controllers/job/pod_failure_policy.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using api::ConditionStatus;
using api::PodFailurePolicyAction;
using api::PodFailurePolicyOnExitCodesOperator;

using jobsim::test_support::name_of;

// Failure output names the case instead of dumping its bytes.
JOBSIM_PRINT_CASES_BY_NAME()

// Upstream's validPodObjectMeta.
api::ObjectMeta valid_pod_object_meta() { return {.name = "mypod", .namespace_ = "default"}; }

api::ContainerStatus terminated(std::string name, std::int32_t exit_code) {
  return {.name = std::move(name), .state = {.kind = api::ContainerStateKind::Terminated, .exit_code = exit_code}};
}

api::Pod failed_pod_with_containers(std::vector<api::ContainerStatus> statuses) {
  return {.metadata = valid_pod_object_meta(),
          .status = api::PodStatus{.phase = api::PodPhase::Failed, .container_statuses = std::move(statuses)}};
}

api::Pod failed_pod_with_condition(std::string type, ConditionStatus status) {
  return {.metadata = valid_pod_object_meta(),
          .status = api::PodStatus{.phase = api::PodPhase::Failed, .conditions = {{.type = std::move(type), .status = status}}}};
}

api::PodFailurePolicyRule on_exit_codes(PodFailurePolicyAction action, PodFailurePolicyOnExitCodesOperator op,
                                        std::vector<std::int32_t> values,
                                        std::optional<std::string> container_name = std::nullopt) {
  return {.action = action,
          .on_exit_codes = api::PodFailurePolicyOnExitCodesRequirement{
              .container_name = std::move(container_name), .operator_ = op, .values = std::move(values)}};
}

api::PodFailurePolicyRule on_condition(PodFailurePolicyAction action, std::string type, ConditionStatus status) {
  return {.action = action, .on_pod_conditions = {{.type = std::move(type), .status = status}}};
}

constexpr auto kIn = PodFailurePolicyOnExitCodesOperator::In;
constexpr auto kNotIn = PodFailurePolicyOnExitCodesOperator::NotIn;

std::string show(const std::optional<std::string>& message, bool count_failed,
                 const std::optional<PodFailurePolicyAction>& action) {
  std::ostringstream out;
  out << "{message: " << (message ? "\"" + *message + "\"" : std::string("nil")) << ", count_failed: " << count_failed
      << ", action: " << (action ? std::string(api::to_string(*action)) : std::string("nil")) << "}";
  return out.str();
}

struct MatchCase {
  std::string_view name;
  api::PodFailurePolicy policy;
  api::Pod failed_pod;
  std::optional<std::string> want_job_failure_message;
  bool want_count_failed = true;
  std::optional<PodFailurePolicyAction> want_action;
};

const MatchCase kMatchCases[] = {
    {.name = "no_policy_rules",
     .failed_pod = failed_pod_with_containers({terminated("", 2)}),
     .want_count_failed = true},
    {.name = "ignore_rule_matched_for_exit_codes",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::Ignore, kIn, {1, 2, 3})}},
     .failed_pod = failed_pod_with_containers({terminated("", 2)}),
     .want_count_failed = false,
     .want_action = PodFailurePolicyAction::Ignore},
    {.name = "ignore_rule_matched_on_negative_exit_codes_needed_for_windows_support",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::Ignore, kIn, {-1073741676, -1073741510})}},
     .failed_pod = failed_pod_with_containers({terminated("", -1073741510)}),
     .want_count_failed = false,
     .want_action = PodFailurePolicyAction::Ignore},
    {.name = "fail_job_rule_matched_for_exit_codes",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kIn, {1, 2, 3})}},
     .failed_pod = failed_pod_with_containers({terminated("main-container", 2)}),
     .want_job_failure_message =
         "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    // Upstream's "unknown action/operator" cases skip rule 0 and match FailJob at index 1; our
    // enums cannot hold an unknown value, so rule 0 is a rule that does not match exit code 2.
    {.name = "fail_job_rule_at_index_1_after_a_rule_that_does_not_match",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::Ignore, kIn, {1}),
                          on_exit_codes(PodFailurePolicyAction::FailJob, kIn, {2, 3})}},
     .failed_pod = failed_pod_with_containers({terminated("main-container", 2)}),
     .want_job_failure_message =
         "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    {.name = "successful_containers_are_skipped_by_the_rules",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kNotIn, {111})}},
     .failed_pod = failed_pod_with_containers({terminated("main-container", 111), terminated("suppport-container", 0)}),
     .want_count_failed = true},
    {.name = "fail_index_rule_matched_for_exit_codes",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailIndex, kIn, {1, 2, 3})}},
     .failed_pod = failed_pod_with_containers({terminated("", 2)}),
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailIndex},
    {.name = "pod_failure_policy_with_not_in_operator_and_value_0",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kNotIn, {0})}},
     .failed_pod = failed_pod_with_containers({terminated("main-container", 1), terminated("suppport-container", 0)}),
     .want_job_failure_message =
         "Container main-container for pod default/mypod failed with exit code 1 matching FailJob rule at index 0",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    {.name = "second_jobfail_rule_matched_for_exit_codes",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::Count, kIn, {1, 2, 3}),
                          on_exit_codes(PodFailurePolicyAction::FailJob, kIn, {4, 5, 6})}},
     .failed_pod = failed_pod_with_containers({terminated("main-container", 6)}),
     .want_job_failure_message =
         "Container main-container for pod default/mypod failed with exit code 6 matching FailJob rule at index 1",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    {.name = "count_rule_matched_for_exit_codes",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::Count, kIn, {1, 2, 3})}},
     .failed_pod = failed_pod_with_containers({{.name = "foo"}, terminated("bar", 2)}),
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::Count},
    {.name = "fail_index_rule_matched_for_pod_conditions",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::FailIndex, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::True),
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailIndex},
    {.name = "ignore_rule_matched_for_pod_conditions",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::True),
     .want_count_failed = false,
     .want_action = PodFailurePolicyAction::Ignore},
    {.name = "ignore_rule_matches_by_the_status_false",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::False)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::False),
     .want_count_failed = false,
     .want_action = PodFailurePolicyAction::Ignore},
    {.name = "ignore_rule_matches_by_the_status_unknown",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::Unknown)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::Unknown),
     .want_count_failed = false,
     .want_action = PodFailurePolicyAction::Ignore},
    {.name = "ignore_rule_does_not_match_when_status_for_pattern_is_false_but_actual_true",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::False)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::True),
     .want_count_failed = true},
    {.name = "ignore_rule_does_not_match_when_status_for_pattern_is_true_but_actual_false",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::False),
     .want_count_failed = true},
    {.name = "default_do_not_match_condition_with_status_false",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::False),
     .want_count_failed = true},
    {.name = "job_fail_rule_matched_for_pod_conditions",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::FailJob, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::True),
     .want_job_failure_message = "Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    {.name = "count_rule_matched_for_pod_conditions",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::Count, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::True),
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::Count},
    // Upstream's name; rule 0 (Count, NotIn {8}) does match exit code 32.
    {.name = "no_rule_matched",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::Count, kNotIn, {8}),
                          on_exit_codes(PodFailurePolicyAction::Ignore, kIn, {1, 2, 3}),
                          on_exit_codes(PodFailurePolicyAction::FailJob, kNotIn, {5, 6, 7}),
                          on_condition(PodFailurePolicyAction::Count, "ResourceLimitExceeded", ConditionStatus::True),
                          on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_containers({terminated("", 32)}),
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::Count},
    {.name = "expected_matching_rule_returned",
     .policy = {.rules = {on_condition(PodFailurePolicyAction::FailJob, "MaxFailedIndexesExceeded",
                                       ConditionStatus::True),
                          on_condition(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True)}},
     .failed_pod = failed_pod_with_condition("DisruptionTarget", ConditionStatus::True),
     .want_count_failed = false,
     .want_action = PodFailurePolicyAction::Ignore},
    // containerName (upstream getMatchingContainerFromList): only the named container is examined.
    {.name = "container_name_restricts_the_match_to_that_container",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kIn, {2}, "main-container")}},
     .failed_pod = failed_pod_with_containers({terminated("sidecar", 2), terminated("main-container", 1)}),
     .want_count_failed = true},
    {.name = "container_name_matches_the_named_container",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kIn, {2}, "main-container")}},
     .failed_pod = failed_pod_with_containers({terminated("sidecar", 2), terminated("main-container", 2)}),
     .want_job_failure_message =
         "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    {.name = "without_container_name_the_first_matching_container_is_reported",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kIn, {2, 3})}},
     .failed_pod = failed_pod_with_containers({terminated("first", 3), terminated("second", 2)}),
     .want_job_failure_message =
         "Container first for pod default/mypod failed with exit code 3 matching FailJob rule at index 0",
     .want_count_failed = true,
     .want_action = PodFailurePolicyAction::FailJob},
    {.name = "not_in_ignores_containers_that_are_not_terminated",
     .policy = {.rules = {on_exit_codes(PodFailurePolicyAction::FailJob, kNotIn, {1})}},
     .failed_pod = failed_pod_with_containers({{.name = "waiting"},
                                               {.name = "running", .state = {.kind = api::ContainerStateKind::Running}},
                                               terminated("main-container", 1)}),
     .want_count_failed = true},
};

class MatchPodFailurePolicyTest : public testing::TestWithParam<MatchCase> {};

TEST_P(MatchPodFailurePolicyTest, first_matching_rule_wins) {
  const MatchCase& c = GetParam();
  const PodFailurePolicyMatch got = match_pod_failure_policy(c.policy, c.failed_pod);
  const bool equal = got.fail_job_message == c.want_job_failure_message && got.count_failed == c.want_count_failed &&
                     got.action == c.want_action;
  EXPECT_TRUE(equal) << "got  " << show(got.fail_job_message, got.count_failed, got.action) << "\nwant "
                     << show(c.want_job_failure_message, c.want_count_failed, c.want_action);
}

INSTANTIATE_TEST_SUITE_P(Upstream, MatchPodFailurePolicyTest, testing::ValuesIn(kMatchCases), name_of<MatchCase>);

}  // namespace
}  // namespace jobsim::controllers::job
