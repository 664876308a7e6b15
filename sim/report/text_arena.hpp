// TextArena: append-only storage for the many one-off strings of the event log (pod names,
// Event messages). One allocation per block instead of one per string; views stay valid
// because blocks never move. Private to the report layer.
#pragma once

#include <algorithm>
#include <cstring>  // std::memcpy
#include <memory>
#include <string_view>
#include <vector>

namespace jobsim::report {

class TextArena {
 public:
  // store copies `text` into the arena and returns a view of the copy.
  std::string_view store(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > capacity_ - used_) {
      capacity_ = std::max(kBlockSize, text.size());
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(capacity_));
      used_ = 0;
    }
    char* copy = blocks_.back().get() + used_;
    std::memcpy(copy, text.data(), text.size());
    used_ += text.size();
    return {copy, text.size()};
  }

 private:
  static constexpr std::size_t kBlockSize = std::size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t capacity_ = 0;
  std::size_t used_ = 0;
};

}  // namespace jobsim::report
