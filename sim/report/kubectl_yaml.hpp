// to_yaml prints a JSON document the way `kubectl get -o yaml` does (sigs.k8s.io/yaml over
// go-yaml v2): keys sorted, 2-space indents, sequences not indented under their key, strings
// plain when possible, double-quoted when plain would read as another type (numbers, booleans,
// null, timestamps), single-quoted when plain is not allowed (": ", leading "*", ...), literal
// blocks for multi-line text. Private to the report layer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace jobsim::report::kubectl {

std::string to_yaml(const nlohmann::json& document);

}  // namespace jobsim::report::kubectl
