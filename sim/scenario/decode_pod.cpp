// Decoders for core/v1 pod specs: containers, resources, env, tolerations, the pod spec and
// template. Fields the simulator does not model are accepted with a shape check and listed in
// docs/scenario-format.md.
#include "scenario/decoders.hpp"

#include <vector>

namespace jobsim::scenario {
namespace {

// decode_resource_quantity sets or (on null) clears one modelled quantity.
void decode_resource_quantity(const Ctx& ctx, const Value& value, QuantityUnit unit, std::optional<std::int64_t>& out) {
  if (value.is_null()) {
    out.reset();
    return;
  }
  std::int64_t quantity = 0;
  if (decode_quantity(ctx, value, unit, quantity)) out = quantity;
}

void decode_restart_policy(const Ctx& ctx, const Value& value, api::PodSpec& out) {
  if (value.is_null()) {
    out.restart_policy = api::RestartPolicy::Always;
    out.restart_policy_set = false;
    return;
  }
  std::string text;
  if (!decode_value(ctx, value, text)) return;
  static constexpr EnumName<api::RestartPolicy> kNames[] = {
      {"Always", api::RestartPolicy::Always},
      {"OnFailure", api::RestartPolicy::OnFailure},
      {"Never", api::RestartPolicy::Never},
  };
  for (const auto& name : kNames) {
    if (name.name == text) {
      out.restart_policy = name.value;
      out.restart_policy_set = true;
      return;
    }
  }
  // Upstream Job validation lists only what a Job accepts; a Pod accepts all three. The field
  // stays unset: validation's own "Required value" for this path is then dropped as a repeat.
  static constexpr std::string_view kJobValues[] = {"OnFailure", "Never"};
  static constexpr std::string_view kPodValues[] = {"Always", "OnFailure", "Never"};
  const auto supported = ctx.in_job_template() ? std::span<const std::string_view>(kJobValues)
                                               : std::span<const std::string_view>(kPodValues);
  ctx.fail(value.pos(), unsupported_value(text, supported) + did_you_mean(text, supported));
}

// string_enum checks an unmodelled enum-valued string field.
auto string_enum(std::initializer_list<std::string_view> allowed) {
  return [names = std::vector<std::string_view>(allowed)](const Ctx& ctx, const Value& value) {
    if (value.is_null()) return;
    std::string ignored;
    decode_string_enum(ctx, value, names, ignored);
  };
}

void decode_env_value_from(const Ctx& ctx, const Value& value, api::EnvVar& out) {
  if (value.is_null()) {
    out.value_from = false;
    return;
  }
  int sources = 0;
  const auto key_ref = [&sources](const Ctx& c, const Value& v) {
    ++sources;
    check_unmodelled(c, v, {{"name", Shape::String}, {"key", Shape::String}, {"optional", Shape::Bool}});
  };
  {
    Unmodelled ignored;
    Fields<Unmodelled> fields(ctx, value, ignored);
    fields.custom("secretKeyRef", key_ref)
        .custom("configMapKeyRef", key_ref)
        .custom("fieldRef",
                [&sources](const Ctx& c, const Value& v) {
                  ++sources;
                  check_unmodelled(c, v, {{"apiVersion", Shape::String}, {"fieldPath", Shape::String}});
                })
        .custom("resourceFieldRef",
                [&sources](const Ctx& c, const Value& v) {
                  ++sources;
                  check_unmodelled(c, v, {{"containerName", Shape::String}, {"resource", Shape::String}, {"divisor"}});
                })
        .custom("fileKeyRef", [&sources](const Ctx& c, const Value& v) {
          ++sources;
          check_unmodelled(c, v, {{"volumeName", Shape::String}, {"path", Shape::String}, {"key", Shape::String},
                                  {"optional", Shape::Bool}});
        });
    if (!fields.is_map()) return;
  }
  // Upstream validateEnvVarValueFrom wording.
  if (sources == 0) {
    ctx.fail(value.pos(), "Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, "
                          "`configMapKeyRef` or `secretKeyRef`");
  } else if (sources > 1) {
    ctx.fail(value.pos(), "Invalid value: \"\": may not have more than one field specified at a time");
  }
  out.value_from = true;
}

// A standard resource name, or an extended one with a domain prefix (nvidia.com/gpu).
bool is_qualified_resource_name(std::string_view name) {
  return name == "ephemeral-storage" || name == "storage" || name.starts_with("hugepages-") ||
         name.find('/') != std::string_view::npos;
}

}  // namespace

bool decode_value(const Ctx& ctx, const Value& value, api::ResourceList& out) {
  if (value.is_null()) {
    out = {};
    return true;
  }
  if (!value.is_map()) {
    ctx.fail(value.pos(), "expected a map, got " + describe(value));
    return false;
  }
  // Resource names are open-ended (ephemeral-storage, nvidia.com/gpu): cpu, memory and pods
  // are modelled, any other name is checked as a quantity and kept as written.
  for (const Value::Entry& entry : value.entries()) {
    const Ctx child = ctx.key(entry.key);
    if (entry.key == "cpu") {
      decode_resource_quantity(child, entry.value, QuantityUnit::CpuMillis, out.cpu_millis);
    } else if (entry.key == "memory") {
      decode_resource_quantity(child, entry.value, QuantityUnit::Whole, out.memory_bytes);
    } else if (entry.key == "pods") {
      decode_resource_quantity(child, entry.value, QuantityUnit::Whole, out.pods);
    } else if (!is_qualified_resource_name(entry.key)) {
      // Upstream validateResourceName: a name without a domain prefix must be a standard one,
      // so a misspelt "memroy" is an error, not a silently kept extended resource.
      static constexpr std::string_view kStandard[] = {"cpu", "memory", "pods", "ephemeral-storage", "storage"};
      ctx.key(entry.key).fail(entry.key_pos, "Invalid value: \"" + entry.key +
                                                 "\": must be a standard resource type or fully qualified" +
                                                 did_you_mean(entry.key, kStandard));
    } else if (entry.value.is_null()) {
      out.other.erase(entry.key);
    } else {
      std::int64_t ignored = 0;
      if (decode_quantity(child, entry.value, QuantityUnit::Whole, ignored)) out.other[entry.key] = entry.value.text();
    }
  }
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, api::ResourceRequirements& out) {
  using R = api::ResourceRequirements;
  Fields<R> fields(ctx, value, out);
  fields.field("requests", &R::requests).field("limits", &R::limits).accepted("claims", Shape::List);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::EnvVar& out) {
  {
    Fields<api::EnvVar> fields(ctx, value, out);
    fields.field("name", &api::EnvVar::name)
        .field("value", &api::EnvVar::value)
        .custom("valueFrom", [&out](const Ctx& c, const Value& v) { decode_env_value_from(c, v, out); });
    if (!fields.is_map()) return value.is_null();
  }
  if (out.value_from && !out.value.empty()) {
    const Value* value_from = value.find("valueFrom");
    ctx.key("valueFrom").fail(value_from != nullptr ? value_from->pos() : value.pos(),
                              "Invalid value: \"\": may not be specified when `value` is not empty");
  }
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, api::Container& out) {
  using C = api::Container;
  Fields<C> fields(ctx, value, out);
  fields.field("name", &C::name)
      .field("image", &C::image)
      .field("command", &C::command)
      .field("args", &C::args)
      .field("env", &C::env)
      .field("resources", &C::resources)
      .custom("imagePullPolicy", string_enum({"Always", "Never", "IfNotPresent"}))
      .custom("terminationMessagePolicy", string_enum({"File", "FallbackToLogsOnError"}))
      .accepted("workingDir", Shape::String)
      .accepted("ports", Shape::List)
      .accepted("envFrom", Shape::List)
      .accepted("volumeMounts", Shape::List)
      .accepted("volumeDevices", Shape::List)
      .accepted("livenessProbe", Shape::Map)
      .accepted("readinessProbe", Shape::Map)
      .accepted("startupProbe", Shape::Map)
      .accepted("lifecycle", Shape::Map)
      .accepted("terminationMessagePath", Shape::String)
      .accepted("securityContext", Shape::Map)
      .accepted("resizePolicy", Shape::List)
      .accepted("restartPolicy", Shape::String)
      .accepted("restartPolicyRules", Shape::List)
      .accepted("stdin", Shape::Bool)
      .accepted("stdinOnce", Shape::Bool)
      .accepted("tty", Shape::Bool);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::Toleration& out) {
  using T = api::Toleration;
  Fields<T> fields(ctx, value, out);
  fields.field("key", &T::key)
      .custom("operator",
              [&out](const Ctx& c, const Value& v) {
                if (v.is_null()) {
                  out.operator_ = T{}.operator_;
                } else {
                  decode_string_enum(c, v, {"Equal", "Exists"}, out.operator_);
                }
              })
      .field("value", &T::value)
      .custom("effect",
              [&out](const Ctx& c, const Value& v) {
                if (v.is_null()) {
                  out.effect.clear();
                } else {
                  decode_string_enum(c, v, {"", "NoSchedule", "PreferNoSchedule", "NoExecute"}, out.effect);
                }
              })
      .field("tolerationSeconds", &T::toleration_seconds);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodSpec& out) {
  using P = api::PodSpec;
  Fields<P> fields(ctx, value, out);
  fields.field("containers", &P::containers)
      .field("initContainers", &P::init_containers)
      .custom("restartPolicy", [&out](const Ctx& c, const Value& v) { decode_restart_policy(c, v, out); })
      .field("nodeName", &P::node_name)
      .field("nodeSelector", &P::node_selector)
      .field("tolerations", &P::tolerations)
      .field("terminationGracePeriodSeconds", &P::termination_grace_period_seconds)
      .field("activeDeadlineSeconds", &P::active_deadline_seconds)
      .field("hostname", &P::hostname)
      .field("subdomain", &P::subdomain)
      .field("schedulerName", &P::scheduler_name)
      .field("serviceAccountName", &P::service_account_name)
      .field("priorityClassName", &P::priority_class_name)
      .custom("dnsPolicy", string_enum({"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"}))
      .custom("preemptionPolicy", string_enum({"PreemptLowerPriority", "Never"}))
      .accepted("volumes", Shape::List)
      .accepted("ephemeralContainers", Shape::List)
      .accepted("serviceAccount", Shape::String)
      .accepted("automountServiceAccountToken", Shape::Bool)
      .accepted("hostNetwork", Shape::Bool)
      .accepted("hostPID", Shape::Bool)
      .accepted("hostIPC", Shape::Bool)
      .accepted("hostUsers", Shape::Bool)
      .accepted("shareProcessNamespace", Shape::Bool)
      .accepted("setHostnameAsFQDN", Shape::Bool)
      .accepted("enableServiceLinks", Shape::Bool)
      .accepted("securityContext", Shape::Map)
      .accepted("imagePullSecrets", Shape::List)
      .accepted("affinity", Shape::Map)
      .accepted("hostAliases", Shape::List)
      .accepted("priority", Shape::Integer)
      .accepted("dnsConfig", Shape::Map)
      .accepted("readinessGates", Shape::List)
      .accepted("runtimeClassName", Shape::String)
      .accepted("overhead", Shape::Map)
      .accepted("topologySpreadConstraints", Shape::List)
      .accepted("os", Shape::Map)
      .accepted("schedulingGates", Shape::List)
      .accepted("resourceClaims", Shape::List)
      .accepted("resources", Shape::Map)
      .accepted("hostnameOverride", Shape::String);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::PodTemplateSpec& out) {
  using T = api::PodTemplateSpec;
  Fields<T> fields(ctx, value, out);
  fields
      .custom("metadata",
              [&out](const Ctx& c, const Value& v) { decode_template_metadata(c, v, out.labels.edit(), out.annotations.edit()); })
      .field("spec", &T::spec);
  return fields.is_map() || value.is_null();
}

}  // namespace jobsim::scenario
