// Hand-written JSON and CSV text helpers for the large outputs (events.jsonl, timeseries.csv,
// nodes.csv): formatting millions of lines through a JSON DOM, or even through std::string
// appends (a capacity check and an out-of-line copy per field), would dominate a run's cost.
// A line is written through a raw pointer into room its BlockWriter reserved for it; each put_*
// returns the new end, and writes at most the bound given next to it. Private to the report layer.
#pragma once

#include <algorithm>  // std::copy
#include <cstddef>
#include <cstdint>
#include <cstring>  // std::memcpy
#include <string_view>

namespace jobsim::report {

// put copies `text` to `out`. Most texts put are short spellings (a kind, an event, a time) of
// a size known only at run time, for which memcpy is a call and a dispatch on the size: up to
// 16 bytes are copied here as two overlapping loads and stores instead. (With a literal the
// size is a constant and all but one branch fold away.)
inline char* put(char* out, std::string_view text) {
  const char* const in = text.data();
  const std::size_t size = text.size();
  if (size > 16) return std::copy(text.begin(), text.end(), out);
  if (size >= 8) {
    std::uint64_t low, high;
    std::memcpy(&low, in, 8);
    std::memcpy(&high, in + size - 8, 8);
    std::memcpy(out, &low, 8);
    std::memcpy(out + size - 8, &high, 8);
  } else if (size >= 4) {
    std::uint32_t low, high;
    std::memcpy(&low, in, 4);
    std::memcpy(&high, in + size - 4, 4);
    std::memcpy(out, &low, 4);
    std::memcpy(out + size - 4, &high, 4);
  } else if (size > 0) {
    // 1 to 3 bytes: the first, the middle and the last (some of them the same byte).
    out[0] = in[0];
    out[size / 2] = in[size / 2];
    out[size - 1] = in[size - 1];
  }
  return out + size;
}

// kIntBound: the most bytes put_int writes ("-9223372036854775808").
inline constexpr std::size_t kIntBound = 20;
// put_int writes the decimal digits of `value`.
char* put_int(char* out, std::int64_t value);

// json_escaped_bound: the most bytes put_json_escaped writes for `text` (every byte a \u00XX),
// or for a text of `size` bytes written in pieces.
constexpr std::size_t json_escaped_bound(std::size_t size) { return 6 * size; }
constexpr std::size_t json_escaped_bound(std::string_view text) { return json_escaped_bound(text.size()); }
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
