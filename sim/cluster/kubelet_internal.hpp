// Helpers shared by the kubelet's source files (kubelet.cpp, kubelet_resources.cpp,
// kubelet_image_pull.cpp); not part of the public interface.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "jobsim/api/pod.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::cluster::kubelet_internal {

inline api::ContainerStatus* status_of(api::Pod& pod, std::size_t index) {
  if (pod.status->container_statuses.size() <= index) return nullptr;
  return &pod.status.edit().container_statuses[index];
}

inline void set_condition(api::PodStatus& status, std::string_view type, api::ConditionStatus value,
                          engine::SimTime now) {
  for (api::PodCondition& condition : status.conditions) {
    if (condition.type == type) {
      if (condition.status != value) {
        condition.status = value;
        condition.last_transition_time = now;
      }
      return;
    }
  }
  status.conditions.push_back({.type = api::constant_name(type), .status = value, .last_transition_time = now});
}

}  // namespace jobsim::cluster::kubelet_internal
