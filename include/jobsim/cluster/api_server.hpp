// ApiServer: the object store of the simulated cluster. It assigns uids, resourceVersions and
// generations, applies defaults and validation on create, implements graceful pod deletion,
// finalizers and deletion propagation markers, and fans every write out to the informers.
// Upstream: k8s.io/apiserver registry/generic (store.go), pkg/registry/core/pod/strategy.go,
// pkg/registry/batch/job/strategy.go. Simplifications: no admission chain beyond defaulting,
// no optimistic-concurrency conflicts (all writers run in one thread), no watch latency.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/api_error.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/engine/random_streams.hpp"

namespace jobsim::cluster {

class ApiServer {
 public:
  // Names from generateName get a 5-character suffix drawn from the "apiserver/names" stream,
  // as upstream draws it from its random source; uids are "uid-000001", ... per run.
  ApiServer(const engine::Clock& clock, const engine::RandomStreams& streams);

  Informer<api::Pod>& pods() { return pods_; }
  Informer<api::Job>& jobs() { return jobs_; }
  Informer<api::CronJob>& cron_jobs() { return cron_jobs_; }
  Informer<api::Node>& nodes() { return nodes_; }
  const Informer<api::Pod>& pods() const { return pods_; }
  const Informer<api::Job>& jobs() const { return jobs_; }
  const Informer<api::CronJob>& cron_jobs() const { return cron_jobs_; }
  const Informer<api::Node>& nodes() const { return nodes_; }

  // create: generateName, uid (kept when given, as in a replayed snapshot), creationTimestamp
  // (kept when given), resourceVersion, generation 1, defaults, validation (422 Invalid).
  ApiResult create(api::Pod pod);
  ApiResult create(api::Job job);
  ApiResult create(api::CronJob cron_job);
  ApiResult create(api::Node node);

  // update replaces the object (metadata, spec and status: the simulator's writers never race).
  // generation is bumped when the spec changed. An object with a deletionTimestamp whose last
  // finalizer is removed here is deleted.
  ApiResult update(api::ObjectId id, api::Pod pod);
  ApiResult update(api::ObjectId id, api::Job job);
  ApiResult update(api::ObjectId id, api::CronJob cron_job);
  ApiResult update(api::ObjectId id, api::Node node);

  // remove is DELETE. Pods: graceful unless unscheduled or terminal (then grace 0); the
  // object stays while finalizers or the grace period remain. Owners: Foreground / Orphan add
  // their finalizer; Background removes the object at once (the garbage collector follows).
  // Defaults: Job → Orphan (batch/v1 compatibility), CronJob → Background, Node → Background.
  ApiResult remove(api::Kind kind, api::ObjectId id, const DeleteOptions& options = {});

  // writes counts every successful write (it is the last resourceVersion handed out).
  std::int64_t writes() const { return resource_version_; }

 private:
  // Objects travel down to the store by rvalue reference: each by-value hop was one more move
  // and destructor of a whole Pod or Job on every write (docs/performance.md, issue #3).
  template <class T> ApiResult create_object(Informer<T>& store, T&& object);
  template <class T> ApiResult update_object(Informer<T>& store, api::ObjectId id, T&& object);
  template <class T> void erase_object(Informer<T>& store, api::ObjectId id);
  template <class T> ApiResult remove_owner(Informer<T>& store, api::ObjectId id, const DeleteOptions& options,
                                            PropagationPolicy default_policy);
  ApiResult remove_pod(api::ObjectId id, const DeleteOptions& options);
  template <class T> Informer<T>& store_of();
  std::string next_uid();
  std::string generated_name(const std::string& prefix);

  const engine::Clock& clock_;
  engine::RandomStream names_;
  std::int64_t resource_version_ = 0;
  std::int64_t uid_counter_ = 0;
  Informer<api::Pod> pods_;
  Informer<api::Job> jobs_;
  Informer<api::CronJob> cron_jobs_;
  Informer<api::Node> nodes_;
};

}  // namespace jobsim::cluster
