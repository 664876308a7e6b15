// YAML -> Value through yaml-cpp's event API. The event API (rather than YAML::Load) is used
// because it exposes what a Node hides: the position of every map key, whether a scalar was
// quoted ("5" vs 5), and duplicate keys, which YAML::Node silently keeps.
#include "scenario/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>  // std::exchange

namespace jobsim::scenario {
namespace {

constexpr std::string_view kMergeKey = "<<";

// TooLarge aborts building when kMaxYamlNodes is exceeded.
struct TooLarge : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Stuck aborts parsing when yaml-cpp starts a document where the previous one started: on some
// malformed input (a stray "," at block level) it would emit empty documents forever.
struct Stuck {
  YAML::Mark mark;
};

std::size_t count_nodes(const Value& value) {
  std::size_t count = 1;
  for (const Value& item : value.items()) count += count_nodes(item);
  for (const Value::Entry& entry : value.entries()) count += count_nodes(entry.value);
  return count;
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, Diagnostics& problems) : file_(file), problems_(problems) {}

  std::optional<Value> take_document() { return std::exchange(document_, std::nullopt); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (last_document_start_ && *last_document_start_ == mark.pos) throw Stuck{mark};
    last_document_start_ = mark.pos;
    stack_.clear();
    anchors_.clear();
    document_.reset();
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    complete(Value::null(pos_of(mark)), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {  // yaml-cpp reports unknown aliases itself; stay safe anyway
      complete(Value::null(pos_of(mark)), 0);
      return;
    }
    const std::size_t copied = count_nodes(found->second);
    alias_nodes_ += copied;
    if (alias_nodes_ > kMaxAliasNodes) {
      throw TooLarge("aliases expand to more than " + std::to_string(kMaxAliasNodes) + " nodes");
    }
    budget(copied - 1);  // complete() counts the root
    complete(found->second, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    // yaml-cpp tags plain scalars "?" and quoted or block scalars "!". An explicit !!str also
    // makes a string; other explicit tags (!!int ...) leave the text to be read as plain.
    const bool quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    complete(Value::scalar(text, quoted, pos_of(mark)), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    stack_.push_back(Frame{Value::sequence(pos_of(mark)), anchor, std::nullopt, {}});
  }
  void OnSequenceEnd() override { finish_frame(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    stack_.push_back(Frame{Value::map(pos_of(mark)), anchor, std::nullopt, {}});
  }
  void OnMapEnd() override {
    Frame& frame = stack_.back();
    apply_merges(frame);
    finish_frame();
  }

 private:
  struct PendingKey {
    enum class Kind : std::uint8_t { Plain, Merge, Invalid };  // Merge: the plain key "<<"
    std::string text;
    SourcePos pos;
    Kind kind = Kind::Plain;
  };
  struct Frame {
    Value value;
    YAML::anchor_t anchor = 0;
    std::optional<PendingKey> key;  // maps alternate key, value
    std::vector<Value> merges;      // values of "<<" keys, applied at the end of the map
  };

  SourcePos pos_of(const YAML::Mark& mark) const {
    if (mark.is_null()) return SourcePos{file_, 0, 0};
    return SourcePos{file_, mark.line + 1, mark.column + 1};
  }

  void budget(std::size_t nodes) {
    nodes_ += nodes;
    if (nodes_ > kMaxYamlNodes) throw TooLarge("document too large: more than " + std::to_string(kMaxYamlNodes) + " nodes");
  }

  void finish_frame() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    complete(std::move(frame.value), frame.anchor);
  }

  void complete(Value value, YAML::anchor_t anchor) {
    budget(1);
    if (anchor != 0) anchors_[anchor] = value;
    if (stack_.empty()) {
      document_ = std::move(value);
      return;
    }
    Frame& frame = stack_.back();
    if (frame.value.is_sequence()) {
      frame.value.items().push_back(std::move(value));
      return;
    }
    if (!frame.key) {
      if (!value.is_scalar()) {
        problems_.add(value.pos(), "", "map keys must be strings or numbers, not a map, list or null");
        // The value that follows is dropped together with the key.
        frame.key = PendingKey{"", value.pos(), PendingKey::Kind::Invalid};
        return;
      }
      const bool merge = !value.quoted() && value.text() == kMergeKey;
      frame.key = PendingKey{value.text(), value.pos(), merge ? PendingKey::Kind::Merge : PendingKey::Kind::Plain};
      return;
    }
    PendingKey key = std::move(*frame.key);
    frame.key.reset();
    if (key.kind == PendingKey::Kind::Invalid) return;
    if (key.kind == PendingKey::Kind::Merge) {
      frame.merges.push_back(std::move(value));
      return;
    }
    for (const Value::Entry& entry : frame.value.entries()) {
      if (entry.key == key.text) {
        problems_.add(key.pos, "",
                      "duplicate key \"" + key.text + "\" (already defined at line " +
                          std::to_string(entry.key_pos.line) + ")");
        return;
      }
    }
    // An empty value ("key:" with nothing after it) is positioned by yaml-cpp at the next
    // token, often on a later line; point at the key instead.
    if (value.is_null() && value.pos().line != key.pos.line) value = Value::null(key.pos);
    frame.value.entries().push_back({std::move(key.text), std::move(key.pos), std::move(value)});
  }

  // apply_merges implements YAML 1.1 merge keys as kubectl's reader does: keys written in the
  // map win over merged ones, and among several merged maps the earlier one wins.
  void apply_merges(Frame& frame) {
    for (const Value& merge : frame.merges) {
      std::vector<const Value*> sources;
      if (merge.is_map()) {
        sources.push_back(&merge);
      } else if (merge.is_sequence()) {
        for (const Value& item : merge.items()) sources.push_back(&item);
      }
      if (sources.empty()) {
        problems_.add(merge.pos(), "", "the merge key \"<<\" needs a map or a list of maps");
        continue;
      }
      for (const Value* source : sources) {
        if (!source->is_map()) {
          problems_.add(source->pos(), "", "the merge key \"<<\" needs a map or a list of maps");
          continue;
        }
        for (const Value::Entry& entry : source->entries()) {
          if (frame.value.find(entry.key) == nullptr) frame.value.entries().push_back(entry);
        }
      }
    }
  }

  const std::string& file_;
  Diagnostics& problems_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Value> anchors_;
  std::optional<Value> document_;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;
  std::optional<int> last_document_start_;  // offset in the text
};

}  // namespace

YamlDocuments read_yaml(std::string_view text, const std::string& file) {
  YamlDocuments result;
  std::istringstream input{std::string(text)};
  TreeBuilder builder(file, result.problems);
  try {
    YAML::Parser parser(input);
    while (parser.HandleNextDocument(builder)) {
      if (auto document = builder.take_document()) result.documents.push_back(std::move(*document));
    }
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp says only "bad file" when its parser recursion passes its limit (500).
    result.problems.add(SourcePos{file, error.mark.line + 1, error.mark.column + 1}, "",
                        "invalid YAML: nested too deeply (the limit is about 500 levels)");
    result.syntax_error = true;
  } catch (const YAML::Exception& error) {
    SourcePos pos{file, 0, 0};
    if (!error.mark.is_null()) pos = SourcePos{file, error.mark.line + 1, error.mark.column + 1};
    result.problems.add(pos, "", "invalid YAML: " + error.msg);
    result.syntax_error = true;
  } catch (const Stuck& stuck) {
    const auto offset = static_cast<std::size_t>(stuck.mark.pos);
    const std::string found = offset < text.size() ? "\"" + std::string(1, text[offset]) + "\"" : "the end of the text";
    result.problems.add(SourcePos{file, stuck.mark.line + 1, stuck.mark.column + 1}, "", "invalid YAML: unexpected " + found);
    result.syntax_error = true;
  } catch (const TooLarge& error) {
    result.problems.add(SourcePos{file, 0, 0}, "", error.what());
    result.syntax_error = true;
  }
  return result;
}

}  // namespace jobsim::scenario
