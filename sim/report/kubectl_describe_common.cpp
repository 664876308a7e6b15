// Upstream: kubectl/pkg/describe/describe.go printLabelsMultilineWithIndent,
// printAnnotationsMultiline, printTolerationsMultilineWithIndent, printController,
// describeContainers (and its helpers), DescribePodTemplate, DescribeEvents (v1.32).
// Not modelled, so printed empty: container ports, probes, volumes and mounts, container IDs.
#include <algorithm>

#include "jobsim/api/resources.hpp"
#include "jobsim/report/kubectl_duration.hpp"
#include "kubectl_describe.hpp"

namespace jobsim::report::kubectl {
namespace {

// Upstream maxAnnotationLen: longer annotations are printed on their own shortened lines.
constexpr std::size_t kMaxAnnotationLen = 140;

std::string shorten(std::string_view text, std::size_t max_length) {
  if (text.size() > max_length) return std::string(text.substr(0, max_length)) + "...";
  return std::string(text);
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    lines.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return lines;
    start = end + 1;
  }
}

void describe_resource_list(DescribeWriter& w, std::string_view title, const api::ResourceList& list, int level) {
  std::vector<std::pair<std::string, std::string>> entries;  // sorted by resource name
  if (list.cpu_millis) entries.emplace_back("cpu", api::format_cpu(*list.cpu_millis));
  if (list.memory_bytes) entries.emplace_back("memory", api::format_memory(*list.memory_bytes));
  if (list.pods) entries.emplace_back("pods", std::to_string(*list.pods));
  for (const auto& [name, value] : list.other) entries.emplace_back(name, value);
  if (entries.empty()) return;
  std::ranges::sort(entries);
  w.write(level, std::string(title) + ":\n");
  for (const auto& [name, value] : entries) w.write(level + 1, name + ":\t" + value + "\n");
}

// A time kubectl formats with Go's Time.Format: an unset (null) time is Go's zero time, as for
// the ContainerStatusUnknown state a kubelet writes after a reboot (no startedAt/finishedAt).
std::string go_time(const std::optional<engine::SimTime>& at) {
  return at ? rfc1123z(*at) : "Mon, 01 Jan 0001 00:00:00 +0000";
}

void describe_state(DescribeWriter& w, std::string_view name, const api::ContainerState& state) {
  switch (state.kind) {
    case api::ContainerStateKind::Running:
      w.write(2, std::string(name) + ":\tRunning\n");
      w.write(3, "Started:\t" + go_time(state.started_at) + "\n");
      return;
    case api::ContainerStateKind::Waiting:
      w.write(2, std::string(name) + ":\tWaiting\n");
      if (!state.reason.empty()) w.write(3, "Reason:\t" + state.reason + "\n");
      return;
    case api::ContainerStateKind::Terminated:
      w.write(2, std::string(name) + ":\tTerminated\n");
      if (!state.reason.empty()) w.write(3, "Reason:\t" + state.reason + "\n");
      if (!state.message.empty()) w.write(3, "Message:\t" + state.message + "\n");
      w.write(3, "Exit Code:\t" + std::to_string(state.exit_code) + "\n");
      w.write(3, "Started:\t" + go_time(state.started_at) + "\n");
      w.write(3, "Finished:\t" + go_time(state.finished_at) + "\n");
      return;
  }
}

}  // namespace

void print_labels_multiline(DescribeWriter& w, std::string_view title, const api::Labels& labels) {
  w.write(0, std::string(title) + ":\t");
  if (labels.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  bool first = true;
  for (const auto& [key, value] : labels) {  // std::map: sorted, as sort.Strings(keys)
    if (!first) w.write(0, "\t");
    first = false;
    w.write(0, key + "=" + value + "\n");
  }
}

void print_annotations_multiline(DescribeWriter& w, std::string_view title, const api::Labels& annotations) {
  w.write(0, std::string(title) + ":\t");
  // Upstream skips kubectl.kubernetes.io/last-applied-configuration; jobsim never writes it.
  if (annotations.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  bool first = true;
  for (const auto& [key, raw] : annotations) {
    if (!first) w.write(0, "\t");
    first = false;
    std::string_view value = raw;
    if (value.ends_with('\n')) value.remove_suffix(1);
    if (value.size() + key.size() + 2 > kMaxAnnotationLen || value.find('\n') != std::string_view::npos) {
      w.write(0, key + ":\n");
      for (const std::string& line : split_lines(value)) w.write(0, "\t  " + shorten(line, kMaxAnnotationLen - 2) + "\n");
    } else {
      w.write(0, key + ": " + std::string(value) + "\n");
    }
  }
}

void print_tolerations_multiline(DescribeWriter& w, std::string_view title, std::vector<api::Toleration> tolerations) {
  w.write(0, std::string(title) + ":\t");
  if (tolerations.empty()) {
    w.write(0, "<none>\n");
    return;
  }
  std::ranges::stable_sort(tolerations, {}, &api::Toleration::key);
  for (std::size_t i = 0; i < tolerations.size(); ++i) {
    const api::Toleration& toleration = tolerations[i];
    if (i != 0) w.write(0, "\t");
    std::string text = toleration.key;
    if (!toleration.value.empty()) text += "=" + toleration.value;
    if (!toleration.effect.empty()) text += ":" + toleration.effect;
    // operator Exists without a value tolerates everything matching the key/effect.
    if (toleration.operator_ == "Exists" && toleration.value.empty()) {
      text += (!toleration.key.empty() || !toleration.effect.empty()) ? " op=Exists" : "op=Exists";
    }
    if (toleration.toleration_seconds) text += " for " + std::to_string(*toleration.toleration_seconds) + "s";
    w.write(0, text + "\n");
  }
}

std::string print_controller(const api::ObjectMeta& meta) {
  const api::OwnerReference* owner = api::controller_ref(meta);
  return owner ? owner->kind + "/" + owner->name : "";
}

void describe_containers(DescribeWriter& w, std::string_view label, const std::vector<api::Container>& containers,
                         const std::vector<api::ContainerStatus>& statuses, bool with_statuses, std::string_view space) {
  w.write(0, std::string(space) + std::string(label) + ":" + (containers.empty() ? " <none>" : "") + "\n");
  const std::string name_indent = space.empty() ? "" : " ";
  for (const api::Container& container : containers) {
    const api::ContainerStatus* status = nullptr;
    if (with_statuses) {
      for (const api::ContainerStatus& candidate : statuses) {
        if (candidate.name == container.name) status = &candidate;
      }
    }
    w.write(1, name_indent + container.name + ":\n");
    if (status) w.write(2, "Container ID:\t\n");
    w.write(2, "Image:\t" + container.image + "\n");
    if (status) w.write(2, "Image ID:\t\n");
    w.write(2, "Port:\t<none>\n");
    w.write(2, "Host Port:\t<none>\n");
    if (!container.command.empty()) {
      w.write(2, "Command:\n");
      for (const std::string& part : container.command) {
        for (const std::string& line : split_lines(part)) w.write(3, line + "\n");
      }
    }
    if (!container.args.empty()) {
      w.write(2, "Args:\n");
      for (const std::string& part : container.args) {
        for (const std::string& line : split_lines(part)) w.write(3, line + "\n");
      }
    }
    if (status) {
      describe_state(w, "State", status->state);
      if (status->last_termination_state && status->last_termination_state->kind == api::ContainerStateKind::Terminated) {
        describe_state(w, "Last State", *status->last_termination_state);
      }
      w.write(2, std::string("Ready:\t") + (status->ready ? "True" : "False") + "\n");
      w.write(2, "Restart Count:\t" + std::to_string(status->restart_count) + "\n");
    }
    describe_resource_list(w, "Limits", container.resources.limits, 2);
    describe_resource_list(w, "Requests", container.resources.requests, 2);
    w.write(2, std::string("Environment:") + (container.env.empty() ? "\t<none>" : "") + "\n");
    for (const api::EnvVar& env : container.env) {
      if (env.value_from) {
        w.write(3, env.name + ":\t<set from valueFrom>\n");  // jobsim keeps no reference details
        continue;
      }
      const std::vector<std::string> lines = split_lines(env.value);
      for (std::size_t i = 0; i < lines.size(); ++i) w.write(3, (i == 0 ? env.name + ":\t" : "\t") + lines[i] + "\n");
    }
    w.write(2, "Mounts:\t<none>\n");
  }
}

void describe_pod_template(DescribeWriter& w, const api::PodTemplateSpec& pod_template) {
  w.write(0, "Pod Template:\n");
  print_labels_multiline(w, "  Labels", pod_template.labels);
  if (!pod_template.annotations.empty()) print_annotations_multiline(w, "  Annotations", pod_template.annotations);
  if (!pod_template.spec->service_account_name.empty()) {
    w.write(1, "Service Account:\t" + pod_template.spec->service_account_name + "\n");
  }
  if (!pod_template.spec->init_containers.empty()) {
    describe_containers(w, "Init Containers", pod_template.spec->init_containers, {}, false, "  ");
  }
  describe_containers(w, "Containers", pod_template.spec->containers, {}, false, "  ");
  w.write(0, "  Volumes:\t<none>\n");
  if (!pod_template.spec->priority_class_name.empty()) {
    w.write(1, "Priority Class Name:\t" + pod_template.spec->priority_class_name + "\n");
  }
  print_labels_multiline(w, "  Node-Selectors", pod_template.spec->node_selector);
  print_tolerations_multiline(w, "  Tolerations", pod_template.spec->tolerations);
}

void describe_events(DescribeWriter& w, const std::vector<StoredEvent>& events, engine::SimTime now) {
  if (events.empty()) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const StoredEvent& stored : events) {
    const std::string first = translate_timestamp_since(stored.event.time, now);
    const std::string interval = stored.count > 1 ? translate_timestamp_since(stored.last_timestamp, now) + " (x" +
                                                        std::to_string(stored.count) + " over " + first + ")"
                                                  : first;
    std::string message = stored.event.message.str();  // strings.TrimSpace
    message.erase(0, message.find_first_not_of(" \t\n\r"));
    message.erase(message.find_last_not_of(" \t\n\r") + 1);
    w.write(1, std::string(api::to_string(stored.event.type)) + "\t" + stored.event.reason + "\t" + interval + "\t" +
                   stored.event.source + "\t" + message + "\n");
  }
}

std::string selector_string(const std::optional<api::LabelSelector>& selector) {
  std::string text;
  if (!selector) return text;
  for (const auto& [key, value] : selector->match_labels) text += (text.empty() ? "" : ",") + key + "=" + value;
  return text;
}

std::string quantity(std::string_view resource, std::int64_t value) {
  if (resource == "cpu") return api::format_cpu(value);
  if (resource == "memory") return api::format_memory(value);
  return std::to_string(value);
}

}  // namespace jobsim::report::kubectl
