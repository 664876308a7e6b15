// Loading a scenario: YAML -> Value tree -> --set overrides -> decoded, validated Scenario.
// Every problem is collected first, then reported at once as one ScenarioError whose lines
// read "file:line:col: what is wrong; what was expected" (CONTRIBUTING.md "Errors").
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/scenario.hpp"

namespace jobsim::scenario {

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<std::string> messages);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

struct LoadOptions {
  std::vector<std::string> set_overrides;  // "PATH=VALUE", e.g. "cluster.nodes[0].count=6"
  // grid_overrides: the same, for one point of a sweep's --grid values (applied after the
  // --set ones; messages name "--grid PATH").
  std::vector<std::string> grid_overrides;
  std::optional<std::uint64_t> seed;       // --seed overrides `seed:`
  std::optional<std::string> until;        // --until (RFC 3339, +offset or "end")
  // skip_expectations leaves `expect:` unread (its entries may name instants after a shortened
  // `until`); the golden tests use it to review only the first hour of a long lab.
  bool skip_expectations = false;
};

// load_scenario reads `path` (and any `- file:` manifests relative to it).
Scenario load_scenario(const std::string& path, const LoadOptions& options = {});
// parse_scenario parses text as if read from `file` (manifest files resolve against `base_dir`).
Scenario parse_scenario(std::string_view text, const std::string& file, const LoadOptions& options = {},
                        const std::string& base_dir = ".");

// parse_time_arg parses a TIME argument: RFC 3339, "+90m" offsets from start, or "end".
std::optional<SimTime> parse_time_arg(std::string_view text, SimTime start, SimTime end);

// apply_patch merges `patch` into a live object (JSON merge patch semantics: maps merge, lists
// and scalars replace, null removes an optional field) and returns errors ("file:line:col:
// ...") instead of throwing, because a patch is applied during the run.
std::vector<std::string> apply_patch(Object& object, const Value& patch);

}  // namespace jobsim::scenario
