// Decoders for `faults:` (docs/scenario-format.md): controllerManagerDown and schedulerDown, written
// either in the short form (`controllerManagerDown: 45m`) or like nodeDown
// (`controllerManagerDown: true` with `for: 45m`); imagePullFailure (`imagePullFailure: <image>`
// with an optional `for:`, without it until the end); the node faults (nodeDown, nodeUp,
// nodeFailures) in decode_node_fault.cpp.
#include <algorithm>
#include <numeric>

#include "scenario/scenario_decoders.hpp"

namespace jobsim::scenario {
namespace {

constexpr std::string_view kControllerManagerDown = "controllerManagerDown";
constexpr std::string_view kSchedulerDown = "schedulerDown";
constexpr std::string_view kImagePullFailure = "imagePullFailure";
constexpr std::string_view kKindList =
    "controllerManagerDown, schedulerDown, imagePullFailure, nodeDown, nodeUp, nodeFailures";

bool is_outage(std::string_view key) { return key == kControllerManagerDown || key == kSchedulerDown; }

bool is_kind(std::string_view key) {
  return is_outage(key) || key == kImagePullFailure || is_node_fault_kind(key);
}

// decode_outage reads `controllerManagerDown:` or `schedulerDown:` (a duration, or true with
// `for:`) into out.duration. Returns false after reporting.
bool decode_outage(const Ctx& ctx, std::string_view kind, const Value& fault, const Value& value, Fault& out) {
  const std::string name(kind);
  const Value* for_value = fault.find("for");
  if (value.is_scalar() && !value.quoted() && is_plain_bool(value)) {
    if (value.text() != "true" && value.text() != "True" && value.text() != "TRUE") {
      ctx.fail(value.pos(), "expected a duration such as \"45m\", or true with \"for\"; got " + describe(value));
      return false;
    }
    if (for_value == nullptr) {
      const std::string what = kind == kSchedulerDown ? "the scheduler stays" : "the controllers stay";
      ctx.fail(value.pos(), "true needs \"for\": how long " + what + " down (or write " + name + ": 45m)");
      return false;
    }
    return true;  // the duration comes from `for`
  }
  if (for_value != nullptr) {
    ctx.fail(value.pos(), "a duration here and \"for\" cannot be combined: write " + name + ": true with for, or "
                          "only the duration");
    return false;
  }
  if (!decode_value(ctx, value, out.duration)) return false;
  if (out.duration <= Duration::zero()) {
    ctx.fail(value.pos(), "must be greater than 0");
    return false;
  }
  return true;
}

}  // namespace

void decode_fault(const Ctx& ctx, const Value& value, const TimeFrame& frame, Fault& out) {
  out.pos = value.pos();
  if (!value.is_map()) {
    ctx.fail(value.pos(), "expected a map with at and one of " + std::string(kKindList) + "; got " + describe(value));
    return;
  }
  const Value::Entry* kind = nullptr;
  for (const Value::Entry& entry : value.entries()) {
    if (!is_kind(entry.key)) continue;
    if (kind != nullptr) {
      ctx.fail(entry.key_pos, "\"" + kind->key + "\" and \"" + entry.key + "\" cannot be combined: one fault per entry");
    } else {
      kind = &entry;
    }
  }
  if (kind == nullptr) {
    ctx.fail(value.pos(), "expected one of " + std::string(kKindList));
    return;
  }

  if (is_node_fault_kind(kind->key)) {
    decode_node_fault(ctx, value, frame, kind->key, out);
    return;
  }
  Fields<Fault> fields(ctx, value, out);
  for (std::string_view other : {kControllerManagerDown, kSchedulerDown, kImagePullFailure}) {
    if (other != kind->key) fields.get(other);  // a second kind: "cannot be combined" was reported
  }
  fields.required("at").custom("at", [&](const Ctx& c, const Value& v) {
    SimTime parsed;
    if (decode_time_arg(c, v, frame, parsed)) out.at = parsed;
  });
  if (kind->key == kImagePullFailure) {
    out.kind = FaultKind::ImagePullFailure;
    fields
        .custom(kImagePullFailure,
                [&](const Ctx& c, const Value& v) {
                  // A plain number or boolean is not an image (`imagePullFailure: true` with
                  // `for` is the controllerManagerDown form, not an image named "true").
                  if (!v.is_scalar() || v.text().empty() ||
                      (!v.quoted() && (is_plain_number(v) || is_plain_bool(v)))) {
                    c.fail(v.pos(), "expected an image name such as \"registry.example.com/tool:v1\", got " + describe(v));
                    return;
                  }
                  out.image = v.text();
                })
        .custom("for", [&](const Ctx& c, const Value& v) {
          if (!decode_value(c, v, out.duration)) return;
          if (out.duration <= Duration::zero()) c.fail(v.pos(), "must be greater than 0");
        });
    return;
  }
  const std::string_view outage = kind->key == kSchedulerDown ? kSchedulerDown : kControllerManagerDown;
  out.kind = outage == kSchedulerDown ? FaultKind::SchedulerDown : FaultKind::ControllerManagerDown;
  fields.custom(outage, [&](const Ctx& c, const Value& v) { decode_outage(c, outage, value, v, out); })
      .custom("for", [&](const Ctx& c, const Value& v) {
        const Value* down = value.find(outage);
        if (down == nullptr || !down->is_scalar() || down->quoted() || !is_plain_bool(*down)) return;  // reported above
        if (!decode_value(c, v, out.duration)) return;
        if (out.duration <= Duration::zero()) c.fail(v.pos(), "must be greater than 0");
      });
}

void check_fault_overlaps(const Ctx& ctx, const std::vector<Fault>& faults) {
  // Outages of one component must not overlap or touch: the restart at the end of one would
  // fall at the instant the next one begins. Compare in time order; report the later one.
  std::vector<std::size_t> order(faults.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::stable_sort(order, {}, [&faults](std::size_t i) { return faults[i].at; });
  for (const FaultKind component : {FaultKind::ControllerManagerDown, FaultKind::SchedulerDown}) {
    const std::string_view name = component == FaultKind::SchedulerDown ? kSchedulerDown : kControllerManagerDown;
    const Fault* previous = nullptr;
    std::size_t previous_index = 0;
    for (std::size_t index : order) {
      const Fault& fault = faults[index];
      if (fault.kind != component || fault.duration <= Duration::zero()) continue;
      if (previous != nullptr && fault.at <= previous->at + previous->duration) {
        ctx.index(index).fail(fault.pos, std::string(name) + " at " + engine::to_rfc3339(fault.at) +
                                             " must start after the outage of faults[" + std::to_string(previous_index) +
                                             "] (" + previous->pos.to_string() + ") ends at " +
                                             engine::to_rfc3339(previous->at + previous->duration) +
                                             "; merge them into one outage");
        continue;
      }
      previous = &fault;
      previous_index = index;
    }
  }
}

}  // namespace jobsim::scenario
