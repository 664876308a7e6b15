// core/v1 Pod, reduced to what batch workloads exercise: containers with commands and
// resources, restartPolicy, scheduling constraints, and the status the kubelet reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/api/meta.hpp"
#include "jobsim/api/resources.hpp"
#include "jobsim/api/shared.hpp"

namespace jobsim::api {

enum class RestartPolicy : std::uint8_t { Always, OnFailure, Never };
enum class PodPhase : std::uint8_t { Pending, Running, Succeeded, Failed, Unknown };
enum class ConditionStatus : std::uint8_t { True, False, Unknown };
std::string_view to_string(RestartPolicy policy);
std::string_view to_string(PodPhase phase);
std::string_view to_string(ConditionStatus status);

struct EnvVar {
  std::string name;
  std::string value;
  bool value_from = false;  // valueFrom (secret/configMap refs) is accepted, not resolved
  bool operator==(const EnvVar&) const = default;
};

struct Container {
  Name name;  // interned: every container status of every pod copies them
  Name image;
  std::vector<std::string> command;
  std::vector<std::string> args;
  std::vector<EnvVar> env;
  ResourceRequirements resources;
  bool operator==(const Container&) const = default;
};

struct Toleration {
  std::string key;
  std::string operator_ = "Equal";  // Equal or Exists
  std::string value;
  std::string effect;  // "", NoSchedule, PreferNoSchedule, NoExecute
  std::optional<std::int64_t> toleration_seconds;
  bool operator==(const Toleration&) const = default;
};

struct PodSpec {
  std::vector<Container> containers;
  std::vector<Container> init_containers;
  RestartPolicy restart_policy = RestartPolicy::Always;
  bool restart_policy_set = false;  // validation tells "Required value" from "Unsupported value"
  Name node_name;
  Labels node_selector;
  std::vector<Toleration> tolerations;
  std::int64_t termination_grace_period_seconds = 30;
  std::optional<std::int64_t> active_deadline_seconds;
  std::string hostname;
  std::string subdomain;
  std::string scheduler_name = "default-scheduler";
  std::string service_account_name;
  std::string priority_class_name;
  bool operator==(const PodSpec&) const = default;
};

struct PodTemplateSpec {
  Shared<Labels> labels;  // the pods of one Job share them
  Shared<Labels> annotations;
  Shared<PodSpec> spec;  // the pods of one Job share it (api/shared.hpp)
  bool operator==(const PodTemplateSpec&) const = default;
};

// Condition and state texts are interned: they are one of a few upstream strings, held by
// every pod and compared on every sync.
struct PodCondition {
  Name type;  // PodScheduled, Initialized, ContainersReady, Ready, DisruptionTarget
  ConditionStatus status = ConditionStatus::True;
  Name reason;
  Name message;
  std::optional<SimTime> last_transition_time;
  bool operator==(const PodCondition&) const = default;
};

enum class ContainerStateKind : std::uint8_t { Waiting, Running, Terminated };

struct ContainerState {
  ContainerStateKind kind = ContainerStateKind::Waiting;
  Name reason;  // Waiting: ContainerCreating, CrashLoopBackOff; Terminated: Completed, Error, OOMKilled
  Name message;
  std::int32_t exit_code = 0;
  std::optional<SimTime> started_at;
  std::optional<SimTime> finished_at;
  bool operator==(const ContainerState&) const = default;
};

struct ContainerStatus {
  Name name;
  Name image;
  ContainerState state;
  std::optional<ContainerState> last_termination_state;
  bool ready = false;
  std::int32_t restart_count = 0;
  bool operator==(const ContainerStatus&) const = default;
};

struct PodStatus {
  PodPhase phase = PodPhase::Pending;
  std::vector<PodCondition> conditions;
  Name reason;  // e.g. Evicted, DeadlineExceeded
  Name message;
  std::optional<SimTime> start_time;
  std::vector<ContainerStatus> container_statuses;
  bool operator==(const PodStatus&) const = default;
};

struct Pod {
  Shared<ObjectMeta> metadata;
  Shared<PodSpec> spec;
  Shared<PodStatus> status;
  bool operator==(const Pod&) const = default;
};

bool is_pod_terminal(const Pod& pod);  // Succeeded or Failed
const PodCondition* find_condition(const PodStatus& status, std::string_view type);
// pod_requests sums container requests (the scheduler's view; init containers are not
// modelled). Requests missing where limits are given were set from the limits when the pod was
// created (set_defaults_pod), so this sums what the pod object says.
ResourceList pod_requests(const PodSpec& spec);

}  // namespace jobsim::api
