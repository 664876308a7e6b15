// Upstream: kubectl/pkg/describe/describe.go describeJob, describeCronJob, describeJobTemplate,
// printActiveJobs, describeNode (v1.32). Simplifications in describeNode: no Addresses, Lease,
// PodCIDR or most of System Info (jobsim models none of them); heartbeat time = transition time.
#include <algorithm>
#include <array>  // std::array (one-node span)
#include <tuple>  // std::tie

#include "jobsim/report/kubectl.hpp"
#include "jobsim/report/kubectl_duration.hpp"
#include "jobsim/report/kubectl_tables.hpp"
#include "kubectl_describe.hpp"
#include "kubectl_resources.hpp"

namespace jobsim::report::kubectl {
namespace {

std::string bool_text(bool value) { return value ? "true" : "false"; }  // Go's %v of a bool

// capIndexesListOrNone: the first ~50 characters of an index list, cut after a comma.
std::string cap_indexes_list_or_none(const std::string& indexes, std::size_t soft_limit) {
  if (indexes.empty()) return "<none>";
  std::size_t ix = soft_limit;
  for (; ix < indexes.size(); ++ix) {
    if (indexes[ix] == ',') break;
  }
  if (ix >= indexes.size()) return indexes;
  return indexes.substr(0, ix + 1) + "...";
}

std::string describe_job(const api::Job& job, const std::vector<StoredEvent>& events, engine::SimTime now) {
  DescribeWriter w;
  const api::JobSpec& spec = job.spec;
  w.write(0, "Name:\t" + job.metadata->name + "\n");
  w.write(0, "Namespace:\t" + job.metadata->namespace_ + "\n");
  w.write(0, "Selector:\t" + selector_string(spec.selector) + "\n");
  print_labels_multiline(w, "Labels", job.metadata->labels);
  print_annotations_multiline(w, "Annotations", job.metadata->annotations);
  if (const std::string owner = print_controller(job.metadata); !owner.empty()) w.write(0, "Controlled By:\t" + owner + "\n");
  if (spec.parallelism) w.write(0, "Parallelism:\t" + std::to_string(*spec.parallelism) + "\n");
  w.write(0, "Completions:\t" + (spec.completions ? std::to_string(*spec.completions) : "<unset>") + "\n");
  if (spec.completion_mode) w.write(0, "Completion Mode:\t" + std::string(api::to_string(*spec.completion_mode)) + "\n");
  if (spec.suspend) w.write(0, "Suspend:\t" + bool_text(*spec.suspend) + "\n");
  if (spec.backoff_limit) w.write(0, "Backoff Limit:\t" + std::to_string(*spec.backoff_limit) + "\n");
  if (spec.ttl_seconds_after_finished) {
    w.write(0, "TTL Seconds After Finished:\t" + std::to_string(*spec.ttl_seconds_after_finished) + "\n");
  }
  const auto& status = *job.status;
  if (status.start_time) w.write(0, "Start Time:\t" + rfc1123z(*status.start_time) + "\n");
  if (status.completion_time) w.write(0, "Completed At:\t" + rfc1123z(*status.completion_time) + "\n");
  if (status.start_time && status.completion_time) {
    w.write(0, "Duration:\t" +
                   human_duration(api_timestamp(*status.completion_time) - api_timestamp(*status.start_time)) + "\n");
  }
  if (spec.active_deadline_seconds) {
    w.write(0, "Active Deadline Seconds:\t" + std::to_string(*spec.active_deadline_seconds) + "s\n");
  }
  const std::string active = std::to_string(status.active);
  w.write(0, "Pods Statuses:\t" + active + (status.ready ? " Active (" + std::to_string(*status.ready) + " Ready)" : " Active") +
                 " / " + std::to_string(status.succeeded) + " Succeeded / " + std::to_string(status.failed) + " Failed\n");
  if (spec.completion_mode == api::CompletionMode::Indexed) {
    w.write(0, "Completed Indexes:\t" + cap_indexes_list_or_none(status.completed_indexes, 50) + "\n");
  }
  describe_pod_template(w, spec.template_);
  describe_events(w, events, now);
  return w.str();
}

std::string describe_cron_job(const api::CronJob& cron_job, const std::vector<StoredEvent>& events,
                              engine::SimTime now) {
  DescribeWriter w;
  const api::CronJobSpec& spec = cron_job.spec;
  w.write(0, "Name:\t" + cron_job.metadata->name + "\n");
  w.write(0, "Namespace:\t" + cron_job.metadata->namespace_ + "\n");
  print_labels_multiline(w, "Labels", cron_job.metadata->labels);
  print_annotations_multiline(w, "Annotations", cron_job.metadata->annotations);
  w.write(0, "Schedule:\t" + spec.schedule + "\n");
  w.write(0, "Concurrency Policy:\t" +
                 (spec.concurrency_policy ? std::string(api::to_string(*spec.concurrency_policy)) : "") + "\n");
  w.write(0, "Suspend:\t" + (!spec.suspend ? std::string("<unset>") : (*spec.suspend ? "True" : "False")) + "\n");
  auto optional_int = [](const auto& value) { return value ? std::to_string(*value) : std::string("<unset>"); };
  w.write(0, "Successful Job History Limit:\t" + optional_int(spec.successful_jobs_history_limit) + "\n");
  w.write(0, "Failed Job History Limit:\t" + optional_int(spec.failed_jobs_history_limit) + "\n");
  w.write(0, "Starting Deadline Seconds:\t" +
                 (spec.starting_deadline_seconds ? std::to_string(*spec.starting_deadline_seconds) + "s" : "<unset>") +
                 "\n");
  // describeJobTemplate
  const api::JobSpec& job_spec = spec.job_template.spec;
  w.write(0, "Selector:\t" + (job_spec.selector ? selector_string(job_spec.selector) : "<unset>") + "\n");
  w.write(0, "Parallelism:\t" + optional_int(job_spec.parallelism) + "\n");
  w.write(0, "Completions:\t" + optional_int(job_spec.completions) + "\n");
  if (job_spec.active_deadline_seconds) {
    w.write(0, "Active Deadline Seconds:\t" + std::to_string(*job_spec.active_deadline_seconds) + "s\n");
  }
  describe_pod_template(w, job_spec.template_);
  w.write(0, "Last Schedule Time:\t" +
                 (cron_job.status->last_schedule_time ? rfc1123z(*cron_job.status->last_schedule_time) : "<unset>") + "\n");
  std::string active;
  for (const api::ObjectReference& job : cron_job.status->active) active += (active.empty() ? "" : ", ") + job.name;
  w.write(0, "Active Jobs:\t" + (active.empty() ? "<none>" : active) + "\n");
  describe_events(w, events, now);
  return w.str();
}

std::string percent(std::int64_t part, std::optional<std::int64_t> whole) {
  if (!whole || *whole == 0) return "0%";  // Go divides by zero into +Inf; int64(+Inf) is not useful
  return std::to_string(static_cast<std::int64_t>(static_cast<double>(part) / static_cast<double>(*whole) * 100)) + "%";
}

std::string describe_node(const api::Node& node, const cluster::ApiServer& server,
                          const std::vector<StoredEvent>& events, engine::SimTime now) {
  DescribeWriter w;
  w.write(0, "Name:\t" + node.metadata->name + "\n");
  const Table table = node_table(std::span<const api::Node* const>(std::array{&node}), now, false);
  w.write(0, "Roles:\t" + table.rows.front()[2] + "\n");
  print_labels_multiline(w, "Labels", node.metadata->labels);
  print_annotations_multiline(w, "Annotations", node.metadata->annotations);
  w.write(0, "CreationTimestamp:\t" +
                 (node.metadata->creation_timestamp ? rfc1123z(*node.metadata->creation_timestamp) : "") + "\n");
  w.write(0, "Taints:\t");
  if (node.spec->taints.empty()) w.write(0, "<none>\n");
  for (std::size_t i = 0; i < node.spec->taints.size(); ++i) {
    const api::Taint& taint = node.spec->taints[i];
    if (i != 0) w.write(0, "\t");
    w.write(0, taint.key + (taint.value.empty() ? "" : "=" + taint.value) + ":" + taint.effect + "\n");
  }
  w.write(0, "Unschedulable:\t" + bool_text(node.spec->unschedulable) + "\n");
  if (!node.status->conditions.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const api::NodeCondition& condition : node.status->conditions) {
      const std::string transition = condition.last_transition_time ? rfc1123z(*condition.last_transition_time) : "";
      w.write(1, condition.type + " \t" + std::string(api::to_string(condition.status)) + " \t" + transition + " \t" +
                     transition + " \t" + condition.reason + " \t" + condition.message + "\n");
    }
  }
  auto resources = [&](std::string_view title, const api::ResourceList& list) {
    w.write(0, std::string(title) + ":\n");
    if (list.cpu_millis) w.write(1, "cpu:\t" + api::format_cpu(*list.cpu_millis) + "\n");
    if (list.memory_bytes) w.write(1, "memory:\t" + api::format_memory(*list.memory_bytes) + "\n");
    if (list.pods) w.write(1, "pods:\t" + std::to_string(*list.pods) + "\n");
  };
  resources("Capacity", node.status->capacity);
  resources("Allocatable", node.status->allocatable);
  w.write(0, "System Info:\n");
  w.write(1, "Kubelet Version:\t" + std::string(kKubeletVersion) + "\n");
  std::vector<const api::Pod*> pods;
  server.pods().for_each([&](api::ObjectId, const api::Pod& pod) {
    if (pod.spec->node_name == node.metadata->name && !api::is_pod_terminal(pod)) pods.push_back(&pod);
  });
  std::ranges::sort(pods, {}, [](const api::Pod* pod) { return std::tie(pod->metadata->namespace_, pod->metadata->name); });
  const api::ResourceList& allocatable = node.status->allocatable;
  w.write(0, "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n");
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  std::int64_t cpu_requests = 0, cpu_limits = 0, memory_requests = 0, memory_limits = 0;
  for (const api::Pod* pod : pods) {
    std::int64_t cpu_request = 0, cpu_limit = 0, memory_request = 0, memory_limit = 0;
    for (const api::Container& container : pod->spec->containers) {
      cpu_request += container.resources.requests.cpu_millis.value_or(0);
      cpu_limit += container.resources.limits.cpu_millis.value_or(0);
      memory_request += container.resources.requests.memory_bytes.value_or(0);
      memory_limit += container.resources.limits.memory_bytes.value_or(0);
    }
    cpu_requests += cpu_request;
    cpu_limits += cpu_limit;
    memory_requests += memory_request;
    memory_limits += memory_limit;
    w.write(1, pod->metadata->namespace_ + "\t" + pod->metadata->name + "\t\t" + quantity("cpu", cpu_request) + " (" +
                   percent(cpu_request, allocatable.cpu_millis) + ")\t" + quantity("cpu", cpu_limit) + " (" +
                   percent(cpu_limit, allocatable.cpu_millis) + ")\t" + quantity("memory", memory_request) + " (" +
                   percent(memory_request, allocatable.memory_bytes) + ")\t" + quantity("memory", memory_limit) + " (" +
                   percent(memory_limit, allocatable.memory_bytes) + ")\t" +
                   translate_timestamp_since(pod->metadata->creation_timestamp, now) + "\n");
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  w.write(1, "cpu\t" + quantity("cpu", cpu_requests) + " (" + percent(cpu_requests, allocatable.cpu_millis) + ")\t" +
                 quantity("cpu", cpu_limits) + " (" + percent(cpu_limits, allocatable.cpu_millis) + ")\n");
  w.write(1, "memory\t" + quantity("memory", memory_requests) + " (" +
                 percent(memory_requests, allocatable.memory_bytes) + ")\t" + quantity("memory", memory_limits) + " (" +
                 percent(memory_limits, allocatable.memory_bytes) + ")\n");
  describe_events(w, events, now);
  return w.str();
}

}  // namespace

Output describe(const cluster::ApiServer& server, const EventStore& events, std::string_view resource,
                std::string_view name, engine::SimTime now, std::string_view namespace_) {
  const std::optional<api::Kind> kind = resolve_kind(resource);
  if (!kind) return unknown_resource(resource);
  auto find = [&](const auto& store, bool namespaced) -> decltype(store.get(0)) {
    return store.get(store.find(namespaced ? namespace_ : std::string_view(""), name));
  };
  Output output;
  switch (*kind) {
    case api::Kind::Job:
      if (const api::Job* job = find(server.jobs(), true)) {
        output.out = describe_job(*job, events.events_for(job->metadata->uid, now), now);
        return output;
      }
      break;
    case api::Kind::CronJob:
      if (const api::CronJob* cron_job = find(server.cron_jobs(), true)) {
        output.out = describe_cron_job(*cron_job, events.events_for(cron_job->metadata->uid, now), now);
        return output;
      }
      break;
    case api::Kind::Pod:
      if (const api::Pod* pod = find(server.pods(), true)) {
        output.out = describe_pod(*pod, events.events_for(pod->metadata->uid, now), now);
        return output;
      }
      break;
    case api::Kind::Node:
      if (const api::Node* node = find(server.nodes(), false)) {
        output.out = describe_node(*node, server, events.events_for(node->metadata->uid, now), now);
        return output;
      }
      break;
  }
  return not_found(*kind, name);
}

}  // namespace jobsim::report::kubectl
