// --set PATH=VALUE: edits of the scenario's Value tree before it is decoded, so an override is
// checked exactly like the file (a sweep varies `cluster.nodes[0].count=6` and the like).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/value.hpp"
#include "scenario/diagnostics.hpp"

namespace jobsim::scenario {

// apply_overrides applies each "PATH=VALUE" in order. PATH uses dots and [index] (an index
// equal to the list's size appends); missing map keys are created. VALUE is read as a YAML
// flow node ("6", "{cpu: \"8\"}", "[1, 0]"); its nodes are positioned at "FLAG PATH" (`flag` is
// "--set", or "--grid" for a sweep's grid values), so messages about them name the flag.
void apply_overrides(Value& root, const std::vector<std::string>& overrides, std::string_view flag,
                     Diagnostics& diagnostics);

}  // namespace jobsim::scenario
