// Upstream: Go src/time/zoneinfo.go (LoadLocation), zoneinfo_read.go (loadLocation),
// time.go (Date), format.go (RFC3339). The zone data comes from Howard Hinnant's date/tz, which
// reads the system's compiled zoneinfo (/usr/share/zoneinfo, the Debian tzdata package).
#include "jobsim/cron/time_zone.hpp"

#include <date/tz.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

#include "cron/calendar.hpp"
#include "cron/zone_rules.hpp"

namespace jobsim::cron {
namespace {

constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo/";

// footer_of reads the POSIX TZ string at the end of a TZif version 2+ file ("\nEST5EDT,...\n").
std::optional<detail::PosixTz> footer_of(const std::string& zone_name) {
  std::ifstream file(std::string(kZoneInfoDir) + zone_name, std::ios::binary);
  if (!file) return std::nullopt;
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (bytes.size() < 6 || bytes.compare(0, 4, "TZif") != 0 || bytes[4] < '2' || bytes.back() != '\n') {
    return std::nullopt;
  }
  const std::size_t start = bytes.rfind('\n', bytes.size() - 2);
  if (start == std::string::npos) return std::nullopt;
  const std::string_view footer = std::string_view(bytes).substr(start + 1, bytes.size() - start - 2);
  if (footer.empty()) return std::nullopt;
  return detail::parse_posix_tz(footer);
}

// build_rules lists every transition date/tz knows for `zone`, then adds the footer rule.
std::unique_ptr<detail::ZoneRules> build_rules(const date::time_zone& zone) {
  auto rules = std::make_unique<detail::ZoneRules>();
  auto abbrev_index = [&rules](const std::string& abbrev) {
    for (std::size_t i = 0; i < rules->abbrevs.size(); ++i) {
      if (rules->abbrevs[i] == abbrev) return static_cast<std::uint16_t>(i);
    }
    rules->abbrevs.push_back(abbrev);
    return static_cast<std::uint16_t>(rules->abbrevs.size() - 1);
  };
  const date::sys_seconds far_past = date::sys_days{date::year{-32000} / 1 / 1};
  const date::sys_seconds far_future = date::sys_days{date::year{32000} / 1 / 1};
  date::sys_info info = zone.get_info(far_past);
  rules->initial_offset = static_cast<std::int32_t>(info.offset.count());
  rules->initial_abbrev = abbrev_index(info.abbrev);
  while (info.end < far_future) {
    const date::sys_seconds at = info.end;
    info = zone.get_info(at);
    rules->transition_at.push_back(at.time_since_epoch().count());
    rules->offset_from.push_back(static_cast<std::int32_t>(info.offset.count()));
    rules->abbrev_from.push_back(abbrev_index(info.abbrev));
  }
  if (!rules->transition_at.empty()) rules->footer = footer_of(zone.name());
  return rules;
}

// Zones are loaded once per process and never freed, like date/tz's own database, so a
// TimeZone is a name plus two pointers.
struct Registry {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<detail::ZoneRules>, std::less<>> rules_by_zone;
};

Registry& registry() {
  static Registry instance;
  return instance;
}

bool contains_dot_dot(std::string_view name) { return name.find("..") != std::string_view::npos; }

// not_found_error: what Go's loadLocation reports for a name that is not a zone file.
std::string not_found_error(std::string_view name) {
  std::error_code error;
  const std::filesystem::path path = std::string(kZoneInfoDir) + std::string(name);
  if (std::filesystem::is_directory(path, error)) return "is a directory";
  if (std::filesystem::is_regular_file(path, error)) {
    std::ifstream file(path, std::ios::binary);
    char magic[4] = {};
    file.read(magic, 4);
    if (std::string_view(magic, 4) != "TZif") return "malformed time zone information";
  }
  return "unknown time zone " + std::string(name);
}

}  // namespace

TimeZone TimeZone::utc() { return TimeZone("UTC", nullptr, nullptr); }

LoadResult TimeZone::load(std::string_view name) {
  if (name.empty() || name == "UTC") return {utc(), ""};
  if (name == "Local") {
    // Go's time.Local is the process's zone; in the simulator that is the cluster's timeZone,
    // which only the caller knows.
    return {std::nullopt, "time zone Local is the controller's local zone: give cluster.timeZone instead"};
  }
  if (contains_dot_dot(name) || name.front() == '/' || name.front() == '\\') {
    return {std::nullopt, "time: invalid location name"};
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::exception&) {
    return {std::nullopt, not_found_error(name)};
  }
  Registry& cache = registry();
  const std::lock_guard<std::mutex> lock(cache.mutex);
  auto found = cache.rules_by_zone.find(zone->name());
  if (found == cache.rules_by_zone.end()) {
    found = cache.rules_by_zone.emplace(zone->name(), build_rules(*zone)).first;
  }
  return {TimeZone(std::string(name), zone, found->second.get()), ""};
}

std::int64_t TimeZone::offset_seconds_at(std::int64_t unix_seconds) const {
  return rules_ == nullptr ? 0 : rules_->offset_at(unix_seconds);
}

TimeZone::OffsetPeriod TimeZone::offset_period_at(std::int64_t unix_seconds) const {
  if (rules_ == nullptr) {
    return {0, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
  }
  const detail::ZoneRules::Span span = rules_->period_at(unix_seconds);
  return {span.offset, span.start, span.end};
}

std::chrono::seconds TimeZone::offset_at(SimTime instant) const {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  return std::chrono::seconds(offset_seconds_at(seconds));
}

std::string TimeZone::abbreviation_at(SimTime instant) const {
  if (rules_ == nullptr) return "UTC";
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  return std::string(rules_->abbreviation_at(seconds));
}

// Upstream: Go time.Date. The wall time is read as UTC; the offset in force there (o1) is
// checked against the instant W - o1, and if a transition lies between, the offset in force at
// W - o1 (o2) is used. That puts a gap time one gap-length before or after the gap depending on
// the sign of the offset, and an ambiguous time on the first or second occurrence likewise.
SimTime go_date(const CivilTime& wall, const TimeZone& zone) {
  const std::int64_t unix_seconds =
      calendar::wall_as_utc(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
  std::int64_t offset = zone.offset_seconds_at(unix_seconds);
  if (offset != 0) offset = zone.offset_seconds_at(unix_seconds - offset);
  return SimTime(std::chrono::seconds(unix_seconds - offset));
}

CivilTime civil_time(SimTime instant, const TimeZone& zone) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  const calendar::Fields fields = calendar::fields_of(seconds + zone.offset_seconds_at(seconds));
  return {fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second};
}

int weekday(const CivilTime& wall) {
  return static_cast<int>(calendar::floor_mod(calendar::days_from_civil(wall.year, wall.month, wall.day) + 4, 7));
}

std::string format_rfc3339(SimTime instant, const TimeZone& zone) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  const std::int64_t offset = zone.offset_seconds_at(seconds);
  const calendar::Fields fields = calendar::fields_of(seconds + offset);
  char text[64];
  int length = 0;
  if (fields.year >= 0 && fields.year <= 9999) {
    // The common case by hand: snprintf was a fifth of a CronJob's Job creation (the
    // scheduled-timestamp annotation), docs/performance.md.
    auto put = [&](std::int64_t value, int width) {
      for (int i = width - 1; i >= 0; --i, value /= 10) text[length + i] = static_cast<char>('0' + value % 10);
      length += width;
    };
    put(fields.year, 4);
    text[length++] = '-';
    put(fields.month, 2);
    text[length++] = '-';
    put(fields.day, 2);
    text[length++] = 'T';
    put(fields.hour, 2);
    text[length++] = ':';
    put(fields.minute, 2);
    text[length++] = ':';
    put(fields.second, 2);
  } else {
    length = std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld",
                           static_cast<long long>(fields.year), static_cast<long long>(fields.month),
                           static_cast<long long>(fields.day), static_cast<long long>(fields.hour),
                           static_cast<long long>(fields.minute), static_cast<long long>(fields.second));
  }
  if (offset == 0) {
    text[length++] = 'Z';
  } else {
    // Go's "Z07:00": whole minutes of the offset, truncated toward zero.
    std::int64_t minutes = offset / 60;
    const char sign = minutes < 0 ? '-' : '+';
    if (minutes < 0) minutes = -minutes;
    length += std::snprintf(text + length, sizeof text - static_cast<std::size_t>(length), "%c%02lld:%02lld", sign,
                            static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
  }
  return std::string(text, static_cast<std::size_t>(length));
}

}  // namespace jobsim::cron
