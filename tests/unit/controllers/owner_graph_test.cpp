// OwnerGraph: the garbage collector's dependency graph (sim/controllers/garbage_collector/
// owner_graph.hpp). Each case applies a sequence of edits and checks every vertex's owners,
// dependents and blocking dependents, in vertex order.
#include "controllers/garbage_collector/owner_graph.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jobsim::controllers::garbage_collector {
namespace {

using V = OwnerGraph::Vertex;
using Vs = std::vector<V>;

struct Edit {
  enum Op { Edge, Unlink, Remove } op;
  V dependent;  // Remove: the vertex removed
  V owner = 0;
  bool block = false;
};

struct Expected {
  V vertex;
  Vs owners;
  Vs dependents;
  Vs blocking;
};

struct Case {
  std::string name;
  std::vector<Edit> edits;
  std::vector<Expected> expected;
};

TEST(OwnerGraph, edges_keep_vertex_order_and_removal_clears_both_directions) {
  // Vertices 0..4 are created first (uids u0..u4), in that order.
  const std::vector<Case> cases = {
      {"no edges", {}, {{0, {}, {}, {}}, {4, {}, {}, {}}}},
      {"dependents in vertex order, not insertion order",
       {{Edit::Edge, 3, 0, false}, {Edit::Edge, 1, 0, true}, {Edit::Edge, 2, 0, false}},
       {{0, {}, {1, 2, 3}, {1}}, {1, {0}, {}, {}}, {3, {0}, {}, {}}}},
      {"a second edge to the same owner updates blockOwnerDeletion",
       {{Edit::Edge, 1, 0, true}, {Edit::Edge, 1, 0, false}, {Edit::Edge, 2, 0, false}, {Edit::Edge, 2, 0, true}},
       {{0, {}, {1, 2}, {2}}, {1, {0}, {}, {}}}},
      {"owners in vertex order",
       {{Edit::Edge, 4, 2, false}, {Edit::Edge, 4, 0, true}, {Edit::Edge, 4, 3, false}},
       {{4, {0, 2, 3}, {}, {}}, {0, {}, {4}, {4}}, {2, {}, {4}, {}}}},
      {"unlink one edge",
       {{Edit::Edge, 1, 0, true}, {Edit::Edge, 2, 0, true}, {Edit::Unlink, 1, 0}, {Edit::Unlink, 1, 3}},
       {{0, {}, {2}, {2}}, {1, {}, {}, {}}, {2, {0}, {}, {}}}},
      {"removing an owner leaves its dependents without it",
       {{Edit::Edge, 1, 0, true}, {Edit::Edge, 1, 2, false}, {Edit::Edge, 3, 0, false}, {Edit::Remove, 0}},
       {{1, {2}, {}, {}}, {2, {}, {1}, {}}, {3, {}, {}, {}}}},
      {"removing a dependent leaves its owners without it",
       {{Edit::Edge, 1, 0, true}, {Edit::Edge, 2, 0, true}, {Edit::Edge, 1, 3, true}, {Edit::Remove, 1}},
       {{0, {}, {2}, {2}}, {3, {}, {}, {}}, {2, {0}, {}, {}}}},
      {"an object that owns itself",
       {{Edit::Edge, 2, 2, true}, {Edit::Edge, 3, 2, false}},
       {{2, {2}, {2, 3}, {2}}, {3, {2}, {}, {}}}},
      {"removing an object that owns itself",
       {{Edit::Edge, 2, 2, true}, {Edit::Edge, 3, 2, false}, {Edit::Remove, 2}},
       {{3, {}, {}, {}}, {4, {}, {}, {}}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    OwnerGraph graph;
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(graph.observe(api::Kind::Pod, static_cast<api::ObjectId>(i + 1), api::Name("u" + std::to_string(i))),
                static_cast<V>(i));
    }
    for (const Edit& edit : c.edits) {
      if (edit.op == Edit::Edge) graph.set_owner_edge(edit.dependent, edit.owner, edit.block);
      if (edit.op == Edit::Unlink) graph.remove_owner_edge(edit.dependent, edit.owner);
      if (edit.op == Edit::Remove) graph.remove(edit.dependent);
    }
    for (const Expected& e : c.expected) {
      SCOPED_TRACE("vertex " + std::to_string(e.vertex));
      EXPECT_TRUE(graph.in_use(e.vertex));
      EXPECT_EQ(graph.owners(e.vertex), e.owners);
      EXPECT_EQ(graph.dependents(e.vertex), e.dependents);
      EXPECT_EQ(graph.dependents_count(e.vertex), e.dependents.size());
      EXPECT_EQ(graph.blocking_dependents(e.vertex), e.blocking);
    }
  }
}

TEST(OwnerGraph, freed_vertices_are_reused_first_in_first_out_and_found_by_uid) {
  OwnerGraph graph;
  const V a = graph.observe(api::Kind::Job, 1, api::Name("a"));
  const V b = graph.add_virtual(api::Name("b"));
  const V c = graph.observe(api::Kind::Pod, 7, api::Name("c"));
  EXPECT_EQ((Vs{a, b, c}), (Vs{0, 1, 2}));
  EXPECT_EQ(graph.find(api::Name("b")), b);
  EXPECT_FALSE(graph.vertex_of(api::Kind::Pod, 1).has_value());
  EXPECT_EQ(graph.vertex_of(api::Kind::Pod, 7), c);
  EXPECT_EQ(graph.observe(api::Kind::Job, 2, api::Name("b")), b);  // the virtual vertex is observed
  EXPECT_TRUE(graph.node(b).observed);
  graph.remove(c);
  graph.remove(a);
  EXPECT_FALSE(graph.in_use(a));
  EXPECT_FALSE(graph.find(api::Name("a")).has_value());
  EXPECT_FALSE(graph.vertex_of(api::Kind::Pod, 7).has_value());
  EXPECT_EQ(graph.size(), 1U);
  EXPECT_EQ(graph.add_virtual(api::Name("d")), c);  // freed first
  EXPECT_EQ(graph.add_virtual(api::Name("e")), a);
  EXPECT_EQ(graph.add_virtual(api::Name("f")), 3U);
  EXPECT_EQ(graph.size(), 4U);
}

}  // namespace
}  // namespace jobsim::controllers::garbage_collector
