// Private helpers shared by time.cpp and duration.cpp: fixed-width decimal text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace jobsim::engine::detail {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// append_padded appends `value` in decimal, left-padded with zeros to `width` digits.
inline void append_padded(std::string& out, std::uint64_t value, std::size_t width) {
  char buffer[24];
  std::size_t length = 0;
  do {
    buffer[length++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (std::size_t i = length; i < width; ++i) out.push_back('0');
  while (length > 0) out.push_back(buffer[--length]);
}

// append_fraction appends "." and `value` as `width` digits with trailing zeros removed; nothing
// when `value` is zero (Go's fmtFrac).
inline void append_fraction(std::string& out, std::uint64_t value, std::size_t width) {
  if (value == 0) return;
  while (value % 10 == 0) {
    value /= 10;
    --width;
  }
  out.push_back('.');
  append_padded(out, value, width);
}

}  // namespace jobsim::engine::detail
