// Tests for `expect:` (docs/expectations.md): the documented forms decode to exact values, their
// canonical text is stable, and every bad entry gets an exact message with file:line:col.
#include <gtest/gtest.h>

#include <string>

#include "jobsim/scenario/load.hpp"
#include "test_support.hpp"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim::scenario {
namespace {

using testing::kHeader;
using testing::load;
using testing::load_error;
using testing::name_of;

SimTime at(std::string_view text) { return *engine::parse_rfc3339(text); }
std::string with_expect(std::string_view entries) { return std::string(kHeader) + "expect:\n" + std::string(entries); }

JOBSIM_PRINT_CASES_BY_NAME()

TEST(Expect, SpecExampleDecodesToExactValues) {
  const Scenario scenario = load(with_expect(R"(  - maxConcurrent: {kind: Job, cronJob: backup, max: 1}
  - count: {kind: Pod, phase: Succeeded, at: end, max: 3}
  - event: {reason: JobAlreadyActive, object: CronJob/backup, min: 1}
  - job: {cronJob: backup, condition: Failed, reason: DeadlineExceeded, max: 0}
)"));
  const std::vector<Expectation> want = {
      {.form = ExpectationForm::MaxConcurrent,
       .objects = {.kind = api::Kind::Job, .cron_job = "backup"},
       .max = 1,
       .pos = {"scen.yaml", 4, 5}},
      {.form = ExpectationForm::Count,
       .objects = {.kind = api::Kind::Pod, .phase = api::PodPhase::Succeeded},
       .at = at("2026-01-02T00:00:00Z"),
       .at_text = "end",
       .max = 3,
       .pos = {"scen.yaml", 5, 5}},
      {.form = ExpectationForm::Event,
       .event = {.reason = "JobAlreadyActive", .kind = api::Kind::CronJob, .name = "backup"},
       .min = 1,
       .pos = {"scen.yaml", 6, 5}},
      {.form = ExpectationForm::Job,
       .objects = {.kind = api::Kind::Job, .cron_job = "backup"},
       .condition = "Failed",
       .reason = "DeadlineExceeded",
       .max = 0,
       .pos = {"scen.yaml", 7, 5}},
  };
  EXPECT_EQ(scenario.expectations, want);
  ASSERT_EQ(scenario.expectations.size(), 4u);
  EXPECT_EQ(expectation_label(scenario.expectations[0], 0), "scen.yaml:4:5: expect[0] maxConcurrent{kind: Job, cronJob: backup}");
  EXPECT_EQ(expectation_label(scenario.expectations[1], 1),
            "scen.yaml:5:5: expect[1] count{kind: Pod, phase: Succeeded, at: end}");
  EXPECT_EQ(expectation_label(scenario.expectations[2], 2),
            "scen.yaml:6:5: expect[2] event{reason: JobAlreadyActive, object: CronJob/backup}");
  EXPECT_EQ(expectation_label(scenario.expectations[3], 3),
            "scen.yaml:7:5: expect[3] job{cronJob: backup, condition: Failed, reason: DeadlineExceeded}");
}

struct GoodCase {
  std::string_view name;
  std::string_view yaml;  // entries of expect:
  std::string_view want_text;
  std::string_view want_description = "";
  std::optional<SimTime> want_at = std::nullopt;
};

const GoodCase kGoodCases[] = {
    {.name = "count_at_offset",
     .yaml = "  - count: {kind: Job, namespace: batch, name: nightly, at: +6h, equals: 1}\n",
     .want_text = "count{kind: Job, namespace: batch, name: nightly, at: +6h}",
     .want_at = at("2026-01-01T06:00:00Z")},
    {.name = "count_at_rfc3339",
     .yaml = "  - count: {kind: Node, at: \"2026-01-01T12:00:00Z\", min: 3}\n",
     .want_text = "count{kind: Node, at: 2026-01-01T12:00:00Z}",
     .want_at = at("2026-01-01T12:00:00Z")},
    {.name = "count_at_start",
     .yaml = "  - count: {kind: CronJob, at: +0s, equals: 0}\n",
     .want_text = "count{kind: CronJob, at: +0s}",
     .want_at = at("2026-01-01T00:00:00Z")},
    {.name = "pod_filters",
     .yaml = "  - maxConcurrent: {kind: Pod, cronJob: backup, job: backup-1, node: worker-1, phase: Running, max: 2}\n",
     .want_text = "maxConcurrent{kind: Pod, cronJob: backup, job: backup-1, node: worker-1, phase: Running}"},
    {.name = "description_beside_the_form",
     .yaml = "  - description: never two backups at once\n    maxConcurrent: {kind: Job, max: 1}\n",
     .want_text = "maxConcurrent{kind: Job}",
     .want_description = "never two backups at once"},
    {.name = "description_inside_the_form",
     .yaml = "  - maxConcurrent: {kind: Job, max: 1, description: at most one}\n",
     .want_text = "maxConcurrent{kind: Job}",
     .want_description = "at most one"},
    {.name = "event_every_filter",
     .yaml = "  - event: {reason: BackOff, type: Warning, kind: Pod, namespace: default, messageContains: restarting, "
             "max: 0}\n",
     .want_text = "event{reason: BackOff, type: Warning, kind: Pod, namespace: default, messageContains: restarting}"},
    {.name = "job_without_condition_counts_jobs",
     .yaml = "  - job: {cronJob: backup, min: 1, max: 5}\n",
     .want_text = "job{cronJob: backup}"},
};

class ExpectGood : public ::testing::TestWithParam<GoodCase> {};

TEST_P(ExpectGood, DecodesAndDescribes) {
  const GoodCase& c = GetParam();
  const Scenario scenario = load(with_expect(c.yaml));
  ASSERT_EQ(scenario.expectations.size(), 1u);
  EXPECT_EQ(describe_expectation(scenario.expectations[0]), c.want_text);
  EXPECT_EQ(scenario.expectations[0].description, c.want_description);
  EXPECT_EQ(scenario.expectations[0].at, c.want_at);
}

INSTANTIATE_TEST_SUITE_P(Cases, ExpectGood, ::testing::ValuesIn(kGoodCases), name_of<GoodCase>);

TEST(Expect, AbsentOrEmptyMeansNone) {
  EXPECT_TRUE(load(std::string(kHeader)).expectations.empty());
  EXPECT_TRUE(load(std::string(kHeader) + "expect: []\n").expectations.empty());
  EXPECT_TRUE(load(std::string(kHeader) + "expect:\n").expectations.empty());
}

TEST(Expect, AtIsCheckedAgainstTheUntilFlag) {
  // --until shortens the run: a count after the new end cannot be evaluated.
  LoadOptions options;
  options.until = "+1h";
  EXPECT_EQ(load_error(with_expect("  - count: {kind: Pod, at: +2h, max: 1}\n"), options),
            "scen.yaml:4:28: expect[0].count.at: time 2026-01-01T02:00:00Z is after the end of the run "
            "(2026-01-01T01:00:00Z)");
  EXPECT_EQ(load(with_expect("  - count: {kind: Pod, at: end, max: 1}\n"), options).expectations.at(0).at,
            at("2026-01-01T01:00:00Z"));
}

struct BadCase {
  std::string_view name;
  std::string_view yaml;  // entries of expect: (line 4 onwards)
  std::string_view want;
};

const BadCase kBadCases[] = {
    {.name = "not_a_list",
     .yaml = "  count: {kind: Pod}\n",
     .want = "scen.yaml:4:3: expect: expected a list of expectations, got a map"},
    {.name = "entry_not_a_map",
     .yaml = "  - count\n",
     .want = "scen.yaml:4:5: expect[0]: expected a map with one of maxConcurrent, count, event, job; got string \"count\""},
    {.name = "no_form",
     .yaml = "  - description: nothing to check\n",
     .want = "scen.yaml:4:5: expect[0]: expected one of maxConcurrent, count, event, job"},
    {.name = "misspelt_form_with_hint",
     .yaml = "  - cuont: {kind: Pod, at: end, max: 1}\n",
     .want = "scen.yaml:4:5: unknown field \"expect[0].cuont\" (did you mean \"count\"?)"},
    {.name = "two_forms",
     .yaml = "  - count: {kind: Pod, at: end, max: 1}\n    event: {reason: X, min: 1}\n",
     .want = "scen.yaml:5:5: expect[0]: \"count\" and \"event\" cannot be combined: one check per entry"},
    {.name = "form_not_a_map",
     .yaml = "  - count: 3\n",
     .want = "scen.yaml:4:12: expect[0].count: expected a map of filters and bounds (min, max, equals), got number 3"},
    {.name = "unknown_filter_with_hint",
     .yaml = "  - maxConcurrent: {kind: Job, cronjob: backup, max: 1}\n",
     .want = "scen.yaml:4:32: unknown field \"expect[0].maxConcurrent.cronjob\" (did you mean \"cronJob\"?)"},
    {.name = "missing_kind",
     .yaml = "  - maxConcurrent: {cronJob: backup, max: 1}\n",
     .want = "scen.yaml:4:20: expect[0].maxConcurrent: missing required key \"kind\""},
    {.name = "unknown_kind_with_hint",
     .yaml = "  - count: {kind: Pods, at: end, max: 1}\n",
     .want = "scen.yaml:4:19: expect[0].count.kind: Unsupported value: \"Pods\": supported values: \"Pod\", \"Job\", "
             "\"CronJob\", \"Node\" (did you mean \"Pod\"?)"},
    {.name = "max_concurrent_of_nodes",
     .yaml = "  - maxConcurrent: {kind: Node, max: 3}\n",
     .want = "scen.yaml:4:27: expect[0].maxConcurrent.kind: Unsupported value: \"Node\": supported values: \"Pod\", "
             "\"Job\" (maxConcurrent counts active objects; count Nodes at an instant with count)"},
    {.name = "phase_is_for_pods",
     .yaml = "  - count: {kind: Job, phase: Running, at: end, max: 1}\n",
     .want = "scen.yaml:4:24: expect[0].count.phase: only valid with kind Pod, not kind Job"},
    {.name = "unknown_phase",
     .yaml = "  - count: {kind: Pod, phase: Completed, at: end, max: 1}\n",
     .want = "scen.yaml:4:31: expect[0].count.phase: Unsupported value: \"Completed\": supported values: \"Pending\", "
             "\"Running\", \"Succeeded\", \"Failed\", \"Unknown\""},
    {.name = "cron_job_filter_on_nodes",
     .yaml = "  - count: {kind: Node, cronJob: backup, at: end, max: 1}\n",
     .want = "scen.yaml:4:25: expect[0].count.cronJob: only valid with kind Job or Pod, not kind Node"},
    {.name = "namespace_on_nodes",
     .yaml = "  - count: {kind: Node, namespace: default, at: end, max: 1}\n",
     .want = "scen.yaml:4:25: expect[0].count.namespace: only valid with every kind but Node (Nodes are "
             "cluster-scoped), not kind Node"},
    {.name = "empty_name",
     .yaml = "  - count: {kind: Job, name: \"\", at: end, max: 1}\n",
     .want = "scen.yaml:4:30: expect[0].count.name: must not be empty (leave the key out to match any)"},
    {.name = "count_without_at",
     .yaml = "  - count: {kind: Pod, max: 3}\n",
     .want = "scen.yaml:4:12: expect[0].count: missing required key \"at\""},
    {.name = "at_in_max_concurrent",
     .yaml = "  - maxConcurrent: {kind: Pod, at: end, max: 3}\n",
     .want = "scen.yaml:4:32: expect[0].maxConcurrent.at: only valid in count; maxConcurrent looks at the whole run"},
    {.name = "at_after_until",
     .yaml = "  - count: {kind: Pod, at: +25h, max: 3}\n",
     .want = "scen.yaml:4:28: expect[0].count.at: time 2026-01-02T01:00:00Z is after the end of the run "
             "(2026-01-02T00:00:00Z)"},
    {.name = "at_before_start",
     .yaml = "  - count: {kind: Pod, at: \"2025-12-31T23:00:00Z\", max: 3}\n",
     .want = "scen.yaml:4:28: expect[0].count.at: time 2025-12-31T23:00:00Z is before the scenario start "
             "(2026-01-01T00:00:00Z)"},
    {.name = "at_malformed",
     .yaml = "  - count: {kind: Pod, at: 6h, max: 3}\n",
     .want = "scen.yaml:4:28: expect[0].count.at: invalid time \"6h\": expected an RFC 3339 time "
             "(\"2026-01-01T00:00:00Z\"), an offset from start (\"+90m\", \"+2h30m\", \"+3d\") or \"end\""},
    {.name = "no_bounds",
     .yaml = "  - job: {cronJob: backup, condition: Failed}\n",
     .want = "scen.yaml:4:10: expect[0].job: needs at least one of min, max, equals"},
    {.name = "min_above_max",
     .yaml = "  - event: {reason: SawCompletedJob, min: 5, max: 2}\n",
     .want = "scen.yaml:4:43: expect[0].event.min: Invalid value: 5: must be less than or equal to max (2)"},
    {.name = "equals_with_max",
     .yaml = "  - event: {reason: SawCompletedJob, equals: 2, max: 2}\n",
     .want = "scen.yaml:4:49: expect[0].event.max: cannot be combined with equals"},
    {.name = "negative_bound",
     .yaml = "  - event: {reason: SawCompletedJob, max: -1}\n",
     .want = "scen.yaml:4:43: expect[0].event.max: Invalid value: -1: must be greater than or equal to 0"},
    {.name = "quoted_bound",
     .yaml = "  - event: {reason: SawCompletedJob, max: \"1\"}\n",
     .want = "scen.yaml:4:43: expect[0].event.max: expected an integer, got string \"1\""},
    {.name = "unknown_condition_with_hint",
     .yaml = "  - job: {condition: Completed, max: 0}\n",
     .want = "scen.yaml:4:22: expect[0].job.condition: Unsupported value: \"Completed\": supported values: "
             "\"Complete\", \"Failed\", \"Suspended\", \"FailureTarget\", \"SuccessCriteriaMet\" (did you mean "
             "\"Complete\"?)"},
    {.name = "kind_in_job",
     .yaml = "  - job: {kind: Job, condition: Failed, max: 0}\n",
     .want = "scen.yaml:4:11: expect[0].job.kind: not needed: job always counts Jobs (use count or maxConcurrent for other kinds)"},
    {.name = "event_type_unknown",
     .yaml = "  - event: {reason: X, type: Error, max: 0}\n",
     .want = "scen.yaml:4:30: expect[0].event.type: Unsupported value: \"Error\": supported values: \"Normal\", "
             "\"Warning\""},
    {.name = "event_object_without_slash",
     .yaml = "  - event: {object: backup, max: 0}\n",
     .want = "scen.yaml:4:21: expect[0].event.object: expected Kind/name (\"CronJob/backup\"), got \"backup\""},
    {.name = "event_object_unknown_kind",
     .yaml = "  - event: {object: Cronjob/backup, max: 0}\n",
     .want = "scen.yaml:4:21: expect[0].event.object: Unsupported value: \"Cronjob\": supported values: \"Pod\", "
             "\"Job\", \"CronJob\", \"Node\" (the kind in \"Cronjob/backup\")"},
    {.name = "event_kind_and_object",
     .yaml = "  - event: {object: CronJob/backup, kind: Job, max: 0}\n",
     .want = "scen.yaml:4:43: expect[0].event.kind: cannot be combined with object (which names the kind)"},
    {.name = "description_twice",
     .yaml = "  - description: a\n    job: {max: 0, description: b}\n",
     .want = "scen.yaml:5:32: expect[0].job.description: description is already given for this entry (one place is "
             "enough)"},
};

class ExpectBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(ExpectBad, ReportsExactly) {
  const BadCase& c = GetParam();
  EXPECT_EQ(load_error(with_expect(c.yaml)), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, ExpectBad, ::testing::ValuesIn(kBadCases), name_of<BadCase>);

TEST(Expect, EveryProblemOfAListIsReported) {
  EXPECT_EQ(load_error(with_expect("  - count: {kind: Job, at: end}\n  - job: {condition: Done, max: 0}\n")),
            "scen.yaml:4:12: expect[0].count: needs at least one of min, max, equals\n"
            "scen.yaml:5:22: expect[1].job.condition: Unsupported value: \"Done\": supported values: \"Complete\", "
            "\"Failed\", \"Suspended\", \"FailureTarget\", \"SuccessCriteriaMet\"");
}

}  // namespace
}  // namespace jobsim::scenario
