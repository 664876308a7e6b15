// Modelled API errors are values (CONTRIBUTING.md "Errors"): callers switch on the code, as upstream
// switches on errors.IsNotFound and friends.
#pragma once

#include <cstdint>
#include <string>

#include "jobsim/api/meta.hpp"

namespace jobsim::cluster {

enum class ApiErrorCode : std::uint8_t { Ok, NotFound, AlreadyExists, Conflict, Invalid, Unavailable };

struct ApiResult {
  ApiErrorCode code = ApiErrorCode::Ok;
  api::ObjectId id = api::kNoObject;  // the object created or written
  std::string message;                // upstream-style text for Events and errors
  bool ok() const { return code == ApiErrorCode::Ok; }
};

enum class PropagationPolicy : std::uint8_t { Orphan, Background, Foreground };
std::string_view to_string(PropagationPolicy policy);

struct DeleteOptions {
  std::optional<PropagationPolicy> propagation_policy;  // nullopt: the kind's default
  std::optional<std::int64_t> grace_period_seconds;     // pods: nullopt = spec default
  std::string precondition_uid;                         // "" = none
};

}  // namespace jobsim::cluster
