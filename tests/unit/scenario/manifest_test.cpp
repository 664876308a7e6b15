// Tests for Kubernetes manifests in scenarios: every modelled field decodes to the exact api
// value, what kubectl prints is accepted, tutorial manifests load unchanged, and bad manifests
// get kubectl-like messages with positions (also inside `- file:` includes).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "scenario/objects.hpp"
#include "scenario/scenario_decoders.hpp"
#include "scenario/yaml_reader.hpp"
#include "test_support.hpp"
#include "testing/table.hpp"

// GCC 12 warns about members a designated initializer leaves to their defaults, which is what
// the tables of CONTRIBUTING.md "Tests" rely on.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::kFixtures;
using testing::load;
using testing::load_error;
using testing::name_of;

SimTime at(std::string_view text) { return *engine::parse_rfc3339(text); }
constexpr std::int64_t kMi = 1024LL * 1024;
constexpr std::int64_t kGi = 1024 * kMi;

// Decoded is what decoding every document of a text gives: the objects and the messages.
struct Decoded {
  std::vector<ObjectEntry> objects;
  std::vector<std::string> messages;
};

Decoded decode_documents(std::string_view text, const std::string& file = "m.yaml") {
  Decoded decoded;
  YamlDocuments documents = read_yaml(text, file);
  Diagnostics diagnostics = documents.problems;
  for (const Value& document : documents.documents) {
    if (document.is_null()) continue;
    for (ObjectEntry& entry : decode_manifests(document, "objects[0]", diagnostics)) decoded.objects.push_back(std::move(entry));
  }
  decoded.messages = diagnostics.messages();
  return decoded;
}

std::string read_fixture(const std::string& path) {
  std::string error;
  const auto text = read_text_file(path, error);
  EXPECT_TRUE(text) << path << ": " << error;
  return text.value_or("");
}

// --- tutorial manifests ---------------------------------------------------------------------

struct TutorialCase {
  std::string_view name;
  std::string file = {};
  std::size_t want_objects = 0;
};

const TutorialCase kTutorialCases[] = {
    {.name = "t000_jobs_and_cronjobs", .file = "000_jobs_and_cronjobs.yaml", .want_objects = 2},
    {.name = "t001_run_to_completion", .file = "001_run_to_completion.yaml", .want_objects = 3},
    {.name = "t002_db_migration", .file = "002_db_migration.yaml", .want_objects = 1},
    {.name = "t004_jobs", .file = "004_jobs.yaml", .want_objects = 5},
    {.name = "t004_pods", .file = "004_pods.yaml", .want_objects = 2},
};

class TutorialManifests : public ::testing::TestWithParam<TutorialCase> {};

TEST_P(TutorialManifests, DecodeWithoutErrors) {
  const TutorialCase& c = GetParam();
  const std::string path = kFixtures + "/tutorials/" + c.file;
  const Decoded decoded = decode_documents(read_fixture(path), path);
  EXPECT_EQ(decoded.messages, std::vector<std::string>{});
  EXPECT_EQ(decoded.objects.size(), c.want_objects);
}

INSTANTIATE_TEST_SUITE_P(Cases, TutorialManifests, ::testing::ValuesIn(kTutorialCases), name_of<TutorialCase>);

TEST(TutorialManifests, DbMigrationKeepsEnvAndResources) {
  const Decoded decoded = decode_documents(read_fixture(kFixtures + "/tutorials/002_db_migration.yaml"));
  ASSERT_EQ(decoded.objects.size(), 1u);
  const auto& job = std::get<api::Job>(decoded.objects[0].object);
  const api::Container want{
      .name = "migrate",
      .image = "myapp/migrate:v3.2",
      .command = {"python", "manage.py", "migrate"},
      .env = {api::EnvVar{.name = "DATABASE_URL", .value_from = true}},
      .resources = {.requests = {.cpu_millis = 250, .memory_bytes = 256 * kMi},
                    .limits = {.cpu_millis = 1000, .memory_bytes = 512 * kMi}},
  };
  ASSERT_EQ(job.spec->template_.spec->containers.size(), 1u);
  EXPECT_EQ(job.spec->template_.spec->containers[0], want);
  EXPECT_EQ(job.spec->backoff_limit, 3);
  EXPECT_EQ(job.spec->template_.spec->restart_policy, api::RestartPolicy::Never);
}

TEST(TutorialManifests, BrokenWhalejobIsInvalidYaml) {
  const std::string path = kFixtures + "/tutorials/004_whalejob_broken.yaml";
  EXPECT_EQ(decode_documents(read_fixture(path), path).messages,
            std::vector<std::string>{path + ":5:9: invalid YAML: illegal map value"});
}

// --- every field, exactly -------------------------------------------------------------------

constexpr std::string_view kEveryJobField = R"(apiVersion: batch/v1
kind: Job
metadata:
  name: indexed
  namespace: team-a
  uid: u-1
  generation: 3
  resourceVersion: "99"
  labels: {app: x}
  annotations: {note: hi}
  creationTimestamp: 2026-01-01T00:00:00Z
  deletionTimestamp: null
  finalizers: [batch.kubernetes.io/job-tracking]
  ownerReferences:
  - {apiVersion: batch/v1, kind: CronJob, name: nightly, uid: u-0, controller: true, blockOwnerDeletion: true}
spec:
  parallelism: 3
  completions: 10
  activeDeadlineSeconds: 3600
  backoffLimitPerIndex: 1
  maxFailedIndexes: 2
  ttlSecondsAfterFinished: 60
  completionMode: Indexed
  suspend: true
  podReplacementPolicy: Failed
  managedBy: kueue.x-k8s.io/multikueue
  podFailurePolicy:
    rules:
    - action: FailIndex
      onExitCodes: {containerName: main, operator: In, values: [42]}
    - action: Ignore
      onPodConditions: [{type: DisruptionTarget}]
  successPolicy:
    rules:
    - {succeededIndexes: "0-2", succeededCount: 2}
  template:
    metadata: {labels: {app: x}, annotations: {a: b}}
    spec:
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c]
        args: ["sleep 10"]
        env:
        - {name: A, value: "1"}
        - name: B
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        resources:
          requests: {cpu: 100m, memory: 64Mi, ephemeral-storage: 1Gi}
          limits: {cpu: 1, memory: 128Mi}
        ports: [{containerPort: 8080}]
        volumeMounts: [{name: data, mountPath: /data}]
        livenessProbe: {exec: {command: ["true"]}}
        securityContext: {runAsNonRoot: true}
        workingDir: /work
        imagePullPolicy: Always
      initContainers:
      - {name: init, image: busybox:1.36}
      restartPolicy: Never
      nodeSelector: {pool: batch}
      tolerations:
      - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule, tolerationSeconds: 60}
      - {operator: Exists}
      terminationGracePeriodSeconds: 5
      activeDeadlineSeconds: 100
      nodeName: node-1
      hostname: h
      subdomain: s
      schedulerName: my-scheduler
      serviceAccountName: runner
      priorityClassName: high
      volumes: [{name: data, emptyDir: {}}]
      imagePullSecrets: [{name: regcred}]
      affinity: {nodeAffinity: {}}
      dnsPolicy: ClusterFirst
      securityContext: {fsGroup: 1000}
status: {}
)";

TEST(JobManifest, EveryModelledFieldDecodesExactly) {
  const Decoded decoded = decode_documents(kEveryJobField);
  ASSERT_EQ(decoded.messages, std::vector<std::string>{});
  ASSERT_EQ(decoded.objects.size(), 1u);

  api::Job want;
  want.metadata = api::ObjectMeta{
      .name = "indexed",
      .namespace_ = "team-a",
      .uid = "u-1",
      .generation = 3,
      .labels = {{"app", "x"}},
      .annotations = {{"note", "hi"}},
      .owner_references = std::vector<api::OwnerReference>{api::OwnerReference{.api_version = "batch/v1", .kind = "CronJob", .name = "nightly",
                                               .uid = "u-0", .controller = true, .block_owner_deletion = true}},
      .finalizers = std::vector<api::Name>{"batch.kubernetes.io/job-tracking"},
      .creation_timestamp = at("2026-01-01T00:00:00Z"),
  };
  want.spec = api::JobSpec{
      .parallelism = 3,
      .completions = 10,
      .active_deadline_seconds = 3600,
      .backoff_limit_per_index = 1,
      .max_failed_indexes = 2,
      .ttl_seconds_after_finished = 60,
      .completion_mode = api::CompletionMode::Indexed,
      .suspend = true,
      .pod_replacement_policy = api::PodReplacementPolicy::Failed,
      .pod_failure_policy = api::PodFailurePolicy{.rules = {
          {.action = api::PodFailurePolicyAction::FailIndex,
           .on_exit_codes = api::PodFailurePolicyOnExitCodesRequirement{.container_name = "main", .values = {42}}},
          {.action = api::PodFailurePolicyAction::Ignore, .on_pod_conditions = {{.type = "DisruptionTarget"}}},
      }},
      .success_policy = api::SuccessPolicy{.rules = {{.succeeded_indexes = "0-2", .succeeded_count = 2}}},
      .managed_by = "kueue.x-k8s.io/multikueue",
  };
  want.spec.edit().template_.labels = {{"app", "x"}};
  want.spec.edit().template_.annotations = {{"a", "b"}};
  want.spec.edit().template_.spec = api::PodSpec{
      .containers = {api::Container{
          .name = "main",
          .image = "busybox:1.36",
          .command = {"sh", "-c"},
          .args = {"sleep 10"},
          .env = {{.name = "A", .value = "1"}, {.name = "B", .value_from = true}},
          .resources = {.requests = {.cpu_millis = 100, .memory_bytes = 64 * kMi, .other = {{"ephemeral-storage", "1Gi"}}},
                        .limits = {.cpu_millis = 1000, .memory_bytes = 128 * kMi}},
      }},
      .init_containers = {api::Container{.name = "init", .image = "busybox:1.36"}},
      .restart_policy = api::RestartPolicy::Never,
      .restart_policy_set = true,
      .node_name = "node-1",
      .node_selector = {{"pool", "batch"}},
      .tolerations = {{.key = "dedicated", .operator_ = "Equal", .value = "batch", .effect = "NoSchedule",
                       .toleration_seconds = 60},
                      {.operator_ = "Exists"}},
      .termination_grace_period_seconds = 5,
      .active_deadline_seconds = 100,
      .hostname = "h",
      .subdomain = "s",
      .scheduler_name = "my-scheduler",
      .service_account_name = "runner",
      .priority_class_name = "high",
  };
  EXPECT_EQ(std::get<api::Job>(decoded.objects[0].object), want);
  EXPECT_EQ(decoded.objects[0].pos, (SourcePos{"m.yaml", 1, 1}));
}

TEST(SnapshotManifest, KubectlGetListReplaysWithStatus) {
  const std::string path = kFixtures + "/snapshot.yaml";
  const Decoded decoded = decode_documents(read_fixture(path), path);
  ASSERT_EQ(decoded.messages, std::vector<std::string>{});
  ASSERT_EQ(decoded.objects.size(), 2u);

  const auto& job = std::get<api::Job>(decoded.objects[0].object);
  EXPECT_EQ(decoded.objects[0].pos, (SourcePos{path, 7, 3}));
  EXPECT_EQ(job.metadata->uid, "6f1c7c4e-0000-4000-8000-000000000001");
  EXPECT_EQ(job.metadata->creation_timestamp, at("2026-01-01T00:05:00Z"));
  EXPECT_EQ(api::controller_ref(job.metadata)->name, "backup");
  EXPECT_EQ(job.spec->selector->match_labels.at("batch.kubernetes.io/controller-uid"), "6f1c7c4e-0000-4000-8000-000000000001");
  EXPECT_EQ(job.spec->template_.spec->containers.at(0).resources.limits.memory_bytes, 512 * kMi);
  const api::JobStatus want_status{
      .conditions = {{.type = "SuccessCriteriaMet", .last_probe_time = at("2026-01-01T00:09:12Z"),
                      .last_transition_time = at("2026-01-01T00:09:12Z"), .reason = "CompletionsReached",
                      .message = "Reached expected number of succeeded pods"},
                     {.type = "Complete", .last_probe_time = at("2026-01-01T00:09:12Z"),
                      .last_transition_time = at("2026-01-01T00:09:12Z"), .reason = "CompletionsReached",
                      .message = "Reached expected number of succeeded pods"}},
      .start_time = at("2026-01-01T00:05:00Z"),
      .completion_time = at("2026-01-01T00:09:12Z"),
      .succeeded = 1,
      .terminating = 0,
      .ready = 0,
      .uncounted_terminated_pods = api::UncountedTerminatedPods{},
  };
  EXPECT_EQ(job.status, want_status);

  const auto& cron_job = std::get<api::CronJob>(decoded.objects[1].object);
  const api::CronJobStatus want_cron_status{
      .active = {{.namespace_ = "default", .name = "backup-29430730", .uid = "6f1c7c4e-0000-4000-8000-000000000003",
                  .resource_version = 1300}},
      .last_schedule_time = at("2026-01-01T00:10:00Z"),
      .last_successful_time = at("2026-01-01T00:09:12Z"),
  };
  EXPECT_EQ(cron_job.status, want_cron_status);
  EXPECT_EQ(cron_job.spec->schedule, "*/5 * * * *");
  EXPECT_EQ(cron_job.spec->concurrency_policy, api::ConcurrencyPolicy::Allow);
}

TEST(PodManifest, StatusAsKubectlPrintsIt) {
  const Decoded decoded = decode_documents(R"(apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  containers: [{name: c, image: busybox}]
  restartPolicy: OnFailure
status:
  phase: Running
  startTime: "2026-01-01T00:00:01Z"
  podIP: 10.0.0.5
  qosClass: BestEffort
  conditions:
  - {type: Ready, status: "True", lastTransitionTime: "2026-01-01T00:00:03Z", lastProbeTime: null}
  containerStatuses:
  - name: c
    image: busybox
    imageID: docker.io/library/busybox@sha256:0
    containerID: containerd://1
    ready: true
    started: true
    restartCount: 2
    state: {running: {startedAt: "2026-01-01T00:00:03Z"}}
    lastState: {terminated: {exitCode: 1, reason: Error, startedAt: "2026-01-01T00:00:01Z", finishedAt: "2026-01-01T00:00:02Z"}}
)");
  ASSERT_EQ(decoded.messages, std::vector<std::string>{});
  const auto& pod = std::get<api::Pod>(decoded.objects.at(0).object);
  const api::PodStatus want{
      .phase = api::PodPhase::Running,
      .conditions = {{.type = "Ready", .last_transition_time = at("2026-01-01T00:00:03Z")}},
      .start_time = at("2026-01-01T00:00:01Z"),
      .container_statuses = {{
          .name = "c",
          .image = "busybox",
          .state = {.kind = api::ContainerStateKind::Running, .started_at = at("2026-01-01T00:00:03Z")},
          .last_termination_state = api::ContainerState{.kind = api::ContainerStateKind::Terminated, .reason = "Error",
                                                        .exit_code = 1, .started_at = at("2026-01-01T00:00:01Z"),
                                                        .finished_at = at("2026-01-01T00:00:02Z")},
          .ready = true,
          .restart_count = 2,
      }},
  };
  EXPECT_EQ(pod.status, want);
  EXPECT_EQ(pod.spec->restart_policy, api::RestartPolicy::OnFailure);
}

TEST(NodeManifest, CapacityTaintsAndConditions) {
  const Decoded decoded = decode_documents(R"(apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
spec:
  unschedulable: true
  taints: [{key: node.kubernetes.io/not-ready, effect: NoExecute, timeAdded: "2026-01-01T00:00:00Z"}]
  podCIDR: 10.0.0.0/24
status:
  capacity: {cpu: "4", memory: 16302252Ki, pods: "110", ephemeral-storage: 102626232Ki}
  allocatable: {cpu: 3900m, memory: 15Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "False", reason: KubeletNotReady, message: down, lastHeartbeatTime: "2026-01-01T00:00:00Z",
     lastTransitionTime: "2026-01-01T00:00:00Z"}
  nodeInfo: {kubeletVersion: v1.33.0}
)");
  ASSERT_EQ(decoded.messages, std::vector<std::string>{});
  api::Node want;
  want.metadata.edit().name = "n1";
  want.metadata.edit().labels = {{"kubernetes.io/hostname", "n1"}};
  want.spec = api::NodeSpec{.taints = {{.key = "node.kubernetes.io/not-ready", .effect = "NoExecute", .time_added = at("2026-01-01T00:00:00Z")}},
               .unschedulable = true};
  want.status = api::NodeStatus{
      .capacity = {.cpu_millis = 4000, .memory_bytes = 16302252LL * 1024, .pods = 110,
                   .other = {{"ephemeral-storage", "102626232Ki"}}},
      .allocatable = {.cpu_millis = 3900, .memory_bytes = 15 * kGi, .pods = 110},
      .conditions = {{.type = "Ready", .status = api::ConditionStatus::False, .reason = "KubeletNotReady",
                      .last_transition_time = at("2026-01-01T00:00:00Z")}},
  };
  EXPECT_EQ(std::get<api::Node>(decoded.objects.at(0).object), want);
}

// --- includes -------------------------------------------------------------------------------

TEST(Includes, MultiDocumentFileKeepsPositionsInsideIt) {
  const Scenario scenario = load_scenario(kFixtures + "/with_includes.yaml");
  ASSERT_EQ(scenario.objects.size(), 3u);
  const std::string included = kFixtures + "/manifests/backup.yaml";
  EXPECT_EQ(scenario.objects[0].pos, (SourcePos{included, 3, 1}));
  EXPECT_EQ(scenario.objects[1].pos, (SourcePos{included, 34, 1}));
  EXPECT_EQ(scenario.objects[2].pos, (SourcePos{kFixtures + "/with_includes.yaml", 6, 5}));

  const auto& cron_job = std::get<api::CronJob>(scenario.objects[0].object);
  EXPECT_EQ(cron_job.metadata->namespace_, "ops");
  EXPECT_EQ(cron_job.spec->time_zone, "Europe/Berlin");
  EXPECT_EQ(cron_job.spec->starting_deadline_seconds, 200);
  EXPECT_EQ(cron_job.spec->successful_jobs_history_limit, 2);
  EXPECT_EQ(cron_job.spec->failed_jobs_history_limit, 0);
  EXPECT_EQ(cron_job.spec->job_template.labels, (api::Labels{{"app", "backup"}}));
  EXPECT_EQ(cron_job.spec->job_template.spec->template_.labels, (api::Labels{{"app", "backup"}}));
  EXPECT_EQ(cron_job.spec->job_template.spec->backoff_limit, 2);

  const auto& node = std::get<api::Node>(scenario.objects[1].object);
  EXPECT_EQ(node.status->capacity, (api::ResourceList{.cpu_millis = 32000, .memory_bytes = 128 * kGi, .pods = 250}));
  EXPECT_EQ(node.status->allocatable.cpu_millis, 31500);
}

TEST(Includes, ProblemsPointIntoTheIncludedFile) {
  // Included documents are spliced into `objects` (so --set objects[N] is the N-th object):
  // broken.yaml's two documents are objects[0] and objects[1]; the unreadable include stays
  // objects[2] and the entry after it objects[3].
  const std::string dir = kFixtures;
  EXPECT_EQ(load_error(read_fixture(dir + "/with_broken_include.yaml")),
            dir + "/manifests/broken.yaml:6:3: Job \"pi\": unknown field \"spec.backofLimit\" (did you mean \"backoffLimit\"?)\n" +
                dir + "/manifests/broken.yaml:12:22: Job \"pi\": spec.template.spec.restartPolicy: Unsupported value: "
                      "\"Sometimes\": supported values: \"OnFailure\", \"Never\"\n" +
                dir + "/manifests/broken.yaml:15:7: objects[1]: no matches for kind \"Deployment\" in version \"apps/v1\"; "
                      "supported kinds are batch/v1 Job, batch/v1 CronJob, v1 Node, v1 Pod, v1 List\n"
                      "scen.yaml:5:11: objects[2].file: cannot read \"" + dir + "/manifests/missing.yaml\": No such file or "
                      "directory\n"
                      "scen.yaml:7:5: unknown field \"objects[3].kind\"");
}

// --- bad manifests --------------------------------------------------------------------------

struct BadManifestCase {
  std::string_view name;
  std::string yaml = {};
  std::vector<std::string> want = {};
};

// job_with builds a valid Job manifest whose spec has `spec_extra` (lines indented by two spaces)
// and whose container has `container_extra` (indented by eight).
std::string job_with(std::string_view spec_extra, std::string_view container_extra = {}, std::string_view restart = "Never") {
  return "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n" + std::string(spec_extra) +
         "  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n" + std::string(container_extra) +
         "      restartPolicy: " + std::string(restart) + "\n";
}

const BadManifestCase kBadManifestCases[] = {
    {.name = "unknown_spec_field",
     .yaml = job_with("  backofLimit: 4\n"),
     .want = {"m.yaml:6:3: Job \"pi\": unknown field \"spec.backofLimit\" (did you mean \"backoffLimit\"?)"}},
    {.name = "case_typo_in_container",
     .yaml = job_with("", "        Command: [echo]\n"),
     .want = {"m.yaml:11:9: Job \"pi\": unknown field \"spec.template.spec.containers[0].Command\" (did you mean "
              "\"command\"?)"}},
    {.name = "quoted_int32",
     .yaml = job_with("  parallelism: \"5\"\n"),
     .want = {"m.yaml:6:16: Job \"pi\": spec.parallelism: expected an integer, got string \"5\""}},
    {.name = "float_int32",
     .yaml = job_with("  completions: 2.5\n"),
     .want = {"m.yaml:6:16: Job \"pi\": spec.completions: expected an integer, got number 2.5"}},
    {.name = "int32_out_of_range",
     .yaml = job_with("  backoffLimit: 3000000000\n"),
     .want = {"m.yaml:6:17: Job \"pi\": spec.backoffLimit: integer 3000000000 is out of range for int32 "
              "(-2147483648 to 2147483647)"}},
    {.name = "bool_as_string",
     .yaml = job_with("  suspend: \"true\"\n"),
     .want = {"m.yaml:6:12: Job \"pi\": spec.suspend: expected a boolean (true or false), got string \"true\""}},
    {.name = "yes_is_not_a_boolean",
     .yaml = job_with("  suspend: yes\n"),
     .want = {"m.yaml:6:12: Job \"pi\": spec.suspend: expected a boolean (true or false), got string \"yes\""}},
    {.name = "number_as_env_value",
     .yaml = job_with("", "        env: [{name: PORT, value: 8080}]\n"),
     .want = {"m.yaml:11:35: Job \"pi\": spec.template.spec.containers[0].env[0].value: expected a string, got number "
              "8080 (quote it: \"8080\")"}},
    {.name = "map_where_list_expected",
     .yaml = job_with("", "        command: {echo: hi}\n"),
     .want = {"m.yaml:11:18: Job \"pi\": spec.template.spec.containers[0].command: expected a list, got a map"}},
    {.name = "bad_quantity",
     .yaml = job_with("", "        resources: {requests: {memory: 1GB}}\n"),
     .want = {"m.yaml:11:40: Job \"pi\": spec.template.spec.containers[0].resources.requests.memory: invalid quantity "
              "\"1GB\": expected a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti), such as \"500m\", "
              "\"2\" or \"512Mi\""}},
    {.name = "requests_above_limits",
     .yaml = job_with("", "        resources: {requests: {cpu: 2}, limits: {cpu: 1}}\n"),
     .want = {"m.yaml:11:21: Job \"pi\": spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must "
              "be less than or equal to cpu limit of 1"}},
    {.name = "value_from_two_sources",
     .yaml = job_with("", "        env:\n        - name: X\n          valueFrom: {secretKeyRef: {name: s, key: k}, "
                          "configMapKeyRef: {name: c, key: k}}\n"),
     .want = {"m.yaml:13:22: Job \"pi\": spec.template.spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not "
              "have more than one field specified at a time"}},
    {.name = "value_from_unknown_source",
     .yaml = job_with("", "        env:\n        - name: X\n          valueFrom: {secretRef: {name: s}}\n"),
     .want = {"m.yaml:13:23: Job \"pi\": unknown field \"spec.template.spec.containers[0].env[0].valueFrom.secretRef\"",
              "m.yaml:13:22: Job \"pi\": spec.template.spec.containers[0].env[0].valueFrom: Invalid value: \"\": must "
              "specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"}},
    {.name = "restart_policy_always",
     .yaml = job_with("", "", "Always"),
     // Upstream validateJobSpec reports an explicit Always like a missing value (defaulting turns
     // an unset restartPolicy into Always), so the message is "Required value".
     .want = {"m.yaml:11:7: Job \"pi\": spec.template.spec.restartPolicy: Required value: valid values: "
              "\"OnFailure\", \"Never\""}},
    {.name = "restart_policy_unknown",
     .yaml = job_with("", "", "Sometimes"),
     .want = {"m.yaml:11:22: Job \"pi\": spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported "
              "values: \"OnFailure\", \"Never\""}},
    {.name = "restart_policy_lowercase",
     .yaml = job_with("", "", "never"),
     .want = {"m.yaml:11:22: Job \"pi\": spec.template.spec.restartPolicy: Unsupported value: \"never\": supported "
              "values: \"OnFailure\", \"Never\" (did you mean \"Never\"?)"}},
    {.name = "restart_policy_missing",
     .yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      containers: "
             "[{name: pi, image: perl}]\n",
     .want = {"m.yaml:6:5: Job \"pi\": spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", "
              "\"Never\""}},
    {.name = "negative_backoff_limit",
     .yaml = job_with("  backoffLimit: -1\n"),
     .want = {"m.yaml:6:3: Job \"pi\": spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"}},
    {.name = "bad_completion_mode",
     .yaml = job_with("  completionMode: indexed\n"),
     .want = {"m.yaml:6:19: Job \"pi\": spec.completionMode: Unsupported value: \"indexed\": supported values: "
              "\"NonIndexed\", \"Indexed\" (did you mean \"Indexed\"?)"}},
    {.name = "indexed_without_completions",
     .yaml = job_with("  completionMode: Indexed\n"),
     .want = {"m.yaml:5:1: Job \"pi\": spec.completions: Required value: when completion mode is Indexed"}},
    {.name = "missing_name",
     .yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {labels: {a: b}}\nspec: {template: {spec: {containers: [{name: "
             "c, image: i}], restartPolicy: Never}}}\n",
     .want = {"m.yaml:3:1: Job (no name): metadata.name: Required value: name or generateName is required"}},
    {.name = "missing_image",
     .yaml = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {template: {spec: {containers: [{name: c}], "
             "restartPolicy: Never}}}\n",
     .want = {"m.yaml:4:39: Job \"pi\": spec.template.spec.containers[0].image: Required value"}},
    {.name = "cronjob_schedule_missing_and_bad_policy",
     .yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup}\nspec:\n  concurrencyPolicy: forbid\n  "
             "jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i}], restartPolicy: Never}}}}\n",
     .want = {"m.yaml:5:22: CronJob \"backup\": spec.concurrencyPolicy: Unsupported value: \"forbid\": supported values: "
              "\"Allow\", \"Forbid\", \"Replace\" (did you mean \"Forbid\"?)",
              "m.yaml:4:1: CronJob \"backup\": spec.schedule: Required value"}},
    {.name = "cronjob_template_misspelt",
     .yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup}\nspec:\n  schedule: \"@daily\"\n  jobTemplate:\n"
             "    spec:\n      template:\n        spec:\n          containers: [{name: c, image: i}]\n          "
             "restartPolicy: OnFailure\n          nodeSelecter: {a: b}\n",
     .want = {"m.yaml:12:11: CronJob \"backup\": unknown field \"spec.jobTemplate.spec.template.spec.nodeSelecter\" (did you "
              "mean \"nodeSelector\"?)"}},
    {.name = "old_cronjob_api_version",
     .yaml = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: backup}\n",
     .want = {"m.yaml:1:13: objects[0]: no matches for kind \"CronJob\" in version \"batch/v1beta1\" (use apiVersion: batch/v1)"}},
    {.name = "kind_misspelt",
     .yaml = "apiVersion: batch/v1\nkind: Cronjob\nmetadata: {name: backup}\n",
     .want = {"m.yaml:2:7: objects[0]: no matches for kind \"Cronjob\" in version \"batch/v1\"; supported kinds are batch/v1 "
              "Job, batch/v1 CronJob, v1 Node, v1 Pod, v1 List (did you mean \"CronJob\"?)"}},
    {.name = "kind_missing",
     .yaml = "apiVersion: batch/v1\nmetadata: {name: backup}\n",
     .want = {"m.yaml:1:1: objects[0]: missing required key \"kind\""}},
    {.name = "not_a_map",
     .yaml = "- apiVersion: v1\n",
     .want = {"m.yaml:1:1: objects[0]: expected a Kubernetes manifest (a map with apiVersion, kind, metadata and spec), got "
              "a list"}},
    {.name = "pod_unknown_restart_policy_lists_always",
     .yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], restartPolicy: "
             "Sometimes}\n",
     .want = {"m.yaml:4:58: Pod \"p\": spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
              "\"OnFailure\", \"Never\""}},
    {.name = "node_bad_taint_effect",
     .yaml = "apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {taints: [{key: k, effect: NoSchedul}]}\n",
     .want = {"m.yaml:4:34: Node \"n\": spec.taints[0].effect: Unsupported value: \"NoSchedul\": supported values: "
              "\"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\" (did you mean \"NoSchedule\"?)"}},
    {.name = "bad_creation_timestamp",
     .yaml = "apiVersion: v1\nkind: Node\nmetadata: {name: n, creationTimestamp: yesterday}\n",
     .want = {"m.yaml:3:40: Node \"n\": metadata.creationTimestamp: invalid time \"yesterday\": expected RFC 3339, such as "
              "\"2026-01-01T00:00:00Z\""}},
    {.name = "list_item_problem",
     .yaml = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: n}, spec: {foo: 1}}\n",
     .want = {"m.yaml:4:60: Node \"n\": unknown field \"spec.foo\""}},
};

class BadManifest : public ::testing::TestWithParam<BadManifestCase> {};

TEST_P(BadManifest, ReportsExactMessages) {
  const BadManifestCase& c = GetParam();
  EXPECT_EQ(decode_documents(c.yaml).messages, c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadManifest, ::testing::ValuesIn(kBadManifestCases), name_of<BadManifestCase>);

TEST(BadManifest, SpecExampleMessageShape) {
  // The example of README.md "The command line", in a file named like it. The specification's example showed
  // `Unsupported value: "Always"`, but upstream's validation.go reports Always (what defaulting
  // gives an unset field) as `Required value`; upstream wins.
  const std::string yaml = "start: 2026-01-01T00:00:00Z\nuntil: +1d\nobjects:\n- apiVersion: batch/v1\n  kind: CronJob\n"
                           "  metadata: {name: backup}\n  spec:\n    schedule: \"0 3 * * *\"\n    jobTemplate:\n      spec:\n"
                           "        template:\n          spec:\n            containers: [{name: b, image: b}]\n"
                           "            restartPolicy: Always\n";
  try {
    parse_scenario(yaml, "nightly.yaml");
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(std::string(error.what()),
              "nightly.yaml:14:13: CronJob \"backup\": spec.jobTemplate.spec.template.spec.restartPolicy: Required "
              "value: valid values: \"OnFailure\", \"Never\"");
  }
}

}  // namespace
}  // namespace jobsim::scenario
