// Decoders from Value to the api types (Kubernetes manifests). Each one follows the rules of
// decode_util.hpp: decode into an existing object, touch only the keys present, report
// problems with field paths, never throw. Field names are the upstream camelCase keys.
#pragma once

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/resources.hpp"
#include "scenario/decode_util.hpp"

namespace jobsim::scenario {

// decode_meta.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::ObjectMeta& out);
bool decode_value(const Ctx& ctx, const Value& value, api::OwnerReference& out);
bool decode_value(const Ctx& ctx, const Value& value, api::LabelSelector& out);
bool decode_value(const Ctx& ctx, const Value& value, api::ConditionStatus& out);
// decode_template_metadata reads a template's ObjectMeta, of which only labels and
// annotations are kept (the rest is accepted: `kubectl create --dry-run -o yaml` prints
// `creationTimestamp: null` there).
void decode_template_metadata(const Ctx& ctx, const Value& value, api::Labels& labels, api::Labels& annotations);

// decode_pod.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::ResourceList& out);
bool decode_value(const Ctx& ctx, const Value& value, api::ResourceRequirements& out);
bool decode_value(const Ctx& ctx, const Value& value, api::EnvVar& out);
bool decode_value(const Ctx& ctx, const Value& value, api::Container& out);
bool decode_value(const Ctx& ctx, const Value& value, api::Toleration& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodSpec& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodTemplateSpec& out);

// decode_pod_status.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::PodPhase& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodCondition& out);
bool decode_value(const Ctx& ctx, const Value& value, api::ContainerState& out);
bool decode_value(const Ctx& ctx, const Value& value, api::ContainerStatus& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodStatus& out);
bool decode_value(const Ctx& ctx, const Value& value, api::Pod& out);

// decode_job.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::CompletionMode& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodReplacementPolicy& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyAction& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyOnExitCodesOperator& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyOnExitCodesRequirement& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyOnPodConditionsPattern& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyRule& out);
bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicy& out);
bool decode_value(const Ctx& ctx, const Value& value, api::SuccessPolicyRule& out);
bool decode_value(const Ctx& ctx, const Value& value, api::SuccessPolicy& out);
bool decode_value(const Ctx& ctx, const Value& value, api::JobSpec& out);
bool decode_value(const Ctx& ctx, const Value& value, api::JobCondition& out);
bool decode_value(const Ctx& ctx, const Value& value, api::UncountedTerminatedPods& out);
bool decode_value(const Ctx& ctx, const Value& value, api::JobStatus& out);
bool decode_value(const Ctx& ctx, const Value& value, api::Job& out);

// decode_cronjob.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::ConcurrencyPolicy& out);
bool decode_value(const Ctx& ctx, const Value& value, api::JobTemplateSpec& out);
bool decode_value(const Ctx& ctx, const Value& value, api::CronJobSpec& out);
bool decode_value(const Ctx& ctx, const Value& value, api::ObjectReference& out);
bool decode_value(const Ctx& ctx, const Value& value, api::CronJobStatus& out);
bool decode_value(const Ctx& ctx, const Value& value, api::CronJob& out);

// decode_node.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::Taint& out);
bool decode_value(const Ctx& ctx, const Value& value, api::NodeSpec& out);
bool decode_value(const Ctx& ctx, const Value& value, api::NodeCondition& out);
bool decode_value(const Ctx& ctx, const Value& value, api::NodeStatus& out);
bool decode_value(const Ctx& ctx, const Value& value, api::Node& out);

}  // namespace jobsim::scenario
