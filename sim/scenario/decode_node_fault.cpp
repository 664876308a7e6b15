// Decoders for the node faults of `faults:` (docs/scenario-format.md, docs/faults.md):
//   - {at: +3h, nodeDown: worker-2, for: 20m}   (without `for`: until a nodeUp or the end)
//   - {at: +4h, nodeUp: worker-2}
//   - nodeFailures: {mtbf: 72h, mttr: 20m, nodes: [worker]}   (optional `at`: from when)
// and the checks that need the whole scenario (node names, outages of one node in time order).
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "scenario/scenario_decoders.hpp"
#include "scenario/value_path.hpp"

namespace jobsim::scenario {
namespace {

constexpr std::string_view kNodeDown = "nodeDown";
constexpr std::string_view kNodeUp = "nodeUp";
constexpr std::string_view kNodeFailures = "nodeFailures";

void decode_at(const Ctx& ctx, const Value& value, const TimeFrame& frame, Fault& out) {
  SimTime parsed;
  if (decode_time_arg(ctx, value, frame, parsed)) out.at = parsed;
}

void decode_node_name(const Ctx& ctx, const Value& value, std::string& out) {
  if (!decode_value(ctx, value, out)) return;
  if (out.empty()) ctx.fail(value.pos(), "must name a node (e.g. worker-2)");
}

void decode_positive(const Ctx& ctx, const Value& value, Duration& out) {
  if (!decode_value(ctx, value, out)) return;
  if (out <= Duration::zero()) ctx.fail(value.pos(), "must be greater than 0");
}

void decode_failures(const Ctx& ctx, const Value& value, Fault& out) {
  Fields<Fault> fields(ctx, value, out);
  if (!fields.is_map()) return;
  fields.required("mtbf")
      .required("mttr")
      .custom("mtbf", [&](const Ctx& c, const Value& v) { decode_positive(c, v, out.mtbf); })
      .custom("mttr", [&](const Ctx& c, const Value& v) { decode_positive(c, v, out.mttr); })
      .custom("nodes", [&](const Ctx& c, const Value& v) {
        if (!v.is_sequence() || v.items().empty()) {
          c.fail(v.pos(), "expected a non-empty list of node or node group names, got " + describe(v));
          return;
        }
        // Keep only names that decoded: a bad item is reported once, not again as `no node ""`.
        std::vector<std::string> names;
        for (std::size_t i = 0; i < v.items().size(); ++i) {
          std::string name;
          if (decode_value(c.index(i), v.items()[i], name)) names.push_back(std::move(name));
        }
        out.nodes = std::move(names);
      });
}

}  // namespace

bool is_node_fault_kind(std::string_view key) { return key == kNodeDown || key == kNodeUp || key == kNodeFailures; }

void decode_node_fault(const Ctx& ctx, const Value& value, const TimeFrame& frame, std::string_view kind, Fault& out) {
  Fields<Fault> fields(ctx, value, out);
  if (kind == kNodeDown) {
    out.kind = FaultKind::NodeDown;
    fields.required("at")
        .custom("at", [&](const Ctx& c, const Value& v) { decode_at(c, v, frame, out); })
        .custom(kNodeDown, [&](const Ctx& c, const Value& v) { decode_node_name(c, v, out.node); })
        .custom("for", [&](const Ctx& c, const Value& v) { decode_positive(c, v, out.duration); });
  } else if (kind == kNodeUp) {
    out.kind = FaultKind::NodeUp;
    fields.required("at")
        .custom("at", [&](const Ctx& c, const Value& v) { decode_at(c, v, frame, out); })
        .custom(kNodeUp, [&](const Ctx& c, const Value& v) { decode_node_name(c, v, out.node); });
  } else {
    out.kind = FaultKind::NodeFailures;
    out.at = frame.start;
    fields.custom("at", [&](const Ctx& c, const Value& v) { decode_at(c, v, frame, out); })
        .custom(kNodeFailures, [&](const Ctx& c, const Value& v) { decode_failures(c, v, out); });
  }
}

void check_node_faults(const Ctx& ctx, std::vector<Fault>& faults, const Scenario& scenario) {
  // Node names once groups are expanded, and each group's members.
  std::set<std::string> nodes;
  std::map<std::string, std::vector<std::string>> groups;
  for (const NodeGroup& group : scenario.cluster.nodes) {
    const std::int32_t count = group.count.value_or(1);
    for (std::int32_t i = 1; i <= std::max(count, 1); ++i) {
      const std::string name = group.count ? group.name + "-" + std::to_string(i) : group.name;
      nodes.insert(name);
      if (group.count) groups[group.name].push_back(name);
    }
  }
  for (const ObjectEntry& entry : scenario.objects) {
    if (const auto* node = std::get_if<api::Node>(&entry.object)) nodes.insert(node->metadata->name);
  }
  auto unknown = [&](const std::string& name) {
    std::string message = "no node \"" + name + "\" in this scenario";
    if (!nodes.empty()) message += " (nodes: " + *nodes.begin() + (nodes.size() > 1 ? ", ...)" : ")");
    return message;
  };

  // nodeFailures: names or group names; one random process per node.
  std::map<std::string, std::size_t> random_owner;
  for (std::size_t i = 0; i < faults.size(); ++i) {
    Fault& fault = faults[i];
    if (fault.kind != FaultKind::NodeFailures) continue;
    std::vector<std::string> expanded;
    for (const std::string& name : fault.nodes) {
      if (nodes.contains(name)) {
        expanded.push_back(name);
      } else if (const auto group = groups.find(name); group != groups.end()) {
        expanded.insert(expanded.end(), group->second.begin(), group->second.end());
      } else {
        ctx.index(i).key("nodeFailures").key("nodes").fail(fault.pos, unknown(name));
      }
    }
    if (fault.nodes.empty()) expanded.assign(nodes.begin(), nodes.end());
    for (const std::string& name : expanded) {
      const auto [owner, inserted] = random_owner.emplace(name, i);
      if (!inserted && owner->second != i) {
        ctx.index(i).fail(fault.pos, "node \"" + name + "\" already fails at random through faults[" +
                                         std::to_string(owner->second) + "] (" + faults[owner->second].pos.to_string() +
                                         ")");
      }
    }
    // Keep `nodes` as written when it was empty (every node, including nodes created later by
    // actions); otherwise the expanded names, deduplicated in node order.
    if (!fault.nodes.empty()) {
      std::ranges::sort(expanded);
      expanded.erase(std::unique(expanded.begin(), expanded.end()), expanded.end());
      fault.nodes = std::move(expanded);
    }
  }

  // nodeDown / nodeUp, per node in time order (file order on ties).
  std::vector<std::size_t> order(faults.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::stable_sort(order, {}, [&faults](std::size_t i) { return faults[i].at; });
  struct Open {
    std::size_t index;
    std::optional<SimTime> ends;  // nullopt: until a nodeUp
  };
  std::map<std::string, Open> open;  // the node's latest outage
  for (const std::size_t index : order) {
    const Fault& fault = faults[index];
    if (fault.kind != FaultKind::NodeDown && fault.kind != FaultKind::NodeUp) continue;
    if (fault.node.empty()) continue;  // reported by the decoder
    const std::string key(fault.kind == FaultKind::NodeDown ? kNodeDown : kNodeUp);
    if (!nodes.contains(fault.node)) {
      ctx.index(index).key(key).fail(fault.pos, unknown(fault.node));
      continue;
    }
    const auto previous = open.find(fault.node);
    const bool down_now = previous != open.end() && (!previous->second.ends || fault.at < *previous->second.ends);
    if (fault.kind == FaultKind::NodeUp) {
      if (previous == open.end() || previous->second.ends) {
        std::string message = "nodeUp of \"" + fault.node + "\" at " + engine::to_rfc3339(fault.at) +
                              ": the node is not down then (nodeUp ends a nodeDown without \"for\"";
        if (down_now) message += "; the outage of faults[" + std::to_string(previous->second.index) + "] ends by itself at " +
                                 engine::to_rfc3339(*previous->second.ends);
        ctx.index(index).fail(fault.pos, message + ")");
        continue;
      }
      previous->second.ends = fault.at;
      continue;
    }
    const bool touches = previous != open.end() && previous->second.ends && fault.at == *previous->second.ends;
    if (down_now || touches) {
      const Fault& earlier = faults[previous->second.index];
      ctx.index(index).fail(fault.pos, "nodeDown of \"" + fault.node + "\" at " + engine::to_rfc3339(fault.at) +
                                           " must start after the outage of faults[" +
                                           std::to_string(previous->second.index) + "] (" + earlier.pos.to_string() +
                                           (previous->second.ends ? ") ends at " + engine::to_rfc3339(*previous->second.ends)
                                                                  : ") ends (it has no \"for\" and no nodeUp yet)") +
                                           "; merge them into one outage");
      continue;
    }
    open[fault.node] = Open{index, fault.duration > Duration::zero() ? std::optional(fault.at + fault.duration)
                                                                     : std::nullopt};
  }
}

}  // namespace jobsim::scenario
