// read_yaml: YAML text -> Value trees (one per document), with 1-based positions for every node
// and every map key. The only file that sees yaml-cpp; the rest of the loader works on Values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/value.hpp"
#include "scenario/diagnostics.hpp"

namespace jobsim::scenario {

struct YamlDocuments {
  std::vector<Value> documents;  // empty documents are Null values; no text gives no documents
  Diagnostics problems;          // invalid YAML (parsing stops there), duplicate keys, ...
  bool syntax_error = false;     // parsing stopped early: the documents are incomplete
};

// read_yaml parses every `---` document of `text`; positions name `file`. Syntax errors read
// "file:line:col: invalid YAML: <yaml-cpp message>". Beyond YAML itself it rejects duplicate
// map keys and non-scalar keys, expands aliases and `<<` merge keys (as kubectl's YAML reader
// does), and stops with an error when the tree would exceed kMaxYamlNodes or aliases would
// copy more than kMaxAliasNodes.
YamlDocuments read_yaml(std::string_view text, const std::string& file);

// kMaxYamlNodes bounds the tree (a snapshot of thousands of objects stays well below it);
// kMaxAliasNodes bounds what aliases copy, so that "billion laughs" alias bombs fail fast
// instead of exhausting memory.
inline constexpr std::size_t kMaxYamlNodes = 2'000'000;
inline constexpr std::size_t kMaxAliasNodes = 100'000;

}  // namespace jobsim::scenario
