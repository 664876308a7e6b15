// Lifecycle signals: what the model decided, announced where it decides it (the model emits;
// reporting listens), so that listeners need not work it out by comparing an object before and
// after a write or by matching an Event's text. Each is emitted right after the write that
// carries the decision succeeded (a failed write announces nothing), at the clock's time, by
// the component that decided: the kubelet (and the pod garbage collector) for pod phases and
// container restarts, the Job controller for a finished Job, the CronJob controller for the
// Jobs it deletes; and the World for the status a scenario's patch action writes
// (announce_write). World connects them; a component without them attached emits nothing.
// Values are small: ids and enums; a reason is a view valid during the emission only.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "jobsim/api/job.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/engine/signal.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::cluster {

// PodPhaseChanged: status.phase of a pod went from `from` to `to` in one write.
struct PodPhaseChanged {
  api::ObjectId pod = api::kNoObject;
  api::PodPhase from = api::PodPhase::Pending;
  api::PodPhase to = api::PodPhase::Pending;
  // When `to` is Failed: status.reason when set (Evicted, DeadlineExceeded), else the reason of
  // the first container that terminated with a non-zero exit code (Error, OOMKilled,
  // ContainerStatusUnknown), else empty; and that container's exit code when there is one.
  std::string_view reason;
  std::int32_t exit_code = 0;
  bool has_exit_code = false;
};

// ContainerRestarted: the kubelet started container `container` (index in spec.containers)
// again; `restart_count` is its status.restartCount from this write on.
struct ContainerRestarted {
  api::ObjectId pod = api::kNoObject;
  std::uint32_t container = 0;
  std::int32_t restart_count = 0;
};

// JobFinished: the Job controller wrote the Job's terminal condition (enactJobFinished).
enum class JobFinishedCondition : std::uint8_t { Complete, Failed };
struct JobFinished {
  api::ObjectId job = api::kNoObject;
  JobFinishedCondition condition = JobFinishedCondition::Complete;
  std::string_view reason;  // the condition's reason (BackoffLimitExceeded, DeadlineExceeded, ...)
  engine::SimTime at{};     // the condition's lastTransitionTime
  std::optional<engine::SimTime> start_time;  // status.startTime in force (none if never started)
};

// CronJobJobDeleted: the CronJob controller deleted one of its Jobs (deleteJob succeeded and
// SuccessfulDelete was recorded), and why.
enum class CronJobDeleteReason : std::uint8_t {
  Replaced,        // syncCronJob, concurrencyPolicy Replace: an active Job at a new schedule time
  HistoryCleanup,  // cleanupFinishedJobs/removeOldestJobs: beyond a *JobsHistoryLimit
};
struct CronJobJobDeleted {
  api::ObjectId cron_job = api::kNoObject;
  api::ObjectId job = api::kNoObject;
  CronJobDeleteReason why = CronJobDeleteReason::Replaced;
};

// LifecycleSignals: one of each, owned by whoever wires the model (World) and attached to the
// components that emit them.
struct LifecycleSignals {
  engine::Signal<const PodPhaseChanged&> pod_phase_changed;
  engine::Signal<const ContainerRestarted&> container_restarted;
  engine::Signal<const JobFinished&> job_finished;
  engine::Signal<const CronJobJobDeleted&> cron_job_job_deleted;
};

// pod_phase_changed: the signal for `pod` (as written) having left phase `from`, with the
// failure's reason and exit code read from `pod` when it is Failed (views into `pod`).
PodPhaseChanged pod_phase_changed(api::ObjectId id, api::PodPhase from, const api::Pod& pod);

// announce_write: for a writer outside the model that changes an object's status wholesale (a
// scenario's patch, as `kubectl patch` would): what its write of `written` over `before`
// amounts to, announced as the model announces its own decisions. A Pod: each container whose
// restartCount grew, then the phase change. A Job: a Complete or Failed condition that became
// True (its lastTransitionTime, else `now`).
void announce_write(LifecycleSignals& signals, api::ObjectId id, const api::Pod& before, const api::Pod& written);
void announce_write(LifecycleSignals& signals, api::ObjectId id, const api::Job& before, const api::Job& written,
                    engine::SimTime now);

}  // namespace jobsim::cluster
