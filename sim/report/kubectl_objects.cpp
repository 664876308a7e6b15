// API objects to JSON as the API server serializes them (k8s.io/api batch/v1 and core/v1
// types: field names, omitempty, int64 resourceVersion as a string, metav1.Time as RFC 3339
// seconds, zero metav1.Time as null). kubectl -o json prints with 4-space indents and Go's
// HTML-safe escaping of <, > and &.
#include <nlohmann/json.hpp>

#include "jobsim/api/resources.hpp"
#include "jobsim/report/kubectl_duration.hpp"
#include "jobsim/report/kubectl_objects.hpp"
#include "jobsim/report/kubectl_tables.hpp"
#include "kubectl_yaml.hpp"

namespace jobsim::report::kubectl {
namespace {

using nlohmann::json;

json time_value(const std::optional<engine::SimTime>& at) {
  return at ? json(engine::to_rfc3339(api_timestamp(*at))) : json(nullptr);
}

template <class T>
void set_optional(json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}
template <class T>
void set_optional(json& out, const char* key, const api::Boxed<T>& value) {
  if (value) out[key] = *value;
}
void set_string(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}
void set_map(json& out, const char* key, const api::Labels& map) {
  if (!map.empty()) out[key] = map;
}

json meta_json(const api::ObjectMeta& meta) {
  json out = json::object();
  set_map(out, "annotations", meta.annotations);
  out["creationTimestamp"] = time_value(meta.creation_timestamp);
  set_optional(out, "deletionGracePeriodSeconds", meta.deletion_grace_period_seconds);
  if (meta.deletion_timestamp) out["deletionTimestamp"] = time_value(meta.deletion_timestamp);
  if (!meta.finalizers.empty()) out["finalizers"] = meta.finalizers;
  set_string(out, "generateName", meta.generate_name);
  if (meta.generation != 0) out["generation"] = meta.generation;
  set_map(out, "labels", meta.labels);
  set_string(out, "name", meta.name);
  set_string(out, "namespace", meta.namespace_);
  if (!meta.owner_references.empty()) {
    json owners = json::array();
    for (const api::OwnerReference& owner : meta.owner_references) {
      json ref = {{"apiVersion", owner.api_version}, {"kind", owner.kind}, {"name", owner.name}, {"uid", owner.uid}};
      if (owner.block_owner_deletion) ref["blockOwnerDeletion"] = true;
      if (owner.controller) ref["controller"] = true;
      owners.push_back(std::move(ref));
    }
    out["ownerReferences"] = std::move(owners);
  }
  if (meta.resource_version != 0) out["resourceVersion"] = std::to_string(meta.resource_version);
  set_string(out, "uid", meta.uid);
  return out;
}

json resource_list_json(const api::ResourceList& list) {
  json out = json::object();
  if (list.cpu_millis) out["cpu"] = api::format_cpu(*list.cpu_millis);
  if (list.memory_bytes) out["memory"] = api::format_memory(*list.memory_bytes);
  if (list.pods) out["pods"] = std::to_string(*list.pods);
  for (const auto& [name, value] : list.other) out[name] = value;
  return out;
}

json container_json(const api::Container& container) {
  json out = {{"name", container.name}, {"image", container.image}};
  if (!container.command.empty()) out["command"] = container.command;
  if (!container.args.empty()) out["args"] = container.args;
  if (!container.env.empty()) {
    json env = json::array();
    for (const api::EnvVar& var : container.env) {
      json entry = {{"name", var.name}};
      if (var.value_from) {
        entry["valueFrom"] = json::object();
      } else {
        set_string(entry, "value", var.value);
      }
      env.push_back(std::move(entry));
    }
    out["env"] = std::move(env);
  }
  json resources = json::object();  // a struct: printed as {} when empty
  if (json limits = resource_list_json(container.resources.limits); !limits.empty()) resources["limits"] = limits;
  if (json requests = resource_list_json(container.resources.requests); !requests.empty()) {
    resources["requests"] = requests;
  }
  out["resources"] = std::move(resources);
  return out;
}

json pod_spec_json(const api::PodSpec& spec) {
  json out = json::object();
  set_optional(out, "activeDeadlineSeconds", spec.active_deadline_seconds);
  json containers = json::array();
  for (const api::Container& container : spec.containers) containers.push_back(container_json(container));
  out["containers"] = std::move(containers);
  set_string(out, "hostname", spec.hostname);
  if (!spec.init_containers.empty()) {
    json init = json::array();
    for (const api::Container& container : spec.init_containers) init.push_back(container_json(container));
    out["initContainers"] = std::move(init);
  }
  set_string(out, "nodeName", spec.node_name);
  set_map(out, "nodeSelector", spec.node_selector);
  set_string(out, "priorityClassName", spec.priority_class_name);
  out["restartPolicy"] = std::string(api::to_string(spec.restart_policy));
  set_string(out, "schedulerName", spec.scheduler_name);
  set_string(out, "serviceAccountName", spec.service_account_name);
  set_string(out, "subdomain", spec.subdomain);
  out["terminationGracePeriodSeconds"] = spec.termination_grace_period_seconds;
  if (!spec.tolerations.empty()) {
    json tolerations = json::array();
    for (const api::Toleration& toleration : spec.tolerations) {
      json entry = json::object();
      set_string(entry, "effect", toleration.effect);
      set_string(entry, "key", toleration.key);
      set_string(entry, "operator", toleration.operator_);
      set_optional(entry, "tolerationSeconds", toleration.toleration_seconds);
      set_string(entry, "value", toleration.value);
      tolerations.push_back(std::move(entry));
    }
    out["tolerations"] = std::move(tolerations);
  }
  return out;
}

json template_json(const api::Labels& labels, const api::Labels& annotations, json spec) {
  json metadata = {{"creationTimestamp", nullptr}};  // what the API server returns for an embedded template
  set_map(metadata, "annotations", annotations);
  set_map(metadata, "labels", labels);
  return {{"metadata", std::move(metadata)}, {"spec", std::move(spec)}};
}

json selector_json(const api::LabelSelector& selector) {
  json out = json::object();
  set_map(out, "matchLabels", selector.match_labels);
  return out;
}

json job_spec_json(const api::JobSpec& spec) {
  json out = json::object();
  set_optional(out, "activeDeadlineSeconds", spec.active_deadline_seconds);
  set_optional(out, "backoffLimit", spec.backoff_limit);
  set_optional(out, "backoffLimitPerIndex", spec.backoff_limit_per_index);
  if (spec.completion_mode) out["completionMode"] = std::string(api::to_string(*spec.completion_mode));
  set_optional(out, "completions", spec.completions);
  set_optional(out, "managedBy", spec.managed_by);
  set_optional(out, "manualSelector", spec.manual_selector);
  set_optional(out, "maxFailedIndexes", spec.max_failed_indexes);
  set_optional(out, "parallelism", spec.parallelism);
  if (spec.pod_failure_policy) {
    json rules = json::array();
    for (const api::PodFailurePolicyRule& rule : spec.pod_failure_policy->rules) {
      json entry = {{"action", std::string(api::to_string(rule.action))}};
      if (rule.on_exit_codes) {
        json codes = {{"operator", rule.on_exit_codes->operator_ == api::PodFailurePolicyOnExitCodesOperator::In ? "In"
                                                                                                               : "NotIn"},
                      {"values", rule.on_exit_codes->values}};
        set_optional(codes, "containerName", rule.on_exit_codes->container_name);
        entry["onExitCodes"] = std::move(codes);
      }
      if (!rule.on_pod_conditions.empty()) {
        json patterns = json::array();
        for (const auto& pattern : rule.on_pod_conditions) {
          patterns.push_back({{"status", std::string(api::to_string(pattern.status))}, {"type", pattern.type}});
        }
        entry["onPodConditions"] = std::move(patterns);
      }
      rules.push_back(std::move(entry));
    }
    out["podFailurePolicy"] = {{"rules", std::move(rules)}};
  }
  if (spec.pod_replacement_policy) {
    out["podReplacementPolicy"] = std::string(api::to_string(*spec.pod_replacement_policy));
  }
  if (spec.selector) out["selector"] = selector_json(*spec.selector);
  if (spec.success_policy) {
    json rules = json::array();
    for (const api::SuccessPolicyRule& rule : spec.success_policy->rules) {
      json entry = json::object();
      set_optional(entry, "succeededCount", rule.succeeded_count);
      set_optional(entry, "succeededIndexes", rule.succeeded_indexes);
      rules.push_back(std::move(entry));
    }
    out["successPolicy"] = {{"rules", std::move(rules)}};
  }
  set_optional(out, "suspend", spec.suspend);
  out["template"] = template_json(spec.template_.labels, spec.template_.annotations, pod_spec_json(spec.template_.spec));
  set_optional(out, "ttlSecondsAfterFinished", spec.ttl_seconds_after_finished);
  return out;
}

// Job and Pod conditions print alike; pods have no lastProbeTime in our model (kubectl shows null).
json last_probe_time(const api::JobCondition& condition) { return time_value(condition.last_probe_time); }
json last_probe_time(const api::PodCondition&) { return nullptr; }

template <class Condition>
json conditions_json(const std::vector<Condition>& conditions) {
  json out = json::array();
  for (const Condition& condition : conditions) {
    json entry = {{"lastProbeTime", last_probe_time(condition)},
                  {"lastTransitionTime", time_value(condition.last_transition_time)},
                  {"status", std::string(api::to_string(condition.status))},
                  {"type", condition.type}};
    set_string(entry, "message", condition.message);
    set_string(entry, "reason", condition.reason);
    out.push_back(std::move(entry));
  }
  return out;
}

json job_json(const api::Job& job) {
  json status = json::object();
  const api::JobStatus& s = job.status;
  if (s.active != 0) status["active"] = s.active;
  set_string(status, "completedIndexes", s.completed_indexes);
  if (s.completion_time) status["completionTime"] = time_value(s.completion_time);
  if (!s.conditions.empty()) status["conditions"] = conditions_json(s.conditions);
  if (s.failed != 0) status["failed"] = s.failed;
  set_optional(status, "failedIndexes", s.failed_indexes);
  set_optional(status, "ready", s.ready);
  if (s.start_time) status["startTime"] = time_value(s.start_time);
  if (s.succeeded != 0) status["succeeded"] = s.succeeded;
  set_optional(status, "terminating", s.terminating);
  if (s.uncounted_terminated_pods) {
    json uncounted = json::object();
    if (!s.uncounted_terminated_pods->failed.empty()) uncounted["failed"] = s.uncounted_terminated_pods->failed;
    if (!s.uncounted_terminated_pods->succeeded.empty()) {
      uncounted["succeeded"] = s.uncounted_terminated_pods->succeeded;
    }
    status["uncountedTerminatedPods"] = std::move(uncounted);
  }
  return {{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", meta_json(job.metadata)},
          {"spec", job_spec_json(job.spec)}, {"status", std::move(status)}};
}

json cron_job_json(const api::CronJob& cron_job) {
  const api::CronJobSpec& spec = cron_job.spec;
  json out_spec = json::object();
  if (spec.concurrency_policy) out_spec["concurrencyPolicy"] = std::string(api::to_string(*spec.concurrency_policy));
  set_optional(out_spec, "failedJobsHistoryLimit", spec.failed_jobs_history_limit);
  out_spec["jobTemplate"] = template_json(spec.job_template.labels, spec.job_template.annotations,
                                          job_spec_json(spec.job_template.spec));
  out_spec["schedule"] = spec.schedule;
  set_optional(out_spec, "startingDeadlineSeconds", spec.starting_deadline_seconds);
  set_optional(out_spec, "successfulJobsHistoryLimit", spec.successful_jobs_history_limit);
  set_optional(out_spec, "suspend", spec.suspend);
  set_optional(out_spec, "timeZone", spec.time_zone);
  json status = json::object();
  if (!cron_job.status->active.empty()) {
    json active = json::array();
    for (const api::ObjectReference& ref : cron_job.status->active) {
      json entry = {{"apiVersion", ref.api_version}, {"kind", ref.kind}, {"name", ref.name}};
      set_string(entry, "namespace", ref.namespace_);
      if (ref.resource_version != 0) entry["resourceVersion"] = std::to_string(ref.resource_version);
      set_string(entry, "uid", ref.uid);
      active.push_back(std::move(entry));
    }
    status["active"] = std::move(active);
  }
  if (cron_job.status->last_schedule_time) status["lastScheduleTime"] = time_value(cron_job.status->last_schedule_time);
  if (cron_job.status->last_successful_time) {
    status["lastSuccessfulTime"] = time_value(cron_job.status->last_successful_time);
  }
  return {{"apiVersion", "batch/v1"}, {"kind", "CronJob"}, {"metadata", meta_json(cron_job.metadata)},
          {"spec", std::move(out_spec)}, {"status", std::move(status)}};
}

json container_state_json(const api::ContainerState& state) {
  switch (state.kind) {
    case api::ContainerStateKind::Running: return {{"running", {{"startedAt", time_value(state.started_at)}}}};
    case api::ContainerStateKind::Waiting: {
      json waiting = json::object();
      set_string(waiting, "message", state.message);
      set_string(waiting, "reason", state.reason);
      return {{"waiting", std::move(waiting)}};
    }
    case api::ContainerStateKind::Terminated: {
      json terminated = {{"exitCode", state.exit_code},
                         {"finishedAt", time_value(state.finished_at)},
                         {"startedAt", time_value(state.started_at)}};
      set_string(terminated, "message", state.message);
      set_string(terminated, "reason", state.reason);
      return {{"terminated", std::move(terminated)}};
    }
  }
  return json::object();
}

json pod_json(const api::Pod& pod) {
  json status = {{"phase", std::string(api::to_string(pod.status->phase))}};
  if (!pod.status->conditions.empty()) status["conditions"] = conditions_json(pod.status->conditions);
  if (!pod.status->container_statuses.empty()) {
    json statuses = json::array();
    for (const api::ContainerStatus& container : pod.status->container_statuses) {
      statuses.push_back({{"image", container.image},
                          {"lastState", container.last_termination_state
                                            ? container_state_json(*container.last_termination_state)
                                            : json::object()},
                          {"name", container.name},
                          {"ready", container.ready},
                          {"restartCount", container.restart_count},
                          {"state", container_state_json(container.state)}});
    }
    status["containerStatuses"] = std::move(statuses);
  }
  set_string(status, "message", pod.status->message);
  set_string(status, "reason", pod.status->reason);
  if (pod.status->start_time) status["startTime"] = time_value(pod.status->start_time);
  return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta_json(pod.metadata)},
          {"spec", pod_spec_json(pod.spec)}, {"status", std::move(status)}};
}

json node_json(const api::Node& node) {
  json spec = json::object();
  if (!node.spec->taints.empty()) {
    json taints = json::array();
    for (const api::Taint& taint : node.spec->taints) {
      json entry = {{"effect", taint.effect}, {"key", taint.key}};
      if (taint.time_added) entry["timeAdded"] = time_value(taint.time_added);
      set_string(entry, "value", taint.value);
      taints.push_back(std::move(entry));
    }
    spec["taints"] = std::move(taints);
  }
  if (node.spec->unschedulable) spec["unschedulable"] = true;
  json conditions = json::array();
  for (const api::NodeCondition& condition : node.status->conditions) {
    json entry = {{"lastHeartbeatTime", time_value(condition.last_transition_time)},
                  {"lastTransitionTime", time_value(condition.last_transition_time)},
                  {"status", std::string(api::to_string(condition.status))},
                  {"type", condition.type}};
    set_string(entry, "message", condition.message);
    set_string(entry, "reason", condition.reason);
    conditions.push_back(std::move(entry));
  }
  json status = {{"allocatable", resource_list_json(node.status->allocatable)},
                 {"capacity", resource_list_json(node.status->capacity)},
                 {"nodeInfo", {{"kubeletVersion", std::string(kKubeletVersion)}}}};
  if (!conditions.empty()) status["conditions"] = std::move(conditions);
  return {{"apiVersion", "v1"}, {"kind", "Node"}, {"metadata", meta_json(node.metadata)},
          {"spec", std::move(spec)}, {"status", std::move(status)}};
}

json view_json(const ObjectView& view) {
  if (view.job) return job_json(*view.job);
  if (view.cron_job) return cron_job_json(*view.cron_job);
  if (view.pod) return pod_json(*view.pod);
  return node_json(*view.node);
}

json document(std::span<const ObjectView> objects, bool list) {
  if (!list) return view_json(objects.front());
  json items = json::array();
  for (const ObjectView& view : objects) items.push_back(view_json(view));
  return {{"apiVersion", "v1"}, {"items", std::move(items)}, {"kind", "List"}, {"metadata", {{"resourceVersion", ""}}}};
}

}  // namespace

std::string objects_to_json(std::span<const ObjectView> objects, bool list) {
  const std::string text = document(objects, list).dump(4);
  std::string out;  // Go's json.Marshal escapes <, > and & (HTML-safe); they only occur in strings
  out.reserve(text.size() + 1);
  for (const char ch : text) {
    if (ch == '<') out += "\\u003c";
    else if (ch == '>') out += "\\u003e";
    else if (ch == '&') out += "\\u0026";
    else out += ch;
  }
  out += '\n';
  return out;
}

std::string objects_to_yaml(std::span<const ObjectView> objects, bool list) {
  return to_yaml(document(objects, list));
}

}  // namespace jobsim::report::kubectl
