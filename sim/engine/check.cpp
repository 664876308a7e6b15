// The out-of-line, cold half of JOBSIM_CHECK: report and abort.
#include "jobsim/engine/check.hpp"

#include <cstdio>   // std::fprintf: no iostream state, safe to call while aborting
#include <cstdlib>  // std::abort

namespace jobsim::engine::detail {

void check_failed(const char* file, int line, const std::string& message) {
  std::fprintf(stderr, "jobsim: internal error: %s:%d: %s\n", file, line, message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace jobsim::engine::detail
