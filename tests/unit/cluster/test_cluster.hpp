// A small cluster for the scheduler and kubelet tests: one Simulator, an ApiServer on it, a
// Client, and an event sink that keeps every Event. Nodes and pods are built with only the
// fields a test cares about.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/event.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/api_server.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::cluster::test {

inline constexpr engine::SimTime kStart{std::chrono::seconds{1704067200}};  // 2024-01-01T00:00:00Z
inline constexpr std::int64_t kGi = 1024LL * 1024 * 1024;
inline constexpr std::int64_t kMi = 1024LL * 1024;

struct TestCluster {
  TestCluster() { sink.connect([this](const api::Event& event) { events.push_back(event); }); }

  EventRecorder recorder(std::string source) { return EventRecorder(sim, sink, std::move(source)); }

  // add_node creates a Ready node with the given capacity.
  api::ObjectId add_node(std::string name, std::int64_t cpu_millis, std::int64_t memory_bytes,
                         std::int64_t max_pods = 110) {
    api::Node node;
    node.metadata.edit().name = std::move(name);
    node.status.edit().capacity = {.cpu_millis = cpu_millis, .memory_bytes = memory_bytes, .pods = max_pods};
    node.status.edit().conditions = {{.type = "Ready", .status = api::ConditionStatus::True}};
    return created(server.create(std::move(node)));
  }

  api::ObjectId add_pod(api::Pod pod) { return created(server.create(std::move(pod))); }

  const api::Pod* pod(api::ObjectId id) const { return server.pods().get(id); }

  std::vector<api::Event> events_with_reason(std::string_view reason) const {
    std::vector<api::Event> found;
    for (const api::Event& event : events) {
      if (event.reason == reason) found.push_back(event);
    }
    return found;
  }

  engine::Simulator sim{kStart};
  ApiServer server{sim, engine::RandomStreams(1)};
  Client client{server};
  EventSink sink;
  std::vector<api::Event> events;
  api::Timings timings;

 private:
  static api::ObjectId created(const ApiResult& result) {
    return result.ok() ? result.id : api::kNoObject;
  }
};

// make_pod builds a pod with one container "main" and the given requests.
inline api::Pod make_pod(std::string name, std::optional<std::int64_t> cpu_millis = std::nullopt,
                         std::optional<std::int64_t> memory_bytes = std::nullopt) {
  api::Pod pod;
  pod.metadata.edit().name = std::move(name);
  api::Container container{.name = "main", .image = "busybox"};
  container.resources.requests.cpu_millis = cpu_millis;
  container.resources.requests.memory_bytes = memory_bytes;
  pod.spec.edit().containers = {container};
  pod.spec.edit().restart_policy = api::RestartPolicy::Never;
  pod.spec.edit().restart_policy_set = true;
  return pod;
}

}  // namespace jobsim::cluster::test
