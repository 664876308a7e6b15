// Tests for cluster/api_server.hpp: the object store. Expected behaviour is upstream's:
//   - create: uids "uid-000001"... (our per-run counter), names from generateName as upstream
//     names.SimpleNameGenerator (prefix cut to 58 characters + 5 characters of
//     k8s.io/apimachinery/pkg/util/rand's alphabet), AlreadyExists as
//     `<resource> "<name>" already exists`, Invalid as `<Kind>.batch "<name>" is invalid: <errors>`
//     where several errors render as utilerrors.Aggregate does: "[e1, e2]";
//   - update: generation bumps on spec changes only, resourceVersion on every write;
//   - DELETE: staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete and
//     pkg/registry/core/pod/strategy.go CheckGracefulDelete for pods (grace, shortening),
//     registry/generic/registry/store.go markAsDeleting and finalizers for owners, with the
//     batch/v1 Job default propagation Orphan (upstream pkg/controller/garbagecollector/garbagecollector.go).
#include "jobsim/cluster/api_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/engine/clock.hpp"
#include "jobsim/engine/distributions.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "testing/table.hpp"

namespace jobsim::cluster {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using engine::SimTime;

using jobsim::test_support::name_of;

constexpr SimTime kStart{std::chrono::seconds{1704067200}};  // 2024-01-01T00:00:00Z

api::Pod make_pod(std::string name, std::string node = "") {
  api::Pod pod;
  pod.metadata.edit().name = std::move(name);
  pod.spec.edit().node_name = std::move(node);
  pod.spec.edit().containers = {{.name = "main", .image = "busybox"}};
  return pod;
}

api::Job make_job(std::string name) {
  api::Job job;
  job.metadata.edit().name = std::move(name);
  job.spec.edit().template_.spec.edit().containers = {{.name = "main", .image = "busybox"}};
  job.spec.edit().template_.spec.edit().restart_policy = api::RestartPolicy::Never;
  job.spec.edit().template_.spec.edit().restart_policy_set = true;
  return job;
}

class ApiServerTest : public testing::Test {
 protected:
  engine::FakeClock clock{kStart};
  engine::RandomStreams streams{1};
  ApiServer server{clock, streams};

  const api::Pod& pod(api::ObjectId id) {
    const api::Pod* found = server.pods().get(id);
    EXPECT_NE(found, nullptr);
    static const api::Pod kMissing;
    return found != nullptr ? *found : kMissing;
  }
};

// --- create ------------------------------------------------------------------------------------

TEST_F(ApiServerTest, create_assigns_uid_creation_timestamp_resource_version_and_generation) {
  const ApiResult first = server.create(make_pod("a"));
  clock.advance(5s);
  const ApiResult second = server.create(make_pod("b"));
  ASSERT_TRUE(first.ok()) << first.message;
  ASSERT_TRUE(second.ok()) << second.message;

  const api::ObjectMeta& a = pod(first.id).metadata;
  const api::ObjectMeta& b = pod(second.id).metadata;
  EXPECT_EQ(a.uid, "uid-000001");
  EXPECT_EQ(b.uid, "uid-000002");
  EXPECT_EQ(a.creation_timestamp, std::optional<SimTime>(kStart));
  EXPECT_EQ(b.creation_timestamp, std::optional<SimTime>(kStart + 5s));
  EXPECT_EQ(a.namespace_, "default");
  EXPECT_EQ(a.generation, 1);
  EXPECT_EQ(b.generation, 1);
  EXPECT_LT(a.resource_version, b.resource_version);
  EXPECT_EQ(server.writes(), b.resource_version);
}

TEST_F(ApiServerTest, create_keeps_a_given_uid_and_creation_timestamp) {
  api::Pod given = make_pod("a");
  given.metadata.edit().uid = "replayed-uid";
  given.metadata.edit().creation_timestamp = kStart - 1h;
  const ApiResult created = server.create(given);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(pod(created.id).metadata->uid, "replayed-uid");
  EXPECT_EQ(pod(created.id).metadata->creation_timestamp, std::optional<SimTime>(kStart - 1h));
}

TEST_F(ApiServerTest, generate_name_appends_five_characters_of_the_upstream_alphabet) {
  std::set<std::string> names;
  for (int i = 0; i < 20; ++i) {
    api::Pod generated = make_pod("");
    generated.metadata.edit().generate_name = "pi-";
    const ApiResult created = server.create(generated);
    ASSERT_TRUE(created.ok()) << created.message;
    const std::string& name = pod(created.id).metadata->name;
    ASSERT_EQ(name.size(), 8u) << name;
    EXPECT_EQ(name.substr(0, 3), "pi-");
    for (char c : name.substr(3)) {
      EXPECT_NE(std::string_view("bcdfghjklmnpqrstvwxz2456789").find(c), std::string_view::npos)
          << "'" << c << "' in " << name << " is not in the generateName alphabet";
    }
    names.insert(name);
  }
  EXPECT_EQ(names.size(), 20u) << "generated names must be unique";
}

TEST_F(ApiServerTest, generate_name_prefix_is_cut_to_58_characters) {
  api::Pod generated = make_pod("");
  generated.metadata.edit().generate_name = std::string(70, 'x');
  const ApiResult created = server.create(generated);
  ASSERT_TRUE(created.ok()) << created.message;
  const std::string& name = pod(created.id).metadata->name;
  EXPECT_EQ(name.size(), 63u) << name;
  EXPECT_EQ(name.substr(0, 58), std::string(58, 'x'));
}

TEST(ApiServerDeterminismTest, same_seed_gives_the_same_generated_names) {
  engine::FakeClock clock{kStart};
  ApiServer first{clock, engine::RandomStreams(1)};
  ApiServer second{clock, engine::RandomStreams(1)};
  for (int i = 0; i < 5; ++i) {
    api::Pod generated = make_pod("");
    generated.metadata.edit().generate_name = "job-";
    const ApiResult a = first.create(generated);
    const ApiResult b = second.create(generated);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(first.pods().get(a.id)->metadata->name, second.pods().get(b.id)->metadata->name);
  }
}

TEST_F(ApiServerTest, create_of_an_existing_name_is_already_exists) {
  ASSERT_TRUE(server.create(make_pod("a")).ok());
  const ApiResult again = server.create(make_pod("a"));
  EXPECT_EQ(again.code, ApiErrorCode::AlreadyExists);
  EXPECT_EQ(again.message, "pods \"a\" already exists");

  ASSERT_TRUE(server.create(make_job("pi")).ok());
  const ApiResult job_again = server.create(make_job("pi"));
  EXPECT_EQ(job_again.code, ApiErrorCode::AlreadyExists);
  EXPECT_EQ(job_again.message, "jobs.batch \"pi\" already exists");
}

TEST_F(ApiServerTest, same_name_in_another_namespace_is_allowed) {
  api::Pod other = make_pod("a");
  other.metadata.edit().namespace_ = "team-b";
  ASSERT_TRUE(server.create(make_pod("a")).ok());
  EXPECT_TRUE(server.create(other).ok());
}

TEST_F(ApiServerTest, create_applies_job_defaults) {
  const ApiResult created = server.create(make_job("pi"));
  ASSERT_TRUE(created.ok()) << created.message;
  const api::Job& job = *server.jobs().get(created.id);
  EXPECT_EQ(job.spec->completions, std::optional<std::int32_t>(1));
  EXPECT_EQ(job.spec->parallelism, std::optional<std::int32_t>(1));
  EXPECT_EQ(job.spec->backoff_limit, std::optional<std::int32_t>(6));
  EXPECT_EQ(job.spec->selector,
            std::optional<api::LabelSelector>(api::LabelSelector{
                .match_labels = {{"batch.kubernetes.io/controller-uid", job.metadata->uid}}}));
  EXPECT_EQ(job.spec->template_.labels.at("job-name"), "pi");
}

TEST_F(ApiServerTest, invalid_job_is_rejected_with_the_upstream_message) {
  api::Job job = make_job("pi");
  job.spec.edit().template_.spec.edit().restart_policy_set = false;  // the user wrote no restartPolicy
  const ApiResult created = server.create(job);
  EXPECT_EQ(created.code, ApiErrorCode::Invalid);
  EXPECT_EQ(created.message,
            "Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "
            "\"OnFailure\", \"Never\"");
  EXPECT_EQ(server.jobs().find("default", "pi"), api::kNoObject) << "an invalid object must not be stored";
}

TEST_F(ApiServerTest, several_errors_are_listed_in_brackets) {
  api::Job job = make_job("pi");
  job.spec.edit().parallelism = -1;
  job.spec.edit().completions = -1;
  const ApiResult created = server.create(job);
  EXPECT_EQ(created.code, ApiErrorCode::Invalid);
  EXPECT_EQ(created.message,
            "Job.batch \"pi\" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, "
            "spec.completions: Invalid value: -1: must be greater than or equal to 0]");
}

// --- update ------------------------------------------------------------------------------------

TEST_F(ApiServerTest, update_bumps_generation_only_when_the_spec_changes) {
  const ApiResult created = server.create(make_job("pi"));
  ASSERT_TRUE(created.ok());
  const std::int64_t created_version = server.jobs().get(created.id)->metadata->resource_version;

  api::Job status_only = *server.jobs().get(created.id);
  status_only.status.edit().active = 1;
  ASSERT_TRUE(server.update(created.id, status_only).ok());
  const api::Job& after_status = *server.jobs().get(created.id);
  EXPECT_EQ(after_status.metadata->generation, 1);
  EXPECT_EQ(after_status.metadata->resource_version, created_version + 1);

  api::Job labels_only = after_status;
  labels_only.metadata.edit().labels.edit()["team"] = "a";
  ASSERT_TRUE(server.update(created.id, labels_only).ok());
  EXPECT_EQ(server.jobs().get(created.id)->metadata->generation, 1);
  EXPECT_EQ(server.jobs().get(created.id)->metadata->resource_version, created_version + 2);

  api::Job spec_change = *server.jobs().get(created.id);
  spec_change.spec.edit().parallelism = 3;
  ASSERT_TRUE(server.update(created.id, spec_change).ok());
  EXPECT_EQ(server.jobs().get(created.id)->metadata->generation, 2);
  EXPECT_EQ(server.jobs().get(created.id)->metadata->resource_version, created_version + 3);
}

TEST_F(ApiServerTest, update_of_a_missing_object_is_not_found) {
  const ApiResult updated = server.update(42, make_pod("ghost"));
  EXPECT_EQ(updated.code, ApiErrorCode::NotFound);
}

// --- storage follows the live objects ----------------------------------------------------------

TEST_F(ApiServerTest, storage_pages_of_deleted_objects_are_freed) {
  const std::size_t page = Informer<api::Pod>::page_size();
  // Ids 1 .. page + 9: the first page (ids 0 .. page - 1; 0 is never used) and part of the second.
  std::vector<api::ObjectId> ids;
  for (std::size_t i = 1; i < page + 10; ++i) {
    const ApiResult created = server.create(make_pod("p-" + std::to_string(i)));
    ASSERT_TRUE(created.ok());
    ids.push_back(created.id);
  }
  EXPECT_EQ(server.pods().resident_pages(), 2U);
  // Unscheduled pods are deleted at once. The first page goes with its last pod; the second
  // stays while ids in it are still to be handed out, even when it holds no pod.
  for (std::size_t i = 0; i + 1 < page; ++i) ASSERT_TRUE(server.remove(api::Kind::Pod, ids[i]).ok());
  EXPECT_EQ(server.pods().resident_pages(), 1U);
  for (std::size_t i = page - 1; i < ids.size(); ++i) ASSERT_TRUE(server.remove(api::Kind::Pod, ids[i]).ok());
  EXPECT_EQ(server.pods().resident_pages(), 1U);
  EXPECT_EQ(server.pods().size(), 0U);
  EXPECT_EQ(server.pods().get(ids.front()), nullptr);
  EXPECT_EQ(server.pods().find("default", "p-1"), api::kNoObject);
  // Ids are not reused: the next pod gets the next id.
  const ApiResult next = server.create(make_pod("again"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next.id, ids.back() + 1);
  EXPECT_EQ(server.pods().get(next.id)->metadata->name, "again");
}

// --- pod deletion ------------------------------------------------------------------------------

TEST_F(ApiServerTest, unscheduled_pod_is_deleted_at_once) {
  const ApiResult created = server.create(make_pod("a"));
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());
  EXPECT_EQ(server.pods().get(created.id), nullptr);
}

TEST_F(ApiServerTest, scheduled_pod_is_deleted_gracefully_with_its_grace_period) {
  const ApiResult created = server.create(make_pod("a", "node-1"));
  clock.advance(10s);
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());
  const api::ObjectMeta& meta = pod(created.id).metadata;
  EXPECT_EQ(meta.deletion_timestamp, std::optional<SimTime>(kStart + 10s + 30s));
  EXPECT_EQ(meta.deletion_grace_period_seconds, std::optional<std::int64_t>(30));
}

TEST_F(ApiServerTest, delete_options_grace_period_overrides_the_pod_spec) {
  const ApiResult created = server.create(make_pod("a", "node-1"));
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id, {.grace_period_seconds = 5}).ok());
  EXPECT_EQ(pod(created.id).metadata->deletion_timestamp, std::optional<SimTime>(kStart + 5s));
  EXPECT_EQ(pod(created.id).metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(5));
}

TEST_F(ApiServerTest, terminal_pod_is_deleted_at_once) {
  api::Pod succeeded = make_pod("a", "node-1");
  succeeded.status.edit().phase = api::PodPhase::Succeeded;
  const ApiResult created = server.create(succeeded);
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());
  EXPECT_EQ(server.pods().get(created.id), nullptr);
}

TEST_F(ApiServerTest, grace_zero_delete_removes_a_scheduled_pod) {
  const ApiResult created = server.create(make_pod("a", "node-1"));
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id, {.grace_period_seconds = 0}).ok());
  EXPECT_EQ(server.pods().get(created.id), nullptr);
}

TEST_F(ApiServerTest, a_second_delete_with_a_longer_grace_period_changes_nothing) {
  const ApiResult created = server.create(make_pod("a", "node-1"));
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());
  clock.advance(10s);
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id, {.grace_period_seconds = 60}).ok());
  EXPECT_EQ(pod(created.id).metadata->deletion_timestamp, std::optional<SimTime>(kStart + 30s));
  EXPECT_EQ(pod(created.id).metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(30));
}

TEST_F(ApiServerTest, a_second_delete_shortens_the_grace_period_from_the_first_request) {
  // BeforeDelete: new deletionTimestamp = old deletionTimestamp - old grace + new grace.
  const ApiResult created = server.create(make_pod("a", "node-1"));
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());  // at kStart, grace 30
  clock.advance(2s);
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id, {.grace_period_seconds = 5}).ok());
  EXPECT_EQ(pod(created.id).metadata->deletion_timestamp, std::optional<SimTime>(kStart + 5s));
  EXPECT_EQ(pod(created.id).metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(5));
}

TEST_F(ApiServerTest, shortening_past_now_clamps_to_now_with_grace_one) {
  // BeforeDelete: "Prevent shortening the grace period moving deletionTimestamp into the past";
  // a graceful (non-zero) request then gets the minimum period, 1 s.
  const ApiResult created = server.create(make_pod("a", "node-1"));
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());  // at kStart, grace 30
  clock.advance(10s);
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id, {.grace_period_seconds = 5}).ok());
  EXPECT_EQ(pod(created.id).metadata->deletion_timestamp, std::optional<SimTime>(kStart + 10s));
  EXPECT_EQ(pod(created.id).metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(1));
}

TEST_F(ApiServerTest, finalizer_keeps_a_deleted_pod_until_it_is_removed) {
  api::Pod tracked = make_pod("a");
  tracked.metadata.edit().finalizers = {std::string(api::kJobTrackingFinalizer)};
  const ApiResult created = server.create(tracked);
  clock.advance(3s);
  ASSERT_TRUE(server.remove(api::Kind::Pod, created.id).ok());
  ASSERT_NE(server.pods().get(created.id), nullptr);
  EXPECT_EQ(pod(created.id).metadata->deletion_timestamp, std::optional<SimTime>(kStart + 3s));
  EXPECT_EQ(pod(created.id).metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(0));

  api::Pod released = pod(created.id);
  released.metadata.edit().finalizers.edit().clear();
  ASSERT_TRUE(server.update(created.id, released).ok());
  EXPECT_EQ(server.pods().get(created.id), nullptr);
}

TEST_F(ApiServerTest, delete_with_a_wrong_uid_precondition_is_a_conflict) {
  const ApiResult created = server.create(make_pod("a"));
  const ApiResult removed = server.remove(api::Kind::Pod, created.id, {.precondition_uid = "someone-else"});
  EXPECT_EQ(removed.code, ApiErrorCode::Conflict);
  EXPECT_NE(server.pods().get(created.id), nullptr);
}

TEST_F(ApiServerTest, delete_of_a_missing_pod_is_not_found) {
  EXPECT_EQ(server.remove(api::Kind::Pod, 7).code, ApiErrorCode::NotFound);
}

// --- owner deletion and propagation ------------------------------------------------------------

struct PropagationCase {
  std::string_view name;
  std::optional<PropagationPolicy> policy;
  bool want_kept = false;
  std::vector<api::Name> want_finalizers;
};

void PrintTo(const PropagationCase& c, std::ostream* out) { *out << c.name; }

const PropagationCase kPropagationCases[] = {
    {.name = "job_default_is_orphan", .want_kept = true, .want_finalizers = {"orphan"}},
    {.name = "orphan", .policy = PropagationPolicy::Orphan, .want_kept = true, .want_finalizers = {"orphan"}},
    {.name = "foreground",
     .policy = PropagationPolicy::Foreground,
     .want_kept = true,
     .want_finalizers = {"foregroundDeletion"}},
    {.name = "background_removes_at_once", .policy = PropagationPolicy::Background, .want_kept = false},
};

class JobPropagationTest : public ApiServerTest, public testing::WithParamInterface<PropagationCase> {};

TEST_P(JobPropagationTest, marks_or_removes_the_job) {
  const PropagationCase& c = GetParam();
  const ApiResult created = server.create(make_job("pi"));
  ASSERT_TRUE(created.ok()) << created.message;
  clock.advance(7s);
  ASSERT_TRUE(server.remove(api::Kind::Job, created.id, {.propagation_policy = c.policy}).ok());
  const api::Job* job = server.jobs().get(created.id);
  ASSERT_EQ(job != nullptr, c.want_kept);
  if (job == nullptr) return;
  EXPECT_EQ(job->metadata->finalizers, c.want_finalizers);
  EXPECT_EQ(job->metadata->deletion_timestamp, std::optional<SimTime>(kStart + 7s));
  EXPECT_EQ(job->metadata->deletion_grace_period_seconds, std::optional<std::int64_t>(0));
}

INSTANTIATE_TEST_SUITE_P(Table, JobPropagationTest, testing::ValuesIn(kPropagationCases),
                         name_of<PropagationCase>);

TEST_F(ApiServerTest, deleting_a_job_that_has_to_wait_for_finalizers_bumps_its_generation) {
  // registry/generic/registry/store.go markAsDeleting: "This handles Generation bump for
  // resources that don't support graceful deletion" (when deletionTimestamp is first set).
  const ApiResult created = server.create(make_job("pi"));
  ASSERT_TRUE(server.remove(api::Kind::Job, created.id).ok());  // default Orphan: kept
  ASSERT_NE(server.jobs().get(created.id), nullptr);
  EXPECT_EQ(server.jobs().get(created.id)->metadata->generation, 2);
}

TEST_F(ApiServerTest, removing_the_last_finalizer_of_a_deleted_job_removes_it) {
  const ApiResult created = server.create(make_job("pi"));
  ASSERT_TRUE(server.remove(api::Kind::Job, created.id, {.propagation_policy = PropagationPolicy::Foreground}).ok());
  api::Job job = *server.jobs().get(created.id);
  job.metadata.edit().finalizers.edit().clear();
  ASSERT_TRUE(server.update(created.id, job).ok());
  EXPECT_EQ(server.jobs().get(created.id), nullptr);
}

TEST_F(ApiServerTest, cron_job_default_propagation_is_background) {
  api::CronJob cron_job;
  cron_job.metadata.edit().name = "nightly";
  cron_job.spec.edit().schedule = "0 0 * * *";
  cron_job.spec.edit().job_template.spec.edit().template_ = make_job("x").spec->template_;
  const ApiResult created = server.create(cron_job);
  ASSERT_TRUE(created.ok()) << created.message;
  ASSERT_TRUE(server.remove(api::Kind::CronJob, created.id).ok());
  EXPECT_EQ(server.cron_jobs().get(created.id), nullptr);
}

}  // namespace
}  // namespace jobsim::cluster
