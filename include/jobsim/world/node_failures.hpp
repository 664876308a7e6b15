// NodeFailureDraws: the random up and down times of one node under a `nodeFailures` fault
// (docs/faults.md): alternately an up time ~ Exponential(mean mtbf) and a down time
// ~ Exponential(mean mttr), both drawn from the node's own stream "node-failures/<node>", so a
// node's failures depend only on (seed, replication, node name) and never on other streams.
// Times are rounded to whole milliseconds (at least 1 ms).
#pragma once

#include <string>

#include "jobsim/engine/distributions.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::world {

inline std::string node_failures_stream(const std::string& node) { return "node-failures/" + node; }

class NodeFailureDraws {
 public:
  NodeFailureDraws(const engine::RandomStreams& streams, const std::string& node, engine::Duration mtbf,
                   engine::Duration mttr)
      : stream_(streams.stream(node_failures_stream(node))), mtbf_(mtbf), mttr_(mttr) {}

  engine::Duration next_up() { return draw(mtbf_); }
  engine::Duration next_down() { return draw(mttr_); }

  // to_duration: seconds -> whole milliseconds, at least 1 ms.
  static engine::Duration to_duration(double seconds) {
    const auto millis = static_cast<std::int64_t>(seconds * 1000.0 + 0.5);
    return std::chrono::milliseconds(millis < 1 ? 1 : millis);
  }

 private:
  engine::Duration draw(engine::Duration mean) {
    return to_duration(engine::exponential(stream_, std::chrono::duration<double>(mean).count()));
  }

  engine::RandomStream stream_;
  engine::Duration mtbf_;
  engine::Duration mttr_;
};

}  // namespace jobsim::world
