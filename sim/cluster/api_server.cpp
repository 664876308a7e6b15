// Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (Delete,
// deletion finalizers), pkg/registry/core/pod/strategy.go (CheckGracefulDelete),
// pkg/registry/batch/job/strategy.go (DefaultGarbageCollectionPolicy: Orphan for batch/v1).
#include "jobsim/cluster/api_server.hpp"

#include <algorithm>
#include <cstdio>

#include "jobsim/api/defaults.hpp"
#include "jobsim/api/validation.hpp"
#include "jobsim/engine/distributions.hpp"

namespace jobsim::cluster {
namespace {

// Resource names as the API server spells them in messages.
std::string_view resource_of(api::Kind kind) {
  switch (kind) {
    case api::Kind::Pod: return "pods";
    case api::Kind::Job: return "jobs.batch";
    case api::Kind::CronJob: return "cronjobs.batch";
    case api::Kind::Node: return "nodes";
  }
  return "objects";
}

std::string_view qualified_kind(api::Kind kind) {
  switch (kind) {
    case api::Kind::Pod: return "Pod";
    case api::Kind::Job: return "Job.batch";
    case api::Kind::CronJob: return "CronJob.batch";
    case api::Kind::Node: return "Node";
  }
  return "Object";
}

template <class T> constexpr api::Kind kind_of();
template <> constexpr api::Kind kind_of<api::Pod>() { return api::Kind::Pod; }
template <> constexpr api::Kind kind_of<api::Job>() { return api::Kind::Job; }
template <> constexpr api::Kind kind_of<api::CronJob>() { return api::Kind::CronJob; }
template <> constexpr api::Kind kind_of<api::Node>() { return api::Kind::Node; }

std::vector<api::FieldError> validate(const api::Pod&) { return {}; }
std::vector<api::FieldError> validate(const api::Node&) { return {}; }
std::vector<api::FieldError> validate(const api::Job& job) { return api::validate_job(job); }
std::vector<api::FieldError> validate(const api::CronJob& cron_job) { return api::validate_cron_job(cron_job); }

void set_defaults(api::Pod& pod) { api::set_defaults_pod(pod); }
void set_defaults(api::Node& node) {
  if (node.status->allocatable == api::ResourceList{}) node.status.edit().allocatable = node.status->capacity;
}
void set_defaults(api::Job& job) { api::set_defaults_job(job); }
void set_defaults(api::CronJob& cron_job) { api::set_defaults_cron_job(cron_job); }

// Only the spec bumps metadata.generation (status and metadata writes do not).
bool spec_changed(const api::Pod& a, const api::Pod& b) { return !(a.spec == b.spec); }
bool spec_changed(const api::Node& a, const api::Node& b) { return !(a.spec == b.spec); }
bool spec_changed(const api::Job& a, const api::Job& b) { return !(a.spec == b.spec); }
bool spec_changed(const api::CronJob& a, const api::CronJob& b) { return !(a.spec == b.spec); }

// The store removes an object once it is marked for deletion, its grace period is over
// (deletionGracePeriodSeconds 0) and no finalizer is left.
bool ready_to_erase(const api::ObjectMeta& meta) {
  return meta.deletion_timestamp && meta.deletion_grace_period_seconds.value_or(0) == 0 &&
         meta.finalizers.empty();
}

}  // namespace

std::string_view to_string(PropagationPolicy policy) {
  switch (policy) {
    case PropagationPolicy::Orphan: return "Orphan";
    case PropagationPolicy::Background: return "Background";
    case PropagationPolicy::Foreground: return "Foreground";
  }
  return "";
}

ApiServer::ApiServer(const engine::Clock& clock, const engine::RandomStreams& streams)
    : clock_(clock), names_(streams.stream("apiserver/names")) {}

template <> Informer<api::Pod>& ApiServer::store_of<api::Pod>() { return pods_; }
template <> Informer<api::Job>& ApiServer::store_of<api::Job>() { return jobs_; }
template <> Informer<api::CronJob>& ApiServer::store_of<api::CronJob>() { return cron_jobs_; }
template <> Informer<api::Node>& ApiServer::store_of<api::Node>() { return nodes_; }

std::string ApiServer::next_uid() {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "uid-%06lld", static_cast<long long>(++uid_counter_));
  return buffer;
}

std::string ApiServer::generated_name(const std::string& prefix) {
  // Upstream names.SimpleNameGenerator: prefix truncated to 58 characters + 5 random ones.
  constexpr std::size_t kMaxGeneratedNameLength = 58;
  const std::string base = prefix.substr(0, kMaxGeneratedNameLength);
  return base + engine::random_suffix(names_, 5);
}

template <class T>
ApiResult ApiServer::create_object(Informer<T>& store, T&& object) {
  constexpr api::Kind kind = kind_of<T>();
  api::ObjectMeta& meta = object.metadata.edit();
  // Nodes are cluster-scoped: their key has an empty namespace.
  if constexpr (kind == api::Kind::Node) {
    meta.namespace_ = api::Name();
  } else if (meta.namespace_.empty()) {
    meta.namespace_ = "default";
  }
  if (meta.name.empty() && !meta.generate_name.empty()) {
    do {
      meta.name = generated_name(meta.generate_name);
    } while (store.find(meta.namespace_, meta.name) != api::kNoObject);
  }
  if (store.find(meta.namespace_, meta.name) != api::kNoObject) {
    return {ApiErrorCode::AlreadyExists, api::kNoObject,
            std::string(resource_of(kind)) + " \"" + meta.name + "\" already exists"};
  }
  if (meta.uid.empty()) meta.uid = next_uid();
  if (!meta.creation_timestamp) meta.creation_timestamp = clock_.now();
  meta.resource_version = ++resource_version_;
  meta.generation = 1;
  set_defaults(object);
  if (const auto errors = validate(object); !errors.empty()) {
    --resource_version_;
    // errors.NewInvalid: one error as is, several as an aggregate "[e1, e2]".
    std::string list;
    for (std::size_t i = 0; i < errors.size(); ++i) list += (i ? ", " : "") + errors[i].path + ": " + errors[i].message;
    std::string message = std::string(qualified_kind(kind)) + " \"" + meta.name + "\" is invalid: " +
                          (errors.size() > 1 ? "[" + list + "]" : list);
    return {ApiErrorCode::Invalid, api::kNoObject, std::move(message)};
  }
  const api::ObjectId id = store.id_limit();
  const api::ObjectId inserted = store.insert(std::move(object));
  JOBSIM_CHECK(inserted == id, "object ids must be assigned in insertion order");
  return {ApiErrorCode::Ok, id, {}};
}

template <class T>
ApiResult ApiServer::update_object(Informer<T>& store, api::ObjectId id, T&& object) {
  constexpr api::Kind kind = kind_of<T>();
  const T* current = store.get(id);
  if (current == nullptr) {
    return {ApiErrorCode::NotFound, id, std::string(resource_of(kind)) + " \"" + object.metadata->name + "\" not found"};
  }
  object.metadata.edit().resource_version = ++resource_version_;
  if (spec_changed(*current, object)) object.metadata.edit().generation = current->metadata->generation + 1;
  const bool erase = ready_to_erase(object.metadata);
  store.replace(id, std::move(object));
  if (erase) erase_object(store, id);
  return {ApiErrorCode::Ok, id, {}};
}

template <class T>
void ApiServer::erase_object(Informer<T>& store, api::ObjectId id) {
  const T* object = store.get(id);
  JOBSIM_CHECK(object != nullptr, "erase of a missing object");
  ++resource_version_;
  store.erase(id);
}

ApiResult ApiServer::create(api::Pod pod) { return create_object(pods_, std::move(pod)); }
ApiResult ApiServer::create(api::Job job) { return create_object(jobs_, std::move(job)); }
ApiResult ApiServer::create(api::CronJob cron_job) { return create_object(cron_jobs_, std::move(cron_job)); }
ApiResult ApiServer::create(api::Node node) { return create_object(nodes_, std::move(node)); }
ApiResult ApiServer::update(api::ObjectId id, api::Pod pod) { return update_object(pods_, id, std::move(pod)); }
ApiResult ApiServer::update(api::ObjectId id, api::Job job) { return update_object(jobs_, id, std::move(job)); }
ApiResult ApiServer::update(api::ObjectId id, api::CronJob cron_job) {
  return update_object(cron_jobs_, id, std::move(cron_job));
}
ApiResult ApiServer::update(api::ObjectId id, api::Node node) { return update_object(nodes_, id, std::move(node)); }

ApiResult ApiServer::remove_pod(api::ObjectId id, const DeleteOptions& options) {
  const api::Pod* current = pods_.get(id);
  if (current == nullptr) return {ApiErrorCode::NotFound, id, "pods not found"};
  if (!options.precondition_uid.empty() && options.precondition_uid != current->metadata->uid) {
    return {ApiErrorCode::Conflict, id, "Precondition failed: UID in precondition does not match"};
  }
  // CheckGracefulDelete: unscheduled and terminal pods are deleted at once.
  std::int64_t grace = options.grace_period_seconds.value_or(current->spec->termination_grace_period_seconds);
  if (current->spec->node_name.empty() || api::is_pod_terminal(*current)) grace = 0;
  api::Pod pod = *current;
  const api::SimTime now = clock_.now();
  if (pod.metadata->deletion_timestamp) {
    // rest.BeforeDelete on an object already being deleted: a grace period of 0 (or none) means
    // the deletion is completing; otherwise only a shorter grace period is taken, measured from
    // the first request, and never into the past (then 1 s, to stay graceful).
    const std::int64_t current_grace = pod.metadata->deletion_grace_period_seconds.value_or(0);
    if (current_grace == 0) return {ApiErrorCode::Ok, id, {}};
    if (grace >= current_grace) return {ApiErrorCode::Ok, id, {}};
    api::SimTime deletion = *pod.metadata->deletion_timestamp - std::chrono::seconds(current_grace) + std::chrono::seconds(grace);
    if (deletion < now) {
      deletion = now;
      if (grace != 0) grace = 1;
    }
    pod.metadata.edit().deletion_timestamp = deletion;
    pod.metadata.edit().deletion_grace_period_seconds = grace;
    return update_object(pods_, id, std::move(pod));
  }
  pod.metadata.edit().deletion_timestamp = now + std::chrono::seconds(grace);
  pod.metadata.edit().deletion_grace_period_seconds = grace;
  // The object stays (grace period or finalizers): its generation is bumped (markAsDeleting).
  if (grace > 0 || !pod.metadata->finalizers.empty()) ++pod.metadata.edit().generation;
  return update_object(pods_, id, std::move(pod));
}

template <class T>
ApiResult ApiServer::remove_owner(Informer<T>& store, api::ObjectId id, const DeleteOptions& options,
                                  PropagationPolicy default_policy) {
  const T* current = store.get(id);
  if (current == nullptr) return {ApiErrorCode::NotFound, id, std::string(resource_of(kind_of<T>())) + " not found"};
  if (!options.precondition_uid.empty() && options.precondition_uid != current->metadata->uid) {
    return {ApiErrorCode::Conflict, id, "Precondition failed: UID in precondition does not match"};
  }
  if (current->metadata->deletion_timestamp) return {ApiErrorCode::Ok, id, {}};
  T object = *current;
  const PropagationPolicy policy = options.propagation_policy.value_or(default_policy);
  if (policy == PropagationPolicy::Orphan) object.metadata.edit().finalizers.edit().emplace_back(api::kOrphanFinalizer);
  if (policy == PropagationPolicy::Foreground) {
    object.metadata.edit().finalizers.edit().emplace_back(api::kForegroundDeletionFinalizer);
  }
  object.metadata.edit().deletion_timestamp = clock_.now();
  object.metadata.edit().deletion_grace_period_seconds = 0;
  // markAsDeleting bumps the generation of an object that has to wait for finalizers.
  if (!object.metadata->finalizers.empty()) ++object.metadata.edit().generation;
  return update_object(store, id, std::move(object));
}

ApiResult ApiServer::remove(api::Kind kind, api::ObjectId id, const DeleteOptions& options) {
  switch (kind) {
    case api::Kind::Pod: return remove_pod(id, options);
    case api::Kind::Job: return remove_owner(jobs_, id, options, PropagationPolicy::Orphan);
    case api::Kind::CronJob: return remove_owner(cron_jobs_, id, options, PropagationPolicy::Background);
    case api::Kind::Node: return remove_owner(nodes_, id, options, PropagationPolicy::Background);
  }
  return {ApiErrorCode::NotFound, id, "unknown kind"};
}

}  // namespace jobsim::cluster
