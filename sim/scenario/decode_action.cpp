// Decoders for `actions:`: what users and other systems do during the run, at an instant or
// every period, each doing exactly one thing (create, apply, patch or delete an object).
#include <algorithm>
#include <array>

#include "scenario/objects.hpp"
#include "scenario/scenario_decoders.hpp"
#include "scenario/value_path.hpp"

namespace jobsim::scenario {
namespace {

constexpr std::array<std::string_view, 4> kVerbs = {"create", "apply", "patch", "delete"};
constexpr std::string_view kTimeForms =
    "expected an RFC 3339 time (\"2026-01-01T00:00:00Z\"), an offset from start (\"+90m\", \"+2h30m\", \"+3d\") or "
    "\"end\"";

void decode_target(Fields<Unmodelled>& fields, ObjectTarget& target) {
  fields.required("kind")
      .required("name")
      .custom("kind",
              [&target](const Ctx& c, const Value& v) { decode_string_enum(c, v, {"Job", "CronJob", "Node", "Pod"}, target.kind); })
      .custom("name", [&target](const Ctx& c, const Value& v) { decode_value(c, v, target.name); })
      .custom("namespace", [&target](const Ctx& c, const Value& v) {
        if (v.is_null()) {
          target.namespace_ = ObjectTarget{}.namespace_;
        } else {
          decode_value(c, v, target.namespace_);
        }
      });
}

PatchAction decode_patch(const Ctx& ctx, const Value& value) {
  PatchAction action;
  Unmodelled ignored;
  Fields<Unmodelled> fields(ctx, value, ignored);
  decode_target(fields, action.target);
  fields.required("patch").custom("patch", [&action](const Ctx& c, const Value& v) {
    if (!v.is_map()) {
      c.fail(v.pos(), "expected a map of the fields to change (a JSON merge patch), got " + describe(v));
      return;
    }
    action.patch = v;
    // The patched object may not exist yet, so check the patch's fields (unknown keys, types)
    // against an empty object of its kind now; the run applies it with apply_patch.
    std::optional<Object> object = make_object(action.target.kind);
    if (!object) return;
    Diagnostics problems;
    decode_object_fields(v, *object, problems);
    c.diagnostics().append(problems, action.target.kind + " \"" + action.target.name + "\": ");
  });
  return action;
}

DeleteAction decode_delete(const Ctx& ctx, const Value& value) {
  DeleteAction action;
  Unmodelled ignored;
  Fields<Unmodelled> fields(ctx, value, ignored);
  decode_target(fields, action.target);
  fields
      .custom("propagationPolicy",
              [&action](const Ctx& c, const Value& v) {
                std::string policy;
                if (v.is_null()) {
                  action.propagation_policy.reset();
                } else if (decode_string_enum(c, v, {"Orphan", "Background", "Foreground"}, policy)) {
                  action.propagation_policy = policy;
                }
              })
      .custom("gracePeriodSeconds", [&action](const Ctx& c, const Value& v) {
        decode_value(c, v, action.grace_period_seconds);
        if (action.grace_period_seconds && *action.grace_period_seconds < 0) {
          c.fail(v.pos(), "Invalid value: " + std::to_string(*action.grace_period_seconds) +
                              ": must be greater than or equal to 0");
        }
      });
  return action;
}

std::optional<ObjectEntry> decode_object_verb(const Ctx& ctx, const Value& value) {
  return decode_manifest(value, ctx.path(), ctx.diagnostics());
}

}  // namespace

bool decode_time_arg(const Ctx& ctx, const Value& value, const TimeFrame& frame, SimTime& out) {
  std::string text;
  if (!value.is_scalar() || (!value.quoted() && (is_plain_number(value) || is_plain_bool(value)))) {
    ctx.fail(value.pos(), std::string(kTimeForms) + ", got " + describe(value));
    return false;
  }
  text = value.text();
  if (text == "end" && !frame.end) {
    ctx.fail(value.pos(), "\"end\" is not known here; give an RFC 3339 time or an offset such as \"+24h\"");
    return false;
  }
  const auto parsed = parse_time_arg(text, frame.start, frame.end.value_or(frame.start));
  if (!parsed) {
    ctx.fail(value.pos(), "invalid time \"" + text + "\": " + std::string(kTimeForms));
    return false;
  }
  if (*parsed < frame.start) {
    ctx.fail(value.pos(), "time " + engine::to_rfc3339(*parsed) + " is before the scenario start (" +
                              engine::to_rfc3339(frame.start) + ")");
    return false;
  }
  out = *parsed;
  return true;
}

void decode_action(const Ctx& ctx, const Value& value, const TimeFrame& frame, Action& out) {
  out.pos = value.pos();
  if (!value.is_map()) {
    ctx.fail(value.pos(), "expected a map with at or every and one of create, apply, patch, delete; got " + describe(value));
    return;
  }
  // One verb and one kind of timing: report the second one where it is written.
  const Value::Entry* verb = nullptr;
  for (const Value::Entry& entry : value.entries()) {
    if (std::find(kVerbs.begin(), kVerbs.end(), entry.key) == kVerbs.end()) continue;
    if (verb != nullptr) {
      ctx.fail(entry.key_pos, "\"" + verb->key + "\" and \"" + entry.key + "\" cannot be combined: an action does one thing");
    } else {
      verb = &entry;
    }
  }
  if (verb == nullptr) ctx.fail(value.pos(), "expected one of create, apply, patch, delete");
  const Value* at = value.find("at");
  const Value* every = value.find("every");
  if (at == nullptr && every == nullptr) ctx.fail(value.pos(), "missing required key \"at\" or \"every\"");
  if (at != nullptr && every != nullptr) ctx.fail(locate(value, "every"), "\"at\" and \"every\" cannot be combined");
  if (every == nullptr) {
    for (std::string_view key : {"from", "until"}) {
      if (value.find(key) != nullptr) {
        ctx.fail(locate(value, key), "\"" + std::string(key) + "\" is only valid with \"every\"");
      }
    }
  }

  Fields<Action> fields(ctx, value, out);
  const auto time = [&frame](std::optional<SimTime>& target) {
    return [&frame, &target](const Ctx& c, const Value& v) {
      SimTime parsed;
      if (decode_time_arg(c, v, frame, parsed)) target = parsed;
    };
  };
  fields.custom("at", time(out.at))
      .custom("every",
              [&out](const Ctx& c, const Value& v) {
                Duration period{};
                if (!decode_value(c, v, period)) return;
                if (period <= Duration::zero()) {
                  c.fail(v.pos(), "must be greater than 0");
                  return;
                }
                out.every = period;
              })
      .custom("from", time(out.from))
      .custom("until", time(out.until))
      .custom("create",
              [&out](const Ctx& c, const Value& v) {
                if (auto entry = decode_object_verb(c, v)) out.verb = CreateAction{std::move(*entry)};
              })
      .custom("apply",
              [&out](const Ctx& c, const Value& v) {
                if (auto entry = decode_object_verb(c, v)) out.verb = ApplyAction{std::move(*entry)};
              })
      .custom("patch", [&out](const Ctx& c, const Value& v) { out.verb = decode_patch(c, v); })
      .custom("delete", [&out](const Ctx& c, const Value& v) { out.verb = decode_delete(c, v); });
  if (out.from && out.until && *out.until < *out.from) {
    ctx.key("until").fail(locate(value, "until"), "must not be before from (" + engine::to_rfc3339(*out.from) + ")");
  }
}

}  // namespace jobsim::scenario
