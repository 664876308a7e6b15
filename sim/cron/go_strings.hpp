// Go string primitives robfig relies on, private to sim/cron: UTF-8 decoding as Go's range loop
// does it, unicode.IsSpace, strings.Fields and strings.TrimSpace.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace jobsim::cron::go {

inline constexpr char32_t kRuneError = 0xFFFD;

struct Rune {
  char32_t value;      // kRuneError for an invalid byte
  std::size_t width;   // bytes consumed (1 for an invalid byte)
};

// decode_rune is utf8.DecodeRuneInString on the front of `text` (which must not be empty).
Rune decode_rune(std::string_view text);

// is_space is unicode.IsSpace.
bool is_space(char32_t rune);

// fields is strings.Fields: `text` split around runs of white space, empty parts dropped.
std::vector<std::string_view> fields(std::string_view text);

// trim_space is strings.TrimSpace.
std::string_view trim_space(std::string_view text);

}  // namespace jobsim::cron::go
