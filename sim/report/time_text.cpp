// The time of day by hand; the date (at most once per simulated day) from the engine, whose
// year rules (negative years, more than four digits) it then shares.
#include "time_text.hpp"

#include <chrono>
#include <string>

#include "jobsim/engine/check.hpp"

namespace jobsim::report {
namespace {

char* put_two_digits(char* out, unsigned value) {
  *out++ = static_cast<char>('0' + value / 10);
  *out++ = static_cast<char>('0' + value % 10);
  return out;
}

}  // namespace

void TimeText::format(engine::SimTime at) {
  using namespace std::chrono;
  last_ = at;
  valid_ = true;
  // Floors, not truncations: an instant before 1970 belongs to the earlier millisecond and day.
  const auto millis = floor<milliseconds>(at);
  const auto day = floor<days>(millis);
  if (date_size_ == 0 || day != day_) {
    const std::string midnight = engine::to_rfc3339(day);  // "YYYY-MM-DDT00:00:00Z"
    const std::size_t date_size = midnight.size() - std::string_view("00:00:00Z").size();
    JOBSIM_CHECK(date_size + 13 <= kMaxSize, "TimeText: the date " << midnight << " does not fit; raise kMaxSize");
    midnight.copy(text_, date_size);
    date_size_ = date_size;
    day_ = day;
  }
  auto of_day = static_cast<unsigned>((millis - day).count());  // 0 .. 86,399,999
  const unsigned fraction = of_day % 1000;
  of_day /= 1000;
  char* out = text_ + date_size_;
  out = put_two_digits(out, of_day / 3600);
  *out++ = ':';
  out = put_two_digits(out, of_day / 60 % 60);
  *out++ = ':';
  out = put_two_digits(out, of_day % 60);
  if (fraction != 0) {
    *out++ = '.';
    *out++ = static_cast<char>('0' + fraction / 100);
    out = put_two_digits(out, fraction % 100);
  }
  *out++ = 'Z';
  size_ = static_cast<std::size_t>(out - text_);
}

}  // namespace jobsim::report
