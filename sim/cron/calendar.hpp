// Proleptic Gregorian calendar arithmetic on 64-bit Unix seconds, private to sim/cron. Howard
// Hinnant's days_from_civil / civil_from_days algorithms; every function is allocation-free
// because Schedule::next runs them in its inner loops.
#pragma once

#include <cstdint>

namespace jobsim::cron::calendar {

inline constexpr std::int64_t kSecondsPerDay = 86400;

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

// days_from_civil: days since 1970-01-01 of year/month/day (month 1..12, day 1..31).
constexpr std::int64_t days_from_civil(std::int64_t year, std::int64_t month, std::int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct Date {
  std::int64_t year;
  std::int64_t month;  // 1..12
  std::int64_t day;    // 1..31
};

constexpr Date civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

constexpr bool is_leap(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

constexpr std::int64_t days_in_month(std::int64_t year, std::int64_t month) {
  constexpr std::int64_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Fields: a wall-clock reading with its weekday (0 = Sunday).
struct Fields {
  std::int64_t year, month, day, hour, minute, second;
  int weekday;
};

// fields_of: the wall clock of `local_seconds` (Unix seconds + UTC offset).
constexpr Fields fields_of(std::int64_t local_seconds) {
  const std::int64_t days = floor_div(local_seconds, kSecondsPerDay);
  const std::int64_t second_of_day = local_seconds - days * kSecondsPerDay;
  const Date date = civil_from_days(days);
  return {date.year,
          date.month,
          date.day,
          second_of_day / 3600,
          second_of_day / 60 % 60,
          second_of_day % 60,
          static_cast<int>(floor_mod(days + 4, 7))};  // 1970-01-01 was a Thursday
}

// go_norm is Go's time.norm: moves whole multiples of `base` from `lo` into `hi`.
constexpr void go_norm(std::int64_t& hi, std::int64_t& lo, std::int64_t base) {
  if (lo < 0) {
    const std::int64_t n = (-lo - 1) / base + 1;
    hi -= n;
    lo += n * base;
  }
  if (lo >= base) {
    const std::int64_t n = lo / base;
    hi += n;
    lo -= n * base;
  }
}

// wall_as_utc: Go time.Date's first step, the wall-clock fields normalised (month 13, day 32,
// hour 25, ... carry over) and read as if they were UTC, in Unix seconds.
constexpr std::int64_t wall_as_utc(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour,
                                   std::int64_t minute, std::int64_t second) {
  std::int64_t month0 = month - 1;
  go_norm(year, month0, 12);
  go_norm(minute, second, 60);
  go_norm(hour, minute, 60);
  go_norm(day, hour, 24);
  const std::int64_t days = days_from_civil(year, month0 + 1, 1) + day - 1;
  return days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

}  // namespace jobsim::cron::calendar
