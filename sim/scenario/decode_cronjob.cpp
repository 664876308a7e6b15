// Decoders for batch/v1 CronJob: spec with its job template, and status.
#include "scenario/decoders.hpp"

#include <charconv>  // std::from_chars

namespace jobsim::scenario {

bool decode_value(const Ctx& ctx, const Value& value, api::ConcurrencyPolicy& out) {
  static constexpr EnumName<api::ConcurrencyPolicy> kNames[] = {
      {"Allow", api::ConcurrencyPolicy::Allow},
      {"Forbid", api::ConcurrencyPolicy::Forbid},
      {"Replace", api::ConcurrencyPolicy::Replace},
  };
  return decode_enum(ctx, value, kNames, out);
}

bool decode_value(const Ctx& ctx, const Value& value, api::JobTemplateSpec& out) {
  using T = api::JobTemplateSpec;
  Fields<T> fields(ctx, value, out);
  fields
      .custom("metadata",
              [&out](const Ctx& c, const Value& v) { decode_template_metadata(c, v, out.labels.edit(), out.annotations.edit()); })
      .field("spec", &T::spec);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::CronJobSpec& out) {
  using S = api::CronJobSpec;
  Fields<S> fields(ctx, value, out);
  fields.field("schedule", &S::schedule)
      .field("timeZone", &S::time_zone)
      .field("startingDeadlineSeconds", &S::starting_deadline_seconds)
      .field("concurrencyPolicy", &S::concurrency_policy)
      .field("suspend", &S::suspend)
      .field("jobTemplate", &S::job_template)
      .field("successfulJobsHistoryLimit", &S::successful_jobs_history_limit)
      .field("failedJobsHistoryLimit", &S::failed_jobs_history_limit);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::ObjectReference& out) {
  using R = api::ObjectReference;
  Fields<R> fields(ctx, value, out);
  fields.field("apiVersion", &R::api_version)
      .field("kind", &R::kind)
      .field("namespace", &R::namespace_)
      .field("name", &R::name)
      .field("uid", &R::uid)
      .custom("resourceVersion",
              [&out](const Ctx& c, const Value& v) {
                // An opaque token upstream; kept when it is a number (as etcd's are), else ignored.
                if (v.is_null()) return;
                if (!v.is_scalar() || is_plain_bool(v)) {
                  c.fail(v.pos(), "expected a string, got " + describe(v));
                  return;
                }
                const std::string& text = v.text();
                std::int64_t version = 0;
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
                if (error == std::errc{} && end == text.data() + text.size()) out.resource_version = version;
              })
      .accepted("fieldPath", Shape::String);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::CronJobStatus& out) {
  using S = api::CronJobStatus;
  Fields<S> fields(ctx, value, out);
  fields.field("active", &S::active)
      .field("lastScheduleTime", &S::last_schedule_time)
      .field("lastSuccessfulTime", &S::last_successful_time);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, api::CronJob& out) {
  using C = api::CronJob;
  Fields<C> fields(ctx.job_template(), value, out);
  fields.accepted("apiVersion", Shape::String)  // checked by decode_manifest
      .accepted("kind", Shape::String)
      .field("metadata", &C::metadata)
      .field("spec", &C::spec)
      .field("status", &C::status);
  return fields.is_map() || value.is_null();
}

}  // namespace jobsim::scenario
