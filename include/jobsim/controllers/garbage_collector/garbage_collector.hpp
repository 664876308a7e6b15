// GarbageCollector: deletion propagation over ownerReferences (kube-controller-manager's
// garbagecollector). The graph builder half keeps a dependency graph (Boost.Graph, private to
// the .cpp) from the informers' events; the worker half acts on one graph node at a time:
//   - Background: an object whose owners are all gone (dangling) is deleted; an object with a
//     live owner only loses its dangling references;
//   - Foreground: an owner with deletionTimestamp + foregroundDeletion has its dependents
//     deleted (in the foreground too when they own objects themselves) and loses the finalizer
//     once no dependent with blockOwnerDeletion is left;
//   - Orphan: an owner with deletionTimestamp + orphan has its references removed from its
//     dependents, then loses the finalizer.
// Upstream: pkg/controller/garbagecollector/{garbagecollector.go,graph_builder.go,graph.go}.
// Simplifications (docs/fidelity.md): the graph builder runs inside the informer handlers (no
// graphChanges queue, no watch latency); one work queue serves attemptToDelete and
// attemptToOrphan; the collector watches Pods, Jobs and CronJobs only, so a reference to any
// other uid (a Node, say) is dangling; no absentOwnerCache (lookups are exact and free).
#pragma once

#include <memory>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/controllers/work_queue.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::garbage_collector {

class OwnerGraph;  // sim/controllers/garbage_collector/owner_graph.hpp (Boost.Graph)

class GarbageCollector {
 public:
  GarbageCollector(engine::Simulator& sim, cluster::Informer<api::Pod>& pods, cluster::Informer<api::Job>& jobs,
                   cluster::Informer<api::CronJob>& cron_jobs, cluster::Client& client);
  ~GarbageCollector();
  GarbageCollector(const GarbageCollector&) = delete;
  GarbageCollector& operator=(const GarbageCollector&) = delete;

  // stop models a controller-manager outage: the queue is dropped and the graph is no longer
  // maintained. start rebuilds the graph from the informers' current contents, as a restarted
  // process does from its initial LIST, and resumes work.
  void stop();
  void start();

  // graph_size counts the vertices (observed and virtual); for tests.
  std::size_t graph_size() const;

 private:
  using Vertex = std::size_t;  // OwnerGraph::Vertex (vecS descriptor)

  template <class T> void watch(cluster::Informer<T>& informer, api::Kind kind);
  // Graph builder (upstream processGraphChanges), run from the informer handlers.
  void on_add(api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta);
  void on_update(api::Kind kind, api::ObjectId id, const api::ObjectMeta& old_meta, const api::ObjectMeta& meta);
  void on_delete(api::Kind kind, api::ObjectId id);
  void add_dependent_to_owners(Vertex dependent, const std::vector<api::OwnerReference>& owners);
  void process_transitions(const api::ObjectMeta* old_meta, const api::ObjectMeta& meta, Vertex vertex);
  void remove_node(Vertex vertex);
  void rebuild();

  // Worker (upstream attemptToDeleteWorker / attemptToOrphanWorker).
  void process(WorkQueue::Key key);
  void attempt_to_delete_item(Vertex vertex, const api::ObjectMeta& latest);
  void process_deleting_dependents_item(Vertex vertex, const api::ObjectMeta& latest);
  void orphan_dependents(Vertex vertex, const api::ObjectMeta& latest);

  const api::ObjectMeta* meta(api::Kind kind, api::ObjectId id) const;
  bool is_deleting_dependents(Vertex vertex) const;
  void enqueue(Vertex vertex);
  void enqueue_sorted(std::vector<Vertex> vertices);
  void delete_object(Vertex vertex, cluster::PropagationPolicy policy);
  void update_meta(api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta);

  cluster::Informer<api::Pod>& pods_;
  cluster::Informer<api::Job>& jobs_;
  cluster::Informer<api::CronJob>& cron_jobs_;
  cluster::Client& client_;
  WorkQueue queue_;
  std::unique_ptr<OwnerGraph> graph_;
  bool running_ = true;
};

}  // namespace jobsim::controllers::garbage_collector
