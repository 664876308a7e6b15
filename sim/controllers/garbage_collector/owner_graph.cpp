// Upstream: pkg/controller/garbagecollector/graph.go (node, dependents, blockingDependents),
// graph_builder.go (uidToNode, insertNode, removeNode, virtual nodes).
#include "owner_graph.hpp"

#include "jobsim/engine/check.hpp"

namespace jobsim::controllers::garbage_collector {
namespace {

std::size_t kind_index(api::Kind kind) { return static_cast<std::size_t>(kind); }

}  // namespace

std::optional<OwnerGraph::Vertex> OwnerGraph::find(const api::Name& uid) const {
  const auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return std::nullopt;
  return *found;
}

std::optional<OwnerGraph::Vertex> OwnerGraph::vertex_of(api::Kind kind, api::ObjectId id) const {
  const std::size_t k = kind_index(kind);
  const std::uint64_t slot = k < by_kind_id_.size() ? by_kind_id_[k].get(id) : 0;
  if (slot == 0) return std::nullopt;
  return static_cast<Vertex>(slot - 1);
}

OwnerGraph::Vertex OwnerGraph::allocate() {
  if (free_.empty()) return boost::add_vertex(graph_);
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
    graph_[vertex] = GraphNode{.uid = uid, .in_use = true};
    by_uid_.insert(vertex);
  }
  GraphNode& node = graph_[vertex];
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
  graph_[vertex] = GraphNode{.uid = uid, .in_use = true};
  by_uid_.insert(vertex);
  return vertex;
}

void OwnerGraph::set_owner_edge(Vertex dependent, Vertex owner, bool block_owner_deletion) {
  // setS: a second reference to the same owner uid is the same edge; any blocking reference blocks.
  const auto [edge, added] = boost::add_edge(dependent, owner, GraphEdge{block_owner_deletion}, graph_);
  if (!added) graph_[edge].block_owner_deletion = block_owner_deletion;
}

void OwnerGraph::remove_owner_edge(Vertex dependent, Vertex owner) { boost::remove_edge(dependent, owner, graph_); }

void OwnerGraph::remove(Vertex vertex) {
  GraphNode& node = graph_[vertex];
  JOBSIM_CHECK(node.in_use, "OwnerGraph::remove of a free vertex");
  boost::clear_vertex(vertex, graph_);
  by_uid_.erase(vertex);  // hashes node.uid: before the node is cleared
  if (node.observed) by_kind_id_[kind_index(node.kind)].set(node.id, 0);
  node = GraphNode{};
  free_.push_back(vertex);
}

void OwnerGraph::clear() {
  graph_.clear();
  free_.clear();
  by_uid_.clear();
  by_kind_id_.clear();
}

std::vector<OwnerGraph::Vertex> OwnerGraph::dependents(Vertex owner) const {
  std::vector<Vertex> result;
  result.reserve(boost::in_degree(owner, graph_));
  for (const auto edge : boost::make_iterator_range(boost::in_edges(owner, graph_))) {
    result.push_back(boost::source(edge, graph_));
  }
  return result;
}

std::vector<OwnerGraph::Vertex> OwnerGraph::owners(Vertex dependent) const {
  std::vector<Vertex> result;
  result.reserve(boost::out_degree(dependent, graph_));
  for (const auto edge : boost::make_iterator_range(boost::out_edges(dependent, graph_))) {
    result.push_back(boost::target(edge, graph_));
  }
  return result;
}

std::vector<OwnerGraph::Vertex> OwnerGraph::blocking_dependents(Vertex owner) const {
  std::vector<Vertex> result;
  for (const auto edge : boost::make_iterator_range(boost::in_edges(owner, graph_))) {
    if (graph_[edge].block_owner_deletion) result.push_back(boost::source(edge, graph_));
  }
  return result;
}

}  // namespace jobsim::controllers::garbage_collector
