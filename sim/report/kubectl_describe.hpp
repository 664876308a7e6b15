// Building blocks of `kubectl describe` (private): a PrefixWriter over the describe tabwriter
// and the shared sections. Upstream: kubectl/pkg/describe/describe.go (v1.32).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/pod.hpp"
#include "jobsim/report/kubectl_event_store.hpp"
#include "jobsim/report/kubectl_tabwriter.hpp"

namespace jobsim::report::kubectl {

// DescribeWriter is upstream's PrefixWriter: write(level, text) indents by two spaces a level.
class DescribeWriter {
 public:
  void write(int level, std::string_view text) {
    for (int i = 0; i < level; ++i) tabs_.write("  ");
    tabs_.write(text);
  }
  void flush() { tabs_.flush(); }
  std::string str() { return tabs_.str(); }

 private:
  TabWriter tabs_ = TabWriter::for_describe();
};

void print_labels_multiline(DescribeWriter& w, std::string_view title, const api::Labels& labels);
void print_annotations_multiline(DescribeWriter& w, std::string_view title, const api::Labels& annotations);
void print_tolerations_multiline(DescribeWriter& w, std::string_view title, std::vector<api::Toleration> tolerations);
// print_controller is "Kind/name" of the controller owner, or "".
std::string print_controller(const api::ObjectMeta& meta);
// describe_containers prints the Containers section; `statuses` is empty for a template.
void describe_containers(DescribeWriter& w, std::string_view label, const std::vector<api::Container>& containers,
                         const std::vector<api::ContainerStatus>& statuses, bool with_statuses, std::string_view space);
void describe_pod_template(DescribeWriter& w, const api::PodTemplateSpec& pod_template);
// describe_events prints the Events table (flushes first) or "Events:  <none>".
void describe_events(DescribeWriter& w, const std::vector<StoredEvent>& events, engine::SimTime now);
// selector_string is labels.Selector.String(): "k=v,k2=v2" or "" (no <none>).
std::string selector_string(const std::optional<api::LabelSelector>& selector);
std::string quantity(std::string_view resource, std::int64_t value);

std::string describe_pod(const api::Pod& pod, const std::vector<StoredEvent>& events, engine::SimTime now);

}  // namespace jobsim::report::kubectl
