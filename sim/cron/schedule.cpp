// Upstream: github.com/robfig/cron/v3 v3.0.1 parser.go (Parser.Parse, normalizeFields, getField,
// getRange, parseIntOrName, mustParseInt, getBits, parseDescriptor), spec.go (SpecSchedule.Next,
// dayMatches), constantdelay.go (Every, ConstantDelaySchedule.Next); Go strconv.Atoi for the
// number syntax and its error texts. Read for behaviour, written anew; quirks are kept
// (docs/cron.md).
#include "jobsim/cron/schedule.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "cron/calendar.hpp"
#include "cron/go_duration.hpp"
#include "cron/go_strings.hpp"
#include "jobsim/cron/go_text.hpp"

namespace jobsim::cron {
namespace {

constexpr std::uint64_t kStarBit = std::uint64_t{1} << 63;

struct Bounds {
  std::uint64_t min;
  std::uint64_t max;
  const std::array<std::string_view, 12>* names;  // names[i] has value i + names_base
  std::uint64_t names_base;
  std::size_t name_count;
};

constexpr std::array<std::string_view, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 12> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr Bounds kSeconds{0, 59, nullptr, 0, 0};
constexpr Bounds kMinutes{0, 59, nullptr, 0, 0};
constexpr Bounds kHours{0, 23, nullptr, 0, 0};
constexpr Bounds kDom{1, 31, nullptr, 0, 0};
constexpr Bounds kMonths{1, 12, &kMonthNames, 1, 12};
constexpr Bounds kDow{0, 6, &kDayNames, 0, 7};

// Parsed: a value or robfig's error text.
struct Parsed {
  std::uint64_t value = 0;
  std::string error;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

// atoi is Go's strconv.Atoi on a 64-bit platform: optional sign, decimal digits only; errors
// say "invalid syntax" or "value out of range", whichever the left-to-right scan meets first.
struct AtoiResult {
  std::int64_t value = 0;
  const char* error = nullptr;  // "invalid syntax" / "value out of range"
};

AtoiResult go_atoi(std::string_view text) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return {0, "invalid syntax"};
  constexpr std::uint64_t kMaxUint64 = ~std::uint64_t{0};
  std::uint64_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return {0, "invalid syntax"};
    if (value >= kMaxUint64 / 10 + 1) return {0, "value out of range"};
    value *= 10;
    const std::uint64_t next = value + static_cast<std::uint64_t>(c - '0');
    if (next < value) return {0, "value out of range"};
    value = next;
  }
  constexpr std::uint64_t kCutoff = std::uint64_t{1} << 63;
  if (!negative && value >= kCutoff) return {0, "value out of range"};
  if (negative && value > kCutoff) return {0, "value out of range"};
  return {negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value), nullptr};
}

// must_parse_int is robfig's mustParseInt: a non-negative decimal.
Parsed must_parse_int(std::string_view expr) {
  const AtoiResult number = go_atoi(expr);
  if (number.error != nullptr) {
    return {0, "failed to parse int from " + std::string(expr) + ": strconv.Atoi: parsing " + go_quote(expr) + ": " +
                   number.error};
  }
  if (number.value < 0) {
    return {0, "negative number (" + std::to_string(number.value) + ") not allowed: " + std::string(expr)};
  }
  return {static_cast<std::uint64_t>(number.value), ""};
}

// parse_int_or_name: a 3-letter name (case-insensitive; ASCII lowering is all strings.ToLower
// can do to match one) or a number.
Parsed parse_int_or_name(std::string_view expr, const Bounds& bounds) {
  if (bounds.names != nullptr && expr.size() == 3) {
    char lower[3];
    for (std::size_t i = 0; i < 3; ++i) {
      const char c = expr[i];
      lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    for (std::size_t i = 0; i < bounds.name_count; ++i) {
      if ((*bounds.names)[i] == std::string_view(lower, 3)) return {i + bounds.names_base, ""};
    }
  }
  return must_parse_int(expr);
}

std::uint64_t get_bits(std::uint64_t min, std::uint64_t max, std::uint64_t step) {
  if (step == 1) return ~(~std::uint64_t{0} << (max + 1)) & (~std::uint64_t{0} << min);
  std::uint64_t bits = 0;
  for (std::uint64_t i = min; i <= max; i += step) bits |= std::uint64_t{1} << i;
  return bits;
}

// get_range: number | number "-" number [ "/" number ], or "*"/"?" [ "/" number ].
Parsed get_range(std::string_view expr, const Bounds& bounds) {
  const std::vector<std::string_view> range_and_step = split(expr, '/');
  const std::vector<std::string_view> low_and_high = split(range_and_step[0], '-');
  const bool single_digit = low_and_high.size() == 1;
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t step = 1;
  std::uint64_t extra = 0;
  if (low_and_high[0] == "*" || low_and_high[0] == "?") {
    // Whatever follows a '-' here is never looked at: "*-5" and "*-x" are "*".
    start = bounds.min;
    end = bounds.max;
    extra = kStarBit;
  } else {
    Parsed low = parse_int_or_name(low_and_high[0], bounds);
    if (!low.error.empty()) return low;
    start = low.value;
    if (low_and_high.size() == 1) {
      end = start;
    } else if (low_and_high.size() == 2) {
      Parsed high = parse_int_or_name(low_and_high[1], bounds);
      if (!high.error.empty()) return high;
      end = high.value;
    } else {
      return {0, "too many hyphens: " + std::string(expr)};
    }
  }
  if (range_and_step.size() == 2) {
    Parsed parsed_step = must_parse_int(range_and_step[1]);
    if (!parsed_step.error.empty()) return parsed_step;
    step = parsed_step.value;
    if (single_digit) end = bounds.max;  // "N/step" means "N-max/step"
    if (step > 1) extra = 0;             // "*/2" is not a star for the day-of-month/day-of-week rule
  } else if (range_and_step.size() > 2) {
    return {0, "too many slashes: " + std::string(expr)};
  }
  if (start < bounds.min) {
    return {0, "beginning of range (" + std::to_string(start) + ") below minimum (" + std::to_string(bounds.min) +
                   "): " + std::string(expr)};
  }
  if (end > bounds.max) {
    return {0, "end of range (" + std::to_string(end) + ") above maximum (" + std::to_string(bounds.max) +
                   "): " + std::string(expr)};
  }
  if (start > end) {
    return {0, "beginning of range (" + std::to_string(start) + ") beyond end of range (" + std::to_string(end) +
                   "): " + std::string(expr)};
  }
  if (step == 0) return {0, "step of range should be a positive number: " + std::string(expr)};
  return {get_bits(start, end, step) | extra, ""};
}

// get_field: a comma-separated list of ranges; empty items are dropped (strings.FieldsFunc).
Parsed get_field(std::string_view field, const Bounds& bounds) {
  std::uint64_t bits = 0;
  for (std::string_view item : split(field, ',')) {
    if (item.empty()) continue;
    Parsed range = get_range(item, bounds);
    if (!range.error.empty()) return range;
    bits |= range.value;
  }
  return {bits, ""};
}

std::uint64_t all(const Bounds& bounds) { return get_bits(bounds.min, bounds.max, 1) | kStarBit; }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

struct ScheduleParser {
  static void set(Schedule& schedule, std::uint64_t minute, std::uint64_t hour, std::uint64_t dom,
                  std::uint64_t month, std::uint64_t dow) {
    schedule.second_ = std::uint64_t{1} << kSeconds.min;
    schedule.minute_ = minute;
    schedule.hour_ = hour;
    schedule.dom_ = dom;
    schedule.month_ = month;
    schedule.dow_ = dow;
  }

  // parse_descriptor: robfig's parseDescriptor (exact, case-sensitive matches).
  static ParseResult parse_descriptor(std::string_view descriptor, std::optional<TimeZone> zone) {
    Schedule schedule;
    schedule.zone_ = std::move(zone);
    const std::uint64_t first_minute = std::uint64_t{1} << kMinutes.min;
    const std::uint64_t first_hour = std::uint64_t{1} << kHours.min;
    const std::uint64_t first_dom = std::uint64_t{1} << kDom.min;
    if (descriptor == "@yearly" || descriptor == "@annually") {
      set(schedule, first_minute, first_hour, first_dom, std::uint64_t{1} << kMonths.min, all(kDow));
    } else if (descriptor == "@monthly") {
      set(schedule, first_minute, first_hour, first_dom, all(kMonths), all(kDow));
    } else if (descriptor == "@weekly") {
      set(schedule, first_minute, first_hour, all(kDom), all(kMonths), std::uint64_t{1} << kDow.min);
    } else if (descriptor == "@daily" || descriptor == "@midnight") {
      set(schedule, first_minute, first_hour, all(kDom), all(kMonths), all(kDow));
    } else if (descriptor == "@hourly") {
      set(schedule, first_minute, all(kHours), all(kDom), all(kMonths), all(kDow));
    } else if (starts_with(descriptor, "@every ")) {
      const go::DurationResult duration = go::parse_duration(descriptor.substr(7));
      if (!duration.error.empty()) {
        return {std::nullopt, "failed to parse duration " + std::string(descriptor) + ": " + duration.error};
      }
      // Every: below one second is one second; otherwise whole seconds (truncated).
      constexpr std::int64_t kSecond = 1000000000;
      schedule.delay_seconds_ = duration.nanoseconds < kSecond ? 1 : duration.nanoseconds / kSecond;
    } else {
      return {std::nullopt, "unrecognized descriptor: " + std::string(descriptor)};
    }
    return {std::move(schedule), ""};
  }

  static ParseResult parse(std::string_view spec) {
    if (spec.empty()) return {std::nullopt, "empty spec string"};
    std::optional<TimeZone> zone;
    if (starts_with(spec, "TZ=") || starts_with(spec, "CRON_TZ=")) {
      const std::size_t space = spec.find(' ');
      if (space == std::string_view::npos) {
        // Divergence: robfig slices spec[eq+1:-1] here and panics (index out of range).
        return {std::nullopt, "robfig/cron v3.0.1 panics on this schedule: the " +
                                  std::string(spec.substr(0, spec.find('=') + 1)) +
                                  " prefix must be followed by a space and the schedule"};
      }
      const std::size_t equals = spec.find('=');
      const std::string_view name = spec.substr(equals + 1, space - equals - 1);
      if (name != "Local") {  // time.LoadLocation("Local") is time.Local: no prefix
        LoadResult loaded = TimeZone::load(name);
        if (!loaded.zone) return {std::nullopt, "provided bad location " + std::string(name) + ": " + loaded.error};
        zone = std::move(loaded.zone);
      }
      spec = go::trim_space(spec.substr(space));
    }
    if (starts_with(spec, "@")) return parse_descriptor(spec, std::move(zone));

    const std::vector<std::string_view> fields = go::fields(spec);
    if (fields.size() != 5) {
      std::string listed;
      for (std::string_view field : fields) {
        if (!listed.empty()) listed += ' ';
        listed += field;
      }
      return {std::nullopt,
              "expected exactly 5 fields, found " + std::to_string(fields.size()) + ": [" + listed + "]"};
    }
    constexpr const Bounds* kFieldBounds[5] = {&kMinutes, &kHours, &kDom, &kMonths, &kDow};
    std::uint64_t bits[5] = {};
    for (std::size_t i = 0; i < 5; ++i) {
      Parsed field = get_field(fields[i], *kFieldBounds[i]);
      if (!field.error.empty()) return {std::nullopt, std::move(field.error)};
      bits[i] = field.value;
    }
    Schedule schedule;
    schedule.zone_ = std::move(zone);
    set(schedule, bits[0], bits[1], bits[2], bits[3], bits[4]);
    return {std::move(schedule), ""};
  }
};

ParseResult Schedule::parse_standard(std::string_view spec) { return ScheduleParser::parse(spec); }

namespace {

// WallClock: Schedule::next's view of instants in the schedule's zone. next() converts an
// instant to wall-clock fields on every step of its scans (up to ~60 per call), so the offset
// period and the calendar date of the last conversion are cached: most steps are a few integer
// operations and no zone lookup.
class WallClock {
 public:
  explicit WallClock(const TimeZone& zone) : zone_(zone) {}

  calendar::Fields fields(std::int64_t unix_seconds) {
    const std::int64_t local = unix_seconds + offset_at(unix_seconds);
    const std::int64_t days = calendar::floor_div(local, calendar::kSecondsPerDay);
    if (days != cached_day_) {
      cached_day_ = days;
      cached_date_ = calendar::civil_from_days(days);
      cached_weekday_ = static_cast<int>(calendar::floor_mod(days + 4, 7));  // 1970-01-01: Thursday
    }
    const std::int64_t second_of_day = local - days * calendar::kSecondsPerDay;
    return {cached_date_.year,       cached_date_.month,      cached_date_.day, second_of_day / 3600,
            second_of_day / 60 % 60, second_of_day % 60,      cached_weekday_};
  }

  // same_offset: whether the UTC offset is the same at both instants (one offset period; two
  // transitions within a minute do not exist).
  bool same_offset(std::int64_t a, std::int64_t b) { return offset_at(a) == offset_at(b); }

  // date is Go's time.Date in the zone (docs/cron.md).
  std::int64_t date(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
                    std::int64_t second) {
    const std::int64_t unix_seconds = calendar::wall_as_utc(year, month, day, hour, minute, second);
    std::int64_t offset = offset_at(unix_seconds);
    if (offset != 0) offset = offset_at(unix_seconds - offset);
    return unix_seconds - offset;
  }

 private:
  std::int64_t offset_at(std::int64_t unix_seconds) {
    if (unix_seconds < period_.start || unix_seconds >= period_.end) period_ = zone_.offset_period_at(unix_seconds);
    return period_.offset;
  }

  const TimeZone& zone_;
  TimeZone::OffsetPeriod period_{0, 0, 0};  // empty: the first lookup fills it
  std::int64_t cached_day_ = std::numeric_limits<std::int64_t>::min();
  calendar::Date cached_date_{};
  int cached_weekday_ = 0;
};

constexpr bool has_bit(std::uint64_t bits, std::int64_t value) { return ((bits >> value) & 1u) != 0; }
// The second field ParseStandard always produces: second 0 only.
constexpr std::uint64_t kSecondZeroOnly = 1;

}  // namespace

SimTime Schedule::next(SimTime from, const TimeZone& local) const {
  if (is_every()) return compute_next(from, local);  // one addition: nothing to remember
  const std::string_view zone = zone_ ? std::string_view() : std::string_view(local.name());
  for (const Memo& memo : memo_) {
    if (memo.valid && memo.from == from && memo.zone == zone) return memo.result;
  }
  Memo& memo = memo_[memo_victim_];
  memo_victim_ = static_cast<std::uint8_t>((memo_victim_ + 1) % memo_.size());
  memo.from = from;
  memo.zone.assign(zone);
  memo.result = compute_next(from, local);
  memo.valid = true;
  return memo.result;
}

SimTime Schedule::compute_next(SimTime from, const TimeZone& local) const {
  using std::chrono::microseconds;
  constexpr std::int64_t kMicrosPerSecond = 1000000;
  const std::int64_t from_micros = std::chrono::duration_cast<microseconds>(from.time_since_epoch()).count();
  const std::int64_t from_seconds = calendar::floor_div(from_micros, kMicrosPerSecond);

  if (is_every()) {
    // ConstantDelaySchedule.Next: t + delay - t.Nanosecond(); no zone involved.
    return SimTime(std::chrono::seconds(from_seconds + delay_seconds_));
  }

  // SpecSchedule.Next. The zone is the prefix zone, else the zone of `from` (the controller's).
  WallClock clock(zone_ ? *zone_ : local);
  // Start at the next whole second strictly after `from`.
  std::int64_t at = from_seconds + 1;
  calendar::Fields wall = clock.fields(at);
  bool added = false;  // whether a field has been advanced (and the lower ones reset)
  const std::int64_t year_limit = wall.year + 5;

  const auto day_matches = [this](const calendar::Fields& fields) {
    const bool dom_match = has_bit(dom_, fields.day);
    const bool dow_match = has_bit(dow_, fields.weekday);
    if ((dom_ & kStarBit) != 0 || (dow_ & kStarBit) != 0) return dom_match && dow_match;
    return dom_match || dow_match;
  };

wrap:
  if (wall.year > year_limit) return kZeroTime;

  while (!has_bit(month_, wall.month)) {
    if (!added) {
      added = true;
      at = clock.date(wall.year, wall.month, 1, 0, 0, 0);
      wall = clock.fields(at);
    }
    // AddDate(0, 1, 0): the same wall clock one month on, re-resolved.
    at = clock.date(wall.year, wall.month + 1, wall.day, wall.hour, wall.minute, wall.second);
    wall = clock.fields(at);
    if (wall.month == 1) goto wrap;
  }

  while (!day_matches(wall)) {
    if (!added) {
      added = true;
      at = clock.date(wall.year, wall.month, wall.day, 0, 0, 0);
      wall = clock.fields(at);
    }
    at = clock.date(wall.year, wall.month, wall.day + 1, wall.hour, wall.minute, wall.second);
    wall = clock.fields(at);
    // Midnight repair for zones whose DST switch is at midnight (robfig's Sao Paulo note).
    if (wall.hour != 0) {
      at += wall.hour > 12 ? (24 - wall.hour) * 3600 : -wall.hour * 3600;
      wall = clock.fields(at);
    }
    if (wall.day == 1) goto wrap;
  }

  while (!has_bit(hour_, wall.hour)) {
    if (!added) {
      added = true;
      at = clock.date(wall.year, wall.month, wall.day, wall.hour, 0, 0);
      wall = clock.fields(at);
    }
    at += 3600;  // real time, not wall clock
    wall = clock.fields(at);
    if (wall.hour == 0) goto wrap;
  }

  while (!has_bit(minute_, wall.minute)) {
    if (!added) {
      added = true;
      at = calendar::floor_div(at, 60) * 60;  // Truncate(time.Minute): absolute time
    }
    at += 60;
    wall = clock.fields(at);
    if (wall.minute == 0) goto wrap;
  }

  while (!has_bit(second_, wall.second)) {
    added = true;  // Truncate(time.Second) is a no-op on whole seconds
    // robfig steps one second at a time (up to 59 steps, most of Next's time). ParseStandard
    // allows second 0 only, so the seconds in between cannot match: jump straight to the next
    // whole minute when the UTC offset stays the same over the jump (then the wall-clock
    // seconds in between are wall.second + 1 .. 59, none of them 0). Otherwise step as robfig.
    const std::int64_t to_minute = 60 - wall.second;
    if (second_ == kSecondZeroOnly && clock.same_offset(at, at + to_minute)) {
      at += to_minute;
    } else {
      at += 1;
    }
    wall = clock.fields(at);
    if (wall.second == 0) goto wrap;
  }

  return SimTime(std::chrono::seconds(at));
}

// Upstream: cronjob_controllerv2.go formatSchedule.
std::string schedule_with_time_zone(std::string_view schedule, const std::optional<std::string>& time_zone) {
  if (has_tz_in_schedule(schedule) || !time_zone) return std::string(schedule);
  std::string text;
  text.reserve(time_zone->size() + schedule.size() + 4);
  text.append("TZ=").append(*time_zone).append(" ").append(schedule);
  return text;
}

}  // namespace jobsim::cron
