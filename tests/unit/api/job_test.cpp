// Tests for api/job.hpp is_job_finished / finished_condition. Ported from upstream
// pkg/controller/job/util/utils_test.go TestFinishedCondition (case names kept): only Complete=True
// or Failed=True finish a Job; FailureTarget and SuccessCriteriaMet do not (upstream pkg/controller/job/job_controller.go).
#include "jobsim/api/job.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>
#include "testing/table.hpp"

namespace jobsim::api {
namespace {

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

JobCondition condition(std::string_view type, ConditionStatus status) {
  return {.type = std::string(type), .status = status};
}

struct FinishedCase {
  std::string_view name;
  std::vector<JobCondition> conditions;
  bool want_job_finished = false;
  std::string_view want_condition_type;
};

const FinishedCase kFinishedCases[] = {
    {.name = "job_doesnt_have_any_conditions"},
    {.name = "job_is_completed_and_condition_is_true",
     .conditions = {condition(kJobComplete, ConditionStatus::True)},
     .want_job_finished = true,
     .want_condition_type = kJobComplete},
    {.name = "job_is_completed_and_condition_is_false", .conditions = {condition(kJobComplete, ConditionStatus::False)}},
    {.name = "job_is_completed_and_condition_is_unknown",
     .conditions = {condition(kJobComplete, ConditionStatus::Unknown)}},
    {.name = "job_has_multiple_conditions_one_of_them_being_complete_and_condition_true",
     .conditions = {condition(kJobSuspended, ConditionStatus::False), condition(kJobComplete, ConditionStatus::True),
                    condition(kJobFailed, ConditionStatus::False)},
     .want_job_finished = true,
     .want_condition_type = kJobComplete},
    {.name = "job_is_failed_and_condition_is_true",
     .conditions = {condition(kJobFailed, ConditionStatus::True)},
     .want_job_finished = true,
     .want_condition_type = kJobFailed},
    {.name = "job_is_failed_and_condition_is_false", .conditions = {condition(kJobFailed, ConditionStatus::False)}},
    {.name = "job_is_failed_and_condition_is_unknown", .conditions = {condition(kJobFailed, ConditionStatus::Unknown)}},
    {.name = "job_has_multiple_conditions_none_of_them_has_condition_true",
     .conditions = {condition(kJobSuspended, ConditionStatus::False), condition(kJobComplete, ConditionStatus::False),
                    condition(kJobFailed, ConditionStatus::False)}},
    // Upstream pkg/controller/job/job_controller.go: the interim conditions do not finish a Job.
    {.name = "failure_target_alone_is_not_finished", .conditions = {condition(kJobFailureTarget, ConditionStatus::True)}},
    {.name = "success_criteria_met_alone_is_not_finished",
     .conditions = {condition(kJobSuccessCriteriaMet, ConditionStatus::True)}},
    {.name = "failure_target_then_failed_is_failed",
     .conditions = {condition(kJobFailureTarget, ConditionStatus::True), condition(kJobFailed, ConditionStatus::True)},
     .want_job_finished = true,
     .want_condition_type = kJobFailed},
};

class FinishedConditionTest : public testing::TestWithParam<FinishedCase> {};

TEST_P(FinishedConditionTest, only_complete_or_failed_true_finish_a_job) {
  const FinishedCase& c = GetParam();
  Job job;
  job.status.edit().conditions = c.conditions;
  EXPECT_EQ(is_job_finished(job), c.want_job_finished);
  EXPECT_EQ(finished_condition(job), c.want_condition_type);
}

INSTANTIATE_TEST_SUITE_P(Upstream, FinishedConditionTest, testing::ValuesIn(kFinishedCases), name_of<FinishedCase>);

}  // namespace
}  // namespace jobsim::api
