// Upstream: kubectl/pkg/describe/describe.go describePod (v1.32), and the QoS class of
// pkg/apis/core/v1/helper/qos GetPodQOS (cpu and memory only). The Priority and
// ServiceAccount admission plugins set priority 0 and serviceAccountName "default" on every
// pod; jobsim does not store them, so describe prints what the API server would hold.
#include "jobsim/report/kubectl_duration.hpp"
#include "kubectl_describe.hpp"

namespace jobsim::report::kubectl {
namespace {

std::string qos_class(const api::Pod& pod) {
  bool any = false;
  bool guaranteed = true;
  for (const api::Container& container : pod.spec->containers) {
    const api::ResourceList& requests = container.resources.requests;
    const api::ResourceList& limits = container.resources.limits;
    if (requests.cpu_millis || requests.memory_bytes || limits.cpu_millis || limits.memory_bytes) any = true;
    // Guaranteed: cpu and memory limits set, and requests (defaulted from limits) equal to them.
    if (!limits.cpu_millis || !limits.memory_bytes) guaranteed = false;
    if (requests.cpu_millis && requests.cpu_millis != limits.cpu_millis) guaranteed = false;
    if (requests.memory_bytes && requests.memory_bytes != limits.memory_bytes) guaranteed = false;
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

}  // namespace

std::string describe_pod(const api::Pod& pod, const std::vector<StoredEvent>& events, engine::SimTime now) {
  DescribeWriter w;
  w.write(0, "Name:\t" + pod.metadata->name + "\n");
  w.write(0, "Namespace:\t" + pod.metadata->namespace_ + "\n");
  w.write(0, "Priority:\t0\n");
  if (!pod.spec->priority_class_name.empty()) w.write(0, "Priority Class Name:\t" + pod.spec->priority_class_name + "\n");
  w.write(0, "Service Account:\t" +
                 (pod.spec->service_account_name.empty() ? std::string("default") : pod.spec->service_account_name) + "\n");
  w.write(0, "Node:\t" + (pod.spec->node_name.empty() ? std::string("<none>") : pod.spec->node_name + "/") + "\n");
  if (pod.status->start_time) w.write(0, "Start Time:\t" + rfc1123z(*pod.status->start_time) + "\n");
  print_labels_multiline(w, "Labels", pod.metadata->labels);
  print_annotations_multiline(w, "Annotations", pod.metadata->annotations);
  if (pod.metadata->deletion_timestamp && !api::is_pod_terminal(pod)) {
    w.write(0, "Status:\tTerminating (lasts " + translate_timestamp_since(pod.metadata->deletion_timestamp, now) + ")\n");
    w.write(0, "Termination Grace Period:\t" + std::to_string(pod.metadata->deletion_grace_period_seconds.value_or(0)) +
                   "s\n");
  } else {
    w.write(0, "Status:\t" + std::string(api::to_string(pod.status->phase)) + "\n");
  }
  if (!pod.status->reason.empty()) w.write(0, "Reason:\t" + pod.status->reason + "\n");
  if (!pod.status->message.empty()) w.write(0, "Message:\t" + pod.status->message + "\n");
  w.write(0, "IP:\t\n");
  w.write(0, "IPs:\t<none>\n");
  if (const std::string owner = print_controller(pod.metadata); !owner.empty()) w.write(0, "Controlled By:\t" + owner + "\n");
  if (!pod.spec->init_containers.empty()) {
    describe_containers(w, "Init Containers", pod.spec->init_containers, {}, true, "");
  }
  describe_containers(w, "Containers", pod.spec->containers, pod.status->container_statuses, true, "");
  if (!pod.status->conditions.empty()) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const api::PodCondition& condition : pod.status->conditions) {
      w.write(1, condition.type + " \t" + std::string(api::to_string(condition.status)) + " \n");
    }
  }
  w.write(0, "Volumes:\t<none>\n");
  w.write(0, "QoS Class:\t" + qos_class(pod) + "\n");
  print_labels_multiline(w, "Node-Selectors", pod.spec->node_selector);
  print_tolerations_multiline(w, "Tolerations", pod.spec->tolerations);
  describe_events(w, events, now);
  return w.str();
}

}  // namespace jobsim::report::kubectl
