// Upstream: pkg/printers/internalversion/printers.go printNode, findNodeRoles (v1.32).
// jobsim models no node addresses or system info: wide prints <none> and <unknown> for them.
#include <set>

#include "jobsim/report/kubectl_duration.hpp"
#include "jobsim/report/kubectl_tables.hpp"

namespace jobsim::report::kubectl {
namespace {

constexpr std::string_view kNodeRolePrefix = "node-role.kubernetes.io/";
constexpr std::string_view kNodeRoleLabel = "kubernetes.io/role";

std::string node_roles(const api::Node& node) {
  std::set<std::string> roles;  // sorted, as sets.String.List()
  for (const auto& [key, value] : node.metadata->labels) {
    if (key.starts_with(kNodeRolePrefix)) {
      if (key.size() > kNodeRolePrefix.size()) roles.insert(key.substr(kNodeRolePrefix.size()));
    } else if (key == kNodeRoleLabel && !value.empty()) {
      roles.insert(value);
    }
  }
  std::string text;
  for (const std::string& role : roles) text += (text.empty() ? "" : ",") + role;
  return text.empty() ? "<none>" : text;
}

std::string node_status(const api::Node& node) {
  std::string status;
  for (const api::NodeCondition& condition : node.status->conditions) {
    // Upstream builds a map by type: the last Ready condition wins.
    if (condition.type == "Ready") status = condition.status == api::ConditionStatus::True ? "Ready" : "NotReady";
  }
  if (status.empty()) status = "Unknown";
  if (node.spec->unschedulable) status += ",SchedulingDisabled";
  return status;
}

}  // namespace

Table node_table(std::span<const api::Node* const> nodes, engine::SimTime now, bool wide) {
  Table table{.columns = {"NAME", "STATUS", "ROLES", "AGE", "VERSION"}};
  if (wide) {
    table.columns.insert(table.columns.end(),
                         {"INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"});
  }
  for (const api::Node* node : nodes) {
    std::vector<std::string> row = {node->metadata->name, node_status(*node), node_roles(*node),
                                    translate_timestamp_since(node->metadata->creation_timestamp, now),
                                    std::string(kKubeletVersion)};
    if (wide) row.insert(row.end(), {"<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"});
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace jobsim::report::kubectl
