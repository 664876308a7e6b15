// Hand-written JSON and CSV text helpers for the large outputs (events.jsonl, timeseries.csv):
// formatting millions of lines through a JSON DOM would dominate a run's cost.
// Private to the report layer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "jobsim/engine/time.hpp"

namespace jobsim::report {

// append_json_string appends `text` as a quoted JSON string: '"' and '\\' escaped, control
// characters as \n, \t, ... or \u00XX. Other bytes (UTF-8) are copied as they are.
void append_json_string(std::string& out, std::string_view text);
// append_json_escaped appends the escaped content of `text` without the quotes.
void append_json_escaped(std::string& out, std::string_view text);

// append_int appends the decimal digits of `value`.
void append_int(std::string& out, std::int64_t value);

// TimeText caches the RFC 3339 text of the last instant formatted: consecutive lines mostly
// share their instant, and formatting the time is the costliest part of a line.
class TimeText {
 public:
  std::string_view operator()(engine::SimTime at) {
    if (!valid_ || at != last_) {
      text_ = engine::to_rfc3339_millis(at);  // docs/outputs.md: millisecond precision
      last_ = at;
      valid_ = true;
    }
    return text_;
  }

 private:
  engine::SimTime last_{};
  std::string text_;
  bool valid_ = false;
};

}  // namespace jobsim::report
