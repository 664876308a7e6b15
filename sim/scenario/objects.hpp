// Kubernetes manifests as scenario objects: dispatch on apiVersion/kind, decode, validate with
// upstream's rules, and label every problem with the object (`Job "pi": ...`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/scenario.hpp"
#include "scenario/diagnostics.hpp"

namespace jobsim::scenario {

// decode_manifests decodes one manifest, or each item of a `v1 List` (what `kubectl get -o
// yaml` prints for several objects). `where` names the manifest in messages written before
// its kind is known ("objects[2]: missing required key \"kind\"").
std::vector<ObjectEntry> decode_manifests(const Value& manifest, std::string_view where, Diagnostics& diagnostics);

// decode_manifest decodes exactly one object (a List is refused), e.g. for a create action.
std::optional<ObjectEntry> decode_manifest(const Value& manifest, std::string_view where, Diagnostics& diagnostics);

// object_label names an object in messages: `Job "pi"`, `Job (generateName "ci-")`.
std::string object_label(const Object& object);
std::string_view object_kind(const Object& object);

// validate_object runs upstream validation (api::validate_job, validate_cron_job; a name
// check for Nodes and Pods) and reports each error at its path in `root`, or at the nearest
// ancestor that exists. Paths that `problems` already has a decoding error for are skipped,
// so one mistake gives one message.
void validate_object(const Object& object, const Value& root, Diagnostics& problems);

// make_object returns a default-constructed object of `kind` ("Job", "CronJob", "Node", "Pod").
std::optional<Object> make_object(std::string_view kind);

// decode_object_fields decodes `value` into `object` (whatever its kind), without validating.
void decode_object_fields(const Value& value, Object& object, Diagnostics& problems);

}  // namespace jobsim::scenario
