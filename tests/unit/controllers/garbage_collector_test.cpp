// GarbageCollector against the real ApiServer (no kubelet, no other controller): objects are
// created at +0 with uids "uid-<name>", one is deleted at +10 s with a propagation policy, and
// optionally the finalizers of some are released at +20 s. Every case lists the objects erased
// from the store, in order and with the instant, and what is left. The collector has no
// latency (the graph builder runs in the informer handlers, its queue at zero delay), so every
// cascade completes at the instant that started it. Pods are unscheduled: a DELETE erases them
// at once unless a finalizer holds them (CheckGracefulDelete).
// Expected values follow pkg/controller/garbagecollector (garbagecollector.go attemptToDeleteItem,
// processDeletingDependentsItem, orphanDependents; graph_builder.go processTransitions).
#include "jobsim/controllers/garbage_collector/garbage_collector.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::garbage_collector {
namespace {

using namespace std::chrono_literals;
using cluster::PropagationPolicy;

constexpr engine::SimTime kStart{std::chrono::seconds{1767225600}};  // 2026-01-01T00:00:00Z
constexpr std::string_view kHold = "example.com/hold";

struct Owner {
  std::string name;  // owner object name; its uid is "uid-<name>"
  bool block = true;
  std::string kind;  // "" = the owner's real kind (or "Job" for an owner that never exists)
  std::string ref_name;  // "" = `name`
};

struct Object {
  api::Kind kind = api::Kind::Pod;
  std::string name;
  std::vector<Owner> owners;
  bool hold = false;  // carries the kHold finalizer
};

struct GcCase {
  std::string_view name;
  std::vector<Object> objects;  // created at +0 in this order
  std::string delete_name;      // deleted at +10 s ("" = none)
  std::optional<PropagationPolicy> policy;
  std::vector<std::string> release;  // kHold removed at +20 s, in this order
  std::vector<std::string> unblock;  // then blockOwnerDeletion set to false on all their references
  // "<seconds>s <Kind>/<name>" for each object erased from the store, in order.
  std::vector<std::string> want_erased;
  // remaining objects -> names of the owners their ownerReferences still name
  std::map<std::string, std::vector<std::string>> want_remaining;
};

JOBSIM_PRINT_CASES_BY_NAME()

api::PodTemplateSpec pod_template() {
  api::PodTemplateSpec spec;
  spec.spec.edit().containers.push_back({.name = "main", .image = "worker:v1"});
  spec.spec.edit().restart_policy = api::RestartPolicy::Never;
  spec.spec.edit().restart_policy_set = true;
  return spec;
}

class Cluster {
 public:
  Cluster() : gc_(sim_, server_.pods(), server_.jobs(), server_.cron_jobs(), client_) {
    server_.pods().on_delete([this](api::ObjectId, const api::Pod& pod) { erased("Pod", pod.metadata); });
    server_.jobs().on_delete([this](api::ObjectId, const api::Job& job) { erased("Job", job.metadata); });
    server_.cron_jobs().on_delete([this](api::ObjectId, const api::CronJob& cj) { erased("CronJob", cj.metadata); });
  }

  void create(const Object& object, const std::map<std::string, api::Kind>& kinds) {
    api::ObjectMeta meta;
    meta.name = object.name;
    meta.uid = "uid-" + object.name;
    if (object.hold) meta.finalizers.emplace_back(kHold);
    for (const Owner& owner : object.owners) {
      const auto kind = kinds.find(owner.name);
      const std::string kind_name =
          !owner.kind.empty() ? owner.kind : kind != kinds.end() ? std::string(api::kind_name(kind->second)) : "Job";
      meta.owner_references.push_back({.api_version = kind_name == "Pod" ? "v1" : "batch/v1",
                                       .kind = kind_name,
                                       .name = owner.ref_name.empty() ? owner.name : owner.ref_name,
                                       .uid = "uid-" + owner.name,
                                       .block_owner_deletion = owner.block});
    }
    cluster::ApiResult result;
    switch (object.kind) {
      case api::Kind::Pod: {
        api::Pod pod;
        pod.metadata = meta;
        pod.spec = pod_template().spec;
        result = server_.create(std::move(pod));
        break;
      }
      case api::Kind::Job: {
        api::Job job;
        job.metadata = meta;
        job.spec.edit().template_ = pod_template();
        result = server_.create(std::move(job));
        break;
      }
      case api::Kind::CronJob: {
        api::CronJob cron_job;
        cron_job.metadata = meta;
        cron_job.spec.edit().schedule = "*/5 * * * *";
        cron_job.spec.edit().suspend = true;
        cron_job.spec.edit().job_template.spec.edit().template_ = pod_template();
        result = server_.create(std::move(cron_job));
        break;
      }
      case api::Kind::Node: break;
    }
    ASSERT_TRUE(result.ok()) << object.name << ": " << result.message;
    ids_[object.name] = {object.kind, result.id};
  }

  void remove(const std::string& name, std::optional<PropagationPolicy> policy) {
    const auto [kind, id] = ids_.at(name);
    server_.remove(kind, id, cluster::DeleteOptions{.propagation_policy = policy});
  }

  void release(const std::string& name) {
    edit(name, [](api::ObjectMeta& meta) { api::remove_finalizer(meta, kHold); });
  }

  void unblock(const std::string& name) {
    edit(name, [](api::ObjectMeta& meta) {
      for (api::OwnerReference& ref : meta.owner_references) ref.block_owner_deletion = false;
    });
  }

  template <class Edit>
  void edit(const std::string& name, Edit change) {
    const auto [kind, id] = ids_.at(name);
    switch (kind) {
      case api::Kind::Pod: { api::Pod pod = *server_.pods().get(id); change(pod.metadata.edit()); server_.update(id, pod); break; }
      case api::Kind::Job: { api::Job job = *server_.jobs().get(id); change(job.metadata.edit()); server_.update(id, job); break; }
      case api::Kind::CronJob: {
        api::CronJob cj = *server_.cron_jobs().get(id);
        change(cj.metadata.edit());
        server_.update(id, cj);
        break;
      }
      case api::Kind::Node: break;
    }
  }

  // remaining: live objects -> owner names of their references.
  std::map<std::string, std::vector<std::string>> remaining() const {
    std::map<std::string, std::vector<std::string>> result;
    auto add = [&](const api::ObjectMeta& meta) {
      auto& owners = result[meta.name];
      for (const api::OwnerReference& ref : meta.owner_references) owners.push_back(ref.uid.substr(4));
    };
    server_.pods().for_each([&](api::ObjectId, const api::Pod& pod) { add(pod.metadata); });
    server_.jobs().for_each([&](api::ObjectId, const api::Job& job) { add(job.metadata); });
    server_.cron_jobs().for_each([&](api::ObjectId, const api::CronJob& cj) { add(cj.metadata); });
    return result;
  }

  std::size_t live_objects() const {
    return server_.pods().size() + server_.jobs().size() + server_.cron_jobs().size();
  }

  engine::Simulator& sim() { return sim_; }
  GarbageCollector& gc() { return gc_; }
  const std::vector<std::string>& erased_log() const { return erased_; }

 private:
  void erased(std::string_view kind, const api::ObjectMeta& meta) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(sim_.now() - kStart).count();
    erased_.push_back(std::to_string(seconds) + "s " + std::string(kind) + "/" + meta.name);
  }

  engine::Simulator sim_{kStart};
  cluster::ApiServer server_{sim_, engine::RandomStreams(1)};
  cluster::Client client_{server_};
  GarbageCollector gc_;
  std::map<std::string, std::pair<api::Kind, api::ObjectId>> ids_;
  std::vector<std::string> erased_;
};

const GcCase kCases[] = {
    // Background: the Job goes at once; its pods then have only dangling owners and are deleted.
    {.name = "background_deletes_dependents_after_the_owner",
     .objects = {{.kind = api::Kind::Job, .name = "j"},
                 {.name = "p1", .owners = {{.name = "j"}}},
                 {.name = "p2", .owners = {{.name = "j"}}}},
     .delete_name = "j",
     .policy = PropagationPolicy::Background,
     .want_erased = {"10s Job/j", "10s Pod/p1", "10s Pod/p2"}},
    // classifyReferences: j2 is solid, j1 dangling → only the dangling reference is removed.
    {.name = "background_keeps_a_dependent_with_another_owner",
     .objects = {{.kind = api::Kind::Job, .name = "j1"},
                 {.kind = api::Kind::Job, .name = "j2"},
                 {.name = "p", .owners = {{.name = "j1"}, {.name = "j2"}}}},
     .delete_name = "j1",
     .policy = PropagationPolicy::Background,
     .want_erased = {"10s Job/j1"},
     .want_remaining = {{"j2", {}}, {"p", {"j2"}}}},
    // CronJob → Job → Pod: each level is dangling once the level above is gone.
    {.name = "background_cascades_through_cronjob_job_and_pod",
     .objects = {{.kind = api::Kind::CronJob, .name = "cj"},
                 {.kind = api::Kind::Job, .name = "j", .owners = {{.name = "cj"}}},
                 {.name = "p", .owners = {{.name = "j"}}}},
     .delete_name = "cj",
     .want_erased = {"10s CronJob/cj", "10s Job/j", "10s Pod/p"}},
    // Foreground: the Job waits (deletionTimestamp + foregroundDeletion); its pods, whose only
    // owner is waiting, are deleted in the background; then no blocking dependent is left and
    // the finalizer goes: the Job is erased last.
    {.name = "foreground_deletes_dependents_first",
     .objects = {{.kind = api::Kind::Job, .name = "j"},
                 {.name = "p1", .owners = {{.name = "j"}}},
                 {.name = "p2", .owners = {{.name = "j"}}}},
     .delete_name = "j",
     .policy = PropagationPolicy::Foreground,
     .want_erased = {"10s Pod/p1", "10s Pod/p2", "10s Job/j"}},
    // A blocking dependent held by a finalizer keeps the owner until it is really gone.
    {.name = "foreground_owner_waits_for_a_blocking_dependent",
     .objects = {{.kind = api::Kind::Job, .name = "j"},
                 {.name = "p1", .owners = {{.name = "j"}}, .hold = true},
                 {.name = "p2", .owners = {{.name = "j"}}}},
     .delete_name = "j",
     .policy = PropagationPolicy::Foreground,
     .release = {"p1"},
     .want_erased = {"10s Pod/p2", "20s Pod/p1", "20s Job/j"}},
    // addUnblockedOwnersToDeleteQueue: the waiting owner is looked at again when its blocking
    // reference becomes non-blocking, and goes although the dependent is still there.
    {.name = "foreground_owner_released_when_the_reference_stops_blocking",
     .objects = {{.kind = api::Kind::Job, .name = "j"}, {.name = "p", .owners = {{.name = "j"}}, .hold = true}},
     .delete_name = "j",
     .policy = PropagationPolicy::Foreground,
     .unblock = {"p"},
     .want_erased = {"20s Job/j"},
     .want_remaining = {{"p", {"j"}}}},
    // blockOwnerDeletion false: the held dependent is deleted but does not block the owner.
    {.name = "foreground_ignores_non_blocking_dependents",
     .objects = {{.kind = api::Kind::Job, .name = "j"}, {.name = "p", .owners = {{.name = "j", .block = false}}, .hold = true}},
     .delete_name = "j",
     .policy = PropagationPolicy::Foreground,
     .want_erased = {"10s Job/j"},
     .want_remaining = {{"p", {"j"}}}},
    // A dependent that owns objects is deleted in the foreground too (attemptToDeleteItem:
    // waitingForDependentsDeletion and dependents): pod, then Job, then CronJob.
    {.name = "foreground_propagates_through_owners_of_owners",
     .objects = {{.kind = api::Kind::CronJob, .name = "cj"},
                 {.kind = api::Kind::Job, .name = "j", .owners = {{.name = "cj"}}},
                 {.name = "p", .owners = {{.name = "j"}}}},
     .delete_name = "cj",
     .policy = PropagationPolicy::Foreground,
     .want_erased = {"10s Pod/p", "10s Job/j", "10s CronJob/cj"}},
    // A dependent with a solid owner besides the waiting one only loses the waiting reference.
    {.name = "foreground_keeps_a_dependent_with_a_solid_owner",
     .objects = {{.kind = api::Kind::Job, .name = "j1"},
                 {.kind = api::Kind::Job, .name = "j2"},
                 {.name = "p", .owners = {{.name = "j1"}, {.name = "j2"}}}},
     .delete_name = "j1",
     .policy = PropagationPolicy::Foreground,
     .want_erased = {"10s Job/j1"},
     .want_remaining = {{"j2", {}}, {"p", {"j2"}}}},
    // Orphan: the references to the owner are removed from the dependents, then the orphan
    // finalizer, and the owner is erased; the pods stay without owner.
    {.name = "orphan_removes_owner_references",
     .objects = {{.kind = api::Kind::Job, .name = "j"},
                 {.name = "p1", .owners = {{.name = "j"}}},
                 {.name = "p2", .owners = {{.name = "j"}}}},
     .delete_name = "j",
     .policy = PropagationPolicy::Orphan,
     .want_erased = {"10s Job/j"},
     .want_remaining = {{"p1", {}}, {"p2", {}}}},
    // batch/v1 Jobs default to Orphan (pkg/registry/batch/job/strategy.go).
    {.name = "job_delete_without_policy_orphans",
     .objects = {{.kind = api::Kind::Job, .name = "j"}, {.name = "p", .owners = {{.name = "j"}}}},
     .delete_name = "j",
     .want_erased = {"10s Job/j"},
     .want_remaining = {{"p", {}}}},
    // Orphan keeps other owners' references.
    {.name = "orphan_keeps_other_owners",
     .objects = {{.kind = api::Kind::Job, .name = "j1"},
                 {.kind = api::Kind::Job, .name = "j2"},
                 {.name = "p", .owners = {{.name = "j1"}, {.name = "j2"}}}},
     .delete_name = "j1",
     .policy = PropagationPolicy::Orphan,
     .want_erased = {"10s Job/j1"},
     .want_remaining = {{"j2", {}}, {"p", {"j2"}}}},
    // An owner that never existed: its virtual node is confirmed absent, the dependent is
    // dangling and deleted at once (graph_builder.go addDependentToOwners, virtual nodes).
    {.name = "dependent_of_a_missing_owner_is_deleted",
     .objects = {{.name = "p", .owners = {{.name = "ghost"}}}},
     .want_erased = {"0s Pod/p"}},
    // The owner appears in the same instant, before the worker runs: the virtual node is adopted.
    {.name = "owner_created_after_its_dependent_keeps_it",
     .objects = {{.name = "p", .owners = {{.name = "j", .kind = "Job"}}}, {.kind = api::Kind::Job, .name = "j"}},
     .want_remaining = {{"j", {}}, {"p", {"j"}}}},
    // isDangling looks the owner up by the reference's name: a wrong name is a dangling reference.
    {.name = "reference_with_a_wrong_name_is_dangling",
     .objects = {{.kind = api::Kind::Job, .name = "j"}, {.name = "p", .owners = {{.name = "j", .ref_name = "other"}}}},
     .want_erased = {"0s Pod/p"},
     .want_remaining = {{"j", {}}}},
    // A mix of a dangling and a solid owner at creation: the dangling reference is removed.
    {.name = "dangling_reference_removed_when_another_owner_is_solid",
     .objects = {{.kind = api::Kind::Job, .name = "j"}, {.name = "p", .owners = {{.name = "ghost"}, {.name = "j"}}}},
     .want_remaining = {{"j", {}}, {"p", {"j"}}}},
};

class GarbageCollectorTable : public ::testing::TestWithParam<GcCase> {};

TEST_P(GarbageCollectorTable, PropagatesDeletionAsUpstream) {
  const GcCase& test_case = GetParam();
  Cluster cluster;
  std::map<std::string, api::Kind> kinds;
  for (const Object& object : test_case.objects) kinds[object.name] = object.kind;
  for (const Object& object : test_case.objects) cluster.create(object, kinds);
  cluster.sim().run_until(kStart + 10s);
  if (!test_case.delete_name.empty()) cluster.remove(test_case.delete_name, test_case.policy);
  cluster.sim().run_until(kStart + 20s);
  for (const std::string& name : test_case.release) cluster.release(name);
  for (const std::string& name : test_case.unblock) cluster.unblock(name);
  cluster.sim().run_until(kStart + 30s);

  EXPECT_EQ(cluster.erased_log(), test_case.want_erased);
  EXPECT_EQ(cluster.remaining(), test_case.want_remaining);
  // No vertex outlives its object: virtual owners are confirmed absent and removed.
  EXPECT_EQ(cluster.gc().graph_size(), cluster.live_objects());
}

INSTANTIATE_TEST_SUITE_P(Upstream, GarbageCollectorTable, ::testing::ValuesIn(kCases), test_support::name_of<GcCase>);

// A controller-manager outage: while stopped nothing cascades; start() rebuilds the graph from
// the store, the pod's owner is then a virtual node confirmed absent, and the pod is deleted at
// the restart instant.
TEST(GarbageCollector, RestartRebuildsTheGraphAndCollectsWhatWasMissed) {
  Cluster cluster;
  const std::map<std::string, api::Kind> kinds = {{"j", api::Kind::Job}};
  cluster.create({.kind = api::Kind::Job, .name = "j"}, kinds);
  cluster.create({.name = "p", .owners = {{.name = "j"}}}, kinds);
  cluster.sim().run_until(kStart + 5s);
  cluster.gc().stop();
  cluster.remove("j", PropagationPolicy::Background);
  cluster.sim().run_until(kStart + 30s);
  EXPECT_EQ(cluster.erased_log(), (std::vector<std::string>{"5s Job/j"}));
  cluster.gc().start();
  cluster.sim().run_until(kStart + 40s);
  EXPECT_EQ(cluster.erased_log(), (std::vector<std::string>{"5s Job/j", "30s Pod/p"}));
  EXPECT_EQ(cluster.gc().graph_size(), 0u);
}

// Foreground across an outage: the owner waits with its finalizer; on restart the relist sees
// it being deleted with foregroundDeletion (processTransitions with no old object) and finishes.
TEST(GarbageCollector, RestartResumesAForegroundDeletion) {
  Cluster cluster;
  const std::map<std::string, api::Kind> kinds = {{"j", api::Kind::Job}};
  cluster.create({.kind = api::Kind::Job, .name = "j"}, kinds);
  cluster.create({.name = "p", .owners = {{.name = "j"}}}, kinds);
  cluster.sim().run_until(kStart + 5s);
  cluster.gc().stop();
  cluster.remove("j", PropagationPolicy::Foreground);
  cluster.sim().run_until(kStart + 30s);
  EXPECT_TRUE(cluster.erased_log().empty());
  cluster.gc().start();
  cluster.sim().run_until(kStart + 40s);
  EXPECT_EQ(cluster.erased_log(), (std::vector<std::string>{"30s Pod/p", "30s Job/j"}));
}

}  // namespace
}  // namespace jobsim::controllers::garbage_collector
