// CronJobController: the batch/v1 CronJob controller of kube-controller-manager (ControllerV2).
// Upstream: pkg/controller/cronjob/cronjob_controllerv2.go (v1.31+). Shape kept from upstream:
// informer handlers only enqueue keys (and keep two in-memory indexes), sync reads the CronJob
// and its Jobs from the cache, cleans up finished Jobs, reconciles (sync_cron_job) and writes
// the status once; process_next_work_item turns the result into requeues. Simplifications: one
// worker; the informer cache is the API store, so upstream's "fresh GET" re-reads see what the
// lister sees; no global 10 qps bucket in the rate limiter (per-key 5 ms·2^n up to 1000 s).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/controllers/cronjob/schedule.hpp"
#include "jobsim/controllers/work_queue.hpp"
#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::cronjob {

// Event reasons, verbatim (cronjob_controllerv2.go, utils.go).
namespace reason {
inline constexpr std::string_view kSuccessfulCreate = "SuccessfulCreate";
inline constexpr std::string_view kSuccessfulDelete = "SuccessfulDelete";
inline constexpr std::string_view kSawCompletedJob = "SawCompletedJob";
inline constexpr std::string_view kJobAlreadyActive = "JobAlreadyActive";
inline constexpr std::string_view kMissingJob = "MissingJob";
inline constexpr std::string_view kUnexpectedJob = "UnexpectedJob";
inline constexpr std::string_view kTooManyMissedTimes = "TooManyMissedTimes";
inline constexpr std::string_view kMissSchedule = "MissSchedule";
inline constexpr std::string_view kUnparseableSchedule = "UnparseableSchedule";
inline constexpr std::string_view kUnParseableCronJobSchedule = "UnParseableCronJobSchedule";
inline constexpr std::string_view kInvalidSchedule = "InvalidSchedule";
inline constexpr std::string_view kUnknownTimeZone = "UnknownTimeZone";
inline constexpr std::string_view kUnsupportedSchedule = "UnsupportedSchedule";
inline constexpr std::string_view kFailedCreate = "FailedCreate";
inline constexpr std::string_view kFailedDelete = "FailedDelete";
inline constexpr std::string_view kFailedGet = "FailedGet";
}  // namespace reason

inline constexpr std::string_view kCronJobControllerSource = "cronjob-controller";

// SyncResult is upstream's (*time.Duration, error) from sync: when to look again (nullopt:
// only when something changes), and the error that makes the key retry with backoff.
struct SyncResult {
  std::optional<Duration> requeue_after;
  std::optional<std::string> error;
  bool operator==(const SyncResult&) const = default;
};

class CronJobController {
 public:
  // `local_zone` is kube-controller-manager's local time zone (scenario cluster.timeZone):
  // schedules without spec.timeZone are evaluated in it.
  CronJobController(engine::Simulator& sim, cluster::Informer<api::CronJob>& cron_jobs,
                    cluster::Informer<api::Job>& jobs, cluster::Client& client, cluster::EventRecorder recorder,
                    cron::TimeZone local_zone);

  // stop models kube-controller-manager going down: the queue (and its timers) is lost.
  // start() brings it back and syncs every CronJob, as informers deliver every object on start.
  void stop();
  void start();
  // attach_lifecycle: the controller announces on `signals` the Jobs it deletes and why
  // (Replace, history cleanup; cluster/lifecycle.hpp).
  void attach_lifecycle(cluster::LifecycleSignals& signals) { lifecycle_ = &signals; }
  bool running() const { return running_; }

  // sync reconciles one CronJob once (upstream sync): cleanupFinishedJobs, then syncCronJob,
  // then one status write if anything changed. Public so that tests can drive it directly.
  SyncResult sync(api::ObjectId id);

 private:
  // The outcome of sync_cron_job: upstream's (requeueAfter, updateStatus, err).
  struct Outcome {
    std::optional<Duration> requeue_after;
    bool update_status = false;
    std::optional<std::string> error;
  };
  // The parsed schedule of one CronJob, re-parsed only when schedule or timeZone change, so
  // that a sync does no string parsing.
  struct CachedSchedule {
    std::string schedule;
    std::optional<std::string> time_zone;
    std::optional<std::string> time_zone_error;  // spec.timeZone did not load
    bool unsupported_tz_in_schedule = false;     // UnsupportedSchedule on every sync
    std::optional<cron::Schedule> parsed;
    std::string parse_error;
    bool valid = false;  // false until first filled
  };

  void process_next_work_item(api::ObjectId id);

  // Informer handlers: resolve the owning CronJob and enqueue its key. Nothing else.
  void add_cron_job(api::ObjectId id, const api::CronJob& cron_job);
  void update_cron_job(api::ObjectId id, const api::CronJob& old_cron_job, const api::CronJob& new_cron_job);
  void delete_cron_job(api::ObjectId id, const api::CronJob& cron_job);
  void add_job(api::ObjectId id, const api::Job& job);
  void update_job(api::ObjectId id, const api::Job& old_job, const api::Job& cur_job);
  void delete_job(api::ObjectId id, const api::Job& job);
  api::ObjectId resolve_controller_ref(const api::Name& namespace_, const api::OwnerReference& ref) const;
  void index_job(api::ObjectId id, const api::Job& job);
  void unindex_job(api::ObjectId id);

  const CachedSchedule& cached_schedule(api::ObjectId id, const api::CronJob& cron_job);
  void get_jobs_to_be_reconciled(const api::CronJob& cron_job);
  bool cleanup_finished_jobs(api::ObjectId id, api::CronJob& cron_job);
  bool remove_oldest_jobs(api::ObjectId id, api::CronJob& cron_job, std::vector<std::size_t>& finished,
                          std::int32_t max_jobs);
  std::vector<std::size_t> successful_scratch_;
  std::vector<std::size_t> failed_scratch_;
  // reap_job is upstream's free function deleteJob (the handler of the same name is above);
  // `why` is what the lifecycle signal announces (CronJob `id`'s Job deleted for it).
  bool reap_job(api::ObjectId id, api::CronJob& cron_job, api::ObjectId job_id, const api::Job& job,
                cluster::CronJobDeleteReason why);
  Outcome sync_cron_job(api::ObjectId id, api::CronJob& cron_job);

  engine::Simulator& sim_;
  cluster::Informer<api::CronJob>& cron_jobs_;
  cluster::Informer<api::Job>& jobs_;
  cluster::Client& client_;
  cluster::LifecycleSignals* lifecycle_ = nullptr;
  cluster::EventRecorder recorder_;
  cron::TimeZone local_zone_;
  WorkQueue queue_;
  bool running_ = true;

  std::unordered_map<api::ObjectId, CachedSchedule> schedules_;
  std::unordered_map<api::Name, api::ObjectId, api::NameHash, api::NameEqual> cron_job_by_uid_;
  // Jobs by namespace and controllerRef name (upstream lists the namespace and keeps Jobs whose
  // controller reference has the CronJob's name), in creation (id) order. A CronJob has a few
  // Jobs (history limits plus the active ones): a sorted vector, not a node per Job.
  struct OwnerKey {
    api::Name namespace_;
    api::Name name;
    bool operator==(const OwnerKey&) const = default;
  };
  struct OwnerKeyHash {
    std::size_t operator()(const OwnerKey& key) const noexcept { return key.namespace_.hash() * 31 + key.name.hash(); }
  };
  std::unordered_map<OwnerKey, std::vector<api::ObjectId>, OwnerKeyHash> jobs_by_owner_;
  std::unordered_map<api::ObjectId, OwnerKey> owner_of_job_;

  // Per-sync scratch, reused so that a sync does not allocate: the CronJob's Jobs, and copies
  // of the Jobs this sync deleted (upstream keeps using the listed objects after a delete).
  // deleted_ is reserved for every listed Job at the start of a sync, so that listed_ can point
  // into it: a deque here allocated one large block per deleted Job, and that allocation cost
  // grew with the fragmented heap of a long run (docs/performance.md, issue #3).
  struct ListedJob {
    api::ObjectId id;
    const api::Job* job;
  };
  std::vector<ListedJob> listed_;
  std::vector<api::Job> deleted_;
};

}  // namespace jobsim::controllers::cronjob
