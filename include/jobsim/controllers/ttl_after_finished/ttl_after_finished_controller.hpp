// TtlAfterFinishedController deletes finished Jobs ttlSecondsAfterFinished after they finished,
// with Foreground propagation and a UID precondition, so the Job's pods go first.
// Upstream: pkg/controller/ttlafterfinished/ttlafterfinished_controller.go.
#pragma once

#include "jobsim/api/job.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/controllers/work_queue.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::ttl_after_finished {

// needs_cleanup: TTL set, finished (Complete or Failed), not already being deleted.
bool needs_cleanup(const api::Job& job);
// finish_time: lastTransitionTime of the Complete/Failed condition.
std::optional<api::SimTime> finish_time(const api::Job& job);

class TtlAfterFinishedController {
 public:
  TtlAfterFinishedController(engine::Simulator& sim, cluster::Informer<api::Job>& jobs, cluster::Client& client);
  void stop() { queue_.pause(); }
  void start();

 private:
  void process_job(api::ObjectId id);

  engine::Simulator& sim_;
  cluster::Informer<api::Job>& jobs_;
  cluster::Client& client_;
  WorkQueue queue_;
};

}  // namespace jobsim::controllers::ttl_after_finished
