// apply_patch: JSON merge patch (RFC 7386) of a live object through the same decoders that load
// manifests, followed by the API server's update checks: upstream validation and the fields
// an update may not change (pkg/apis/batch/validation ValidateJobUpdate, ValidateObjectMetaUpdate).
#include <type_traits>
#include <variant>

#include "jobsim/api/job.hpp"
#include "jobsim/scenario/load.hpp"
#include "scenario/decode_util.hpp"
#include "scenario/objects.hpp"
#include "scenario/value_path.hpp"

namespace jobsim::scenario {
namespace {

constexpr std::string_view kImmutable = "field is immutable";

struct UpdateCheck {
  const Value& patch;
  Diagnostics& problems;
  void immutable(bool changed, const std::string& path, const std::string& shown_value = {}) const {
    if (!changed) return;
    const std::string value = shown_value.empty() ? "" : shown_value + ": ";
    problems.add(locate(patch, path), path, path + ": Invalid value: " + value + std::string(kImmutable));
  }
};

void check_meta_update(const api::ObjectMeta& before, const api::ObjectMeta& after, const UpdateCheck& check) {
  check.immutable(before.name != after.name, "metadata.name", "\"" + after.name + "\"");
  check.immutable(before.namespace_ != after.namespace_, "metadata.namespace", "\"" + after.namespace_ + "\"");
  check.immutable(before.uid != after.uid, "metadata.uid", "\"" + after.uid + "\"");
}

// Upstream ValidateJobSpecUpdate: selector, completionMode, podFailurePolicy,
// backoffLimitPerIndex, managedBy and successPolicy never change; completions only for
// Indexed Jobs together with parallelism ("elastic indexed Jobs"); the pod template only in
// its scheduling directives, and only while the Job is suspended and has never started.
void check_job_update(const api::Job& before, const api::Job& after, const UpdateCheck& check) {
  const api::JobSpec& old_spec = before.spec;
  const api::JobSpec& new_spec = after.spec;
  // Upstream validateCompletions.
  if (old_spec.completions != new_spec.completions) {
    const std::string shown = new_spec.completions ? std::to_string(*new_spec.completions) : "null";
    if (!api::is_indexed(after)) {
      check.immutable(true, "spec.completions", shown);
    } else if (new_spec.completions && new_spec.completions != new_spec.parallelism) {
      check.problems.add(locate(check.patch, "spec.completions"), "spec.completions",
                         "spec.completions: Invalid value: " + shown + ": can only be modified in tandem with spec.parallelism");
    }
  }
  check.immutable(old_spec.selector != new_spec.selector, "spec.selector");
  check.immutable(old_spec.completion_mode != new_spec.completion_mode, "spec.completionMode");
  check.immutable(old_spec.pod_failure_policy != new_spec.pod_failure_policy, "spec.podFailurePolicy");
  check.immutable(old_spec.backoff_limit_per_index != new_spec.backoff_limit_per_index, "spec.backoffLimitPerIndex");
  check.immutable(old_spec.managed_by != new_spec.managed_by, "spec.managedBy");
  check.immutable(old_spec.success_policy != new_spec.success_policy, "spec.successPolicy");

  api::PodTemplateSpec old_template = old_spec.template_;
  api::PodTemplateSpec new_template = new_spec.template_;
  const bool mutable_scheduling = old_spec.suspend.value_or(false) && !before.status->start_time;
  if (mutable_scheduling) {
    // Mask what a suspended, never-started Job may change.
    new_template.labels = old_template.labels;
    new_template.annotations = old_template.annotations;
    new_template.spec.edit().node_selector = old_template.spec->node_selector;
    new_template.spec.edit().tolerations = old_template.spec->tolerations;
  }
  check.immutable(old_template != new_template, "spec.template");
}

}  // namespace

std::vector<std::string> apply_patch(Object& object, const Value& patch) {
  const std::string label = object_label(object) + ": ";
  Diagnostics problems;
  if (!patch.is_map()) {
    problems.add(patch.pos(), "", "a patch must be a map of the fields to change, got " + describe(patch));
  } else if (const Value* kind = patch.find("kind"); kind != nullptr && !(kind->is_scalar() && kind->text() == object_kind(object))) {
    problems.add(kind->pos(), "kind", "kind: a patch cannot change the kind (" + std::string(object_kind(object)) + ")");
  }
  if (!problems.empty()) {
    Diagnostics labelled;
    labelled.append(problems, label);
    return labelled.messages();
  }

  // Work on a copy so that a rejected patch leaves the live object untouched, as the API server
  // does with a rejected update.
  Object patched = object;
  decode_object_fields(patch, patched, problems);
  const UpdateCheck check{patch, problems};
  std::visit(
      [&](const auto& before) {
        using T = std::decay_t<decltype(before)>;
        const T& after = std::get<T>(patched);
        check_meta_update(before.metadata, after.metadata, check);
        if constexpr (std::is_same_v<T, api::Job>) check_job_update(before, after, check);
      },
      object);
  validate_object(patched, patch, problems);
  if (problems.empty()) {
    object = std::move(patched);
    return {};
  }
  problems.sort_by_position();
  Diagnostics labelled;
  labelled.append(problems, label);
  return labelled.messages();
}

}  // namespace jobsim::scenario
