// Decoders for metav1 types: ObjectMeta, OwnerReference, LabelSelector, condition status.
#include "scenario/decoders.hpp"

namespace jobsim::scenario {

bool decode_value(const Ctx& ctx, const Value& value, api::ObjectMeta& out) {
  using M = api::ObjectMeta;
  Fields<M> fields(ctx, value, out);
  fields.field("name", &M::name)
      .field("generateName", &M::generate_name)
      .field("namespace", &M::namespace_)
      .field("labels", &M::labels)
      .field("annotations", &M::annotations)
      .field("uid", &M::uid)
      .field("generation", &M::generation)
      .field("ownerReferences", &M::owner_references)
      .field("finalizers", &M::finalizers)
      .field("creationTimestamp", &M::creation_timestamp)
      .field("deletionTimestamp", &M::deletion_timestamp)
      .field("deletionGracePeriodSeconds", &M::deletion_grace_period_seconds)
      // The API server of the simulation assigns its own resourceVersions; a snapshot's are
      // opaque tokens (kubectl prints them quoted, hand-written files often do not).
      .custom("resourceVersion",
              [](const Ctx& c, const Value& v) {
                if (v.is_null() || (v.is_scalar() && !is_plain_bool(v))) return;
                c.fail(v.pos(), "expected a string, got " + describe(v));
              })
      .accepted("managedFields", Shape::List)
      .accepted("selfLink", Shape::String);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::OwnerReference& out) {
  using O = api::OwnerReference;
  Fields<O> fields(ctx, value, out);
  fields.field("apiVersion", &O::api_version)
      .field("kind", &O::kind)
      .field("name", &O::name)
      .field("uid", &O::uid)
      .field("controller", &O::controller)
      .field("blockOwnerDeletion", &O::block_owner_deletion);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::LabelSelector& out) {
  Fields<api::LabelSelector> fields(ctx, value, out);
  fields.field("matchLabels", &api::LabelSelector::match_labels).accepted("matchExpressions", Shape::List);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::ConditionStatus& out) {
  static constexpr EnumName<api::ConditionStatus> kNames[] = {
      {"True", api::ConditionStatus::True},
      {"False", api::ConditionStatus::False},
      {"Unknown", api::ConditionStatus::Unknown},
  };
  return decode_enum(ctx, value, kNames, out);
}

void decode_template_metadata(const Ctx& ctx, const Value& value, api::Labels& labels, api::Labels& annotations) {
  // Decode through a whole ObjectMeta so that every metadata key is accepted and checked, then
  // keep what a template carries into the objects made from it.
  api::ObjectMeta meta;
  meta.labels = labels;
  meta.annotations = annotations;
  decode_value(ctx, value, meta);
  labels = std::move(meta.labels);
  annotations = std::move(meta.annotations);
}

}  // namespace jobsim::scenario
