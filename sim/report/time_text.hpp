// TimeText: the instants of the line outputs in the form of docs/outputs.md (RFC 3339, UTC,
// floored to the millisecond, ".mmm" only when not a whole second; engine::to_rfc3339_millis),
// formatted by hand into a fixed buffer. Consecutive lines mostly share their instant and
// nearly always their day: the text of the last instant is kept, and a new instant of the same
// day rewrites only the time of day. Private to the report layer.
#pragma once

#include <cstddef>
#include <cstring>  // std::memcpy
#include <string_view>

#include "jobsim/engine/time.hpp"

namespace jobsim::report {

class TimeText {
 public:
  // kMaxSize bounds the text: a year of up to 12 characters (SimTime spans about +-292,000
  // years), "-MM-DDT" and "HH:MM:SS.mmmZ".
  static constexpr std::size_t kMaxSize = 32;

  // operator() returns the text of `at`; valid until the next call.
  std::string_view operator()(engine::SimTime at) {
    if (!valid_ || at != last_) format(at);
    return {text_, size_};
  }
  // put writes the text of `at` to `out`, which must have room for kMaxSize bytes: all of them
  // are copied (a fixed-size copy is a few moves, a variable one a call) and the end returned.
  char* put(char* out, engine::SimTime at) {
    if (!valid_ || at != last_) format(at);
    std::memcpy(out, text_, kMaxSize);
    return out + size_;
  }

 private:
  void format(engine::SimTime at);

  engine::SimTime last_{};
  bool valid_ = false;
  engine::SimTime day_{};       // midnight of the day in the text, when date_size_ > 0
  std::size_t date_size_ = 0;   // "YYYY-MM-DDT"
  std::size_t size_ = 0;
  char text_[kMaxSize] = {};
};

}  // namespace jobsim::report
