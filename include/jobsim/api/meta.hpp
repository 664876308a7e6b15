// Object metadata shared by every Kubernetes kind the simulator models
// (k8s.io/apimachinery/pkg/apis/meta/v1 ObjectMeta, OwnerReference).
// Fields mirror upstream names in snake_case; Go pointers become std::optional.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/label_map.hpp"
#include "jobsim/api/name.hpp"
#include "jobsim/api/shared.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::api {

using engine::Duration;
using engine::SimTime;

// ObjectId is the simulator's interned handle for a stored object: an index into the API
// server's per-kind store, never reused, so queued keys and timers cannot alias a newer object.
using ObjectId = std::uint32_t;
inline constexpr ObjectId kNoObject = 0;

enum class Kind : std::uint8_t { Node, Pod, Job, CronJob };
std::string_view kind_name(Kind kind);  // "Node", "Pod", "Job", "CronJob"

// Ordered by text (output and matching are deterministic); keys and values are interned, and
// a key is found by string_view without interning it. A sorted vector, not a std::map: a
// retained object holds its labels for its whole life (api/label_map.hpp).
using Labels = LabelMap;

struct OwnerReference {
  Name api_version;
  Name kind;
  Name name;
  Name uid;
  bool controller = false;
  bool block_owner_deletion = false;
  bool operator==(const OwnerReference&) const = default;
};

// Names, namespaces, uids, label keys and values are interned (api/name.hpp): every pod of a
// Job holds the Job's name and uid, and the controllers compare them on every sync.
struct ObjectMeta {
  Name name;
  Name generate_name;
  Name namespace_ = "default";
  Name uid;
  std::int64_t resource_version = 0;
  std::int64_t generation = 0;
  // The collections are shared between versions (api/shared.hpp): bumping resourceVersion or
  // setting deletionTimestamp copies a few strings, not every label.
  Shared<Labels> labels;
  Shared<Labels> annotations;
  Shared<std::vector<OwnerReference>> owner_references;
  Shared<std::vector<Name>> finalizers;
  std::optional<SimTime> creation_timestamp;
  std::optional<SimTime> deletion_timestamp;
  std::optional<std::int64_t> deletion_grace_period_seconds;
  bool operator==(const ObjectMeta&) const = default;
};

// controller_ref returns the owner reference with controller: true, or nullptr
// (upstream metav1.GetControllerOf).
const OwnerReference* controller_ref(const ObjectMeta& meta);
bool has_finalizer(const ObjectMeta& meta, std::string_view finalizer);
// remove_finalizer returns whether it was present.
bool remove_finalizer(ObjectMeta& meta, std::string_view finalizer);
std::string key_of(const ObjectMeta& meta);  // "namespace/name"

struct LabelSelector {
  Labels match_labels;
  bool operator==(const LabelSelector&) const = default;
};
bool matches(const LabelSelector& selector, const Labels& labels);

// Finalizers and well-known keys, verbatim from upstream.
inline constexpr std::string_view kJobTrackingFinalizer = "batch.kubernetes.io/job-tracking";
inline constexpr std::string_view kForegroundDeletionFinalizer = "foregroundDeletion";
inline constexpr std::string_view kOrphanFinalizer = "orphan";
inline constexpr std::string_view kJobCompletionIndexAnnotation =
    "batch.kubernetes.io/job-completion-index";
inline constexpr std::string_view kControllerUidLabel = "batch.kubernetes.io/controller-uid";
inline constexpr std::string_view kJobNameLabel = "batch.kubernetes.io/job-name";
inline constexpr std::string_view kLegacyControllerUidLabel = "controller-uid";
inline constexpr std::string_view kLegacyJobNameLabel = "job-name";
// Set by the CronJob controller on the Jobs it creates: the scheduled time, RFC 3339 in the
// CronJob's spec.timeZone (UTC when unset). Upstream: cronjob/utils.go getJobFromTemplate2.
inline constexpr std::string_view kCronJobScheduledTimestampAnnotation =
    "batch.kubernetes.io/cronjob-scheduled-timestamp";

// Time helpers: API fields keep upstream units (seconds); convert in one place.
inline Duration seconds_field(std::int64_t seconds) { return std::chrono::seconds(seconds); }

}  // namespace jobsim::api
