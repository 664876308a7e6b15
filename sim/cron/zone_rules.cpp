// Upstream: Go src/time/zoneinfo.go (lookup, tzset, tzsetName, tzsetOffset, tzsetRule,
// tzsetNum, tzruleTime). Read for behaviour, written anew.
#include "cron/zone_rules.hpp"

#include <algorithm>
#include <limits>

#include "cron/calendar.hpp"

namespace jobsim::cron::detail {
namespace {

constexpr std::int64_t kSecondsPerHour = 3600;

// tzset_num: a decimal in [min, max] at the front of `text`.
std::optional<int> tzset_num(std::string_view& text, int min, int max) {
  if (text.empty()) return std::nullopt;
  int num = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') {
      if (i == 0 || num < min) return std::nullopt;
      text.remove_prefix(i);
      return num;
    }
    num = num * 10 + (c - '0');
    if (num > max) return std::nullopt;
  }
  if (num < min) return std::nullopt;
  text = {};
  return num;
}

// tzset_offset: [+-]hh[:mm[:ss]], hours up to 24*7.
std::optional<std::int64_t> tzset_offset(std::string_view& text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '+') {
    text.remove_prefix(1);
  } else if (text.front() == '-') {
    text.remove_prefix(1);
    negative = true;
  }
  const auto hours = tzset_num(text, 0, 24 * 7);
  if (!hours) return std::nullopt;
  std::int64_t offset = *hours * kSecondsPerHour;
  if (!text.empty() && text.front() == ':') {
    text.remove_prefix(1);
    const auto minutes = tzset_num(text, 0, 59);
    if (!minutes) return std::nullopt;
    offset += *minutes * 60;
    if (!text.empty() && text.front() == ':') {
      text.remove_prefix(1);
      const auto seconds = tzset_num(text, 0, 59);
      if (!seconds) return std::nullopt;
      offset += *seconds;
    }
  }
  return negative ? -offset : offset;
}

std::optional<std::string> tzset_name(std::string_view& text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '<') {
    const std::size_t close = text.find('>');
    if (close == std::string_view::npos) return std::nullopt;
    std::string name(text.substr(1, close - 1));
    text.remove_prefix(close + 1);
    return name;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == ',' || c == '-' || c == '+') {
      if (i < 3) return std::nullopt;
      std::string name(text.substr(0, i));
      text.remove_prefix(i);
      return name;
    }
  }
  if (text.size() < 3) return std::nullopt;
  std::string name(text);
  text = {};
  return name;
}

std::optional<PosixRule> tzset_rule(std::string_view& text) {
  if (text.empty()) return std::nullopt;
  PosixRule rule;
  if (text.front() == 'J') {
    text.remove_prefix(1);
    const auto day = tzset_num(text, 1, 365);
    if (!day) return std::nullopt;
    rule.kind = PosixRule::Kind::Julian;
    rule.day = *day;
  } else if (text.front() == 'M') {
    text.remove_prefix(1);
    const auto month = tzset_num(text, 1, 12);
    if (!month || text.empty() || text.front() != '.') return std::nullopt;
    text.remove_prefix(1);
    const auto week = tzset_num(text, 1, 5);
    if (!week || text.empty() || text.front() != '.') return std::nullopt;
    text.remove_prefix(1);
    const auto day = tzset_num(text, 0, 6);
    if (!day) return std::nullopt;
    rule.kind = PosixRule::Kind::MonthWeekDay;
    rule.month = *month;
    rule.week = *week;
    rule.day = *day;
  } else {
    const auto day = tzset_num(text, 0, 365);
    if (!day) return std::nullopt;
    rule.kind = PosixRule::Kind::DayOfYear;
    rule.day = *day;
  }
  if (text.empty() || text.front() != '/') {
    rule.time = 2 * kSecondsPerHour;
    return rule;
  }
  text.remove_prefix(1);
  const auto time = tzset_offset(text);
  if (!time) return std::nullopt;
  rule.time = *time;
  return rule;
}

// tzrule_time: seconds since the start of `year` (UTC) at which `rule` takes effect, for a rule
// written in the local time of a zone at `offset`. Go's tzruleTime (Zeller's congruence).
std::int64_t tzrule_time(std::int64_t year, const PosixRule& rule, std::int64_t offset) {
  std::int64_t seconds = 0;
  switch (rule.kind) {
    case PosixRule::Kind::Julian:
      seconds = (rule.day - 1) * calendar::kSecondsPerDay;
      if (calendar::is_leap(year) && rule.day >= 60) seconds += calendar::kSecondsPerDay;
      break;
    case PosixRule::Kind::DayOfYear:
      seconds = rule.day * calendar::kSecondsPerDay;
      break;
    case PosixRule::Kind::MonthWeekDay: {
      // Weekday of the first day of the month, then the rule.week-th rule.day (5 = last).
      const std::int64_t first = calendar::days_from_civil(year, rule.month, 1);
      const std::int64_t first_weekday = calendar::floor_mod(first + 4, 7);
      std::int64_t day = rule.day - first_weekday;
      if (day < 0) day += 7;
      for (int i = 1; i < rule.week; ++i) {
        if (day + 7 >= calendar::days_in_month(year, rule.month)) break;
        day += 7;
      }
      seconds = (first - calendar::days_from_civil(year, 1, 1) + day) * calendar::kSecondsPerDay;
      break;
    }
  }
  return seconds + rule.time - offset;
}

}  // namespace

std::optional<PosixTz> parse_posix_tz(std::string_view text) {
  PosixTz tz;
  auto std_name = tzset_name(text);
  if (!std_name) return std::nullopt;
  auto std_offset = tzset_offset(text);
  if (!std_offset) return std::nullopt;
  tz.std_name = std::move(*std_name);
  // POSIX offsets are added to local time to get UTC; ours are the other way round.
  tz.std_offset = -*std_offset;
  if (text.empty() || text.front() == ',') return tz;  // no DST
  auto dst_name = tzset_name(text);
  if (!dst_name) return std::nullopt;
  tz.dst_name = std::move(*dst_name);
  if (text.empty() || text.front() == ',') {
    tz.dst_offset = tz.std_offset + kSecondsPerHour;
  } else {
    const auto dst_offset = tzset_offset(text);
    if (!dst_offset) return std::nullopt;
    tz.dst_offset = -*dst_offset;
  }
  if (text.empty()) text = ",M3.2.0,M11.1.0";  // tzcode's default rules
  if (text.front() != ',' && text.front() != ';') return std::nullopt;
  text.remove_prefix(1);
  const auto start = tzset_rule(text);
  if (!start || text.empty() || text.front() != ',') return std::nullopt;
  text.remove_prefix(1);
  const auto end = tzset_rule(text);
  if (!end || !text.empty()) return std::nullopt;
  tz.has_dst = true;
  tz.start = *start;
  tz.end = *end;
  return tz;
}

ZoneRules::Period ZoneRules::lookup(std::int64_t unix_seconds) const {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const auto after = std::upper_bound(transition_at.begin(), transition_at.end(), unix_seconds);
  if (after == transition_at.begin()) {
    return {initial_offset, abbrevs[initial_abbrev], kMin, transition_at.empty() ? kMax : transition_at.front()};
  }
  const std::size_t index = static_cast<std::size_t>(after - transition_at.begin()) - 1;
  if (index + 1 == transition_at.size() && footer) {
    // Go's tzset: which half of the footer's year `unix_seconds` is in. The year is taken from
    // the UTC date; southern-hemisphere rules (end before start) swap the two halves.
    const PosixTz& tz = *footer;
    if (!tz.has_dst) return {tz.std_offset, tz.std_name, transition_at.back(), kMax};
    const std::int64_t days = calendar::floor_div(unix_seconds, calendar::kSecondsPerDay);
    const std::int64_t year = calendar::civil_from_days(days).year;
    const std::int64_t year_start = calendar::days_from_civil(year, 1, 1) * calendar::kSecondsPerDay;
    const std::int64_t second_of_year = unix_seconds - year_start;
    std::int64_t start = tzrule_time(year, tz.start, tz.std_offset);
    std::int64_t end = tzrule_time(year, tz.end, tz.dst_offset);
    Period outside{tz.std_offset, tz.std_name, 0, 0};
    Period inside{tz.dst_offset, tz.dst_name, 0, 0};
    if (end < start) {
      std::swap(start, end);
      std::swap(outside, inside);
    }
    // The span is clipped to the UTC year (the rule is evaluated per UTC year) and to the last
    // transition, so a cached span never crosses a point where the answer could change.
    const std::int64_t year_end = calendar::days_from_civil(year + 1, 1, 1) * calendar::kSecondsPerDay;
    Period period = inside;
    if (second_of_year < start) {
      period = outside;
      period.start = year_start;
      period.end = year_start + start;
    } else if (second_of_year >= end) {
      period = outside;
      period.start = year_start + end;
      period.end = year_end;
    } else {
      period.start = year_start + start;
      period.end = year_start + end;
    }
    period.start = std::max(period.start, transition_at.back());
    return period;
  }
  return {offset_from[index], abbrevs[abbrev_from[index]], transition_at[index],
          index + 1 < transition_at.size() ? transition_at[index + 1] : kMax};
}

ZoneRules::Span ZoneRules::period_at(std::int64_t unix_seconds) const {
  const Period period = lookup(unix_seconds);
  return {period.offset, period.start, period.end};
}

std::int64_t ZoneRules::offset_at(std::int64_t unix_seconds) const { return lookup(unix_seconds).offset; }

std::string_view ZoneRules::abbreviation_at(std::int64_t unix_seconds) const {
  return lookup(unix_seconds).abbrev;
}

}  // namespace jobsim::cron::detail
