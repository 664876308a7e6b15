#include "jobsim/report/kubectl_duration.hpp"

#include <array>
#include <cstdio>  // std::snprintf

namespace jobsim::report::kubectl {

using std::chrono::duration_cast;

std::string human_duration(engine::Duration d) {
  // Allow a deviation of up to 2 s (excluded) for clock skew: "almost now" (upstream comment).
  const auto seconds = duration_cast<std::chrono::seconds>(d).count();  // truncates toward 0, as int(d.Seconds())
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return std::to_string(seconds) + "s";
  const auto minutes = seconds / 60;
  if (minutes < 10) {
    const auto rest = seconds % 60;
    return rest == 0 ? std::to_string(minutes) + "m" : std::to_string(minutes) + "m" + std::to_string(rest) + "s";
  }
  if (minutes < 60 * 3) return std::to_string(minutes) + "m";
  const auto hours = seconds / 3600;
  if (hours < 8) {
    const auto rest = minutes % 60;
    return rest == 0 ? std::to_string(hours) + "h" : std::to_string(hours) + "h" + std::to_string(rest) + "m";
  }
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) {
    const auto rest = hours % 24;
    return rest == 0 ? std::to_string(hours / 24) + "d" : std::to_string(hours / 24) + "d" + std::to_string(rest) + "h";
  }
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const auto days = (hours / 24) % 365;
    return days == 0 ? std::to_string(hours / 24 / 365) + "y"
                     : std::to_string(hours / 24 / 365) + "y" + std::to_string(days) + "d";
  }
  return std::to_string(hours / 24 / 365) + "y";
}

engine::SimTime api_timestamp(engine::SimTime at) {
  return std::chrono::floor<std::chrono::seconds>(at);
}

std::string translate_timestamp_since(const std::optional<engine::SimTime>& at, engine::SimTime now) {
  if (!at) return "<unknown>";
  return human_duration(now - api_timestamp(*at));
}

std::string rfc1123z(engine::SimTime at) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const engine::CivilTime civil = engine::to_civil_utc(at);
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04d %02u:%02u:%02u +0000", kDays[engine::weekday_utc(at)], civil.day,
                kMonths[civil.month - 1], civil.year, civil.hour, civil.minute, civil.second);
  return text;
}

}  // namespace jobsim::report::kubectl
