// Trace: what happened in a World, as (seconds since start, kind, event, detail) facts, for
// assertions on exact times and counts. It watches the informers and Events like a report does.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "jobsim/world/world.hpp"

namespace jobsim::testing {

struct Fact {
  double seconds = 0;   // since scenario start
  std::string kind;     // Job, Pod, Event
  std::string event;    // Created, Running, Succeeded, Failed, Restarted, Deleted, Terminating,
                        // condition types for Jobs (SuccessCriteriaMet, Complete, FailureTarget,
                        // Failed, Suspended), Event reasons for kind Event
  std::string detail;   // condition reason, pod exit code, Event message
  std::string name;     // object name (pod names have random suffixes: avoid asserting them)
};

class Trace {
 public:
  explicit Trace(world::World& world);
  const std::vector<Fact>& facts() const { return facts_; }
  // times of facts with this kind and event, in order.
  std::vector<double> times(std::string_view kind, std::string_view event) const;
  std::vector<std::string> details(std::string_view kind, std::string_view event) const;
  std::size_t count(std::string_view kind, std::string_view event) const;
  std::string dump() const;  // for failure messages

 private:
  void add(std::string kind, std::string event, std::string detail, std::string name);
  world::World& world_;
  std::vector<Fact> facts_;
};

// ExpectedTimes: the instants (seconds after start) at which `kind`/`event` facts must appear,
// the row type of the lifecycle tables; expect_times checks every row against a trace and
// prints the whole trace when one differs.
struct ExpectedTimes {
  std::string_view kind;
  std::string_view event;
  std::vector<double> times;
};
void expect_times(const Trace& trace, const std::vector<ExpectedTimes>& expected);

// StreamedHistory: the World's events.jsonl streamed into a string while it runs, as
// `jobsim run --out` streams it into a file. Construct it after the World, before running it.
class StreamedHistory {
 public:
  explicit StreamedHistory(world::World& world);
  // events_jsonl: every line so far (after finish: the whole file).
  std::string events_jsonl();

 private:
  world::World& world_;
  std::ostringstream events_;
};

// events_jsonl_lines: the lines of the World's events.jsonl that contain `needle` (e.g.
// "\"kind\":\"Scheduler\""), in order.
std::vector<std::string> events_jsonl_lines(StreamedHistory& history, std::string_view needle);

}  // namespace jobsim::testing
