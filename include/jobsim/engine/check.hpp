// JOBSIM_CHECK: the invariant check of CONTRIBUTING.md "Errors", on in every build type.
// A failing check is a bug in jobsim (never bad user input): it prints where and why, then aborts.
#pragma once

#include <sstream>  // std::ostringstream, to format the message only when the check fails
#include <string>

namespace jobsim::engine::detail {

// check_failed prints "jobsim: internal error: <file>:<line>: <message>" to stderr and aborts.
[[noreturn]] void check_failed(const char* file, int line, const std::string& message);

}  // namespace jobsim::engine::detail

// JOBSIM_CHECK(cond, msg) aborts with `msg` when `cond` is false. `msg` is anything streamable,
// and may itself be a chain: JOBSIM_CHECK(delay >= 0, "negative delay " << format_duration(delay)).
// It is evaluated only on failure. Say what to do next in the message (CONTRIBUTING.md "Errors").
#define JOBSIM_CHECK(cond, msg)                                                              \
  do {                                                                                       \
    if (!(cond)) [[unlikely]] {                                                              \
      std::ostringstream jobsim_check_message_;                                              \
      jobsim_check_message_ << msg;                                                          \
      ::jobsim::engine::detail::check_failed(__FILE__, __LINE__, jobsim_check_message_.str()); \
    }                                                                                        \
  } while (false)
