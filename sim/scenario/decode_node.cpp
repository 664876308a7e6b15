// Decoders for core/v1 Node: taints and unschedulable, capacity/allocatable, conditions.
#include "scenario/decoders.hpp"

namespace jobsim::scenario {

bool decode_value(const Ctx& ctx, const Value& value, api::Taint& out) {
  using T = api::Taint;
  Fields<T> fields(ctx, value, out);
  fields.field("key", &T::key)
      .field("value", &T::value)
      .custom("effect",
              [&out](const Ctx& c, const Value& v) {
                if (v.is_null()) {
                  out.effect.clear();
                } else {
                  decode_string_enum(c, v, {"NoSchedule", "PreferNoSchedule", "NoExecute"}, out.effect);
                }
              })
      .field("timeAdded", &T::time_added);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::NodeSpec& out) {
  using S = api::NodeSpec;
  Fields<S> fields(ctx, value, out);
  fields.field("taints", &S::taints)
      .field("unschedulable", &S::unschedulable)
      .accepted("podCIDR", Shape::String)
      .accepted("podCIDRs", Shape::List)
      .accepted("providerID", Shape::String)
      .accepted("externalID", Shape::String)
      .accepted("configSource", Shape::Map);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::NodeCondition& out) {
  using C = api::NodeCondition;
  Fields<C> fields(ctx, value, out);
  fields.field("type", &C::type)
      .field("status", &C::status)
      .field("reason", &C::reason)
      .field("lastTransitionTime", &C::last_transition_time)
      .accepted("message", Shape::String)
      .accepted("lastHeartbeatTime");
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::NodeStatus& out) {
  using S = api::NodeStatus;
  Fields<S> fields(ctx, value, out);
  fields.field("capacity", &S::capacity)
      .field("allocatable", &S::allocatable)
      .field("conditions", &S::conditions)
      .accepted("phase", Shape::String)
      .accepted("addresses", Shape::List)
      .accepted("daemonEndpoints", Shape::Map)
      .accepted("nodeInfo", Shape::Map)
      .accepted("images", Shape::List)
      .accepted("volumesInUse", Shape::List)
      .accepted("volumesAttached", Shape::List)
      .accepted("config", Shape::Map)
      .accepted("runtimeHandlers", Shape::List)
      .accepted("features", Shape::Map)
      .accepted("declaredFeatures", Shape::List);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::Node& out) {
  using N = api::Node;
  Fields<N> fields(ctx, value, out);
  fields.accepted("apiVersion", Shape::String)  // checked by decode_manifest
      .accepted("kind", Shape::String)
      .field("metadata", &N::metadata)
      .field("spec", &N::spec)
      .field("status", &N::status);
  return fields.is_map() || value.is_null();
}

}  // namespace jobsim::scenario
