// Value: a YAML document as a plain tree that remembers where every node came from, so that
// every error can name file:line:column. Decoders (manifests, scenario sections), `--set`
// overrides and patches all work on this tree; yaml-cpp stays inside sim/scenario/.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobsim::scenario {

struct SourcePos {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown (e.g. a --set value)
  int column = 0;  // 1-based
  // to_string gives "file:line:col", or just "file" when line is 0 (a --set value has file
  // "--set PATH", so messages read "--set cluster.nodes[0].count: ...").
  std::string to_string() const;
  bool operator==(const SourcePos&) const = default;
};

class Value {
 public:
  enum class Type : std::uint8_t { Null, Scalar, Sequence, Map };

  Value() = default;
  static Value scalar(std::string text, bool quoted, SourcePos pos);
  static Value null(SourcePos pos);
  static Value sequence(SourcePos pos);
  static Value map(SourcePos pos);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_scalar() const { return type_ == Type::Scalar; }
  bool is_sequence() const { return type_ == Type::Sequence; }
  bool is_map() const { return type_ == Type::Map; }
  const SourcePos& pos() const { return pos_; }

  // Scalars keep their text and whether they were quoted ("5" is a string, 5 a number).
  const std::string& text() const { return text_; }
  bool quoted() const { return quoted_; }

  // Sequences.
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  // Maps keep keys in file order (for messages and --set); each key has its own position.
  // (Entry is defined after the class: it holds a Value, which is incomplete here.)
  struct Entry;
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& entries() { return entries_; }
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);

  // Equal trees: same types, texts, quoting, keys and positions.
  bool operator==(const Value&) const = default;

 private:
  Type type_ = Type::Null;
  SourcePos pos_;
  std::string text_;
  bool quoted_ = false;
  std::vector<Value> items_;
  std::vector<Entry> entries_;
};

struct Value::Entry {
  std::string key;
  SourcePos key_pos;
  Value value;
  bool operator==(const Entry&) const = default;
};

}  // namespace jobsim::scenario
