// Decoders for core/v1 Pod objects and the status a snapshot may carry (`kubectl get pod -o
// yaml`): phase, conditions, container states. Unmodelled status fields are accepted.
#include "scenario/decoders.hpp"

namespace jobsim::scenario {

bool decode_value(const Ctx& ctx, const Value& value, api::PodPhase& out) {
  static constexpr EnumName<api::PodPhase> kNames[] = {
      {"Pending", api::PodPhase::Pending},     {"Running", api::PodPhase::Running},
      {"Succeeded", api::PodPhase::Succeeded}, {"Failed", api::PodPhase::Failed},
      {"Unknown", api::PodPhase::Unknown},
  };
  return decode_enum(ctx, value, kNames, out);
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodCondition& out) {
  using C = api::PodCondition;
  Fields<C> fields(ctx, value, out);
  fields.field("type", &C::type)
      .field("status", &C::status)
      .field("reason", &C::reason)
      .field("message", &C::message)
      .field("lastTransitionTime", &C::last_transition_time)
      .accepted("lastProbeTime")
      .accepted("observedGeneration", Shape::Integer);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::ContainerState& out) {
  using S = api::ContainerState;
  int states = 0;
  // Each of waiting/running/terminated sets the kind and the fields that kind has.
  const auto state = [&](api::ContainerStateKind kind) {
    return [&states, &out, kind](const Ctx& c, const Value& v) {
      if (v.is_null()) return;
      ++states;
      out.kind = kind;
      Fields<S> fields(c, v, out);
      if (kind == api::ContainerStateKind::Running) {
        fields.field("startedAt", &S::started_at);
      } else if (kind == api::ContainerStateKind::Waiting) {
        fields.field("reason", &S::reason).field("message", &S::message);
      } else {
        fields.field("exitCode", &S::exit_code)
            .field("reason", &S::reason)
            .field("message", &S::message)
            .field("startedAt", &S::started_at)
            .field("finishedAt", &S::finished_at)
            .accepted("signal", Shape::Integer)
            .accepted("containerID", Shape::String);
      }
    };
  };
  {
    Fields<S> fields(ctx, value, out);
    fields.custom("waiting", state(api::ContainerStateKind::Waiting))
        .custom("running", state(api::ContainerStateKind::Running))
        .custom("terminated", state(api::ContainerStateKind::Terminated));
    if (!fields.is_map()) return value.is_null();
  }
  if (states > 1) ctx.fail(value.pos(), "only one of waiting, running and terminated may be set");
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, api::ContainerStatus& out) {
  using S = api::ContainerStatus;
  Fields<S> fields(ctx, value, out);
  fields.field("name", &S::name)
      .field("image", &S::image)
      .field("state", &S::state)
      .custom("lastState",
              [&out](const Ctx& c, const Value& v) {
                // kubectl prints `lastState: {}` for a container that never terminated.
                if (v.is_null() || (v.is_map() && v.entries().empty())) {
                  out.last_termination_state.reset();
                } else {
                  decode_value(c, v, out.last_termination_state);
                }
              })
      .field("ready", &S::ready)
      .field("restartCount", &S::restart_count)
      .accepted("imageID", Shape::String)
      .accepted("containerID", Shape::String)
      .accepted("started", Shape::Bool)
      .accepted("allocatedResources", Shape::Map)
      .accepted("allocatedResourcesStatus", Shape::List)
      .accepted("resources", Shape::Map)
      .accepted("volumeMounts", Shape::List)
      .accepted("user", Shape::Map)
      .accepted("stopSignal", Shape::String);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodStatus& out) {
  using S = api::PodStatus;
  Fields<S> fields(ctx, value, out);
  fields.field("phase", &S::phase)
      .field("conditions", &S::conditions)
      .field("reason", &S::reason)
      .field("message", &S::message)
      .field("startTime", &S::start_time)
      .field("containerStatuses", &S::container_statuses)
      .accepted("initContainerStatuses", Shape::List)
      .accepted("ephemeralContainerStatuses", Shape::List)
      .accepted("hostIP", Shape::String)
      .accepted("hostIPs", Shape::List)
      .accepted("podIP", Shape::String)
      .accepted("podIPs", Shape::List)
      .accepted("qosClass", Shape::String)
      .accepted("nominatedNodeName", Shape::String)
      .accepted("resize", Shape::String)
      .accepted("resourceClaimStatuses", Shape::List)
      .accepted("extendedResourceClaimStatus", Shape::Map)
      .accepted("observedGeneration", Shape::Integer);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::Pod& out) {
  using P = api::Pod;
  Fields<P> fields(ctx, value, out);
  fields.accepted("apiVersion", Shape::String)  // checked by decode_manifest
      .accepted("kind", Shape::String)
      .field("metadata", &P::metadata)
      .field("spec", &P::spec)
      .field("status", &P::status);
  return fields.is_map() || value.is_null();
}

}  // namespace jobsim::scenario
