// RFC 3339 text for simulated time, and UTC calendar conversions.
// Calendar formulas: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (public
// domain), rewritten here; they are exact for every year of the proleptic Gregorian calendar.
#include "jobsim/engine/time.hpp"

#include <ostream>

#include "engine/decimal.hpp"
#include "jobsim/engine/check.hpp"

namespace jobsim::engine {
namespace {

using detail::append_padded;
using detail::is_digit;

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// days_from_civil returns days since 1970-01-01 for a valid y-m-d (d may be any value >= 1).
constexpr std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;  // the computational year starts in March, so Feb 29 is last
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);                 // [0, 399]
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month, day;
};

// civil_from_days is the inverse of days_from_civil.
constexpr CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);  // [0, 146096]
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;  // month counted from March, [0, 11]
  const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(-1).year == 1969 && civil_from_days(-1).day == 31);

// split_days splits `at` into whole days since the epoch and the microseconds into that day,
// flooring so that instants before 1970 get a non-negative time of day (and no overflow).
void split_days(SimTime at, std::int64_t& days, std::int64_t& micros_of_day) {
  const std::int64_t micros = at.time_since_epoch().count();
  days = micros / kMicrosPerDay;
  micros_of_day = micros % kMicrosPerDay;
  if (micros_of_day < 0) {
    micros_of_day += kMicrosPerDay;
    --days;
  }
}

// Text scanner for parse_rfc3339: reads fixed-width decimal fields.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool at_end() const { return pos_ == text_.size(); }
  bool peek_digit() const { return pos_ < text_.size() && is_digit(text_[pos_]); }
  bool consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // consume_any consumes the next char if it is one of `chars` and returns it, else '\0'.
  char consume_any(std::string_view chars) {
    if (pos_ < text_.size() && chars.find(text_[pos_]) != std::string_view::npos) return text_[pos_++];
    return '\0';
  }
  // digits reads exactly `width` digits as a number.
  std::optional<unsigned> digits(std::size_t width) {
    if (text_.size() - pos_ < width) return std::nullopt;
    unsigned value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      const char c = text_[pos_ + i];
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos_ += width;
    return value;
  }
  char next() { return text_[pos_++]; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

unsigned days_in_month(int year, unsigned month) {
  JOBSIM_CHECK(month >= 1 && month <= 12, "days_in_month: month " << month << " is not 1..12");
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

CivilTime to_civil_utc(SimTime at) {
  std::int64_t days = 0;
  std::int64_t micros_of_day = 0;
  split_days(at, days, micros_of_day);
  const CivilDate date = civil_from_days(days);
  const auto seconds_of_day = static_cast<unsigned>(micros_of_day / kMicrosPerSecond);
  return CivilTime{.year = static_cast<int>(date.year),
                   .month = date.month,
                   .day = date.day,
                   .hour = seconds_of_day / 3600,
                   .minute = seconds_of_day / 60 % 60,
                   .second = seconds_of_day % 60,
                   .micros = micros_of_day % kMicrosPerSecond};
}

SimTime from_civil_utc(const CivilTime& civil) {
  // Normalize the month first (Go's time.Date does the same); every other field is linear.
  const std::int64_t month_index = static_cast<std::int64_t>(civil.month) - 1;
  std::int64_t year = civil.year + month_index / 12;
  std::int64_t month0 = month_index % 12;
  if (month0 < 0) {
    month0 += 12;
    --year;
  }
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month0 + 1), 1) + static_cast<std::int64_t>(civil.day) - 1;
  const std::int64_t seconds = static_cast<std::int64_t>(civil.hour) * 3600 +
                               static_cast<std::int64_t>(civil.minute) * 60 + civil.second;
  return SimTime{Duration{days * kMicrosPerDay + seconds * kMicrosPerSecond + civil.micros}};
}

unsigned weekday_utc(SimTime at) {
  std::int64_t days = 0;
  std::int64_t micros_of_day = 0;
  split_days(at, days, micros_of_day);
  const std::int64_t weekday = (days + 4) % 7;  // 1970-01-01 was a Thursday (4)
  return static_cast<unsigned>(weekday < 0 ? weekday + 7 : weekday);
}

std::optional<SimTime> parse_rfc3339(std::string_view text) {
  Scanner in(text);
  const bool negative_year = in.consume('-');
  const auto year = in.digits(4);
  if (!year || !in.consume('-')) return std::nullopt;
  const auto month = in.digits(2);
  if (!month || !in.consume('-')) return std::nullopt;
  const auto day = in.digits(2);
  if (!day || !in.consume_any("Tt")) return std::nullopt;
  const auto hour = in.digits(2);
  if (!hour || !in.consume(':')) return std::nullopt;
  const auto minute = in.digits(2);
  if (!minute || !in.consume(':')) return std::nullopt;
  const auto second = in.digits(2);
  if (!second) return std::nullopt;

  std::int64_t micros = 0;
  if (in.consume('.')) {
    int fraction_digits = 0;
    while (in.peek_digit()) {
      const char digit = in.next();
      if (++fraction_digits > 9) return std::nullopt;
      if (fraction_digits <= 6) micros = micros * 10 + (digit - '0');  // truncate past 1 µs
    }
    if (fraction_digits == 0) return std::nullopt;
    for (int i = fraction_digits; i < 6; ++i) micros *= 10;
  }

  std::int64_t offset_seconds = 0;
  if (!in.consume_any("Zz")) {
    const char sign = in.consume_any("+-");
    if (sign == '\0') return std::nullopt;
    const auto offset_hour = in.digits(2);
    if (!offset_hour || !in.consume(':')) return std::nullopt;
    const auto offset_minute = in.digits(2);
    if (!offset_minute || *offset_hour > 23 || *offset_minute > 59) return std::nullopt;
    offset_seconds = (sign == '-' ? -1 : 1) * static_cast<std::int64_t>(*offset_hour * 3600 + *offset_minute * 60);
  }
  if (!in.at_end()) return std::nullopt;

  const int signed_year = negative_year ? -static_cast<int>(*year) : static_cast<int>(*year);
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(signed_year, *month) ||
      *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const SimTime local = from_civil_utc(CivilTime{.year = signed_year,
                                                 .month = *month,
                                                 .day = *day,
                                                 .hour = *hour,
                                                 .minute = *minute,
                                                 .second = *second,
                                                 .micros = micros});
  // The text names local time at `offset`; UTC is local time minus the offset.
  return local - std::chrono::seconds(offset_seconds);
}

std::string to_rfc3339(SimTime at) {
  const CivilTime civil = to_civil_utc(at);
  std::string out;
  out.reserve(32);
  if (civil.year < 0) out.push_back('-');
  append_padded(out, static_cast<std::uint64_t>(civil.year < 0 ? -static_cast<std::int64_t>(civil.year) : civil.year), 4);
  out.push_back('-');
  append_padded(out, civil.month, 2);
  out.push_back('-');
  append_padded(out, civil.day, 2);
  out.push_back('T');
  append_padded(out, civil.hour, 2);
  out.push_back(':');
  append_padded(out, civil.minute, 2);
  out.push_back(':');
  append_padded(out, civil.second, 2);
  const auto micros = static_cast<std::uint64_t>(civil.micros);
  if (micros % 1000 != 0) {
    out.push_back('.');
    append_padded(out, micros, 6);
  } else if (micros != 0) {
    out.push_back('.');
    append_padded(out, micros / 1000, 3);
  }
  out.push_back('Z');
  return out;
}

std::ostream& operator<<(std::ostream& out, SimTime at) { return out << to_rfc3339(at); }

std::string to_rfc3339_millis(SimTime at) {
  return to_rfc3339(std::chrono::floor<std::chrono::milliseconds>(at));
}

}  // namespace jobsim::engine
