// Upstream: Go src/time/format.go (ParseDuration, leadingInt, leadingFraction, quote).
#include "cron/go_duration.hpp"

#include <optional>

namespace jobsim::cron::go {
namespace {

constexpr std::uint64_t kTwoTo63 = std::uint64_t{1} << 63;

// quote is the time package's own quoting: every byte outside printable ASCII as \xNN.
std::string quote(std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || byte < 0x20) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
  }
  out += '"';
  return out;
}

std::optional<std::uint64_t> unit_nanoseconds(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") return 1000;
  if (unit == "ms") return 1000000;
  if (unit == "s") return 1000000000;
  if (unit == "m") return 60ull * 1000000000;
  if (unit == "h") return 3600ull * 1000000000;
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

DurationResult parse_duration(std::string_view text) {
  const std::string_view original = text;
  const auto invalid = [&original] { return DurationResult{0, "time: invalid duration " + quote(original)}; };
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return {};
  if (text.empty()) return invalid();
  std::uint64_t total = 0;
  while (!text.empty()) {
    if (!(text.front() == '.' || is_digit(text.front()))) return invalid();
    // leadingInt: [0-9]*, overflow is an error.
    std::uint64_t whole = 0;
    std::size_t i = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (whole > kTwoTo63 / 10) return invalid();
      whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
      if (whole > kTwoTo63) return invalid();
    }
    const bool digits_before = i > 0;
    text.remove_prefix(i);
    // leadingFraction: (\.[0-9]*)?, precision stops growing on overflow.
    std::uint64_t fraction = 0;
    double scale = 1;
    bool digits_after = false;
    if (!text.empty() && text.front() == '.') {
      text.remove_prefix(1);
      bool overflow = false;
      std::size_t j = 0;
      for (; j < text.size() && is_digit(text[j]); ++j) {
        if (overflow) continue;
        if (fraction > (kTwoTo63 - 1) / 10) {
          overflow = true;
          continue;
        }
        const std::uint64_t next = fraction * 10 + static_cast<std::uint64_t>(text[j] - '0');
        if (next > kTwoTo63) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      digits_after = j > 0;
      text.remove_prefix(j);
    }
    if (!digits_before && !digits_after) return invalid();
    std::size_t unit_length = 0;
    while (unit_length < text.size() && text[unit_length] != '.' && !is_digit(text[unit_length])) ++unit_length;
    if (unit_length == 0) return {0, "time: missing unit in duration " + quote(original)};
    const std::string_view unit_text = text.substr(0, unit_length);
    text.remove_prefix(unit_length);
    const auto unit = unit_nanoseconds(unit_text);
    if (!unit) return {0, "time: unknown unit " + quote(unit_text) + " in duration " + quote(original)};
    if (whole > kTwoTo63 / *unit) return invalid();
    whole *= *unit;
    if (fraction > 0) {
      whole += static_cast<std::uint64_t>(static_cast<double>(fraction) * (static_cast<double>(*unit) / scale));
      if (whole > kTwoTo63) return invalid();
    }
    total += whole;
    if (total > kTwoTo63) return invalid();
  }
  if (negative) return {static_cast<std::int64_t>(0 - total), ""};
  if (total > kTwoTo63 - 1) return invalid();
  return {static_cast<std::int64_t>(total), ""};
}

}  // namespace jobsim::cron::go
