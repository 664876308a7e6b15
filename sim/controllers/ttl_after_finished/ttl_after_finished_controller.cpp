// Upstream: pkg/controller/ttlafterfinished/ttlafterfinished_controller.go (processJob,
// processTTL, timeLeft, jobFinishTime).
#include "jobsim/controllers/ttl_after_finished/ttl_after_finished_controller.hpp"

namespace jobsim::controllers::ttl_after_finished {

using namespace std::chrono_literals;

bool needs_cleanup(const api::Job& job) {
  return job.spec->ttl_seconds_after_finished && api::is_job_finished(job) && !job.metadata->deletion_timestamp;
}

std::optional<api::SimTime> finish_time(const api::Job& job) {
  for (const api::JobCondition& condition : job.status->conditions) {
    if ((condition.type == api::kJobComplete || condition.type == api::kJobFailed) &&
        condition.status == api::ConditionStatus::True) {
      return condition.last_transition_time;
    }
  }
  return std::nullopt;
}

TtlAfterFinishedController::TtlAfterFinishedController(engine::Simulator& sim, cluster::Informer<api::Job>& jobs,
                                                       cluster::Client& client)
    : sim_(sim), jobs_(jobs), client_(client), queue_(sim, "ttl.process", 5ms, 1000s) {
  queue_.set_process([this](api::ObjectId id) { process_job(id); });
  jobs_.on_add([this](api::ObjectId id, const api::Job& job) {
    if (needs_cleanup(job)) queue_.add(id);
  });
  jobs_.on_update([this](api::ObjectId id, const api::Job&, const api::Job& job) {
    if (needs_cleanup(job)) queue_.add(id);
  });
}

void TtlAfterFinishedController::start() {
  queue_.resume();
  jobs_.for_each([this](api::ObjectId id, const api::Job& job) {
    if (needs_cleanup(job)) queue_.add(id);
  });
}

void TtlAfterFinishedController::process_job(api::ObjectId id) {
  // processJob re-reads the Job (upstream GETs it from the API server) and re-checks, so a
  // changed TTL is honoured.
  const api::Job* job = jobs_.get(id);
  if (job == nullptr || !needs_cleanup(*job)) return;
  const std::optional<api::SimTime> finished_at = finish_time(*job);
  if (!finished_at) return;
  const api::SimTime expire_at = *finished_at + api::seconds_field(*job->spec->ttl_seconds_after_finished);
  if (sim_.now() < expire_at) {
    queue_.add_after(id, expire_at - sim_.now());
    return;
  }
  client_.remove(api::Kind::Job, id,
                 cluster::DeleteOptions{.propagation_policy = cluster::PropagationPolicy::Foreground,
                                        .precondition_uid = job->metadata->uid});
}

}  // namespace jobsim::controllers::ttl_after_finished
