// JobController: the batch/v1 Job controller of kube-controller-manager.
// Upstream: pkg/controller/job/job_controller.go (v1.33–v1.35 era; see docs/fidelity.md).
// Shape kept from upstream: informer handlers only enqueue keys (pod events batched by
// syncJobBatchPeriod), sync_job reconciles one Job from the cache, writes its status once, and
// process_next_work_item turns the result into requeues. Simplifications: expectations are
// always satisfied (zero watch latency), API writes never fail, and the uncounted-pods flush
// and the final condition happen in one status write (upstream writes up to three times in the
// same instant). Indexed-Job policies are modelled as upstream: backoffLimitPerIndex (per-index
// counts in pod annotations, per-index backoff, failed indexes never retried, the failed pod's
// finalizer kept until its replacement exists), maxFailedIndexes, the FailIndex action, and
// successPolicy (index_failures.hpp, success_policy.hpp).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "jobsim/api/id_hash_set.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/controllers/job/backoff.hpp"
#include "jobsim/controllers/job/indexes.hpp"
#include "jobsim/controllers/work_queue.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::job {

// Upstream constants (job_controller.go).
inline constexpr int kMaxUncountedPods = 500;
inline constexpr int kMaxPodCreateDeletePerSync = 500;
inline constexpr std::string_view kJobControllerName = "kubernetes.io/job-controller";

class JobController {
 public:
  JobController(engine::Simulator& sim, cluster::Informer<api::Job>& jobs, cluster::Informer<api::Pod>& pods,
                cluster::Client& client, cluster::EventRecorder recorder, const api::Timings& timings);

  // stop models kube-controller-manager going down: queues and in-memory state (backoff
  // records) are lost. start() brings it back and resyncs every Job, as informers do on start.
  void stop();
  void start();
  // attach_lifecycle: the controller announces on `signals` the Jobs it finishes
  // (recordJobFinished; cluster/lifecycle.hpp).
  void attach_lifecycle(cluster::LifecycleSignals& signals) { lifecycle_ = &signals; }
  bool running() const { return running_; }

  const BackoffRecord* backoff_record(api::ObjectId job) const;

 private:
  // Informer handlers: keep the pod index current and enqueue keys. Nothing else.
  void add_job(api::ObjectId id, const api::Job& job);
  void update_job(api::ObjectId id, const api::Job& old_job, const api::Job& cur_job);
  void delete_job(api::ObjectId id, const api::Job& job);
  void add_pod(api::ObjectId id, const api::Pod& pod);
  void update_pod(api::ObjectId id, const api::Pod& old_pod, const api::Pod& cur_pod);
  void delete_pod(api::ObjectId id, const api::Pod& pod);
  void index_pod(api::ObjectId id, const api::Pod& pod);
  void unindex_pod(std::unordered_map<api::ObjectId, api::ObjectId>::iterator found);
  api::ObjectId resolve_controller_ref(const api::Pod& pod) const;
  void enqueue_pod_owner(api::ObjectId pod_id, const api::Pod& pod);

  struct PodRef {
    api::ObjectId id;
    const api::Pod* pod;
    // The pod's completion index as job_pods_ holds it (kUnknownCompletionIndex when absent or
    // the Job is not Indexed): the removal order sorts by it on every sync, and parsing the
    // annotation in the comparator was most of the time of a large Indexed Job
    // (docs/performance.md).
    std::int32_t index = kUnknownCompletionIndex;
  };
  struct SyncContext;  // defined in job_controller.cpp

  void sync_job(api::ObjectId id);
  void sync_orphan_pod(api::ObjectId pod_id);
  // manage_job returns the number of active pods after creating or deleting pods.
  std::int32_t manage_job(api::ObjectId id, api::Job& job, SyncContext& context);
  void track_job_status_and_remove_finalizers(api::ObjectId id, const api::Job& cached, api::Job& job,
                                              SyncContext& context);
  std::int32_t delete_job_pods(const api::Job& job, const std::vector<PodRef>& pods, bool remove_finalizer,
                               std::int32_t& removed_ready);
  // create_pod: `replaced` is the failed pod of that index whose counts the new pod carries
  // (backoffLimitPerIndex), or nullptr.
  void create_pod(const api::Job& job, std::int32_t completion_index, const api::Pod* replaced = nullptr);
  static const api::Pod* delayed_pod(const SyncContext& context, std::int32_t index);
  void remove_tracking_finalizer(api::ObjectId pod_id, const api::Pod& pod);

  engine::Simulator& sim_;
  cluster::Informer<api::Job>& jobs_;
  cluster::Informer<api::Pod>& pods_;
  cluster::Client& client_;
  cluster::LifecycleSignals* lifecycle_ = nullptr;
  cluster::EventRecorder recorder_;
  const api::Timings& timings_;
  WorkQueue queue_;
  WorkQueue orphan_queue_;
  bool running_ = true;
  std::unordered_map<api::ObjectId, BackoffRecord> backoff_records_;
  // Jobs by uid (resolve_controller_ref) as a set of ids hashed and compared by their Job's uid
  // in the informer: no uid is held again per Job (~70 bytes a retained Job), the hash is the
  // interned uid's, and a compare is a pointer compare. delete_job runs after the informer
  // dropped the Job, so it erases with the id and the hash of the uid it is given.
  struct JobUidHash {
    const cluster::Informer<api::Job>* jobs;
    std::size_t operator()(const api::Name& uid) const { return uid.hash(); }
    std::size_t operator()(api::ObjectId id) const { return jobs->get(id)->metadata->uid.hash(); }
  };
  struct JobUidEqual {
    const cluster::Informer<api::Job>* jobs;
    bool operator()(const api::Name& uid, api::ObjectId id) const { return jobs->get(id)->metadata->uid == uid; }
  };
  api::IdHashSet<api::ObjectId, JobUidHash, JobUidEqual> job_by_uid_;
  // Pods that can still matter to their Job's sync: not terminal, or still carrying the
  // tracking finalizer. Finished and counted pods leave the index, so a sync costs O(live pods)
  // even when a Job has retained 100,000 finished pods (upstream lists them all). Each pod id
  // maps to its completion index, parsed when the pod is indexed rather than on every sync.
  std::unordered_map<api::ObjectId, std::map<api::ObjectId, std::int32_t>> job_pods_;
  std::unordered_map<api::ObjectId, api::ObjectId> pod_job_;
};

}  // namespace jobsim::controllers::job
