// RunRecorder::State: everything the recorder keeps while a run goes on, shared by the files
// that observe (observe_*.cpp) and those that write (event_log.cpp, summary.cpp, ...).
// Memory is bounded by what is alive: state per object lives in hash maps keyed by ObjectId
// (ids are never reused, so a vector by id would grow with every object ever created) and is
// erased when the object is deleted; lines and rows are streamed, not kept. What grows with the
// run is one number per Job or pod for exact percentiles (job_durations, pending.waits, the
// CronJob start delays; duration_samples.hpp keeps each in 4 bytes or less when it fits) and,
// per CronJob, the time of each activation settled as missed or skipped (cron_job_record.hpp).
// Private to the report layer.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cron_job_record.hpp"
#include "duration_samples.hpp"
#include "event_log.hpp"
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/cluster/usage.hpp"
#include "jobsim/report/run_recorder.hpp"
#include "timeseries.hpp"

namespace jobsim::report {

// JobOutcome is the STATUS column of the text summary.
enum class JobOutcome : std::uint8_t { Running, Suspended, Complete, Failed };

// PodAccount is what the resource accounting keeps per pod (by Pod ObjectId): the wait for a
// node and the usage last published for it.
struct PodAccount {
  engine::SimTime pending_since{};  // creationTimestamp, while `waiting`
  bool waiting = false;             // created unbound and not yet bound, deleted or finished
  std::uint32_t usage_node = 0;     // series node index + 1 of the published usage; 0: none
  std::int64_t used_cpu_m = 0;
  std::int64_t used_memory_bytes = 0;
};

// PendingTimes: how long pods waited for a node (docs/outputs.md `pendingTime`).
struct PendingTimes {
  DurationSamples waits;  // unsorted until finish
  std::int64_t bound = 0;
  std::int64_t deleted_while_pending = 0;
  std::int64_t finished_while_pending = 0;
  std::int64_t pending_at_end = 0;
};

// JobRecord is the last known state of one Job while it exists.
struct JobRecord {
  SubjectId subject = 0;
  std::int32_t succeeded = 0;
  std::int32_t completions = 1;
  std::int32_t failed = 0;
  JobOutcome outcome = JobOutcome::Running;
  std::optional<engine::Duration> duration;  // startTime to the Complete or Failed condition
  CronJobRecord* cron_job = nullptr;          // of its controller owner when created
};

// kShownJobs: the text summary's Jobs table lists the Jobs with the first ids; their last known
// state is kept after they are deleted (ShownJob), and only theirs.
inline constexpr std::size_t kShownJobs = 20;
struct ShownJob {
  std::string name;
  JobRecord record;
};

struct RunRecorder::State {
  State(const engine::Clock& clock_in, cron::TimeZone controller_zone_in)
      : clock(clock_in), start(clock_in.now()), series(start), controller_zone(std::move(controller_zone_in)) {}

  // Watch handlers: called synchronously at the instant of each write. Each one closes the
  // previous instant of the time series, then records what the write changed.
  void pod_added(api::ObjectId id, const api::Pod& pod);
  void pod_updated(api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod);
  void pod_deleted(api::ObjectId id, const api::Pod& pod);
  void job_added(api::ObjectId id, const api::Job& job);
  void job_updated(api::ObjectId id, const api::Job& old_job, const api::Job& job);
  void job_deleted(api::ObjectId id, const api::Job& job);
  void node_added(api::ObjectId id, const api::Node& node);
  void node_updated(api::ObjectId id, const api::Node& old_node, const api::Node& node);
  void node_deleted(api::ObjectId id, const api::Node& node);
  void cron_job_added(api::ObjectId id, const api::CronJob& cron_job);
  void cron_job_updated(api::ObjectId id, const api::CronJob& old_cron_job, const api::CronJob& cron_job);
  void cron_job_deleted(api::ObjectId id, const api::CronJob& cron_job);
  // Lifecycle handlers (cluster/lifecycle.hpp): what the kubelet and the controllers decided,
  // right after the write that carried it (so after the watch handlers of that write).
  void pod_phase_changed(const cluster::PodPhaseChanged& changed);
  void container_restarted(const cluster::ContainerRestarted& restarted);
  void job_finished(const cluster::JobFinished& signal);
  void cron_job_job_deleted(const cluster::CronJobJobDeleted& deleted);
  // kubernetes_event: the Event line, and what the CronJob section needs from the Events.
  void kubernetes_event(const api::Event& event);
  // pod_usage: the kubelet's actual usage of one pod changed (observe_usage.cpp).
  void pod_usage(const cluster::PodUsage& usage);
  // pending_started / pending_ended: the wait of a pod for a node (observe_usage.cpp).
  void pending_started(api::ObjectId id, const api::Pod& pod, engine::SimTime now);
  void pending_ended(api::ObjectId id, engine::SimTime now, std::int64_t PendingTimes::*outcome);
  // close_accounts ends the waits still open at `run_end` (pods pending at the end).
  void close_accounts(engine::SimTime run_end);
  PodAccount& account_of(api::ObjectId id) { return pod_accounts[id]; }

  // The CronJob side of the Job handlers (observe_cron_jobs.cpp).
  void cron_job_owned_job_added(engine::SimTime now, JobRecord& record, const api::Job& job);
  void cron_job_owned_job_deleted(engine::SimTime now, const JobRecord& record, const api::Job& job);
  // cron_job_summaries: the per-CronJob section at `until`, in name order (cron_jobs order).
  std::vector<CronJobSummary> cron_job_summaries(engine::SimTime until) const;

  // subject_of is the slot of the line subject for object `id` of `kind`.
  SubjectId& subject_of(api::Kind kind, api::ObjectId id);
  // refresh_subject starts a new subject when the controller owner changed (adopt, orphan).
  SubjectId refresh_subject(api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta);
  // release_subject forgets the subject of a deleted object, after its last line.
  void release_subject(api::Kind kind, api::ObjectId id);
  // remember_shown_job keeps the state of Job `id` for the text summary if it is one of the first.
  void remember_shown_job(api::ObjectId id, const api::Job& job, const JobRecord& record);

  // pod_lines: the lines of a pod as created (a replayed snapshot's pod may be bound, running,
  // restarted or finished already); phase_lines: those of one phase change.
  void pod_lines(engine::SimTime now, SubjectId subject, api::ObjectId id, const api::Pod& pod);
  void phase_lines(engine::SimTime now, SubjectId subject, const cluster::PodPhaseChanged& changed);
  void pod_counts(int sign, const api::Pod& pod);
  // job_lines: the lines of the condition and startTime changes the Job's own writes show
  // (suspend, resume, start, interim conditions); job_finished_lines: the Complete or Failed
  // line, the totals and the duration of a Job that finished.
  void job_lines(engine::SimTime now, SubjectId subject, JobRecord& record, const api::Job& old_job,
                 const api::Job& job);
  void job_finished_lines(engine::SimTime now, SubjectId subject, JobRecord& record,
                          cluster::JobFinishedCondition condition, std::string_view reason, engine::SimTime at,
                          std::optional<engine::SimTime> start_time);
  void node_lines(engine::SimTime now, SubjectId subject, const api::Node& old_node, const api::Node& node);
  void node_capacity(const api::Node& node);

  const engine::Clock& clock;
  const engine::SimTime start;
  EventLog log;
  TimeSeries series;
  // Lookup only, never iterated: their order cannot reach an output.
  std::array<std::unordered_map<api::ObjectId, SubjectId>, 4> subjects;  // by api::Kind, then ObjectId
  std::unordered_map<api::ObjectId, JobRecord> jobs;                      // Jobs that exist
  std::vector<ShownJob> shown_jobs;  // by Job ObjectId - 1, for ids up to kShownJobs
  api::ObjectId job_id_limit = 1;    // largest Job ObjectId seen + 1 (the Jobs table's count)

  // Totals for summary.json.
  std::int64_t jobs_created = 0;
  std::int64_t jobs_succeeded = 0;
  std::map<std::string, std::int64_t, std::less<>> jobs_failed;  // by condition reason
  DurationSamples job_durations;  // unsorted until finish
  std::optional<engine::SimTime> last_job_finished;  // the latest Complete or Failed condition
  std::int64_t pods_created = 0;
  std::int64_t pods_succeeded = 0;
  std::int64_t pods_failed = 0;

  // Resource accounting (observe_usage.cpp).
  std::unordered_map<api::ObjectId, PodAccount> pod_accounts;  // by Pod ObjectId, erased on delete
  std::vector<std::uint32_t> node_by_id;      // Node ObjectId -> series node index + 1 (0: unknown)
  PendingTimes pending;

  // Per CronJob, by name (incarnations of one name share a record): summary.json's cronJobs.
  std::map<std::string, CronJobRecord, std::less<>> cron_jobs;
  std::unordered_map<std::string, CronJobRecord*> cron_jobs_by_uid;  // map nodes do not move
  std::unordered_map<api::ObjectId, CronJobRecord*> cron_job_by_id;   // CronJobs that exist
  const cron::TimeZone controller_zone;  // cluster.timeZone: schedules without a TZ= prefix
  std::vector<CronJobSummary> cron_summaries;  // computed at finish

  bool finished = false;
  engine::SimTime end{};
  EngineStats stats;
};

}  // namespace jobsim::report
