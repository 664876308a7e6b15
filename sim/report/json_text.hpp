// Hand-written JSON and CSV text helpers for the large outputs (events.jsonl, timeseries.csv,
// nodes.csv): formatting millions of lines through a JSON DOM, or even through std::string
// appends (a capacity check and an out-of-line copy per field), would dominate a run's cost.
// A line is written through a raw pointer into room its BlockWriter reserved for it; each put_*
// returns the new end, and writes at most the bound given next to it. Private to the report layer.
#pragma once

#include <algorithm>  // std::copy
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jobsim::report {

// put copies `text` to `out`.
inline char* put(char* out, std::string_view text) { return std::copy(text.begin(), text.end(), out); }

// kIntBound: the most bytes put_int writes ("-9223372036854775808").
inline constexpr std::size_t kIntBound = 20;
// put_int writes the decimal digits of `value`.
char* put_int(char* out, std::int64_t value);

// json_escaped_bound: the most bytes put_json_escaped writes for `text` (every byte a \u00XX).
constexpr std::size_t json_escaped_bound(std::string_view text) { return 6 * text.size(); }
// put_json_escaped writes the content of `text` as a JSON string holds it, without the quotes
// (RFC 8259 section 7): '"' and '\\' escaped, control characters as \n, \t, ... or \u00XX.
// Other bytes (UTF-8, DEL) are copied as they are.
char* put_json_escaped(char* out, std::string_view text);

// json_string_bound: the most bytes put_json_string writes for `text`.
constexpr std::size_t json_string_bound(std::string_view text) { return 2 + json_escaped_bound(text); }
// put_json_string writes `text` as a quoted JSON string.
inline char* put_json_string(char* out, std::string_view text) {
  *out++ = '"';
  out = put_json_escaped(out, text);
  *out++ = '"';
  return out;
}

// csv_field_bound: the most bytes put_csv_field writes for `text` (quoted, every byte a quote).
constexpr std::size_t csv_field_bound(std::string_view text) { return 2 + 2 * text.size(); }
// put_csv_field writes `text` as one CSV field, quoted (RFC 4180) only if it holds a comma, a
// quote or a line break.
char* put_csv_field(char* out, std::string_view text);

}  // namespace jobsim::report
