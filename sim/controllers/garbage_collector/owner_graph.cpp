// Upstream: pkg/controller/garbagecollector/graph.go (node, dependents, blockingDependents),
// graph_builder.go (uidToNode, insertNode, removeNode, virtual nodes).
#include "owner_graph.hpp"

#include <algorithm>
#include <limits>

#include "jobsim/engine/check.hpp"

namespace jobsim::controllers::garbage_collector {
namespace {

std::size_t kind_index(api::Kind kind) { return static_cast<std::size_t>(kind); }

}  // namespace

std::optional<OwnerGraph::Vertex> OwnerGraph::find(const api::Name& uid) const {
  const std::uint32_t* found = by_uid_.find(uid);
  if (found == nullptr) return std::nullopt;
  return *found;
}

std::optional<OwnerGraph::Vertex> OwnerGraph::vertex_of(api::Kind kind, api::ObjectId id) const {
  const std::size_t k = kind_index(kind);
  const std::uint64_t slot = k < by_kind_id_.size() ? by_kind_id_[k].get(id) : 0;
  if (slot == 0) return std::nullopt;
  return static_cast<Vertex>(slot - 1);
}

OwnerGraph::Vertex OwnerGraph::allocate() {
  if (free_.empty()) {
    JOBSIM_CHECK(vertices_.size() < std::numeric_limits<std::uint32_t>::max(), "OwnerGraph: more than 2^32 vertices");
    vertices_.emplace_back();
    return vertices_.size() - 1;
  }
  const Vertex vertex = free_.front();
  free_.pop_front();
  return vertex;
}

OwnerGraph::Vertex OwnerGraph::observe(api::Kind kind, api::ObjectId id, const api::Name& uid) {
  Vertex vertex;
  if (const auto existing = find(uid)) {
    vertex = *existing;
  } else {
    vertex = allocate();
    vertices_[vertex].node = GraphNode{.uid = uid, .in_use = true};
    by_uid_.insert(static_cast<std::uint32_t>(vertex));
  }
  GraphNode& node = vertices_[vertex].node;
  node.kind = kind;
  node.id = id;
  node.observed = true;
  const std::size_t k = kind_index(kind);
  if (by_kind_id_.size() <= k) by_kind_id_.resize(k + 1);
  by_kind_id_[k].set(id, static_cast<std::uint64_t>(vertex) + 1);
  return vertex;
}

OwnerGraph::Vertex OwnerGraph::add_virtual(const api::Name& uid) {
  JOBSIM_CHECK(!by_uid_.contains(uid), "OwnerGraph::add_virtual of a uid already in the graph");
  const Vertex vertex = allocate();
  vertices_[vertex].node = GraphNode{.uid = uid, .in_use = true};
  by_uid_.insert(static_cast<std::uint32_t>(vertex));
  return vertex;
}

void OwnerGraph::set_owner_edge(Vertex dependent, Vertex owner, bool block_owner_deletion) {
  // One edge per (dependent, owner): a second reference to the same owner uid is the same edge,
  // and its blockOwnerDeletion is the latest one set.
  std::vector<OwnerEdge>& owners = vertices_[dependent].owners;
  const auto at = std::ranges::lower_bound(owners, owner, {}, &OwnerEdge::owner);
  if (at != owners.end() && at->owner == owner) {
    at->block_owner_deletion = block_owner_deletion;
    return;
  }
  owners.insert(at, OwnerEdge{.owner = owner, .block_owner_deletion = block_owner_deletion});
  auto& dependents = vertices_[owner].dependents;
  if (!dependents) dependents = std::make_unique<std::set<Vertex>>();
  dependents->insert(dependent);
}

void OwnerGraph::drop_dependent(Vertex owner, Vertex dependent) {
  auto& dependents = vertices_[owner].dependents;
  if (!dependents) return;
  dependents->erase(dependent);
  if (dependents->empty()) dependents.reset();
}

void OwnerGraph::remove_owner_edge(Vertex dependent, Vertex owner) {
  std::vector<OwnerEdge>& owners = vertices_[dependent].owners;
  const auto at = std::ranges::lower_bound(owners, owner, {}, &OwnerEdge::owner);
  if (at == owners.end() || at->owner != owner) return;
  owners.erase(at);
  if (owners.empty()) std::vector<OwnerEdge>().swap(owners);
  drop_dependent(owner, dependent);
}

void OwnerGraph::remove(Vertex vertex) {
  VertexData& data = vertices_[vertex];
  JOBSIM_CHECK(data.node.in_use, "OwnerGraph::remove of a free vertex");
  // Every edge in and out goes (Boost's clear_vertex).
  for (const OwnerEdge& edge : data.owners) {
    if (edge.owner != vertex) drop_dependent(edge.owner, vertex);
  }
  std::vector<OwnerEdge>().swap(data.owners);
  if (data.dependents) {
    for (const Vertex dependent : *data.dependents) {
      if (dependent == vertex) continue;
      std::vector<OwnerEdge>& owners = vertices_[dependent].owners;
      const auto at = std::ranges::lower_bound(owners, vertex, {}, &OwnerEdge::owner);
      if (at != owners.end() && at->owner == vertex) owners.erase(at);
      if (owners.empty()) std::vector<OwnerEdge>().swap(owners);
    }
    data.dependents.reset();
  }
  by_uid_.erase(static_cast<std::uint32_t>(vertex));  // hashes node.uid: before the node is cleared
  if (data.node.observed) by_kind_id_[kind_index(data.node.kind)].set(data.node.id, 0);
  data.node = GraphNode{};
  free_.push_back(vertex);
}

void OwnerGraph::clear() {
  by_uid_.clear();
  vertices_.clear();
  free_.clear();
  by_kind_id_.clear();
}

std::vector<OwnerGraph::Vertex> OwnerGraph::dependents(Vertex owner) const {
  const auto& dependents = vertices_[owner].dependents;
  if (!dependents) return {};
  return {dependents->begin(), dependents->end()};
}

std::vector<OwnerGraph::Vertex> OwnerGraph::owners(Vertex dependent) const {
  std::vector<Vertex> result;
  result.reserve(vertices_[dependent].owners.size());
  for (const OwnerEdge& edge : vertices_[dependent].owners) result.push_back(edge.owner);
  return result;
}

std::vector<OwnerGraph::Vertex> OwnerGraph::blocking_dependents(Vertex owner) const {
  std::vector<Vertex> result;
  const auto& dependents = vertices_[owner].dependents;
  if (!dependents) return result;
  for (const Vertex dependent : *dependents) {
    const std::vector<OwnerEdge>& owners = vertices_[dependent].owners;
    const auto at = std::ranges::lower_bound(owners, owner, {}, &OwnerEdge::owner);
    if (at != owners.end() && at->owner == owner && at->block_owner_deletion) result.push_back(dependent);
  }
  return result;
}

}  // namespace jobsim::controllers::garbage_collector
