// Tests for api/validation.hpp. Ported from upstream pkg/apis/batch/validation/validation_test.go
// (TestValidateJob, TestValidateCronJob) and pkg/apis/batch/validation/validation.go. Upstream names
// each error case by "<field>: <text the error must contain>" and checks the first error; the
// tables keep that key as the case name (in snake_case) and check the first error the same way:
// its path must be equal and its message must contain the upstream text. Where upstream's message
// embeds a Go rendering of a value (e.g. `[]int32{19, 11}`), only the detail after it is required.
// Cases that need values our enums cannot hold (unknown action, operator or status) are not ported.
#include "jobsim/api/validation.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>
#include "testing/table.hpp"

namespace jobsim::api {
namespace {

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

std::string show(const std::vector<FieldError>& errors) {
  std::string text;
  for (const FieldError& error : errors) text += "\n  " + error.path + ": " + error.message;
  return text.empty() ? " (none)" : text;
}

// Upstream's getValidGeneratedSelector / getValidPodTemplateSpecForGenerated: container "abc",
// init container "def", restartPolicy OnFailure, labels matching the generated selector.
const Labels kGeneratedLabels = {{"batch.kubernetes.io/controller-uid", "1a2b3c"},
                                 {"controller-uid", "1a2b3c"},
                                 {"batch.kubernetes.io/job-name", "myjob"},
                                 {"job-name", "myjob"}};

PodTemplateSpec valid_template(RestartPolicy restart_policy = RestartPolicy::OnFailure) {
  PodTemplateSpec pod_template;
  pod_template.labels = kGeneratedLabels;
  pod_template.spec.edit().containers = {{.name = "abc", .image = "image"}};
  pod_template.spec.edit().init_containers = {{.name = "def", .image = "image"}};
  pod_template.spec.edit().restart_policy = restart_policy;
  pod_template.spec.edit().restart_policy_set = true;
  return pod_template;
}

PodTemplateSpec template_without_restart_policy() {
  PodTemplateSpec pod_template = valid_template();
  pod_template.spec.edit().restart_policy = RestartPolicy::Always;  // what defaulting leaves
  pod_template.spec.edit().restart_policy_set = false;
  return pod_template;
}

ObjectMeta valid_job_object_meta(std::string name = "myjob") {
  return {.name = std::move(name), .namespace_ = "default", .uid = "1a2b3c"};
}

// A spec that only differs from a valid one where a case says so.
JobSpec valid_spec() {
  return {.selector = LabelSelector{.match_labels = {{"batch.kubernetes.io/controller-uid", "1a2b3c"}}},
          .template_ = valid_template()};
}

PodFailurePolicyRule exit_codes_rule(PodFailurePolicyAction action, PodFailurePolicyOnExitCodesOperator op,
                                     std::vector<std::int32_t> values,
                                     std::optional<std::string> container_name = std::nullopt) {
  return {.action = action,
          .on_exit_codes = PodFailurePolicyOnExitCodesRequirement{
              .container_name = std::move(container_name), .operator_ = op, .values = std::move(values)}};
}

PodFailurePolicyRule condition_rule(PodFailurePolicyAction action, std::string type, ConditionStatus status) {
  return {.action = action, .on_pod_conditions = {{.type = std::move(type), .status = status}}};
}

constexpr auto kIn = PodFailurePolicyOnExitCodesOperator::In;
constexpr auto kNotIn = PodFailurePolicyOnExitCodesOperator::NotIn;

// Builders for one case each: start from the valid spec and change what the case is about.
template <class F>
JobSpec spec_with(F change) {
  JobSpec spec = valid_spec();
  change(spec);
  return spec;
}

JobSpec never_spec_with_policy(PodFailurePolicy policy) {
  return spec_with([&](JobSpec& spec) {
    spec.template_ = valid_template(RestartPolicy::Never);
    spec.pod_failure_policy = std::move(policy);
  });
}

JobSpec indexed_spec(std::optional<std::int32_t> completions) {
  return spec_with([&](JobSpec& spec) {
    spec.completion_mode = CompletionMode::Indexed;
    spec.completions = completions;
  });
}

// --- TestValidateJob: success cases ------------------------------------------------------------

struct ValidJobCase {
  std::string_view name;
  JobSpec spec;
};

const ValidJobCase kValidJobCases[] = {
    {.name = "valid_generated_selector", .spec = valid_spec()},
    {.name = "valid_success_policy",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 10;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{
           .rules = {{.succeeded_indexes = "0,2,4", .succeeded_count = 1}, {.succeeded_indexes = "1,3,5-9"}}};
     })},
    {.name = "valid_pod_failure_policy",
     .spec = never_spec_with_policy(
         {.rules = {condition_rule(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True),
                    condition_rule(PodFailurePolicyAction::FailJob, "CustomConditionType", ConditionStatus::False),
                    exit_codes_rule(PodFailurePolicyAction::Count, kIn, {1, 2, 3}, "abc"),
                    exit_codes_rule(PodFailurePolicyAction::Ignore, kIn, {4}, "def"),
                    exit_codes_rule(PodFailurePolicyAction::FailJob, kNotIn, {5, 6, 7})}})},
    {.name = "valid_pod_failure_policy_with_fail_index",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 2;
       spec.backoff_limit_per_index = 1;
       spec.manual_selector = true;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.pod_failure_policy = PodFailurePolicy{.rules = {exit_codes_rule(PodFailurePolicyAction::FailIndex, kIn, {10})}};
     })},
    {.name = "valid_pod_replacement",
     .spec = spec_with([](JobSpec& spec) { spec.pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed; })},
    {.name = "valid_pod_replacement_with_failed",
     .spec = spec_with([](JobSpec& spec) { spec.pod_replacement_policy = PodReplacementPolicy::Failed; })},
    {.name = "valid_non_indexed_completion_mode",
     .spec = spec_with([](JobSpec& spec) { spec.completion_mode = CompletionMode::NonIndexed; })},
    {.name = "valid_indexed_completion_mode",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 2;
       spec.parallelism = 100000;
     })},
    {.name = "valid_parallelism_and_max_failed_indexes_for_high_completions_when_backoff_limit_per_index_is_used",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 100000;
       spec.parallelism = 100000;
       spec.max_failed_indexes = 100000;
       spec.backoff_limit_per_index = 1;
       spec.completion_mode = CompletionMode::Indexed;
     })},
    {.name = "valid_parallelism_and_max_failed_indexes_for_unlimited_completions_when_backoff_limit_per_index_is_used",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 1000000000;
       spec.parallelism = 10000;
       spec.max_failed_indexes = 10000;
       spec.backoff_limit_per_index = 1;
       spec.completion_mode = CompletionMode::Indexed;
     })},
    {.name = "valid_managed_by_field",
     .spec = spec_with([](JobSpec& spec) { spec.managed_by = "example.com/foo"; })},
    // Zero is legal everywhere (upstream pkg/apis/batch/validation/validation.go).
    {.name = "zero_counts_are_valid",
     .spec = spec_with([](JobSpec& spec) {
       spec.parallelism = 0;
       spec.completions = 0;
       spec.active_deadline_seconds = 0;
       spec.backoff_limit = 0;
       spec.ttl_seconds_after_finished = 0;
     })},
};

class ValidateJobSuccessTest : public testing::TestWithParam<ValidJobCase> {};

TEST_P(ValidateJobSuccessTest, has_no_errors) {
  const ValidJobCase& c = GetParam();
  const std::vector<FieldError> errors = validate_job(Job{.metadata = valid_job_object_meta(), .spec = c.spec});
  EXPECT_TRUE(errors.empty()) << "unexpected errors:" << show(errors);
}

INSTANTIATE_TEST_SUITE_P(Upstream, ValidateJobSuccessTest, testing::ValuesIn(kValidJobCases), name_of<ValidJobCase>);

// --- TestValidateJob: error cases --------------------------------------------------------------

struct InvalidJobCase {
  std::string_view name;
  ObjectMeta metadata = valid_job_object_meta();
  JobSpec spec;
  std::string_view want_path;
  std::string want_message;  // the first error's message must contain this
};

std::vector<PodFailurePolicyRule> twenty_one_rules() {
  std::vector<PodFailurePolicyRule> rules;
  for (std::int32_t i = 0; i < 21; ++i) rules.push_back(exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, {i + 1}));
  return rules;
}

std::vector<std::int32_t> values_0_to_255() {
  std::vector<std::int32_t> values;
  for (std::int32_t i = 0; i < 256; ++i) values.push_back(i);
  return values;
}

std::vector<PodFailurePolicyOnPodConditionsPattern> twenty_one_patterns() {
  std::vector<PodFailurePolicyOnPodConditionsPattern> patterns;
  for (int i = 0; i < 21; ++i) patterns.push_back({.type = "CustomType_" + std::to_string(i)});
  return patterns;
}

const InvalidJobCase kInvalidJobCases[] = {
    // successPolicy
    {.name = "spec_success_policy_requires_indexed_completion_mode",
     .spec = spec_with([](JobSpec& spec) {
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{};
     }),
     .want_path = "spec.successPolicy",
     .want_message = "requires indexed completion mode"},
    {.name = "spec_success_policy_rules_required_value_at_least_one_rules_must_be_specified_when_the_success_policy_is_"
             "specified",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{};
     }),
     .want_path = "spec.successPolicy.rules",
     .want_message = "Required value: at least one rules must be specified when the successPolicy is specified"},
    {.name = "spec_success_policy_rules_0_required_value_at_least_one_of_succeeded_count_or_succeeded_indexes_must_be_"
             "specified",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {SuccessPolicyRule{}}};
     }),
     .want_path = "spec.successPolicy.rules[0]",
     .want_message = "Required value: at least one of succeededCount or succeededIndexes must be specified"},
    {.name = "spec_success_policy_rules_0_succeeded_indexes_invalid_value_invalid_format_error_parsing_succeeded_indexes_"
             "cannot_convert_string_to_integer_for_index_invalid",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = "invalid-format"}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededIndexes",
     .want_message = "Invalid value: \"invalid-format\": error parsing succeededIndexes: cannot convert string to integer for "
                     "index: \"invalid\""},
    {.name = "spec_success_policy_rules_0_succeeded_indexes_too_long_must_have_at_most_65536_bytes",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = std::string(65537, '0')}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededIndexes",
     .want_message = "Too long: must have at most 65536 bytes"},
    // Not upstream cases: the other errors of validateIndexesFormat / parseIndexInterval.
    {.name = "succeeded_indexes_too_large_index",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = "0,5"}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededIndexes",
     .want_message = "error parsing succeededIndexes: too large index: \"5\""},
    {.name = "succeeded_indexes_more_than_two_parts",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = "1-2-3"}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededIndexes",
     .want_message = "error parsing succeededIndexes: the fragment \"1-2-3\" violates the requirement that an index interval "
                     "can have at most two parts separated by '-'"},
    {.name = "succeeded_indexes_single_index_range_is_non_increasing",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = "1-1"}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededIndexes",
     .want_message = "error parsing succeededIndexes: non-increasing order, previous: 1, current: 1"},
    {.name = "succeeded_indexes_intervals_out_of_order",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = "3,1-2"}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededIndexes",
     .want_message = "error parsing succeededIndexes: non-increasing order, previous: 3, current: 1"},
    {.name = "spec_success_policy_rules_0_succeeded_count_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_count = -1}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededCount",
     .want_message = "must be greater than or equal to 0"},
    {.name = "spec_success_policy_rules_0_succeeded_count_invalid_value_6_must_be_less_than_or_equal_to_5_the_number_"
             "of_specified_completions",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_count = 6}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededCount",
     .want_message = "Invalid value: 6: must be less than or equal to 5 (the number of specified completions)"},
    {.name = "spec_success_policy_rules_0_succeeded_count_invalid_value_4_must_be_less_than_or_equal_to_3_the_number_"
             "of_indexes_in_the_specified_succeeded_indexes_field",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = {{.succeeded_indexes = "0-2", .succeeded_count = 4}}};
     }),
     .want_path = "spec.successPolicy.rules[0].succeededCount",
     .want_message =
         "Invalid value: 4: must be less than or equal to 3 (the number of indexes in the specified succeededIndexes "
         "field)"},
    {.name = "spec_success_policy_rules_too_many_21_must_have_at_most_20_items",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 5;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.success_policy = SuccessPolicy{.rules = std::vector<SuccessPolicyRule>(21, {.succeeded_count = 5})};
     }),
     .want_path = "spec.successPolicy.rules",
     .want_message = "Too many: 21: must have at most 20 items"},
    // podFailurePolicy
    {.name = "spec_pod_failure_policy_rules_0_invalid_value_specifying_one_of_on_exit_codes_and_on_pod_conditions_is_"
             "required",
     .spec = never_spec_with_policy({.rules = {{.action = PodFailurePolicyAction::FailJob}}}),
     .want_path = "spec.podFailurePolicy.rules[0]",
     .want_message = "Invalid value: specifying one of OnExitCodes and OnPodConditions is required"},
    {.name = "spec_pod_failure_policy_rules_0_on_exit_codes_values_1_duplicate_value_11",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, {11, 11})}}),
     .want_path = "spec.podFailurePolicy.rules[0].onExitCodes.values[1]",
     .want_message = "Duplicate value: 11"},
    {.name = "spec_pod_failure_policy_rules_0_on_exit_codes_values_too_many_256_must_have_at_most_255_items",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, values_0_to_255())}}),
     .want_path = "spec.podFailurePolicy.rules[0].onExitCodes.values",
     .want_message = "Too many: 256: must have at most 255 items"},
    {.name = "spec_pod_failure_policy_rules_too_many_21_must_have_at_most_20_items",
     .spec = never_spec_with_policy({.rules = twenty_one_rules()}),
     .want_path = "spec.podFailurePolicy.rules",
     .want_message = "Too many: 21: must have at most 20 items"},
    {.name = "spec_pod_failure_policy_rules_0_on_pod_conditions_too_many_21_must_have_at_most_20_items",
     .spec = never_spec_with_policy(
         {.rules = {{.action = PodFailurePolicyAction::FailJob, .on_pod_conditions = twenty_one_patterns()}}}),
     .want_path = "spec.podFailurePolicy.rules[0].onPodConditions",
     .want_message = "Too many: 21: must have at most 20 items"},
    {.name = "spec_pod_failure_policy_rules_0_on_exit_codes_values_2_duplicate_value_13",
     .spec = never_spec_with_policy(
         {.rules = {exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, {12, 13, 13, 13})}}),
     .want_path = "spec.podFailurePolicy.rules[0].onExitCodes.values[2]",
     .want_message = "Duplicate value: 13"},
    {.name = "spec_pod_failure_policy_rules_0_on_exit_codes_values_invalid_value_19_11_must_be_ordered",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, {19, 11})}}),
     .want_path = "spec.podFailurePolicy.rules[0].onExitCodes.values",
     .want_message = "must be ordered"},
    {.name = "spec_pod_failure_policy_rules_0_on_exit_codes_values_invalid_value_at_least_one_value_is_required",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, {})}}),
     .want_path = "spec.podFailurePolicy.rules[0].onExitCodes.values",
     .want_message = "at least one value is required"},
    {.name = "spec_pod_failure_policy_rules_0_invalid_value_specifying_both_on_exit_codes_and_on_pod_conditions_is_not_"
             "supported",
     .spec = never_spec_with_policy(
         {.rules = {{.action = PodFailurePolicyAction::FailJob,
                     .on_exit_codes = PodFailurePolicyOnExitCodesRequirement{
                         .container_name = "abc", .operator_ = kIn, .values = {1, 2, 3}},
                     .on_pod_conditions = {{.type = "DisruptionTarget", .status = ConditionStatus::True}}}}}),
     .want_path = "spec.podFailurePolicy.rules[0]",
     .want_message = "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"},
    {.name = "spec_pod_failure_policy_rules_0_on_exit_codes_values_1_invalid_value_0_must_not_be_0_for_the_in_operator",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::Ignore, kIn, {1, 0, 2})}}),
     .want_path = "spec.podFailurePolicy.rules[0].onExitCodes.values[1]",
     .want_message = "Invalid value: 0: must not be 0 for the In operator"},
    {.name = "spec_pod_failure_policy_rules_1_on_exit_codes_container_name_invalid_value_xyz_must_be_one_of_the_"
             "container_or_init_container_names_in_the_pod_template",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::Ignore, kIn, {1, 2, 3}, "abc"),
                                               exit_codes_rule(PodFailurePolicyAction::FailJob, kIn, {5, 6, 7}, "xyz")}}),
     .want_path = "spec.podFailurePolicy.rules[1].onExitCodes.containerName",
     .want_message = "Invalid value: \"xyz\": must be one of the container or initContainer names in the pod template"},
    {.name = "spec_pod_failure_policy_rules_0_action_fail_index_requires_the_backoff_limit_per_index_to_be_set",
     .spec = never_spec_with_policy({.rules = {exit_codes_rule(PodFailurePolicyAction::FailIndex, kIn, {10})}}),
     .want_path = "spec.podFailurePolicy.rules[0].action",
     .want_message = "Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"},
    {.name = "spec_pod_replacement_policy_unsupported_value_terminating_or_failed_supported_values_failed",
     .spec = spec_with([](JobSpec& spec) {
       spec.pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed;
       spec.template_ = valid_template(RestartPolicy::Never);
       spec.pod_failure_policy = PodFailurePolicy{
           .rules = {condition_rule(PodFailurePolicyAction::Ignore, "DisruptionTarget", ConditionStatus::True)}};
     }),
     .want_path = "spec.podReplacementPolicy",
     .want_message = "Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\""},
    {.name = "spec_template_spec_restart_policy_invalid_value_on_failure_only_never_is_supported_when_pod_failure_policy_"
             "is_specified",
     .spec = spec_with([](JobSpec& spec) { spec.pod_failure_policy = PodFailurePolicy{}; }),
     .want_path = "spec.template.spec.restartPolicy",
     .want_message = "Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"},
    // negative counts
    {.name = "spec_parallelism_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) { spec.parallelism = -1; }),
     .want_path = "spec.parallelism",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_backoff_limit_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) { spec.backoff_limit = -1; }),
     .want_path = "spec.backoffLimit",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_backoff_limit_per_index_invalid_value_1_requires_indexed_completion_mode",
     .spec = spec_with([](JobSpec& spec) { spec.backoff_limit_per_index = 1; }),
     .want_path = "spec.backoffLimitPerIndex",
     .want_message = "Invalid value: 1: requires indexed completion mode"},
    {.name = "spec_backoff_limit_per_index_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) {
       spec.backoff_limit_per_index = -1;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.backoffLimitPerIndex",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_max_failed_indexes_invalid_value_11_must_be_less_than_or_equal_to_completions",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 10;
       spec.max_failed_indexes = 11;
       spec.backoff_limit_per_index = 1;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.maxFailedIndexes",
     .want_message = "Invalid value: 11: must be less than or equal to completions"},
    {.name = "spec_max_failed_indexes_required_value_must_be_specified_when_completions_is_above_100000",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 100001;
       spec.backoff_limit_per_index = 1;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.maxFailedIndexes",
     .want_message = "Required value: must be specified when completions is above 100000"},
    {.name = "spec_parallelism_invalid_value_50000_must_be_less_than_or_equal_to_10000_when_completions_are_above_100000_"
             "and_used_with_backoff_limit_per_index",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 100001;
       spec.parallelism = 50000;
       spec.backoff_limit_per_index = 1;
       spec.max_failed_indexes = 1;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.parallelism",
     .want_message = "Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and "
                     "used with backoff limit per index"},
    {.name = "spec_max_failed_indexes_invalid_value_100001_must_be_less_than_or_equal_to_100000",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 100001;
       spec.backoff_limit_per_index = 1;
       spec.max_failed_indexes = 100001;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.maxFailedIndexes",
     .want_message = "Invalid value: 100001: must be less than or equal to 100000"},
    {.name = "spec_max_failed_indexes_invalid_value_50000_must_be_less_than_or_equal_to_10000_when_completions_are_"
             "above_100000_and_used_with_backoff_limit_per_index",
     .spec = spec_with([](JobSpec& spec) {
       spec.completions = 100001;
       spec.backoff_limit_per_index = 1;
       spec.max_failed_indexes = 50000;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.maxFailedIndexes",
     .want_message = "Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and "
                     "used with backoff limit per index"},
    {.name = "spec_max_failed_indexes_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) {
       spec.backoff_limit_per_index = 1;
       spec.max_failed_indexes = -1;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.maxFailedIndexes",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_backoff_limit_per_index_required_value_when_max_failed_indexes_is_specified",
     .spec = spec_with([](JobSpec& spec) {
       spec.max_failed_indexes = 1;
       spec.completion_mode = CompletionMode::Indexed;
     }),
     .want_path = "spec.backoffLimitPerIndex",
     .want_message = "Required value: when maxFailedIndexes is specified"},
    {.name = "spec_completions_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) { spec.completions = -1; }),
     .want_path = "spec.completions",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_active_deadline_seconds_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) { spec.active_deadline_seconds = -1; }),
     .want_path = "spec.activeDeadlineSeconds",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_ttl_seconds_after_finished_must_be_greater_than_or_equal_to_0",
     .spec = spec_with([](JobSpec& spec) { spec.ttl_seconds_after_finished = -1; }),
     .want_path = "spec.ttlSecondsAfterFinished",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    // restartPolicy: upstream rejects Always and empty alike with Required (Always is what
    // defaulting leaves when the user set nothing).
    {.name = "spec_template_spec_restart_policy_required_value",
     .spec = spec_with([](JobSpec& spec) { spec.template_ = valid_template(RestartPolicy::Always); }),
     .want_path = "spec.template.spec.restartPolicy",
     .want_message = "Required value: valid values: \"OnFailure\", \"Never\""},
    {.name = "restart_policy_not_set_is_required",
     .spec = spec_with([](JobSpec& spec) { spec.template_ = template_without_restart_policy(); }),
     .want_path = "spec.template.spec.restartPolicy",
     .want_message = "Required value: valid values: \"OnFailure\", \"Never\""},
    // completion mode
    {.name = "spec_completions_required_value_when_completion_mode_is_indexed",
     .spec = indexed_spec(std::nullopt),
     .want_path = "spec.completions",
     .want_message = "Required value: when completion mode is Indexed"},
    {.name = "spec_parallelism_must_be_less_than_or_equal_to_100000_when_completion_mode_is_indexed",
     .spec = spec_with([](JobSpec& spec) {
       spec.completion_mode = CompletionMode::Indexed;
       spec.completions = 2;
       spec.parallelism = 100001;
     }),
     .want_path = "spec.parallelism",
     .want_message = "Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed"},
    // Upstream pkg/apis/batch/validation/validation.go: an Indexed Job's last pod name must be a DNS label.
    {.name = "indexed_job_name_must_leave_room_for_the_index",
     .metadata = valid_job_object_meta(std::string(62, 'a')),
     .spec = indexed_spec(10),
     .want_path = "metadata.name",
     .want_message = "Invalid value: \"" + std::string(62, 'a') +
                     "\": will not able to create pod with invalid DNS label: " + std::string(62, 'a') + "-9"},
};

class ValidateJobErrorTest : public testing::TestWithParam<InvalidJobCase> {};

TEST_P(ValidateJobErrorTest, first_error_matches_upstream) {
  const InvalidJobCase& c = GetParam();
  const std::vector<FieldError> errors = validate_job(Job{.metadata = c.metadata, .spec = c.spec});
  ASSERT_FALSE(errors.empty()) << "expected failure for " << c.want_path;
  EXPECT_EQ(errors.front().path, c.want_path) << "errors:" << show(errors);
  EXPECT_NE(errors.front().message.find(c.want_message), std::string::npos)
      << "first message should contain: " << c.want_message << "\nerrors:" << show(errors);
}

INSTANTIATE_TEST_SUITE_P(Upstream, ValidateJobErrorTest, testing::ValuesIn(kInvalidJobCases), name_of<InvalidJobCase>);

// --- TestValidateCronJob -------------------------------------------------------------------------

CronJob valid_cron_job(std::string name = "mycronjob") {
  CronJob cron_job;
  cron_job.metadata = api::ObjectMeta{.name = std::move(name), .namespace_ = "default", .uid = "1a2b3c"};
  cron_job.spec.edit().schedule = "* * * * ?";
  cron_job.spec.edit().concurrency_policy = ConcurrencyPolicy::Allow;
  cron_job.spec.edit().job_template.spec.edit().template_ = valid_template();
  cron_job.spec.edit().job_template.spec.edit().template_.labels.edit().clear();
  return cron_job;
}

template <class F>
CronJob cron_job_with(F change) {
  CronJob cron_job = valid_cron_job();
  change(cron_job);
  return cron_job;
}

TEST(ValidateCronJobTest, valid_cron_job_has_no_errors) {
  const std::vector<FieldError> errors = validate_cron_job(valid_cron_job());
  EXPECT_TRUE(errors.empty()) << show(errors);
}

TEST(ValidateCronJobTest, name_of_52_characters_is_valid) {
  const std::vector<FieldError> errors = validate_cron_job(valid_cron_job(std::string(52, 'a')));
  EXPECT_TRUE(errors.empty()) << show(errors);
}

struct InvalidCronJobCase {
  std::string_view name;
  CronJob cron_job;
  std::string_view want_path;
  std::string want_message;
};

const InvalidCronJobCase kInvalidCronJobCases[] = {
    {.name = "metadata_name_must_be_no_more_than_52_characters",
     .cron_job = valid_cron_job("10000000002000000000300000000040000000005000000000123"),
     .want_path = "metadata.name",
     .want_message = "Invalid value: \"10000000002000000000300000000040000000005000000000123\": must be no more than 52 "
                     "characters"},
    {.name = "spec_schedule_required_value",
     .cron_job = cron_job_with([](CronJob& cron_job) { cron_job.spec.edit().schedule.clear(); }),
     .want_path = "spec.schedule",
     .want_message = "Required value"},
    {.name = "spec_starting_deadline_seconds_must_be_greater_than_or_equal_to_0",
     .cron_job = cron_job_with([](CronJob& cron_job) { cron_job.spec.edit().starting_deadline_seconds = -1; }),
     .want_path = "spec.startingDeadlineSeconds",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_successful_jobs_history_limit_must_be_greater_than_or_equal_to_0",
     .cron_job = cron_job_with([](CronJob& cron_job) { cron_job.spec.edit().successful_jobs_history_limit = -1; }),
     .want_path = "spec.successfulJobsHistoryLimit",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_failed_jobs_history_limit_must_be_greater_than_or_equal_to_0",
     .cron_job = cron_job_with([](CronJob& cron_job) { cron_job.spec.edit().failed_jobs_history_limit = -1; }),
     .want_path = "spec.failedJobsHistoryLimit",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_job_template_spec_parallelism_must_be_greater_than_or_equal_to_0",
     .cron_job = cron_job_with([](CronJob& cron_job) { cron_job.spec.edit().job_template.spec.edit().parallelism = -1; }),
     .want_path = "spec.jobTemplate.spec.parallelism",
     .want_message = "Invalid value: -1: must be greater than or equal to 0"},
    {.name = "spec_job_template_spec_template_spec_restart_policy_required_value",
     .cron_job = cron_job_with([](CronJob& cron_job) {
       cron_job.spec.edit().job_template.spec.edit().template_.spec.edit().restart_policy = RestartPolicy::Always;
     }),
     .want_path = "spec.jobTemplate.spec.template.spec.restartPolicy",
     .want_message = "Required value: valid values: \"OnFailure\", \"Never\""},
    {.name = "spec_job_template_spec_manual_selector_unsupported_value",
     .cron_job = cron_job_with([](CronJob& cron_job) { cron_job.spec.edit().job_template.spec.edit().manual_selector = true; }),
     .want_path = "spec.jobTemplate.spec.manualSelector",
     .want_message = "Unsupported value: true: supported values: \"nil\", \"false\""},
    {.name = "spec_job_template_spec_selector_invalid_value_selector_will_be_auto_generated",
     .cron_job = cron_job_with([](CronJob& cron_job) {
       cron_job.spec.edit().job_template.spec.edit().selector = LabelSelector{.match_labels = {{"a", "b"}}};
     }),
     .want_path = "spec.jobTemplate.spec.selector",
     .want_message = "`selector` will be auto-generated"},
};

class ValidateCronJobErrorTest : public testing::TestWithParam<InvalidCronJobCase> {};

TEST_P(ValidateCronJobErrorTest, first_error_matches_upstream) {
  const InvalidCronJobCase& c = GetParam();
  const std::vector<FieldError> errors = validate_cron_job(c.cron_job);
  ASSERT_FALSE(errors.empty()) << "expected failure for " << c.want_path;
  EXPECT_EQ(errors.front().path, c.want_path) << "errors:" << show(errors);
  EXPECT_NE(errors.front().message.find(c.want_message), std::string::npos)
      << "first message should contain: " << c.want_message << "\nerrors:" << show(errors);
}

INSTANTIATE_TEST_SUITE_P(Upstream, ValidateCronJobErrorTest, testing::ValuesIn(kInvalidCronJobCases),
                         name_of<InvalidCronJobCase>);


// --- CronJob schedule and timeZone (docs/cron.md) -------------------------------------------
// Every error, in upstream order, rendered "<path>: <message>". Create only: the TZ-on-update rule
// needs the old object, and validate_cron_job has no update path.

struct ScheduleValidationCase {
  std::string_view name;
  std::string schedule = "0 0 * * *";
  std::optional<std::string> time_zone;
  std::vector<std::string> want;  // empty: valid
};

std::vector<std::string> rendered(const std::vector<FieldError>& errors) {
  std::vector<std::string> lines;
  for (const FieldError& error : errors) lines.push_back(error.path + ": " + error.message);
  return lines;
}

const ScheduleValidationCase kScheduleValidationCases[] = {
    {.name = "five_fields_valid"},
    {.name = "descriptor_valid", .schedule = "@hourly"},
    {.name = "every_valid_utils_test", .schedule = "@every 1h"},
    {.name = "never_firing_schedule_is_accepted", .schedule = "0 0 30 2 *"},
    {.name = "empty_field_is_accepted", .schedule = "0 , * * *"},
    {.name = "unparseable_three_fields",
     .schedule = "obvious error schedule",
     .want = {"spec.schedule: Invalid value: \"obvious error schedule\": expected exactly 5 fields, found 3: [obvious "
              "error schedule]"}},
    {.name = "day_of_week_7",
     .schedule = "0 0 * * 7",
     .want = {"spec.schedule: Invalid value: \"0 0 * * 7\": end of range (7) above maximum (6): 7"}},
    {.name = "tab_rendered_with_go_quoting",
     .schedule = "0 0 * *\t*\t*",
     .want = {"spec.schedule: Invalid value: \"0 0 * *\\t*\\t*\": expected exactly 5 fields, found 6: [0 0 * * * *]"}},
    {.name = "tz_prefix_rejected_on_create",
     .schedule = "TZ=UTC 0 0 * * *",
     .want = {"spec.schedule: Invalid value: \"TZ=UTC 0 0 * * *\": cannot use TZ or CRON_TZ in schedule, use "
              "timeZone field instead"}},
    {.name = "cron_tz_prefix_rejected_on_create",
     .schedule = "CRON_TZ=Asia/Tokyo 30 4 * * *",
     .want = {"spec.schedule: Invalid value: \"CRON_TZ=Asia/Tokyo 30 4 * * *\": cannot use TZ or CRON_TZ in schedule, "
              "use timeZone field instead"}},
    {.name = "tz_prefix_with_bad_zone_reports_both",
     .schedule = "TZ=Mars/Base 0 0 * * *",
     .want = {"spec.schedule: Invalid value: \"TZ=Mars/Base 0 0 * * *\": provided bad location Mars/Base: unknown "
              "time zone Mars/Base",
              "spec.schedule: Invalid value: \"TZ=Mars/Base 0 0 * * *\": cannot use TZ or CRON_TZ in schedule, use "
              "timeZone field instead"}},
    {.name = "tz_substring_anywhere",
     .schedule = "0 0 * * TZ",
     .want = {"spec.schedule: Invalid value: \"0 0 * * TZ\": failed to parse int from TZ: strconv.Atoi: parsing "
              "\"TZ\": invalid syntax",
              "spec.schedule: Invalid value: \"0 0 * * TZ\": cannot use TZ or CRON_TZ in schedule, use timeZone field "
              "instead"}},
    {.name = "time_zone_valid", .time_zone = "America/New_York"},
    {.name = "time_zone_part_of_14_characters_valid", .time_zone = "America/Argentina/ComodRivadavia"},
    {.name = "time_zone_link_valid", .time_zone = "US/Eastern"},
    {.name = "time_zone_utc_valid", .time_zone = "UTC"},
    {.name = "time_zone_etc_gmt_plus_valid", .time_zone = "Etc/GMT+5"},
    {.name = "time_zone_empty",
     .time_zone = "",
     .want = {"spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"}},
    {.name = "time_zone_leading_space",
     .time_zone = " Continent/Zone",
     .want = {"spec.timeZone: Invalid value: \" Continent/Zone\": unknown time zone  Continent/Zone"}},
    {.name = "time_zone_part_too_long",
     .time_zone = "Continent/ZoneNameTooLong",
     .want = {"spec.timeZone: Invalid value: \"Continent/ZoneNameTooLong\": unknown time zone "
              "Continent/ZoneNameTooLong"}},
    {.name = "time_zone_dot_dot",
     .time_zone = "../etc",
     .want = {"spec.timeZone: Invalid value: \"../etc\": unknown time zone ../etc"}},
    {.name = "time_zone_leading_dash",
     .time_zone = "-America/New_York",
     .want = {"spec.timeZone: Invalid value: \"-America/New_York\": unknown time zone -America/New_York"}},
    {.name = "time_zone_empty_part",
     .time_zone = "America//New_York",
     .want = {"spec.timeZone: Invalid value: \"America//New_York\": unknown time zone America//New_York"}},
    {.name = "time_zone_local",
     .time_zone = "Local",
     .want = {"spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in "
              "https://www.iana.org/time-zones"}},
    {.name = "time_zone_local_lower_case_also_fails_loading",
     .time_zone = "local",
     .want = {"spec.timeZone: Invalid value: \"local\": timeZone must be an explicit time zone as defined in "
              "https://www.iana.org/time-zones",
              "spec.timeZone: Invalid value: \"local\": unknown time zone local"}},
    {.name = "time_zone_case_sensitive",
     .time_zone = "america/new_york",
     .want = {"spec.timeZone: Invalid value: \"america/new_york\": unknown time zone america/new_york"}},
    {.name = "time_zone_unknown",
     .time_zone = "Continent/Zone",
     .want = {"spec.timeZone: Invalid value: \"Continent/Zone\": unknown time zone Continent/Zone"}},
    {.name = "time_zone_with_tz_prefix_only_create_error",
     .schedule = "TZ=UTC 0 0 * * *",
     .time_zone = "UTC",
     .want = {"spec.schedule: Invalid value: \"TZ=UTC 0 0 * * *\": cannot use TZ or CRON_TZ in schedule, use "
              "timeZone field instead"}},
    {.name = "schedule_before_starting_deadline_before_time_zone",
     .schedule = "0 0 * * 7",
     .time_zone = "Mars/Base",
     .want = {"spec.schedule: Invalid value: \"0 0 * * 7\": end of range (7) above maximum (6): 7",
              "spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
              "spec.timeZone: Invalid value: \"Mars/Base\": unknown time zone Mars/Base"}},
};

class ValidateCronJobScheduleTest : public testing::TestWithParam<ScheduleValidationCase> {};

TEST_P(ValidateCronJobScheduleTest, all_errors_match_upstream) {
  const ScheduleValidationCase& c = GetParam();
  CronJob cron_job = valid_cron_job();
  cron_job.spec.edit().schedule = c.schedule;
  cron_job.spec.edit().time_zone = c.time_zone;
  if (c.name == "schedule_before_starting_deadline_before_time_zone") cron_job.spec.edit().starting_deadline_seconds = -1;
  EXPECT_EQ(rendered(validate_cron_job(cron_job)), c.want);
}

INSTANTIATE_TEST_SUITE_P(CronSemantics, ValidateCronJobScheduleTest, testing::ValuesIn(kScheduleValidationCases),
                         name_of<ScheduleValidationCase>);

}  // namespace
}  // namespace jobsim::api
