// kubectl's resource names and error texts, shared by get and describe (private).
#pragma once

#include <string_view>

#include "jobsim/report/kubectl.hpp"

namespace jobsim::report::kubectl {

// resource_name is the plural with group that NotFound errors name: "pods", "jobs.batch".
std::string_view resource_name(api::Kind kind);
// `Error from server (NotFound): jobs.batch "x" not found`, exit 1.
Output not_found(api::Kind kind, std::string_view name);

}  // namespace jobsim::report::kubectl
