// Decoders for the scenario's own sections (docs/scenario-format.md): cluster, timings, behaviors,
// objects, actions, and the top level that ties them together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "jobsim/scenario/scenario.hpp"
#include "scenario/decode_util.hpp"

namespace jobsim::scenario {

// decode_cluster.cpp
bool decode_value(const Ctx& ctx, const Value& value, api::Timings& out);
bool decode_value(const Ctx& ctx, const Value& value, NodeGroup& out);
bool decode_value(const Ctx& ctx, const Value& value, ClusterSpec& out);

// decode_behavior.cpp
bool decode_value(const Ctx& ctx, const Value& value, BehaviorMatch& out);
bool decode_value(const Ctx& ctx, const Value& value, DurationDist& out);
bool decode_value(const Ctx& ctx, const Value& value, ExitCodeSpec& out);
bool decode_value(const Ctx& ctx, const Value& value, Behavior& out);

// TimeFrame resolves TIME values (RFC 3339, "+90m" offsets from start, "end").
struct TimeFrame {
  SimTime start;
  std::optional<SimTime> end;  // unknown while `until` itself is being read
};
// decode_time_arg reads a TIME value; the time must not be before start.
bool decode_time_arg(const Ctx& ctx, const Value& value, const TimeFrame& frame, SimTime& out);

// decode_action.cpp
void decode_action(const Ctx& ctx, const Value& value, const TimeFrame& frame, Action& out);

// decode_fault.cpp
// decode_fault reads one entry of `faults:` (node kinds through decode_node_fault).
void decode_fault(const Ctx& ctx, const Value& value, const TimeFrame& frame, Fault& out);
// check_fault_overlaps reports controllerManagerDown outages that overlap or touch; `ctx` is
// the context of the `faults` list.
void check_fault_overlaps(const Ctx& ctx, const std::vector<Fault>& faults);
// decode_node_fault.cpp
// is_node_fault_kind: nodeDown, nodeUp or nodeFailures.
bool is_node_fault_kind(std::string_view key);
// decode_node_fault reads a fault entry whose kind key is `kind` (a node fault).
void decode_node_fault(const Ctx& ctx, const Value& value, const TimeFrame& frame, std::string_view kind, Fault& out);
// check_node_faults checks the node faults against the scenario's nodes (cluster.nodes and Node
// objects): unknown nodes, overlapping outages of one node, nodeUp of a node that is not down,
// two nodeFailures for one node. It expands node group names in nodeFailures.nodes.
// `ctx` is the context of the `faults` list.
void check_node_faults(const Ctx& ctx, std::vector<Fault>& faults, const Scenario& scenario);
// decode_expect.cpp
// decode_expectation reads one entry of `expect:`; `at` must lie in [start, end].
void decode_expectation(const Ctx& ctx, const Value& value, const TimeFrame& frame, Expectation& out);

// decode_scenario.cpp
struct ScenarioSource {
  std::string file;      // as given, for messages
  std::string base_dir;  // `- file:` manifests resolve against it
};
// expand_includes replaces each `- file: path` entry of `objects` by the documents of that file,
// in order, so that `--set objects[N]...` addresses the N-th object whether it is inline or
// included. Spliced documents keep their own file positions. An include that cannot be read or
// parsed is left in place; decoding then reports it.
void expand_includes(Value& root, const ScenarioSource& source);

Scenario decode_scenario(const Value& root, const ScenarioSource& source, const LoadOptions& options,
                         Diagnostics& diagnostics);

// read_text_file reads a whole file, or returns nullopt with `error` set to the OS reason.
std::optional<std::string> read_text_file(const std::string& path, std::string& error);

}  // namespace jobsim::scenario
