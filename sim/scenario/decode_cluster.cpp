// Decoders for `cluster:`: node groups (expanded to Nodes by world/), the controller
// manager's time zone, and every timing of the model (api::Timings, upstream defaults).
#include <algorithm>
#include <set>

#include "jobsim/cron/time_zone.hpp"
#include "scenario/decoders.hpp"
#include "scenario/scenario_decoders.hpp"
#include "scenario/value_path.hpp"

namespace jobsim::scenario {
namespace {

constexpr std::int64_t kDefaultMaxPods = 110;  // kubelet --max-pods

}  // namespace

bool decode_value(const Ctx& ctx, const Value& value, api::Timings& out) {
  using T = api::Timings;
  Fields<T> fields(ctx, value, out);
  fields.field("podStartup", &T::pod_startup)
      .field("schedulerLatency", &T::scheduler_latency)
      .field("crashLoopInitialBackoff", &T::crash_loop_initial_backoff)
      .field("crashLoopMaxBackoff", &T::crash_loop_max_backoff)
      .field("crashLoopReset", &T::crash_loop_reset)
      .field("jobSyncBatchPeriod", &T::job_sync_batch_period)
      .field("jobPodFailureBackoff", &T::job_pod_failure_backoff)
      .field("jobMaxPodFailureBackoff", &T::job_max_pod_failure_backoff)
      .field("terminatedPodGCThreshold", &T::terminated_pod_gc_threshold)
      .field("podGCPeriod", &T::pod_gc_period)
      .field("nodeMonitorGracePeriod", &T::node_monitor_grace_period)
      .field("nodeMonitorPeriod", &T::node_monitor_period)
      .field("nodeStatusUpdateFrequency", &T::node_status_update_frequency)
      // Not a timing of the cluster model: decode_timings puts it in ClusterSpec::event_ttl.
      .accepted("eventTTL")
      // Gone upstream: say why rather than just "unknown field".
      .custom("podEvictionTimeout", [](const Ctx& c, const Value& v) {
        c.fail(v.pos(), "not a setting any more: kube-controller-manager dropped --pod-eviction-timeout (v1.27); "
                        "pods leave a NotReady node after their node.kubernetes.io/not-ready toleration, 300s by "
                        "default (set tolerationSeconds in the pod template)");
      });
  if (!fields.is_map()) return value.is_null();
  // The node lifecycle arithmetic divides by these periods (docs/fidelity.md, Node lifecycle).
  for (const auto& [key, period] : {std::pair{"nodeMonitorPeriod", out.node_monitor_period},
                                    std::pair{"nodeStatusUpdateFrequency", out.node_status_update_frequency}}) {
    if (value.find(key) != nullptr && period <= engine::Duration::zero()) {
      ctx.key(key).fail(locate(value, key), "must be greater than 0");
    }
  }
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, NodeGroup& out) {
  out.pos = value.pos();
  {
    Fields<NodeGroup> fields(ctx, value, out);
    fields.required("name")
        .required("capacity")
        .field("name", &NodeGroup::name)
        .field("count", &NodeGroup::count)
        .custom("capacity",
                [&out](const Ctx& c, const Value& v) {
                  if (!v.is_map()) {
                    c.fail(v.pos(), "expected a map with cpu and memory, got " + describe(v));
                    return;
                  }
                  decode_value(c, v, out.capacity);
                  // Every node needs cpu and memory for the scheduler's fit check.
                  if (v.find("cpu") == nullptr) c.missing(v, "cpu");
                  if (v.find("memory") == nullptr) c.missing(v, "memory");
                  if (!out.capacity.pods) out.capacity.pods = kDefaultMaxPods;
                })
        .field("labels", &NodeGroup::labels)
        .field("taints", &NodeGroup::taints);
    if (!fields.is_map()) return false;
  }
  out.pos = value.pos();  // a null value resets `out`, position included
  if (out.count && *out.count < 1) {
    ctx.key("count").fail(locate(value, "count"), "must be at least 1, got " + std::to_string(*out.count));
  }
  const Value* taints = value.find("taints");
  for (std::size_t i = 0; taints != nullptr && taints->is_sequence() && i < out.taints.size(); ++i) {
    const Value& taint = taints->items()[i];
    if (!taint.is_map()) continue;
    if (taint.find("key") == nullptr) ctx.key("taints").index(i).missing(taint, "key");
    if (taint.find("effect") == nullptr) ctx.key("taints").index(i).missing(taint, "effect");
  }
  return true;
}

// decode_timings: cluster.timings is api::Timings (the cluster model's) plus eventTTL, the API
// server's Event TTL (kube-apiserver --event-ttl, default 1h), which only `describe` uses.
void decode_timings(const Ctx& ctx, const Value& value, ClusterSpec& out) {
  decode_value(ctx, value, out.timings);
  if (value.is_null()) {
    out.event_ttl = ClusterSpec{}.event_ttl;
    return;
  }
  const Value* ttl = value.is_map() ? value.find("eventTTL") : nullptr;
  if (ttl == nullptr) return;
  if (ttl->is_null()) {
    out.event_ttl = ClusterSpec{}.event_ttl;
    return;
  }
  if (decode_value(ctx.key("eventTTL"), *ttl, out.event_ttl) && out.event_ttl <= engine::Duration::zero()) {
    ctx.key("eventTTL").fail(ttl->pos(), "must be greater than 0");
  }
}

bool decode_value(const Ctx& ctx, const Value& value, ClusterSpec& out) {
  {
    Fields<ClusterSpec> fields(ctx, value, out);
    fields.field("nodes", &ClusterSpec::nodes)
        .field("timeZone", &ClusterSpec::time_zone)
        .custom("timings", [&out](const Ctx& c, const Value& v) { decode_timings(c, v, out); });
    if (!fields.is_map()) return value.is_null();
  }
  // Node names must be unique once groups are expanded (worker -> worker-1 .. worker-N).
  std::set<std::string> names;
  for (std::size_t i = 0; i < out.nodes.size(); ++i) {
    const NodeGroup& group = out.nodes[i];
    if (group.name.empty()) continue;
    const std::int32_t count = group.count.value_or(0);
    for (std::int32_t n = 0; n < std::max(count, 1); ++n) {
      const std::string name = group.count ? group.name + "-" + std::to_string(n + 1) : group.name;
      if (!names.insert(name).second) {
        ctx.key("nodes").index(i).key("name").fail(group.pos, "duplicate node name \"" + name + "\"");
        break;
      }
    }
  }
  if (out.time_zone.empty()) {
    ctx.key("timeZone").fail(locate(value, "timeZone"), "must not be empty (e.g. UTC)");
  } else if (const cron::LoadResult zone = cron::TimeZone::load(out.time_zone); !zone.zone) {
    // The CronJob controller evaluates schedules without spec.timeZone in this zone.
    ctx.key("timeZone").fail(locate(value, "timeZone"), zone.error + " (an IANA name such as UTC or Europe/Berlin)");
  }
  return true;
}

}  // namespace jobsim::scenario
