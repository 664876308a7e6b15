// Field paths over a Value tree: "cluster.nodes[0].count", "spec.template.spec.containers[1]",
// `metadata.labels.edit()["app.kubernetes.io/name"]`. Used by --set and to position validation errors.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

struct PathSegment {
  std::string key;                   // a map key, when index is empty
  std::optional<std::size_t> index;  // a list index
};

// parse_value_path splits a path into segments, or returns nullopt with `error` set
// ("empty key after '.'", "unterminated '['", ...).
std::optional<std::vector<PathSegment>> parse_value_path(std::string_view path, std::string& error);

// format_value_path is the inverse of parse_value_path for the segments [0, count).
std::string format_value_path(const std::vector<PathSegment>& segments, std::size_t count);

// locate returns the position of the deepest part of `path` that exists in `root`: the key of
// a map entry, or the item of a list. A field that is absent is reported at its nearest
// ancestor; that is where the user has to add it.
SourcePos locate(const Value& root, std::string_view path);

}  // namespace jobsim::scenario
