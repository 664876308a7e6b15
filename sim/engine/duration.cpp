// Go-style duration text (time.ParseDuration / Duration.String) at microsecond resolution, and
// conversions to and from floating-point seconds.
#include <cmath>    // std::isfinite, std::fabs, std::llround
#include <limits>

#include "engine/decimal.hpp"
#include "jobsim/engine/check.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::engine {
namespace {
using detail::append_fraction;
using detail::append_padded;
using detail::is_digit;
}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  // A port of Go's time.ParseDuration (src/time/format.go), accumulating whole microseconds plus
  // a nanosecond remainder so that "1500ns1500ns" is exactly 3µs, as Go would compute it.
  struct Unit {
    std::string_view name;
    std::uint64_t nanos;
  };
  static constexpr Unit kUnits[] = {
      {"ns", 1},           {"us", 1'000},    {"\xC2\xB5s", 1'000} /* µ U+00B5 */,
      {"\xCE\xBCs", 1'000} /* μ U+03BC */,    {"ms", 1'000'000}, {"s", 1'000'000'000},
      {"m", 60'000'000'000}, {"h", 3'600'000'000'000}, {"d", 86'400'000'000'000},
  };
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // The magnitude may reach 2^63 when negative, so that Duration::min() reads back.
  const std::uint64_t max_micros =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (text == "0") return Duration::zero();
  if (text.empty()) return std::nullopt;

  std::uint64_t total_micros = 0;
  std::uint64_t total_nanos = 0;  // remainder below one microsecond, < 1000
  const auto add = [&](std::uint64_t micros, std::uint64_t nanos) {
    total_nanos += nanos;
    micros += total_nanos / 1000;
    total_nanos %= 1000;
    if (micros > max_micros - total_micros) return false;
    total_micros += micros;
    return true;
  };
  while (!text.empty()) {
    if (text.front() != '.' && !is_digit(text.front())) return std::nullopt;
    std::uint64_t whole = 0;
    bool has_whole = false;
    while (!text.empty() && is_digit(text.front())) {
      const auto digit = static_cast<std::uint64_t>(text.front() - '0');
      if (whole > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
      whole = whole * 10 + digit;
      has_whole = true;
      text.remove_prefix(1);
    }
    std::uint64_t fraction = 0;
    double scale = 1;
    bool has_fraction = false;
    if (!text.empty() && text.front() == '.') {
      text.remove_prefix(1);
      while (!text.empty() && is_digit(text.front())) {
        if (scale < 1e18) {  // like Go, digits past what fits are dropped
          fraction = fraction * 10 + static_cast<std::uint64_t>(text.front() - '0');
          scale *= 10;
        }
        has_fraction = true;
        text.remove_prefix(1);
      }
    }
    if (!has_whole && !has_fraction) return std::nullopt;  // "." or ".s"
    std::size_t unit_length = 0;
    while (unit_length < text.size() && text[unit_length] != '.' && !is_digit(text[unit_length])) {
      ++unit_length;
    }
    if (unit_length == 0) return std::nullopt;  // missing unit
    const std::string_view unit_name = text.substr(0, unit_length);
    text.remove_prefix(unit_length);
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (candidate.name == unit_name) unit = &candidate;
    }
    if (unit == nullptr) return std::nullopt;

    if (unit->nanos >= 1000) {
      const std::uint64_t unit_micros = unit->nanos / 1000;
      if (whole > max_micros / unit_micros || !add(whole * unit_micros, 0)) return std::nullopt;
    } else if (!add(whole / 1000, whole % 1000)) {
      return std::nullopt;
    }
    if (fraction > 0) {
      // Go computes the fraction in float64 too; below 1 unit, so it always fits in uint64 ns.
      const auto nanos = static_cast<std::uint64_t>(static_cast<double>(fraction) *
                                                    (static_cast<double>(unit->nanos) / scale));
      if (!add(nanos / 1000, nanos % 1000)) return std::nullopt;
    }
  }
  // Negate in unsigned arithmetic: 2^63 becomes INT64_MIN without overflow (C++20 conversion).
  return Duration{static_cast<std::int64_t>(negative ? 0 - total_micros : total_micros)};
}

std::string format_duration(Duration d) {
  // Go's Duration.String() (src/time/time.go), at microsecond resolution.
  const std::int64_t count = d.count();
  // Magnitude as unsigned so that the most negative value does not overflow.
  const std::uint64_t magnitude =
      count < 0 ? ~static_cast<std::uint64_t>(count) + 1 : static_cast<std::uint64_t>(count);
  std::string out;
  if (count < 0) out.push_back('-');
  if (magnitude == 0) return "0s";
  if (magnitude < 1000) {
    append_padded(out, magnitude, 1);
    out += "\xC2\xB5s";  // "µs", as Go writes it
    return out;
  }
  if (magnitude < 1'000'000) {
    append_padded(out, magnitude / 1000, 1);
    append_fraction(out, magnitude % 1000, 3);
    out += "ms";
    return out;
  }
  const std::uint64_t total_seconds = magnitude / 1'000'000;
  const std::uint64_t hours = total_seconds / 3600;
  const std::uint64_t minutes = total_seconds / 60 % 60;
  if (hours > 0) {
    append_padded(out, hours, 1);
    out.push_back('h');
  }
  if (hours > 0 || minutes > 0) {
    append_padded(out, minutes, 1);
    out.push_back('m');
  }
  append_padded(out, total_seconds % 60, 1);
  append_fraction(out, magnitude % 1'000'000, 6);
  out.push_back('s');
  return out;
}

double to_seconds(Duration d) { return static_cast<double>(d.count()) / 1e6; }

Duration from_seconds(double seconds) {
  const double micros = seconds * 1e6;
  // 9.2e18 is just inside int64; the caller converted a value that cannot be a simulated span.
  JOBSIM_CHECK(std::isfinite(micros) && std::fabs(micros) < 9.2e18,
               "from_seconds: " << seconds << " s is not a finite duration within ±292,000 years");
  return Duration{std::llround(micros)};
}

}  // namespace jobsim::engine
