// World: one simulated cluster built from a Scenario. It owns the engine, the API server, the
// scheduler, the kubelets, the controllers and the run recorder, creates the scenario's nodes
// and objects at `start`, and schedules its actions. Two Worlds share nothing.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/kubelet.hpp"
#include "jobsim/cluster/node_leases.hpp"
#include "jobsim/cluster/scheduler.hpp"
#include "jobsim/cluster/usage.hpp"
#include "jobsim/controllers/cronjob/cronjob_controller.hpp"
#include "jobsim/controllers/garbage_collector/garbage_collector.hpp"
#include "jobsim/controllers/job/job_controller.hpp"
#include "jobsim/controllers/nodelifecycle/node_lifecycle_controller.hpp"
#include "jobsim/controllers/podgc/podgc_controller.hpp"
#include "jobsim/controllers/tainteviction/taint_eviction_controller.hpp"
#include "jobsim/controllers/ttl_after_finished/ttl_after_finished_controller.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/simulator.hpp"
#include "jobsim/report/run_recorder.hpp"
#include "jobsim/scenario/scenario.hpp"
#include "jobsim/world/behavior_workload.hpp"
#include "jobsim/world/invariant_checker.hpp"
#include "jobsim/world/node_failures.hpp"

namespace jobsim::world {

class World {
 public:
  // The scenario must outlive the World.
  explicit World(const scenario::Scenario& scenario, std::uint64_t replication = 0);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // run_until advances the simulation to `end` (at most the scenario's end).
  void run_until(engine::SimTime end);
  // finish closes the run for reporting at the scenario's end and checks the end-of-run
  // invariants (InvariantChecker).
  void finish(std::optional<double> wall_seconds = std::nullopt);

  const scenario::Scenario& scenario() const { return scenario_; }
  engine::Simulator& sim() { return sim_; }
  cluster::ApiServer& api() { return api_; }
  const cluster::ApiServer& api() const { return api_; }
  cluster::EventSink& events() { return events_; }
  // usage: the kubelet's actual-usage signal (cluster/usage.hpp); connect before running.
  cluster::UsageSink& usage() { return usage_; }
  // lifecycle: what the kubelet and the controllers decided (cluster/lifecycle.hpp); connect
  // before running.
  cluster::LifecycleSignals& lifecycle() { return lifecycle_; }
  // recorder: the run's report. Give it its output streams (RunRecorder::stream_history) after
  // constructing the World and before running it: the objects are created by the first event.
  report::RunRecorder& recorder() { return *recorder_; }
  const report::RunRecorder& recorder() const { return *recorder_; }
  // stop_controller_manager models kube-controller-manager going down (a controllerManagerDown
  // fault): every controller stops; queues, timers and in-memory state (Job backoff records,
  // rate limiters) are lost. The API server, the scheduler and the kubelets go on.
  // start_controller_manager brings it back: informers re-list, so every controller syncs every
  // object once, as after a restart (docs/faults.md). Both are no-ops when already in that state.
  void stop_controller_manager();
  void start_controller_manager();
  bool controller_manager_running() const { return controller_manager_running_; }
  // node_outage_begins / node_outage_ends: one outage of a node (a nodeDown, a random failure)
  // begins or ends. Outages may overlap (an explicit one during a random one): the machine is
  // down while at least one lasts (docs/faults.md).
  void node_outage_begins(const std::string& node);
  void node_outage_ends(const std::string& node);
  const cluster::Kubelet& kubelet() const { return kubelet_; }
  // stop_scheduler / start_scheduler: a schedulerDown fault (Scheduler::stop and start, and the
  // Scheduler Down/Up lines of events.jsonl). No-ops when already in that state.
  void stop_scheduler();
  void start_scheduler();

  // expectations: the scenario's `expect:` entries, checked during the run (results after finish).
  const report::ExpectationChecker& expectations() const { return recorder_->expectations(); }
  // warnings: run-time notes for the user (unmatched containers, failed actions), in order.
  std::vector<std::string> warnings() const;

 private:
  void create_nodes();
  void create_objects();
  void schedule_actions();
  void schedule_faults();
  void start_node_failures(const scenario::Fault& fault);
  void arm_node_failure(std::shared_ptr<NodeFailureDraws> draws, std::string node, engine::SimTime down_at);
  // for_each_controller calls f(controller) for every controller of kube-controller-manager, in
  // a fixed order (the order of their first syncs after a restart). A new controller is one line.
  template <class F> void for_each_controller(F&& f);
  void run_action(const scenario::Action& action);
  void warn(const scenario::SourcePos& pos, const std::string& message);

  const scenario::Scenario& scenario_;
  engine::RandomStreams streams_;
  engine::Simulator sim_;
  cluster::ApiServer api_;
  cluster::EventSink events_;
  cluster::UsageSink usage_;  // the kubelets' actual pod usage (cluster/usage.hpp); the recorder listens
  cluster::LifecycleSignals lifecycle_;  // pod phases, restarts, finished Jobs, CronJob deletes; the recorder listens
  cluster::Client client_;
  InvariantChecker invariants_;  // before anything writes: it must see every object created
  std::unique_ptr<report::RunRecorder> recorder_;
  BehaviorWorkload workload_;
  cluster::NodeLeases leases_;
  cluster::Scheduler scheduler_;
  cluster::Kubelet kubelet_;
  controllers::job::JobController job_controller_;
  controllers::cronjob::CronJobController cronjob_controller_;
  controllers::ttl_after_finished::TtlAfterFinishedController ttl_controller_;
  controllers::garbage_collector::GarbageCollector garbage_collector_;
  controllers::podgc::PodGcController pod_gc_;
  controllers::nodelifecycle::NodeLifecycleController node_lifecycle_;
  controllers::tainteviction::TaintEvictionController taint_eviction_;
  std::map<std::string, int> node_outages_;  // node -> outages in progress
  std::vector<std::string> action_warnings_;
  bool finished_ = false;
  bool controller_manager_running_ = true;
};

}  // namespace jobsim::world
