// RunRecorder: connects the recorder's state to the API server's informers and the Event sink
// (the model emits; reporting listens, CONTRIBUTING.md "Principles") and hands the outputs to their writers.
// Signals and informers have no disconnect: the recorder must outlive every write to `server`.
#include "jobsim/report/run_recorder.hpp"

#include <algorithm>

#include "jobsim/engine/check.hpp"

#include "recorder_state.hpp"

namespace jobsim::report {

SubjectId& RunRecorder::State::subject_of(api::Kind kind, api::ObjectId id) {
  return subjects[static_cast<std::size_t>(kind)][id];
}

SubjectId RunRecorder::State::refresh_subject(api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta) {
  SubjectId& subject = subject_of(kind, id);
  if (log.owner_changed(subject, meta)) {
    log.release_subject(subject);  // its lines are written: nothing refers to it any more
    subject = log.add_subject(kind, meta);
  }
  return subject;
}

void RunRecorder::State::release_subject(api::Kind kind, api::ObjectId id) {
  auto& slots = subjects[static_cast<std::size_t>(kind)];
  const auto found = slots.find(id);
  if (found == slots.end()) return;
  log.release_subject(found->second);
  slots.erase(found);
}

RunRecorder::RunRecorder(const engine::Clock& clock, cluster::ApiServer& server, cluster::EventSink& events,
                         cluster::UsageSink& usage, cluster::LifecycleSignals& lifecycle,
                         std::vector<ExpectationSpec> expectations,
                         cron::TimeZone controller_zone)
    : state_(std::make_unique<State>(clock, std::move(controller_zone))) {
  State* state = state_.get();
  server.pods().on_add([state](api::ObjectId id, const api::Pod& pod) { state->pod_added(id, pod); });
  server.pods().on_update(
      [state](api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) { state->pod_updated(id, old_pod, pod); });
  server.pods().on_delete([state](api::ObjectId id, const api::Pod& pod) { state->pod_deleted(id, pod); });
  server.jobs().on_add([state](api::ObjectId id, const api::Job& job) { state->job_added(id, job); });
  server.jobs().on_update(
      [state](api::ObjectId id, const api::Job& old_job, const api::Job& job) { state->job_updated(id, old_job, job); });
  server.jobs().on_delete([state](api::ObjectId id, const api::Job& job) { state->job_deleted(id, job); });
  server.nodes().on_add([state](api::ObjectId id, const api::Node& node) { state->node_added(id, node); });
  server.nodes().on_update([state](api::ObjectId id, const api::Node& old_node, const api::Node& node) {
    state->node_updated(id, old_node, node);
  });
  server.nodes().on_delete([state](api::ObjectId id, const api::Node& node) { state->node_deleted(id, node); });
  server.cron_jobs().on_add(
      [state](api::ObjectId id, const api::CronJob& cron_job) { state->cron_job_added(id, cron_job); });
  server.cron_jobs().on_update([state](api::ObjectId id, const api::CronJob& old_cron_job,
                                       const api::CronJob& cron_job) {
    state->cron_job_updated(id, old_cron_job, cron_job);
  });
  server.cron_jobs().on_delete(
      [state](api::ObjectId id, const api::CronJob& cron_job) { state->cron_job_deleted(id, cron_job); });
  events.connect([state](const api::Event& event) { state->kubernetes_event(event); });
  usage.connect([state](const cluster::PodUsage& pod_usage) { state->pod_usage(pod_usage); });
  lifecycle.pod_phase_changed.connect([state](const cluster::PodPhaseChanged& changed) { state->pod_phase_changed(changed); });
  lifecycle.container_restarted.connect(
      [state](const cluster::ContainerRestarted& restarted) { state->container_restarted(restarted); });
  lifecycle.job_finished.connect([state](const cluster::JobFinished& finished) { state->job_finished(finished); });
  lifecycle.cron_job_job_deleted.connect(
      [state](const cluster::CronJobJobDeleted& deleted) { state->cron_job_job_deleted(deleted); });
  expectations_ = std::make_unique<ExpectationChecker>(clock, server, events, std::move(expectations));
}

RunRecorder::~RunRecorder() = default;

void RunRecorder::finish(engine::SimTime end, const EngineStats& stats) {
  State& state = *state_;
  if (state.finished) return;
  state.finished = true;
  state.end = end;
  state.stats = stats;
  state.series.finish(end);
  state.log.flush();
  state.close_accounts(end);
  state.job_durations.sort();
  // The records are done with: their start delays move into the summaries, not copied.
  state.cron_summaries.reserve(state.cron_jobs.size());
  for (auto& [name, record] : state.cron_jobs) {
    state.cron_summaries.push_back(summarize_cron_job(std::move(record), end, state.controller_zone));
  }
  expectations_->finish(end);
}

void RunRecorder::component_down(std::string_view kind, std::string_view name) {
  state_->log.add_component(state_->clock.now(), kind, name, LineEvent::Down);
}

void RunRecorder::component_up(std::string_view kind, std::string_view name) {
  state_->log.add_component(state_->clock.now(), kind, name, LineEvent::Up);
}

std::size_t RunRecorder::event_lines() const { return state_->log.size(); }

std::optional<engine::SimTime> RunRecorder::last_job_finished() const { return state_->last_job_finished; }

void RunRecorder::stream_history(const HistoryStreams& streams) {
  State& state = *state_;
  JOBSIM_CHECK(state.log.size() == 0 && state.series.counts() == Counts{} && !state.finished,
               "RunRecorder::stream_history after the run began; attach the streams before running the World");
  state.log.attach(streams.events_jsonl);
  state.series.attach(streams.timeseries_csv, streams.nodes_csv);
}

void RunRecorder::flush_history() {
  state_->log.flush();
  state_->series.flush();
}

}  // namespace jobsim::report
