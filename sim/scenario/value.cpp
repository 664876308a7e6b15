// Value: the position-carrying YAML tree (include/jobsim/scenario/value.hpp).
#include "jobsim/scenario/value.hpp"

#include <string_view>

namespace jobsim::scenario {

std::string SourcePos::to_string() const {
  // Values from --set have line 0: their "file" already reads "--set PATH".
  if (line <= 0) return file;
  std::string text = file + ":" + std::to_string(line);
  if (column > 0) text += ":" + std::to_string(column);
  return text;
}

Value Value::scalar(std::string text, bool quoted, SourcePos pos) {
  Value value;
  value.type_ = Type::Scalar;
  value.text_ = std::move(text);
  value.quoted_ = quoted;
  value.pos_ = std::move(pos);
  return value;
}

Value Value::null(SourcePos pos) {
  Value value;
  value.pos_ = std::move(pos);
  return value;
}

Value Value::sequence(SourcePos pos) {
  Value value;
  value.type_ = Type::Sequence;
  value.pos_ = std::move(pos);
  return value;
}

Value Value::map(SourcePos pos) {
  Value value;
  value.type_ = Type::Map;
  value.pos_ = std::move(pos);
  return value;
}

const Value* Value::find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

Value* Value::find(std::string_view key) {
  for (Entry& entry : entries_) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

}  // namespace jobsim::scenario
