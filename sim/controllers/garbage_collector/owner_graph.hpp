// OwnerGraph: the garbage collector's dependency graph (upstream graph.go + the uidToNode map
// of graph_builder.go) on Boost.Graph. One vertex per object the collector watches, plus
// "virtual" vertices for owners referenced by uid that were not observed (not created yet, or
// already gone); one edge dependent -> owner per ownerReference, carrying blockOwnerDeletion.
// Private to the garbage collector: Boost stays out of the public headers.
//
// Graph type: adjacency_list<setS, vecS, bidirectionalS>.
//   - bidirectionalS: an owner's dependents are its in-edges, a dependent's owners its out-edges.
//   - setS edge lists: removing a pod's edge from a Job with 100k dependents is O(log n), not a
//     scan (a vecS/listS in-edge list makes a large Job's cleanup quadratic).
//   - vecS vertices: descriptors are small integers, so iteration orders and work-queue keys are
//     deterministic (listS descriptors are pointers). remove_vertex would renumber them, so
//     vertices are never removed: a freed vertex is cleared and kept on a free list for reuse.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

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

struct GraphEdge {
  bool block_owner_deletion = false;
};

class OwnerGraph {
 public:
  using Graph = boost::adjacency_list<boost::setS, boost::vecS, boost::bidirectionalS, GraphNode, GraphEdge>;
  using Vertex = Graph::vertex_descriptor;

  OwnerGraph() = default;
  // by_uid_ hashes through a pointer to graph_: not copied or moved.
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

  const GraphNode& node(Vertex vertex) const { return graph_[vertex]; }
  bool in_use(Vertex vertex) const { return vertex < boost::num_vertices(graph_) && graph_[vertex].in_use; }
  std::size_t dependents_count(Vertex owner) const { return boost::in_degree(owner, graph_); }
  // dependents lists the owner's dependents; owners lists the vertices the dependent points to.
  // Both in descriptor order (deterministic).
  std::vector<Vertex> dependents(Vertex owner) const;
  std::vector<Vertex> owners(Vertex dependent) const;
  // blocking_dependents: dependents whose reference to `owner` has blockOwnerDeletion.
  std::vector<Vertex> blocking_dependents(Vertex owner) const;
  std::size_t size() const { return by_uid_.size(); }

 private:
  Vertex allocate();

  // uidToNode as a set of vertices hashed and compared by their node's uid (interned: the hash
  // is the Name's, a compare is a pointer compare): the uid is held once, in the vertex, not
  // again as a map key (a year of retained Jobs: ~80 bytes an object).
  struct UidHash {
    using is_transparent = void;
    const Graph* graph;
    std::size_t operator()(const api::Name& uid) const { return uid.hash(); }
    std::size_t operator()(Vertex vertex) const { return (*graph)[vertex].uid.hash(); }
  };
  struct UidEqual {
    using is_transparent = void;
    const Graph* graph;
    bool operator()(Vertex a, Vertex b) const { return a == b; }
    bool operator()(const api::Name& uid, Vertex vertex) const { return (*graph)[vertex].uid == uid; }
    bool operator()(Vertex vertex, const api::Name& uid) const { return (*graph)[vertex].uid == uid; }
  };

  Graph graph_;
  std::deque<Vertex> free_;  // FIFO: a freed vertex is reused as late as possible
  std::unordered_set<Vertex, UidHash, UidEqual> by_uid_{0, UidHash{&graph_}, UidEqual{&graph_}};
  // [kind][id] -> vertex + 1 (0: none). Paged: ObjectIds are never reused, and a flat vector by
  // id grew with every object the run ever created (issue #9).
  std::vector<PagedIdMap<std::uint64_t>> by_kind_id_;
};

}  // namespace jobsim::controllers::garbage_collector
