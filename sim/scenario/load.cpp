// Loading a scenario: YAML -> Value tree -> --set overrides -> decoded, validated Scenario.
#include "jobsim/scenario/load.hpp"

#include <filesystem>
#include <limits>

#include "scenario/diagnostics.hpp"
#include "scenario/overrides.hpp"
#include "scenario/scenario_decoders.hpp"
#include "scenario/yaml_reader.hpp"

namespace jobsim::scenario {

Scenario parse_scenario(std::string_view text, const std::string& file, const LoadOptions& options,
                        const std::string& base_dir) {
  YamlDocuments documents = read_yaml(text, file);
  // After a syntax error the tree is incomplete: decoding it would only add noise.
  if (documents.syntax_error) throw ScenarioError(documents.problems.messages());
  Diagnostics diagnostics = documents.problems;
  Value root = documents.documents.empty() ? Value::null(SourcePos{file, 0, 0}) : documents.documents.front();
  if (documents.documents.size() > 1) {
    diagnostics.add(documents.documents[1].pos(), "",
                    "a scenario file holds one YAML document, this one has " + std::to_string(documents.documents.size()) +
                        " (put multi-document manifests in a file listed as `objects: [{file: ...}]`)");
  }
  const ScenarioSource source{file, base_dir};
  expand_includes(root, source);
  apply_overrides(root, options.set_overrides, "--set", diagnostics);
  apply_overrides(root, options.grid_overrides, "--grid", diagnostics);
  Scenario scenario = decode_scenario(root, source, options, diagnostics);
  if (!diagnostics.empty()) {
    diagnostics.sort_by_position();
    throw ScenarioError(diagnostics.messages());
  }
  return scenario;
}

Scenario load_scenario(const std::string& path, const LoadOptions& options) {
  std::string error;
  const std::optional<std::string> text = read_text_file(path, error);
  if (!text) throw ScenarioError({path + ": cannot read the scenario: " + error});
  std::string base_dir = std::filesystem::path(path).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  return parse_scenario(*text, path, options, base_dir);
}

std::optional<SimTime> parse_time_arg(std::string_view text, SimTime start, SimTime end) {
  if (text == "end") return end;
  if (!text.empty() && text.front() == '+') {
    const std::string_view offset = text.substr(1);
    // "+-5m" and "++5m" are not offsets: parse_duration would accept the second sign.
    if (offset.empty() || offset.front() == '+' || offset.front() == '-') return std::nullopt;
    const std::optional<Duration> duration = engine::parse_duration(offset);
    if (!duration) return std::nullopt;
    if (start.time_since_epoch().count() > std::numeric_limits<std::int64_t>::max() - duration->count()) {
      return std::nullopt;
    }
    return start + *duration;
  }
  return engine::parse_rfc3339(text);
}

}  // namespace jobsim::scenario
