// --set PATH=VALUE overrides on the Value tree.
#include "scenario/overrides.hpp"

#include "scenario/decode_util.hpp"
#include "scenario/value_path.hpp"
#include "scenario/yaml_reader.hpp"

namespace jobsim::scenario {
namespace {

// relocate gives every node of `value` the position `pos`: a --set value has no lines of its
// own, and messages about it should name the flag.
Value relocate(const Value& value, const SourcePos& pos) {
  switch (value.type()) {
    case Value::Type::Null: return Value::null(pos);
    case Value::Type::Scalar: return Value::scalar(value.text(), value.quoted(), pos);
    case Value::Type::Sequence: {
      Value copy = Value::sequence(pos);
      for (const Value& item : value.items()) copy.items().push_back(relocate(item, pos));
      return copy;
    }
    case Value::Type::Map: {
      Value copy = Value::map(pos);
      for (const Value::Entry& entry : value.entries()) copy.entries().push_back({entry.key, pos, relocate(entry.value, pos)});
      return copy;
    }
  }
  return Value::null(pos);
}

void apply_override(Value& root, const std::string& override_text, std::string_view flag, Diagnostics& diagnostics) {
  const std::size_t equals = override_text.find('=');
  if (equals == std::string::npos) {
    diagnostics.add(SourcePos{std::string(flag) + " " + override_text, 0, 0}, "",
                    "expected PATH=VALUE, such as cluster.nodes[0].count=6");
    return;
  }
  const std::string path = override_text.substr(0, equals);
  const std::string value_text = override_text.substr(equals + 1);
  const SourcePos pos{std::string(flag) + " " + path, 0, 0};

  std::string error;
  const auto segments = parse_value_path(path, error);
  if (!segments) {
    diagnostics.add(pos, "", "invalid path: " + error);
    return;
  }
  YamlDocuments parsed = read_yaml(value_text, pos.file);
  if (!parsed.problems.empty()) {
    for (const Problem& problem : parsed.problems.problems()) diagnostics.add(pos, "", problem.message);
    return;
  }
  if (parsed.documents.size() > 1) {
    diagnostics.add(pos, "", "the value holds several YAML documents; give one value");
    return;
  }
  Value value = parsed.documents.empty() ? Value::null(pos) : relocate(parsed.documents.front(), pos);

  Value* current = &root;
  for (std::size_t i = 0; i < segments->size(); ++i) {
    const PathSegment& segment = (*segments)[i];
    const std::string parent = i == 0 ? std::string("the scenario") : "\"" + format_value_path(*segments, i) + "\"";
    if (segment.index) {
      if (current->is_null()) *current = Value::sequence(pos);
      if (!current->is_sequence()) {
        diagnostics.add(pos, "", "cannot index " + parent + ": it is " + describe(*current) + ", not a list");
        return;
      }
      std::vector<Value>& items = current->items();
      if (*segment.index > items.size()) {
        diagnostics.add(pos, "", "index " + std::to_string(*segment.index) + " is out of range: " + parent + " has " +
                                     std::to_string(items.size()) + " items");
        return;
      }
      if (*segment.index == items.size()) items.push_back(Value::null(pos));
      current = &items[*segment.index];
      continue;
    }
    if (current->is_null()) *current = Value::map(pos);
    if (!current->is_map()) {
      diagnostics.add(pos, "", "cannot set \"" + segment.key + "\" in " + parent + ": it is " + describe(*current) +
                                   ", not a map");
      return;
    }
    Value* child = current->find(segment.key);
    if (child == nullptr) {
      current->entries().push_back({segment.key, pos, Value::null(pos)});
      child = &current->entries().back().value;
    }
    current = child;
  }
  *current = std::move(value);
}

}  // namespace

void apply_overrides(Value& root, const std::vector<std::string>& overrides, std::string_view flag,
                     Diagnostics& diagnostics) {
  for (const std::string& override_text : overrides) apply_override(root, override_text, flag, diagnostics);
}

}  // namespace jobsim::scenario
