// Tests for apply_patch: JSON merge patch semantics through the manifest decoders (maps merge,
// lists replace, null resets), errors with positions in the patch, and the API server's update
// rules (immutable fields, validation) that leave a rejected object untouched.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "scenario/objects.hpp"
#include "scenario/yaml_reader.hpp"
#include "test_support.hpp"
#include "testing/table.hpp"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using testing::name_of;

Object decode_object(std::string_view yaml) {
  const YamlDocuments documents = read_yaml(yaml, "object.yaml");
  Diagnostics diagnostics = documents.problems;
  std::vector<ObjectEntry> entries = decode_manifests(documents.documents.at(0), "object", diagnostics);
  EXPECT_EQ(diagnostics.messages(), std::vector<std::string>{});
  return entries.at(0).object;
}

Value patch_value(std::string_view yaml) { return read_yaml(yaml, "patch.yaml").documents.at(0); }

constexpr std::string_view kJob = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi, labels: {a: "1", b: "2"}}
spec:
  parallelism: 2
  activeDeadlineSeconds: 600
  template:
    spec:
      containers: [{name: c, image: i}]
      restartPolicy: Never
)";

constexpr std::string_view kSuspendedJob = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  suspend: true
  template:
    metadata: {labels: {a: "1"}}
    spec:
      containers: [{name: c, image: i}]
      restartPolicy: Never
      tolerations: [{key: x, operator: Exists}, {key: y, operator: Exists}]
)";

constexpr std::string_view kCronJob = R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 100
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: a, image: i}, {name: b, image: j}]
          restartPolicy: OnFailure
)";

struct PatchCase {
  std::string_view name;
  std::string_view base = {};
  std::string_view patch = {};
  std::string_view want = {};  // the whole object after the patch
};

const PatchCase kPatchCases[] = {
    {.name = "scalar_replaces",
     .base = kJob,
     .patch = "spec: {parallelism: 5}",
     .want = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi, labels: {a: "1", b: "2"}}
spec:
  parallelism: 5
  activeDeadlineSeconds: 600
  template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}
)"},
    {.name = "maps_merge_and_null_removes_a_key",
     .base = kJob,
     .patch = "metadata: {labels: {a: null, c: \"3\"}}",
     .want = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi, labels: {b: "2", c: "3"}}
spec:
  parallelism: 2
  activeDeadlineSeconds: 600
  template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}
)"},
    {.name = "null_resets_an_optional",
     .base = kJob,
     .patch = "spec: {activeDeadlineSeconds: null, suspend: true}",
     .want = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi, labels: {a: "1", b: "2"}}
spec:
  parallelism: 2
  suspend: true
  template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}
)"},
    {.name = "lists_replace",
     .base = kCronJob,
     .patch = "spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: z, image: k}]}}}}}",
     .want = R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 100
  jobTemplate: {spec: {template: {spec: {containers: [{name: z, image: k}], restartPolicy: OnFailure}}}}
)"},
    {.name = "cronjob_suspend_and_reset",
     .base = kCronJob,
     .patch = "spec: {suspend: true, startingDeadlineSeconds: null, concurrencyPolicy: Forbid}",
     .want = R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "*/5 * * * *"
  suspend: true
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: a, image: i}, {name: b, image: j}]
          restartPolicy: OnFailure
)"},
    {.name = "suspended_job_may_change_scheduling_directives",
     .base = kSuspendedJob,
     .patch = "spec: {suspend: false, template: {metadata: {labels: {q: x}}, spec: {tolerations: [{key: z, operator: Exists}], nodeSelector: {pool: b}}}}",
     .want = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  suspend: false
  template:
    metadata: {labels: {a: "1", q: x}}
    spec:
      containers: [{name: c, image: i}]
      restartPolicy: Never
      tolerations: [{key: z, operator: Exists}]
      nodeSelector: {pool: b}
)"},
    {.name = "matching_kind_is_allowed",
     .base = kJob,
     .patch = "{apiVersion: batch/v1, kind: Job, spec: {parallelism: 5}}",
     .want = R"(apiVersion: batch/v1
kind: Job
metadata: {name: pi, labels: {a: "1", b: "2"}}
spec:
  parallelism: 5
  activeDeadlineSeconds: 600
  template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}
)"},
};

class ApplyPatch : public ::testing::TestWithParam<PatchCase> {};

TEST_P(ApplyPatch, MergesIntoTheObject) {
  const PatchCase& c = GetParam();
  Object object = decode_object(c.base);
  EXPECT_EQ(apply_patch(object, patch_value(c.patch)), std::vector<std::string>{});
  EXPECT_EQ(object, decode_object(c.want));
}

INSTANTIATE_TEST_SUITE_P(Cases, ApplyPatch, ::testing::ValuesIn(kPatchCases), name_of<PatchCase>);

struct BadPatchCase {
  std::string_view name;
  std::string_view base = {};
  std::string_view patch = {};
  std::vector<std::string> want = {};
};

const BadPatchCase kBadPatchCases[] = {
    {.name = "unknown_field",
     .base = kCronJob,
     .patch = "spec:\n  suspnd: true\n",
     .want = {"patch.yaml:2:3: CronJob \"backup\": unknown field \"spec.suspnd\" (did you mean \"suspend\"?)"}},
    {.name = "wrong_type",
     .base = kJob,
     .patch = "spec: {parallelism: \"5\"}",
     .want = {"patch.yaml:1:21: Job \"pi\": spec.parallelism: expected an integer, got string \"5\""}},
    {.name = "validation_after_merge",
     .base = kJob,
     .patch = "spec: {backoffLimit: -1}",
     .want = {"patch.yaml:1:8: Job \"pi\": spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"}},
    {.name = "template_of_a_started_job_is_immutable",
     .base = kJob,
     .patch = "spec: {template: {spec: {containers: [{name: c, image: j}]}}}",
     .want = {"patch.yaml:1:8: Job \"pi\": spec.template: Invalid value: field is immutable"}},
    {.name = "image_of_a_suspended_job_is_immutable_too",
     .base = kSuspendedJob,
     .patch = "spec: {template: {spec: {containers: [{name: c, image: j}]}}}",
     .want = {"patch.yaml:1:8: Job \"pi\": spec.template: Invalid value: field is immutable"}},
    {.name = "completions_of_a_nonindexed_job",
     .base = kJob,
     .patch = "spec: {completions: 3}",
     .want = {"patch.yaml:1:8: Job \"pi\": spec.completions: Invalid value: 3: field is immutable"}},
    {.name = "name_is_immutable",
     .base = kJob,
     .patch = "metadata: {name: other}",
     .want = {"patch.yaml:1:12: Job \"pi\": metadata.name: Invalid value: \"other\": field is immutable"}},
    {.name = "kind_cannot_change",
     .base = kJob,
     .patch = "kind: CronJob",
     .want = {"patch.yaml:1:7: Job \"pi\": kind: a patch cannot change the kind (Job)"}},
    {.name = "not_a_map",
     .base = kJob,
     .patch = "[1]",
     .want = {"patch.yaml:1:1: Job \"pi\": a patch must be a map of the fields to change, got a list"}},
    {.name = "restart_policy_unknown",
     .base = kCronJob,
     .patch = "spec: {jobTemplate: {spec: {template: {spec: {restartPolicy: Sometimes}}}}}",
     .want = {"patch.yaml:1:62: CronJob \"backup\": spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported "
              "value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""}},
};

class ApplyBadPatch : public ::testing::TestWithParam<BadPatchCase> {};

TEST_P(ApplyBadPatch, ReportsAndLeavesTheObjectUnchanged) {
  const BadPatchCase& c = GetParam();
  Object object = decode_object(c.base);
  const Object before = object;
  EXPECT_EQ(apply_patch(object, patch_value(c.patch)), c.want);
  EXPECT_EQ(object, before);
}

INSTANTIATE_TEST_SUITE_P(Cases, ApplyBadPatch, ::testing::ValuesIn(kBadPatchCases), name_of<BadPatchCase>);

TEST(ApplyPatch, ElasticIndexedJobChangesCompletionsWithParallelism) {
  Object object = decode_object(R"(apiVersion: batch/v1
kind: Job
metadata: {name: idx}
spec:
  completionMode: Indexed
  completions: 4
  parallelism: 4
  template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}
)");
  EXPECT_EQ(apply_patch(object, patch_value("spec: {completions: 6, parallelism: 6}")), std::vector<std::string>{});
  EXPECT_EQ(std::get<api::Job>(object).spec->completions, 6);
  EXPECT_EQ(apply_patch(object, patch_value("spec: {completions: 8}")),
            std::vector<std::string>{"patch.yaml:1:8: Job \"idx\": spec.completions: Invalid value: 8: can only be "
                                     "modified in tandem with spec.parallelism"});
}

TEST(ApplyPatch, ScenarioPatchActionAppliesAtRunTime) {
  const Scenario scenario = testing::load(std::string(testing::kHeader) + std::string(R"(objects:
  - apiVersion: batch/v1
    kind: CronJob
    metadata: {name: backup}
    spec:
      schedule: "@hourly"
      jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}}}
actions:
  - at: +6h
    patch: {kind: CronJob, name: backup, patch: {spec: {suspend: true}}}
)"));
  Object object = scenario.objects.at(0).object;
  EXPECT_EQ(apply_patch(object, std::get<PatchAction>(scenario.actions.at(0).verb).patch), std::vector<std::string>{});
  EXPECT_EQ(std::get<api::CronJob>(object).spec->suspend, true);
}

}  // namespace
}  // namespace jobsim::scenario
