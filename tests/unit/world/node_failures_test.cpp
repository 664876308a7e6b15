// Random node failures (nodeFailures): per-node exponential draws from the named stream
// "node-failures/<node>", alternately up (mean mtbf) and down (mean mttr), in whole ms.
#include <gtest/gtest.h>

#include "jobsim/engine/distributions.hpp"
#include "jobsim/world/node_failures.hpp"
#include "jobsim/world/world.hpp"
#include "testing/builders.hpp"

namespace jobsim::world {
namespace {

using namespace std::chrono_literals;

TEST(NodeFailureDraws, AlternateUpAndDownFromTheNodesOwnStream) {
  const engine::RandomStreams streams(42, 0);
  NodeFailureDraws draws(streams, "worker-2", 72h, 20min);
  engine::RandomStream reference = streams.stream("node-failures/worker-2");
  const double up1 = engine::exponential(reference, 72.0 * 3600);
  const double down1 = engine::exponential(reference, 20.0 * 60);
  const double up2 = engine::exponential(reference, 72.0 * 3600);
  EXPECT_EQ(draws.next_up(), NodeFailureDraws::to_duration(up1));
  EXPECT_EQ(draws.next_down(), NodeFailureDraws::to_duration(down1));
  EXPECT_EQ(draws.next_up(), NodeFailureDraws::to_duration(up2));
}

TEST(NodeFailureDraws, IndependentOfOtherNodesAndDeterministic) {
  const engine::RandomStreams streams(42, 0);
  NodeFailureDraws a(streams, "worker-1", 1h, 1min);
  NodeFailureDraws b(streams, "worker-1", 1h, 1min);
  NodeFailureDraws other(streams, "worker-3", 1h, 1min);
  (void)other.next_up();  // drawing for another node changes nothing for worker-1
  EXPECT_EQ(a.next_up(), b.next_up());
  EXPECT_NE(NodeFailureDraws(streams, "worker-1", 1h, 1min).next_up(),
            NodeFailureDraws(streams, "worker-3", 1h, 1min).next_up());
}

TEST(NodeFailureDraws, WholeMillisecondsAtLeastOne) {
  EXPECT_EQ(NodeFailureDraws::to_duration(0.0), 1ms);
  EXPECT_EQ(NodeFailureDraws::to_duration(1.2344), 1234ms);
  EXPECT_EQ(NodeFailureDraws::to_duration(1.2345), 1235ms);
}

// A year of random failures on 20 nodes costs a few events per outage: no event per node per
// heartbeat or monitor tick (compared with the same year without failures, whose events are
// the pod GC's 20 s period).
TEST(NodeFailuresWorld, AYearOfFailuresStaysCheap) {
  const scenario::Scenario quiet = testing::ScenarioBuilder().nodes("worker", 20).until(24h * 365).build();
  scenario::Scenario failing = quiet;
  failing.faults.push_back({.kind = scenario::FaultKind::NodeFailures, .at = failing.start, .mtbf = 72h, .mttr = 20min});
  World baseline(quiet);
  baseline.finish();
  World world(failing);
  world.finish();
  const std::uint64_t extra = world.sim().events_processed() - baseline.sim().events_processed();
  // About 365 * 24 / 72 = 122 failures per node, 2440 in all; each costs a handful of events.
  EXPECT_GT(extra, 2000u * 2);
  EXPECT_LT(extra, 2440u * 20);
}

}  // namespace
}  // namespace jobsim::world
