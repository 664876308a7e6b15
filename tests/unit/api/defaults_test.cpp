// Tests for api/defaults.hpp. Ported from upstream:
//   - pkg/apis/batch/v1/defaults_test.go TestSetDefaultJob / TestSetDefaultCronJob (case names
//     kept; the gates of upstream upstream feature gates of v1.32+ on, so podReplacementPolicy is always defaulted);
//   - pkg/registry/batch/job/strategy.go generateSelector (selector and the four template labels);
//   - plugin/pkg/admission/defaulttolerationseconds/admission_test.go TestForgivenessAdmission;
//   - pkg/apis/core/v1/defaults.go SetDefaults_Pod (requests default to limits, per resource).
// Whole specs are compared, so a failure names every field that differs.
#include "jobsim/api/defaults.hpp"

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

template <class T>
std::string opt(const std::optional<T>& value) {
  if (!value) return "nil";
  if constexpr (std::is_same_v<T, bool>) {
    return *value ? "true" : "false";
  } else if constexpr (std::is_arithmetic_v<T>) {
    return std::to_string(*value);
  } else {
    return std::string(to_string(*value));
  }
}

std::string show(const Labels& labels) {
  std::string text = "{";
  for (const auto& [key, value] : labels) text += key + "=" + value + " ";
  return text + "}";
}

// The fields TestSetDefaultJob looks at, for readable failures (the comparison is of whole specs).
std::string show(const JobSpec& spec) {
  return "{completions: " + opt(spec.completions) + ", parallelism: " + opt(spec.parallelism) +
         ", backoffLimit: " + opt(spec.backoff_limit) + ", backoffLimitPerIndex: " + opt(spec.backoff_limit_per_index) +
         ", completionMode: " + opt(spec.completion_mode) + ", suspend: " + opt(spec.suspend) +
         ", podReplacementPolicy: " + opt(spec.pod_replacement_policy) + ", manualSelector: " +
         opt(spec.manual_selector) + ", selector: " + (spec.selector ? show(spec.selector->match_labels) : "nil") +
         ", template.labels: " + show(spec.template_.labels) + "}";
}

const Labels kDefaultLabels = {{"default", "default"}};

PodTemplateSpec template_with_default_labels() {
  PodTemplateSpec pod_template;
  pod_template.labels = kDefaultLabels;
  return pod_template;
}

PodFailurePolicy fail_job_on_exit_code_1() {
  return {.rules = {{.action = PodFailurePolicyAction::FailJob,
                     .on_exit_codes = PodFailurePolicyOnExitCodesRequirement{
                         .operator_ = PodFailurePolicyOnExitCodesOperator::In, .values = {1}}}}};
}

// --- TestSetDefaultJob -------------------------------------------------------------------------

struct DefaultJobCase {
  std::string_view name;
  Labels original_labels;  // metadata.labels
  JobSpec original;
  JobSpec want;
  bool expect_labels = false;  // metadata.labels end up equal to the template labels
};

const DefaultJobCase kDefaultJobCases[] = {
    {.name = "pod_failure_policy_and_defaulting_for_pod_replacement_policy",
     .original = {.template_ = template_with_default_labels(), .pod_failure_policy = fail_job_on_exit_code_1()},
     .want = {.parallelism = 1,
              .completions = 1,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::Failed,
              .pod_failure_policy = fail_job_on_exit_code_1()},
     .expect_labels = true},
    {.name = "all_unspecified_and_pod_replacement_policy_enabled_sets_all_to_default_values",
     .original = {.template_ = template_with_default_labels()},
     .want = {.parallelism = 1,
              .completions = 1,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "all_unspecified_sets_all_to_default_values",
     .original = {.template_ = template_with_default_labels()},
     .want = {.parallelism = 1,
              .completions = 1,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "suspend_set_everything_else_is_defaulted",
     .original = {.template_ = template_with_default_labels(), .suspend = true},
     .want = {.parallelism = 1,
              .completions = 1,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = true,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "all_unspecified_all_pointers_are_defaulted_and_no_default_labels",
     .original_labels = {{"mylabel", "myvalue"}},
     .original = {.template_ = template_with_default_labels()},
     .want = {.parallelism = 1,
              .completions = 1,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = false},
    {.name = "wq_parallelism_explicitly_0_and_completions_unset_backoff_limit_is_defaulted",
     .original = {.parallelism = 0, .template_ = template_with_default_labels()},
     .want = {.parallelism = 0,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "wq_parallelism_explicitly_2_and_completions_unset_backoff_limit_is_defaulted",
     .original = {.parallelism = 2, .template_ = template_with_default_labels()},
     .want = {.parallelism = 2,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "completions_explicitly_2_and_others_unset_parallelism_and_backoff_limit_are_defaulted",
     .original = {.completions = 2, .template_ = template_with_default_labels()},
     .want = {.parallelism = 1,
              .completions = 2,
              .backoff_limit = 6,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "backoff_limit_explicitly_5_and_others_unset_parallelism_and_completions_are_defaulted",
     .original = {.backoff_limit = 5, .template_ = template_with_default_labels()},
     .want = {.parallelism = 1,
              .completions = 1,
              .backoff_limit = 5,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "all_set_no_change",
     .original = {.parallelism = 9,
                  .completions = 8,
                  .backoff_limit = 10,
                  .manual_selector = false,
                  .template_ = template_with_default_labels(),
                  .completion_mode = CompletionMode::NonIndexed,
                  .suspend = false,
                  .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .want = {.parallelism = 9,
              .completions = 8,
              .backoff_limit = 10,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::NonIndexed,
              .suspend = false,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "all_set_flipped_no_change",
     .original = {.parallelism = 10,
                  .completions = 11,
                  .backoff_limit = 9,
                  .manual_selector = true,
                  .template_ = template_with_default_labels(),
                  .completion_mode = CompletionMode::Indexed,
                  .suspend = true,
                  .pod_replacement_policy = PodReplacementPolicy::Failed},
     .want = {.parallelism = 10,
              .completions = 11,
              .backoff_limit = 9,
              .manual_selector = true,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::Indexed,
              .suspend = true,
              .pod_replacement_policy = PodReplacementPolicy::Failed},
     .expect_labels = true},
    {.name = "backoff_limit_per_index_specified_but_no_backoff_limit_default_backoff_limit_to_max_int32",
     .original = {.parallelism = 10,
                  .completions = 11,
                  .backoff_limit_per_index = 1,
                  .manual_selector = false,
                  .template_ = template_with_default_labels(),
                  .completion_mode = CompletionMode::Indexed,
                  .suspend = true},
     .want = {.parallelism = 10,
              .completions = 11,
              .backoff_limit = 2147483647,
              .backoff_limit_per_index = 1,
              .manual_selector = false,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::Indexed,
              .suspend = true,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
    {.name = "backoff_limit_per_index_and_backoff_limit_specified_no_change",
     .original = {.parallelism = 10,
                  .completions = 11,
                  .backoff_limit = 3,
                  .backoff_limit_per_index = 1,
                  .manual_selector = true,
                  .template_ = template_with_default_labels(),
                  .completion_mode = CompletionMode::Indexed,
                  .suspend = true},
     .want = {.parallelism = 10,
              .completions = 11,
              .backoff_limit = 3,
              .backoff_limit_per_index = 1,
              .manual_selector = true,
              .template_ = template_with_default_labels(),
              .completion_mode = CompletionMode::Indexed,
              .suspend = true,
              .pod_replacement_policy = PodReplacementPolicy::TerminatingOrFailed},
     .expect_labels = true},
};

class SetDefaultJobTest : public testing::TestWithParam<DefaultJobCase> {};

TEST_P(SetDefaultJobTest, defaults_the_spec) {
  const DefaultJobCase& c = GetParam();
  Job job{.metadata = ObjectMeta{.name = "myjob", .labels = c.original_labels}, .spec = c.original};
  set_defaults_job(job);
  EXPECT_EQ(job.spec, c.want) << "got  " << show(job.spec) << "\nwant " << show(c.want);
  EXPECT_EQ(job.metadata->labels == job.spec->template_.labels, c.expect_labels)
      << "metadata.labels " << show(job.metadata->labels) << " template labels " << show(job.spec->template_.labels);
}

INSTANTIATE_TEST_SUITE_P(Upstream, SetDefaultJobTest, testing::ValuesIn(kDefaultJobCases), name_of<DefaultJobCase>);

// --- generateSelector (pkg/registry/batch/job/strategy.go) -------------------------------------

TEST(GenerateSelectorTest, selects_the_controller_uid_and_adds_the_four_template_labels) {
  Job job{.metadata = ObjectMeta{.name = "myjob", .uid = "1a2b3c"}, .spec = JobSpec{.template_ = template_with_default_labels()}};
  set_defaults_job(job);
  ASSERT_TRUE(job.spec->selector.has_value());
  EXPECT_EQ(*job.spec->selector, (LabelSelector{.match_labels = {{"batch.kubernetes.io/controller-uid", "1a2b3c"}}}));
  EXPECT_EQ(job.spec->template_.labels, (Labels{{"default", "default"},
                                               {"batch.kubernetes.io/controller-uid", "1a2b3c"},
                                               {"batch.kubernetes.io/job-name", "myjob"},
                                               {"controller-uid", "1a2b3c"},
                                               {"job-name", "myjob"}}))
      << show(job.spec->template_.labels);
}

TEST(GenerateSelectorTest, labels_the_user_already_set_are_kept) {
  // Upstream: "User asked us to automatically generate a selector, but set manual labels. If
  // there is a conflict, we will reject in validation." The label is not overwritten.
  Job job{.metadata = ObjectMeta{.name = "myjob", .uid = "1a2b3c"}, .spec = JobSpec{.template_ = {.labels = {{"job-name", "custom"}}}}};
  set_defaults_job(job);
  EXPECT_EQ(job.spec->template_.labels.at("job-name"), "custom") << show(job.spec->template_.labels);
  EXPECT_EQ(job.spec->template_.labels.at("batch.kubernetes.io/job-name"), "myjob");
}

TEST(GenerateSelectorTest, manual_selector_is_left_alone) {
  const LabelSelector manual{.match_labels = {{"a", "b"}}};
  Job job{.metadata = ObjectMeta{.name = "myjob", .uid = "1a2b3c"},
          .spec = JobSpec{.selector = manual, .manual_selector = true, .template_ = {.labels = {{"a", "b"}}}}};
  set_defaults_job(job);
  EXPECT_EQ(job.spec->selector, std::optional<LabelSelector>(manual));
  EXPECT_EQ(job.spec->template_.labels, (Labels{{"a", "b"}}));
}

// --- TestSetDefaultCronJob ---------------------------------------------------------------------

struct DefaultCronJobCase {
  std::string_view name;
  CronJobSpec original;
  CronJobSpec want;
};

const DefaultCronJobCase kDefaultCronJobCases[] = {
    {.name = "empty_batchv1_cron_job_should_default_concurrency_policy_and_suspend",
     .want = {.concurrency_policy = ConcurrencyPolicy::Allow,
              .suspend = false,
              .successful_jobs_history_limit = 3,
              .failed_jobs_history_limit = 1}},
    {.name = "set_fields_should_not_be_defaulted",
     .original = {.concurrency_policy = ConcurrencyPolicy::Forbid,
                  .suspend = true,
                  .successful_jobs_history_limit = 5,
                  .failed_jobs_history_limit = 5},
     .want = {.concurrency_policy = ConcurrencyPolicy::Forbid,
              .suspend = true,
              .successful_jobs_history_limit = 5,
              .failed_jobs_history_limit = 5}},
};

class SetDefaultCronJobTest : public testing::TestWithParam<DefaultCronJobCase> {};

TEST_P(SetDefaultCronJobTest, defaults_the_spec) {
  const DefaultCronJobCase& c = GetParam();
  CronJob cron_job{.spec = c.original};
  set_defaults_cron_job(cron_job);
  EXPECT_EQ(cron_job.spec, c.want);
  // startingDeadlineSeconds and timeZone are not defaulted (upstream pkg/apis/batch/v1/defaults.go).
  EXPECT_FALSE(cron_job.spec->starting_deadline_seconds.has_value());
  EXPECT_FALSE(cron_job.spec->time_zone.has_value());
}

INSTANTIATE_TEST_SUITE_P(Upstream, SetDefaultCronJobTest, testing::ValuesIn(kDefaultCronJobCases),
                         name_of<DefaultCronJobCase>);

// --- TestForgivenessAdmission (DefaultTolerationSeconds) -------------------------------------

Toleration toleration(std::string key, std::string effect, std::optional<std::int64_t> seconds) {
  return {.key = std::move(key), .operator_ = "Exists", .effect = std::move(effect), .toleration_seconds = seconds};
}
Toleration not_ready(std::int64_t seconds) { return toleration("node.kubernetes.io/not-ready", "NoExecute", seconds); }
Toleration unreachable(std::int64_t seconds) {
  return toleration("node.kubernetes.io/unreachable", "NoExecute", seconds);
}

struct TolerationCase {
  std::string_view name;
  std::vector<Toleration> requested;
  std::vector<Toleration> want;
};

const TolerationCase kTolerationCases[] = {
    {.name = "pod_has_no_tolerations_expect_add_tolerations_for_not_ready_no_execute_and_unreachable_no_execute",
     .want = {not_ready(300), unreachable(300)}},
    {.name = "pod_has_alpha_tolerations_expect_add_tolerations_for_not_ready_no_execute_and_unreachable_no_execute_"
             "the_alpha_tolerations_will_not_be_touched",
     .requested = {toleration("node.alpha.kubernetes.io/notReady", "NoExecute", 300),
                   toleration("node.alpha.kubernetes.io/unreachable", "NoExecute", 300)},
     .want = {toleration("node.alpha.kubernetes.io/notReady", "NoExecute", 300),
              toleration("node.alpha.kubernetes.io/unreachable", "NoExecute", 300), not_ready(300), unreachable(300)}},
    {.name = "pod_has_tolerations_but_none_is_for_taint_not_ready_no_execute_or_unreachable_no_execute_expect_add_"
             "tolerations_for_not_ready_no_execute_and_unreachable_no_execute",
     .requested = {{.key = "foo", .operator_ = "Equal", .value = "bar", .effect = "NoSchedule",
                    .toleration_seconds = 700}},
     .want = {{.key = "foo", .operator_ = "Equal", .value = "bar", .effect = "NoSchedule", .toleration_seconds = 700},
              not_ready(300), unreachable(300)}},
    {.name = "pod_specified_a_toleration_for_taint_not_ready_no_execute_expect_add_toleration_for_unreachable_no_"
             "execute",
     .requested = {not_ready(700)},
     .want = {not_ready(700), unreachable(300)}},
    {.name = "pod_specified_a_toleration_for_taint_unreachable_no_execute_expect_add_toleration_for_not_ready_no_"
             "execute",
     .requested = {unreachable(700)},
     .want = {unreachable(700), not_ready(300)}},
    {.name = "pod_specified_tolerations_for_both_not_ready_no_execute_and_unreachable_no_execute_expect_no_change",
     .requested = {not_ready(700), unreachable(700)},
     .want = {not_ready(700), unreachable(700)}},
    {.name = "pod_specified_toleration_for_taint_unreachable_expect_add_toleration_for_not_ready_no_execute",
     .requested = {toleration("node.kubernetes.io/unreachable", "", 700)},
     .want = {toleration("node.kubernetes.io/unreachable", "", 700), not_ready(300)}},
    {.name = "pod_has_wildcard_toleration_for_all_kind_of_taints_expect_no_change",
     .requested = {toleration("", "", 700)},
     .want = {toleration("", "", 700)}},
};

class DefaultTolerationSecondsTest : public testing::TestWithParam<TolerationCase> {};

TEST_P(DefaultTolerationSecondsTest, adds_missing_not_ready_and_unreachable_tolerations) {
  const TolerationCase& c = GetParam();
  Pod pod;
  pod.spec.edit().tolerations = c.requested;
  set_defaults_pod(pod);
  EXPECT_EQ(pod.spec->tolerations, c.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, DefaultTolerationSecondsTest, testing::ValuesIn(kTolerationCases),
                         name_of<TolerationCase>);

// --- SetDefaults_Pod: requests default to limits, per resource -------------------------------

struct RequestsCase {
  std::string_view name;
  ResourceRequirements original;
  ResourceRequirements want;
};

const RequestsCase kRequestsCases[] = {
    {.name = "limits_only_become_requests",
     .original = {.limits = {.cpu_millis = 1000, .memory_bytes = 1073741824}},
     .want = {.requests = {.cpu_millis = 1000, .memory_bytes = 1073741824},
              .limits = {.cpu_millis = 1000, .memory_bytes = 1073741824}}},
    {.name = "a_request_that_is_set_is_kept",
     .original = {.requests = {.memory_bytes = 536870912}, .limits = {.cpu_millis = 1000, .memory_bytes = 1073741824}},
     .want = {.requests = {.cpu_millis = 1000, .memory_bytes = 536870912},
              .limits = {.cpu_millis = 1000, .memory_bytes = 1073741824}}},
    {.name = "a_zero_request_is_kept",
     .original = {.requests = {.cpu_millis = 0}, .limits = {.cpu_millis = 500}},
     .want = {.requests = {.cpu_millis = 0}, .limits = {.cpu_millis = 500}}},
    {.name = "no_limits_no_requests", .original = {}, .want = {}},
    {.name = "every_resource_name_is_defaulted",
     .original = {.limits = {.memory_bytes = 1073741824, .other = {{"nvidia.com/gpu", "1"}}}},
     .want = {.requests = {.memory_bytes = 1073741824, .other = {{"nvidia.com/gpu", "1"}}},
              .limits = {.memory_bytes = 1073741824, .other = {{"nvidia.com/gpu", "1"}}}}},
    {.name = "a_requested_extended_resource_is_kept",
     .original = {.requests = {.other = {{"nvidia.com/gpu", "1"}}},
                  .limits = {.cpu_millis = 2000, .other = {{"nvidia.com/gpu", "2"}}}},
     .want = {.requests = {.cpu_millis = 2000, .other = {{"nvidia.com/gpu", "1"}}},
              .limits = {.cpu_millis = 2000, .other = {{"nvidia.com/gpu", "2"}}}}},
};

class DefaultRequestsTest : public testing::TestWithParam<RequestsCase> {};

TEST_P(DefaultRequestsTest, requests_default_to_limits) {
  const RequestsCase& c = GetParam();
  Pod pod;
  pod.spec.edit().containers = {{.name = "main", .image = "busybox", .resources = c.original}};
  set_defaults_pod(pod);
  EXPECT_EQ(pod.spec->containers.at(0).resources, c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, DefaultRequestsTest, testing::ValuesIn(kRequestsCases), name_of<RequestsCase>);

TEST_P(DefaultRequestsTest, init_container_requests_default_to_limits_too) {
  const RequestsCase& c = GetParam();
  Pod pod;
  pod.spec.edit().init_containers = {{.name = "init", .image = "busybox", .resources = c.original}};
  set_defaults_pod(pod);
  EXPECT_EQ(pod.spec->init_containers.at(0).resources, c.want);
}

}  // namespace
}  // namespace jobsim::api
