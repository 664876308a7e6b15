// Node watch handlers: Ready / NotReady lines when the Ready condition changes, node counts,
// and the capacity summary.json reports per node.
#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

const api::Node kNoNode{};

enum class Readiness : std::uint8_t { Unknown, Ready, NotReady };

// readiness_of: Unknown while the node has no Ready condition (a node being registered).
Readiness readiness_of(const api::Node& node) {
  for (const api::NodeCondition& condition : node.status->conditions) {
    if (condition.type == "Ready") {
      return condition.status == api::ConditionStatus::True ? Readiness::Ready : Readiness::NotReady;
    }
  }
  return Readiness::Unknown;
}

}  // namespace

void RunRecorder::State::node_lines(engine::SimTime now, SubjectId subject, const api::Node& old_node,
                                    const api::Node& node) {
  const Readiness before = readiness_of(old_node);
  const Readiness after = readiness_of(node);
  if (before == after) return;
  if (after == Readiness::Ready) {
    log.add(now, subject, LineEvent::Ready);
  } else if (before == Readiness::Ready) {
    log.add(now, subject, LineEvent::NotReady);  // to NotReady, or the condition was removed
  } else if (after == Readiness::NotReady) {
    log.add(now, subject, LineEvent::NotReady);  // registered NotReady
  }
}

void RunRecorder::State::node_capacity(const api::Node& node) {
  const std::uint32_t index = series.node(node.metadata->name);
  NodeUsage& usage = series.node_usage(index);
  usage.capacity_cpu_m = node.status->capacity.cpu_millis.value_or(0);
  usage.capacity_memory_bytes = node.status->capacity.memory_bytes.value_or(0);
  usage.capacity_pods = node.status->capacity.pods.value_or(0);
  usage.allocatable_cpu_m = node.status->allocatable.cpu_millis.value_or(usage.capacity_cpu_m);
  usage.allocatable_memory_bytes = node.status->allocatable.memory_bytes.value_or(usage.capacity_memory_bytes);
  usage.allocatable_pods = node.status->allocatable.pods.value_or(usage.capacity_pods);
  series.node_changed(index);  // allocatable is in nodes.csv
}

void RunRecorder::State::node_added(api::ObjectId id, const api::Node& node) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = subject_of(api::Kind::Node, id) = log.add_subject(api::Kind::Node, node.metadata);
  node_lines(now, subject, kNoNode, node);
  node_capacity(node);
  if (node_by_id.size() <= id) node_by_id.resize(id + 1);
  node_by_id[id] = series.node(node.metadata->name) + 1;
  ++series.counts().nodes;
}

void RunRecorder::State::node_updated(api::ObjectId id, const api::Node& old_node, const api::Node& node) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  node_lines(now, refresh_subject(api::Kind::Node, id, node.metadata), old_node, node);
  if (!(old_node.status->capacity == node.status->capacity) ||
      !(old_node.status->allocatable == node.status->allocatable)) {
    node_capacity(node);
  }
}

void RunRecorder::State::node_deleted(api::ObjectId id, const api::Node&) {
  series.advance(clock.now());
  release_subject(api::Kind::Node, id);
  --series.counts().nodes;
}

}  // namespace jobsim::report
