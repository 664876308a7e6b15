// StringTable: interns short strings that repeat across many objects (the event log's
// namespaces), so a subject holds a 4-byte id, not a string. Interned strings are never freed:
// intern only strings from a small set, never one per object (names, owners), or the table grows
// with the length of the run. Private to the report layer.
#pragma once

#include <cstdint>
#include <deque>          // std::deque: elements never move, so the views in ids_ stay valid
#include <string>
#include <string_view>
#include <unordered_map>  // lookup only; never iterated, so its order cannot reach an output

namespace jobsim::report {

using StringId = std::uint32_t;
inline constexpr StringId kEmptyString = 0;  // id of "", also meaning "none"

class StringTable {
 public:
  StringTable() { intern(""); }
  StringTable(const StringTable&) = delete;
  StringTable& operator=(const StringTable&) = delete;

  // intern returns the id of `text`, adding it on first use. Ids are dense, from 0.
  StringId intern(std::string_view text) {
    if (const auto found = ids_.find(text); found != ids_.end()) return found->second;
    const auto id = static_cast<StringId>(strings_.size());
    const std::string& stored = strings_.emplace_back(text);
    ids_.emplace(stored, id);
    return id;
  }
  std::string_view view(StringId id) const { return strings_[id]; }

 private:
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, StringId> ids_;
};

}  // namespace jobsim::report
