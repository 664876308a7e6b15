// Time text as kubectl prints it: ages and durations (k8s.io/apimachinery/pkg/util/duration
// HumanDuration), the "<unknown>" of a missing timestamp (pkg/printers/internalversion
// translateTimestampSince) and describe's RFC 1123 dates (Go time.RFC1123Z).
#pragma once

#include <optional>
#include <string>

#include "jobsim/engine/time.hpp"

namespace jobsim::report::kubectl {

// human_duration returns ~2-3 significant figures: "45s", "3m10s", "70m", "3h1m", "47h",
// "2d1h", "367d", "2y1d", "8y"; "0s" for -1 s < d < 1 s, "<invalid>" at -2 s and below.
// Upstream: apimachinery/pkg/util/duration/duration.go HumanDuration.
std::string human_duration(engine::Duration d);

// api_timestamp truncates an instant to whole seconds, as metav1.Time does when the API server
// serializes it (RFC 3339 without fractions): kubectl computes ages from that text.
engine::SimTime api_timestamp(engine::SimTime at);

// translate_timestamp_since is the AGE of `at` seen at `now` ("<unknown>" when unset).
// Upstream: pkg/printers/internalversion/printers.go translateTimestampSince.
std::string translate_timestamp_since(const std::optional<engine::SimTime>& at, engine::SimTime now);

// rfc1123z formats `at` (UTC) as Go's time.RFC1123Z: "Thu, 01 Jan 2026 00:00:00 +0000".
std::string rfc1123z(engine::SimTime at);

}  // namespace jobsim::report::kubectl
