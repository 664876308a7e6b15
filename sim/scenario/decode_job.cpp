// Decoders for batch/v1 Job: spec (every field of api::JobSpec), status as `kubectl get -o
// yaml` prints it, pod failure and success policies.
#include "scenario/decoders.hpp"

namespace jobsim::scenario {

bool decode_value(const Ctx& ctx, const Value& value, api::CompletionMode& out) {
  static constexpr EnumName<api::CompletionMode> kNames[] = {
      {"NonIndexed", api::CompletionMode::NonIndexed},
      {"Indexed", api::CompletionMode::Indexed},
  };
  return decode_enum(ctx, value, kNames, out);
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodReplacementPolicy& out) {
  static constexpr EnumName<api::PodReplacementPolicy> kNames[] = {
      {"TerminatingOrFailed", api::PodReplacementPolicy::TerminatingOrFailed},
      {"Failed", api::PodReplacementPolicy::Failed},
  };
  return decode_enum(ctx, value, kNames, out);
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyAction& out) {
  static constexpr EnumName<api::PodFailurePolicyAction> kNames[] = {
      {"FailJob", api::PodFailurePolicyAction::FailJob},
      {"FailIndex", api::PodFailurePolicyAction::FailIndex},
      {"Ignore", api::PodFailurePolicyAction::Ignore},
      {"Count", api::PodFailurePolicyAction::Count},
  };
  return decode_enum(ctx, value, kNames, out);
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyOnExitCodesOperator& out) {
  static constexpr EnumName<api::PodFailurePolicyOnExitCodesOperator> kNames[] = {
      {"In", api::PodFailurePolicyOnExitCodesOperator::In},
      {"NotIn", api::PodFailurePolicyOnExitCodesOperator::NotIn},
  };
  return decode_enum(ctx, value, kNames, out);
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyOnExitCodesRequirement& out) {
  using R = api::PodFailurePolicyOnExitCodesRequirement;
  Fields<R> fields(ctx, value, out);
  fields.field("containerName", &R::container_name).field("operator", &R::operator_).field("values", &R::values);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyOnPodConditionsPattern& out) {
  using P = api::PodFailurePolicyOnPodConditionsPattern;
  Fields<P> fields(ctx, value, out);
  fields.field("type", &P::type).field("status", &P::status);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicyRule& out) {
  using R = api::PodFailurePolicyRule;
  Fields<R> fields(ctx, value, out);
  fields.field("action", &R::action).field("onExitCodes", &R::on_exit_codes).field("onPodConditions", &R::on_pod_conditions);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodFailurePolicy& out) {
  Fields<api::PodFailurePolicy> fields(ctx, value, out);
  fields.field("rules", &api::PodFailurePolicy::rules);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::SuccessPolicyRule& out) {
  using R = api::SuccessPolicyRule;
  Fields<R> fields(ctx, value, out);
  fields.field("succeededIndexes", &R::succeeded_indexes).field("succeededCount", &R::succeeded_count);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::SuccessPolicy& out) {
  Fields<api::SuccessPolicy> fields(ctx, value, out);
  fields.field("rules", &api::SuccessPolicy::rules);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::JobSpec& out) {
  using S = api::JobSpec;
  Fields<S> fields(ctx, value, out);
  fields.field("parallelism", &S::parallelism)
      .field("completions", &S::completions)
      .field("activeDeadlineSeconds", &S::active_deadline_seconds)
      .field("backoffLimit", &S::backoff_limit)
      .field("backoffLimitPerIndex", &S::backoff_limit_per_index)
      .field("maxFailedIndexes", &S::max_failed_indexes)
      .field("selector", &S::selector)
      .field("manualSelector", &S::manual_selector)
      .field("template", &S::template_)
      .field("ttlSecondsAfterFinished", &S::ttl_seconds_after_finished)
      .field("completionMode", &S::completion_mode)
      .field("suspend", &S::suspend)
      .field("podReplacementPolicy", &S::pod_replacement_policy)
      .field("podFailurePolicy", &S::pod_failure_policy)
      .field("successPolicy", &S::success_policy)
      .field("managedBy", &S::managed_by);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::JobCondition& out) {
  using C = api::JobCondition;
  Fields<C> fields(ctx, value, out);
  fields.field("type", &C::type)
      .field("status", &C::status)
      .field("lastProbeTime", &C::last_probe_time)
      .field("lastTransitionTime", &C::last_transition_time)
      .field("reason", &C::reason)
      .field("message", &C::message);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::UncountedTerminatedPods& out) {
  using U = api::UncountedTerminatedPods;
  Fields<U> fields(ctx, value, out);
  fields.field("succeeded", &U::succeeded).field("failed", &U::failed);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::JobStatus& out) {
  using S = api::JobStatus;
  Fields<S> fields(ctx, value, out);
  fields.field("conditions", &S::conditions)
      .field("startTime", &S::start_time)
      .field("completionTime", &S::completion_time)
      .field("active", &S::active)
      .field("succeeded", &S::succeeded)
      .field("failed", &S::failed)
      .field("terminating", &S::terminating)
      .field("ready", &S::ready)
      .field("completedIndexes", &S::completed_indexes)
      .field("failedIndexes", &S::failed_indexes)
      .field("uncountedTerminatedPods", &S::uncounted_terminated_pods);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::Job& out) {
  using J = api::Job;
  Fields<J> fields(ctx.job_template(), value, out);
  fields.accepted("apiVersion", Shape::String)  // checked by decode_manifest
      .accepted("kind", Shape::String)
      .field("metadata", &J::metadata)
      .field("spec", &J::spec)
      .field("status", &J::status);
  return fields.is_map() || value.is_null();
}

}  // namespace jobsim::scenario
