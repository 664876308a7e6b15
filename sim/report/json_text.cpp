// JSON string escaping, CSV fields and integer formatting for the line-oriented outputs.
#include "json_text.hpp"

#include "jobsim/report/csv_field.hpp"

#include <algorithm>  // std::ranges::any_of
#include <array>
#include <charconv>  // std::to_chars
#include <cstring>   // std::memcpy

namespace jobsim::report {
namespace {

// kEscaped marks the bytes RFC 8259 section 7 requires escaped in a string: '"', '\\' and the
// control characters U+0000..U+001F.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int byte = 0; byte < 0x20; ++byte) escaped[byte] = true;
  escaped['"'] = true;
  escaped['\\'] = true;
  return escaped;
}();

constexpr std::uint64_t kOnes = 0x0101010101010101;
constexpr std::uint64_t kHighBits = 0x8080808080808080;

// any_escaped says whether one of the 8 bytes in `word` is in kEscaped, without a branch per
// byte: names and messages almost never need an escape, so the scan is the whole cost. Per
// byte b, (b - n) & ~b has its high bit set when b < n (n <= 0x80), and a byte equal to c is a
// zero byte of word ^ (c repeated), found the same way with n = 1. Borrows between bytes can
// mark a byte above a true one, never a word without one: exact for the word as a whole.
constexpr bool any_escaped(std::uint64_t word) {
  const std::uint64_t quote = word ^ (kOnes * '"');
  const std::uint64_t backslash = word ^ (kOnes * '\\');
  const std::uint64_t marks = ((word - kOnes * 0x20) & ~word) | ((quote - kOnes) & ~quote) |
                              ((backslash - kOnes) & ~backslash);
  return (marks & kHighBits) != 0;
}

// find_escaped returns the first byte of [from, end) that needs an escape, or end.
const char* find_escaped(const char* from, const char* end) {
  for (; end - from >= 8; from += 8) {
    std::uint64_t word;
    std::memcpy(&word, from, sizeof word);
    if (any_escaped(word)) break;  // the byte is in this word; the loop below finds it
  }
  for (; from != end; ++from) {
    if (kEscaped[static_cast<unsigned char>(*from)]) return from;
  }
  return end;
}

char* put_escape(char* out, unsigned char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  *out++ = '\\';
  switch (byte) {
    case '"': *out++ = '"'; break;
    case '\\': *out++ = '\\'; break;
    case '\n': *out++ = 'n'; break;
    case '\r': *out++ = 'r'; break;
    case '\t': *out++ = 't'; break;
    case '\b': *out++ = 'b'; break;
    case '\f': *out++ = 'f'; break;
    default:
      out = put(out, "u00");
      *out++ = kHex[byte >> 4];
      *out++ = kHex[byte & 0xF];
  }
  return out;
}

// put_json_escaped_slow escapes text[from..] into `out`, which holds text[..from) already.
char* put_json_escaped_slow(char* out, std::string_view text, std::size_t from_index) {
  const char* from = text.data() + from_index;
  const char* const end = text.data() + text.size();
  while (true) {
    // Copy the run of plain bytes at once, then escape the byte that ended it.
    const char* const stop = find_escaped(from, end);
    out = std::copy(from, stop, out);
    if (stop == end) return out;
    out = put_escape(out, static_cast<unsigned char>(*stop));
    from = stop + 1;
  }
}

std::uint64_t load8(const char* from) {
  std::uint64_t word;
  std::memcpy(&word, from, sizeof word);
  return word;
}
void store8(char* to, std::uint64_t word) { std::memcpy(to, &word, sizeof word); }
std::uint32_t load4(const char* from) {
  std::uint32_t word;
  std::memcpy(&word, from, sizeof word);
  return word;
}
void store4(char* to, std::uint32_t word) { std::memcpy(to, &word, sizeof word); }

// Bytes16: 16 bytes as one vector (a GCC and Clang extension: SSE2 on x86-64, NEON on ARM,
// pairs of words elsewhere), so that a longer name or message is checked 16 bytes per step.
using Bytes16 = unsigned char __attribute__((vector_size(16)));

Bytes16 load16(const char* from) {
  Bytes16 bytes;
  std::memcpy(&bytes, from, sizeof bytes);
  return bytes;
}
void store16(char* to, Bytes16 bytes) { std::memcpy(to, &bytes, sizeof bytes); }

// any_escaped16 is any_escaped for 16 bytes: a comparison gives all-ones in each matching byte.
bool any_escaped16(Bytes16 bytes) {
  const Bytes16 kZero = {};
  const auto marks = (bytes < kZero + 0x20) | (bytes == kZero + '"') | (bytes == kZero + '\\');
  std::uint64_t halves[2];
  std::memcpy(halves, &marks, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

}  // namespace

// The common case, a short text with nothing to escape (names, reasons, messages, "default"),
// is checked and copied 16, 8 or 4 bytes at a time with no call and no loop per byte: the last
// block overlaps the one before it instead of ending in a byte loop. Any escape falls back to
// the general loop, from the block where it was found (bytes before it were found plain). The
// stores stay within the text's size, far under its bound.
char* put_json_escaped(char* out, std::string_view text) {
  const char* const in = text.data();
  const std::size_t size = text.size();
  if (size >= 16) {
    std::size_t at = 0;
    for (; at + 16 <= size; at += 16) {
      const Bytes16 bytes = load16(in + at);
      if (any_escaped16(bytes)) return put_json_escaped_slow(out + at, text, at);
      store16(out + at, bytes);
    }
    if (at < size) {
      const Bytes16 bytes = load16(in + size - 16);
      if (any_escaped16(bytes)) return put_json_escaped_slow(out + at, text, at);
      store16(out + size - 16, bytes);
    }
    return out + size;
  }
  if (size >= 8) {
    // Two overlapping words, tested as one vector.
    const std::uint64_t low = load8(in);
    const std::uint64_t high = load8(in + size - 8);
    Bytes16 bytes;
    std::memcpy(&bytes, &low, sizeof low);
    std::memcpy(reinterpret_cast<char*>(&bytes) + sizeof low, &high, sizeof high);
    if (any_escaped16(bytes)) return put_json_escaped_slow(out, text, 0);
    store8(out, low);
    store8(out + size - 8, high);
    return out + size;
  }
  if (size >= 4) {
    // Two overlapping 4-byte halves, tested as one word.
    const std::uint32_t low = load4(in);
    const std::uint32_t high = load4(in + size - 4);
    if (any_escaped(low | (std::uint64_t{high} << 32))) return put_json_escaped_slow(out, text, 0);
    store4(out, low);
    store4(out + size - 4, high);
    return out + size;
  }
  return put_json_escaped_slow(out, text, 0);
}

char* put_csv_field(char* out, std::string_view text) {
  // One pass over the bytes; string_view::find_first_of calls memchr on the set once per byte.
  const bool needs_quotes = std::ranges::any_of(text, [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (!needs_quotes) return put(out, text);
  *out++ = '"';
  for (const char c : text) {
    if (c == '"') *out++ = '"';
    *out++ = c;
  }
  *out++ = '"';
  return out;
}

std::string csv_field(std::string_view text) {
  std::string out(csv_field_bound(text), '\0');
  out.resize(static_cast<std::size_t>(put_csv_field(out.data(), text) - out.data()));
  return out;
}

char* put_int(char* out, std::int64_t value) {
  // Most numbers in the rows are counts under 100 (and many are 0): written without a call.
  if (static_cast<std::uint64_t>(value) < 10) {
    *out = static_cast<char>('0' + value);
    return out + 1;
  }
  if (static_cast<std::uint64_t>(value) < 100) {
    out[0] = static_cast<char>('0' + value / 10);
    out[1] = static_cast<char>('0' + value % 10);
    return out + 2;
  }
  return std::to_chars(out, out + kIntBound, value).ptr;
}

}  // namespace jobsim::report
