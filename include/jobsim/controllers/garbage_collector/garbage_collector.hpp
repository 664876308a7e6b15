// GarbageCollector: deletion propagation over ownerReferences (kube-controller-manager's
// garbagecollector). Background: dependents of a deleted owner are deleted; Foreground: the
// owner (deletionTimestamp + foregroundDeletion) waits until its blocking dependents are gone;
// Orphan: owner references are removed from the dependents, then the owner goes.
// Upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
// processDeletingDependentsItem, orphanDependents). Simplifications: no graph-builder latency;
// owners are Jobs and CronJobs, dependents Pods and Jobs (issue #3 extends this).
#pragma once

#include <map>
#include <set>
#include <string>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/controllers/work_queue.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::garbage_collector {

class GarbageCollector {
 public:
  GarbageCollector(engine::Simulator& sim, cluster::Informer<api::Pod>& pods, cluster::Informer<api::Job>& jobs,
                   cluster::Informer<api::CronJob>& cron_jobs, cluster::Client& client);
  void stop() { queue_.pause(); }
  void start();

 private:
  struct Ref {
    api::Kind kind;
    api::ObjectId id;
    auto operator<=>(const Ref&) const = default;
  };
  static WorkQueue::Key encode(Ref ref);
  static Ref decode(WorkQueue::Key key);
  const api::ObjectMeta* meta(Ref ref) const;
  std::optional<Ref> owner_by_uid(const std::string& uid) const;

  template <class T> void watch(cluster::Informer<T>& informer, api::Kind kind);
  void on_object(Ref ref, const api::ObjectMeta& meta);
  void on_object_gone(Ref ref, const api::ObjectMeta& meta);
  void process(WorkQueue::Key key);
  void attempt_to_delete_item(Ref ref, const api::ObjectMeta& meta);
  void process_deleting_dependents(Ref ref, const api::ObjectMeta& meta);
  void orphan_dependents(Ref ref, const api::ObjectMeta& meta);
  void delete_object(Ref ref, std::optional<cluster::PropagationPolicy> policy);
  void update_meta(Ref ref, const api::ObjectMeta& meta);

  cluster::Informer<api::Pod>& pods_;
  cluster::Informer<api::Job>& jobs_;
  cluster::Informer<api::CronJob>& cron_jobs_;
  cluster::Client& client_;
  WorkQueue queue_;
  std::map<std::string, Ref> owners_by_uid_;                 // live Jobs and CronJobs
  std::map<std::string, std::set<Ref>> dependents_by_owner_;  // owner uid -> dependents
};

}  // namespace jobsim::controllers::garbage_collector
