// Parsing field paths and finding them in a Value tree.
#include "scenario/value_path.hpp"

#include <charconv>  // std::from_chars

namespace jobsim::scenario {

std::optional<std::vector<PathSegment>> parse_value_path(std::string_view path, std::string& error) {
  std::vector<PathSegment> segments;
  std::size_t i = 0;
  bool expect_key = true;  // at the start and after '.'
  while (i < path.size() || expect_key) {
    if (expect_key) {
      std::size_t end = i;
      while (end < path.size() && path[end] != '.' && path[end] != '[' && path[end] != ']') ++end;
      if (end == i) {
        // A path may start with an index only when it is on its own ("[0].x" is not valid).
        error = i == 0 ? "the path must start with a key" : "empty key after '.'";
        return std::nullopt;
      }
      segments.push_back({std::string(path.substr(i, end - i)), std::nullopt});
      i = end;
      expect_key = false;
      continue;
    }
    if (path[i] == '.') {
      ++i;
      expect_key = true;
      continue;
    }
    if (path[i] != '[') {
      error = "unexpected '" + std::string(1, path[i]) + "'";
      return std::nullopt;
    }
    const std::size_t close = path.find(']', i);
    if (close == std::string_view::npos) {
      error = "unterminated '['";
      return std::nullopt;
    }
    const std::string_view inside = path.substr(i + 1, close - i - 1);
    if (inside.size() >= 2 && inside.front() == '"' && inside.back() == '"') {
      segments.push_back({std::string(inside.substr(1, inside.size() - 2)), std::nullopt});
    } else {
      std::size_t index = 0;
      const auto [end, parse_error] = std::from_chars(inside.data(), inside.data() + inside.size(), index);
      if (inside.empty() || parse_error != std::errc{} || end != inside.data() + inside.size()) {
        error = "invalid index [" + std::string(inside) + "]: expected a number or a quoted key";
        return std::nullopt;
      }
      segments.push_back({"", index});
    }
    i = close + 1;
  }
  return segments;
}

std::string format_value_path(const std::vector<PathSegment>& segments, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count && i < segments.size(); ++i) {
    const PathSegment& segment = segments[i];
    if (segment.index) {
      text += "[" + std::to_string(*segment.index) + "]";
    } else if (segment.key.find('.') != std::string::npos) {
      text += "[\"" + segment.key + "\"]";
    } else {
      text += (text.empty() ? "" : ".") + segment.key;
    }
  }
  return text;
}

SourcePos locate(const Value& root, std::string_view path) {
  std::string error;
  const auto segments = parse_value_path(path, error);
  SourcePos pos = root.pos();
  if (!segments) return pos;
  const Value* current = &root;
  for (const PathSegment& segment : *segments) {
    if (segment.index) {
      if (!current->is_sequence() || *segment.index >= current->items().size()) break;
      current = &current->items()[*segment.index];
      pos = current->pos();
      continue;
    }
    if (!current->is_map()) break;
    const Value::Entry* found = nullptr;
    for (const Value::Entry& entry : current->entries()) {
      if (entry.key == segment.key) found = &entry;
    }
    if (found == nullptr) break;
    pos = found->key_pos;
    current = &found->value;
  }
  return pos;
}

}  // namespace jobsim::scenario
