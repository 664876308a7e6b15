// OwnerGraph: the garbage collector's dependency graph (upstream graph.go + the uidToNode map
// of graph_builder.go). One vertex per object the collector watches, plus "virtual" vertices
// for owners referenced by uid that were not observed (not created yet, or already gone); one
// edge dependent -> owner per ownerReference, carrying blockOwnerDeletion.
//
// Representation (it was a Boost adjacency_list<setS, vecS, bidirectionalS>, which gave every
// vertex two std::sets and every edge a list node and two set nodes: ~300 bytes a retained Job,
// issue #9):
//   - a vertex's owners are a small vector sorted by vertex (an object has one or two owners);
//   - its dependents a std::set, allocated only while it has some: removing a pod's edge from a
//     Job with 100k dependents stays O(log n), and a finished Job whose pods are gone holds none;
//   - vertices are indices into a deque (no doubling copy), never renumbered, so iteration
//     orders and work-queue keys are deterministic; a freed vertex is cleared and kept on a
//     free list for reuse.
// Both neighbour lists iterate in vertex order, as the Boost graph's edge sets did.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/id_hash_set.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/controllers/paged_id_map.hpp"

namespace jobsim::controllers::garbage_collector {

struct GraphNode {
  api::Kind kind = api::Kind::Pod;
  api::ObjectId id = api::kNoObject;  // kNoObject while virtual
  api::Name uid;
  bool observed = false;  // seen through an informer (upstream node.isObserved)
  bool in_use = false;    // false: on the free list
};

class OwnerGraph {
 public:
  using Vertex = std::size_t;

  OwnerGraph() = default;
  // by_uid_ hashes through a pointer to vertices_: not copied or moved.
  OwnerGraph(const OwnerGraph&) = delete;
  OwnerGraph& operator=(const OwnerGraph&) = delete;

  // find returns the vertex for a uid (observed or virtual).
  std::optional<Vertex> find(const api::Name& uid) const;
  // vertex_of returns the vertex of an observed object.
  std::optional<Vertex> vertex_of(api::Kind kind, api::ObjectId id) const;

  // observe records an object seen through an informer; a virtual vertex with its uid becomes
  // the object's vertex (upstream: markObserved). Returns the vertex.
  Vertex observe(api::Kind kind, api::ObjectId id, const api::Name& uid);
  // add_virtual creates the vertex of an owner known only by uid.
  Vertex add_virtual(const api::Name& uid);
  // set_owner_edge adds (or updates) the edge dependent -> owner.
  void set_owner_edge(Vertex dependent, Vertex owner, bool block_owner_deletion);
  void remove_owner_edge(Vertex dependent, Vertex owner);
  // remove drops the vertex and its edges (upstream removeNode).
  void remove(Vertex vertex);
  void clear();

  const GraphNode& node(Vertex vertex) const { return vertices_[vertex].node; }
  bool in_use(Vertex vertex) const { return vertex < vertices_.size() && vertices_[vertex].node.in_use; }
  std::size_t dependents_count(Vertex owner) const {
    const auto& dependents = vertices_[owner].dependents;
    return dependents ? dependents->size() : 0;
  }
  // dependents lists the owner's dependents; owners lists the vertices the dependent points to.
  // Both in descriptor order (deterministic).
  std::vector<Vertex> dependents(Vertex owner) const;
  std::vector<Vertex> owners(Vertex dependent) const;
  // blocking_dependents: dependents whose reference to `owner` has blockOwnerDeletion.
  std::vector<Vertex> blocking_dependents(Vertex owner) const;
  std::size_t size() const { return by_uid_.size(); }

 private:
  struct OwnerEdge {
    Vertex owner = 0;
    bool block_owner_deletion = false;
  };
  struct VertexData {
    GraphNode node;
    std::vector<OwnerEdge> owners;                  // sorted by owner
    std::unique_ptr<std::set<Vertex>> dependents;   // null while none
  };

  Vertex allocate();
  void drop_dependent(Vertex owner, Vertex dependent);

  // uidToNode as a set of vertices hashed and compared by their node's uid (interned: the hash
  // is the Name's, a compare is a pointer compare): the uid is held once, in the vertex, not
  // again as a map key (a year of retained Jobs: ~80 bytes an object).
  // Vertices are stored as 32-bit ids in the set (allocate checks they fit).
  struct UidHash {
    const std::deque<VertexData>* vertices;
    std::size_t operator()(const api::Name& uid) const { return uid.hash(); }
    std::size_t operator()(std::uint32_t vertex) const { return (*vertices)[vertex].node.uid.hash(); }
  };
  struct UidEqual {
    const std::deque<VertexData>* vertices;
    bool operator()(const api::Name& uid, std::uint32_t vertex) const { return (*vertices)[vertex].node.uid == uid; }
  };

  std::deque<VertexData> vertices_;
  std::deque<Vertex> free_;  // FIFO: a freed vertex is reused as late as possible
  api::IdHashSet<std::uint32_t, UidHash, UidEqual> by_uid_{UidHash{&vertices_}, UidEqual{&vertices_}};
  // [kind][id] -> vertex + 1 (0: none). Paged: ObjectIds are never reused, and a flat vector by
  // id grew with every object the run ever created (issue #9).
  std::vector<PagedIdMap<std::uint64_t>> by_kind_id_;
};

}  // namespace jobsim::controllers::garbage_collector
