// Decoders for `behaviors:`: what a matching container does when it runs (how long, which
// exit code, how much it uses, how fast it stops after SIGTERM).
#include <fmt/format.h>

#include <cmath>
#include <string_view>

#include "scenario/decoders.hpp"
#include "scenario/scenario_decoders.hpp"

namespace jobsim::scenario {
namespace {

constexpr double kProbabilityTolerance = 1e-9;
constexpr std::int32_t kMaxExitCode = 255;
constexpr std::string_view kNever = "never";
constexpr std::string_view kDistributions[] = {"uniform", "normal", "lognormal", "exponential", "values"};

bool decode_exit_code(const Ctx& ctx, const Value& value, std::int32_t& out) {
  std::int32_t code = 0;
  if (!decode_value(ctx, value, code)) return false;
  if (code < 0 || code > kMaxExitCode) {
    ctx.fail(value.pos(), "exit code " + std::to_string(code) + " is out of range (0 to 255)");
    return false;
  }
  out = code;
  return true;
}

// Parameters of one distribution, read from its map.
struct DistributionParams {
  std::optional<Duration> mean, stddev, median, p95;
};

bool decode_params(const Ctx& ctx, const Value& value, std::initializer_list<std::string_view> names,
                   DistributionParams& params) {
  if (!value.is_map()) {
    std::string keys;
    for (std::string_view name : names) keys += (keys.empty() ? "" : " and ") + std::string(name);
    ctx.fail(value.pos(), "expected a map with " + keys + ", got " + describe(value));
    return false;
  }
  Fields<DistributionParams> fields(ctx, value, params);
  for (std::string_view name : names) {
    fields.required(name);
    if (name == "mean") fields.field("mean", &DistributionParams::mean);
    if (name == "stddev") fields.field("stddev", &DistributionParams::stddev);
    if (name == "median") fields.field("median", &DistributionParams::median);
    if (name == "p95") fields.field("p95", &DistributionParams::p95);
  }
  return true;
}

void decode_distribution(const Ctx& ctx, std::string_view kind, const Value& value, DurationDist& out) {
  DistributionParams params;
  if (kind == "uniform") {
    out.kind = DurationDist::Kind::Uniform;
    std::vector<Duration> bounds;
    if (!decode_value(ctx, value, bounds)) return;
    if (bounds.size() != 2) {
      ctx.fail(value.pos(), "expected two durations [low, high], got " + std::to_string(bounds.size()));
    } else if (bounds[0] > bounds[1]) {
      ctx.fail(value.pos(), "the low bound " + engine::format_duration(bounds[0]) + " is above the high bound " +
                                engine::format_duration(bounds[1]));
    } else {
      out.low = bounds[0];
      out.high = bounds[1];
    }
  } else if (kind == "normal") {
    out.kind = DurationDist::Kind::Normal;
    if (!decode_params(ctx, value, {"mean", "stddev"}, params)) return;
    out.mean = params.mean.value_or(Duration{});
    out.stddev = params.stddev.value_or(Duration{});
  } else if (kind == "lognormal") {
    out.kind = DurationDist::Kind::Lognormal;
    if (!decode_params(ctx, value, {"median", "p95"}, params)) return;
    out.median = params.median.value_or(Duration{});
    out.p95 = params.p95.value_or(Duration{});
    if (params.median && *params.median <= Duration::zero()) {
      ctx.key("median").fail(value.pos(), "must be greater than 0");
    } else if (params.median && params.p95 && *params.p95 < *params.median) {
      ctx.key("p95").fail(value.pos(), "must not be below the median (" + engine::format_duration(*params.median) + ")");
    }
  } else if (kind == "exponential") {
    out.kind = DurationDist::Kind::Exponential;
    if (!decode_params(ctx, value, {"mean"}, params)) return;
    out.mean = params.mean.value_or(Duration{});
    if (params.mean && *params.mean <= Duration::zero()) ctx.key("mean").fail(value.pos(), "must be greater than 0");
  } else {
    out.kind = DurationDist::Kind::Values;
    if (!decode_value(ctx, value, out.values)) return;
    if (out.values.empty()) ctx.fail(value.pos(), "expected at least one duration");
  }
}

}  // namespace

bool decode_value(const Ctx& ctx, const Value& value, BehaviorMatch& out) {
  using M = BehaviorMatch;
  Fields<M> fields(ctx, value, out);
  fields.field("image", &M::image)
      .field("container", &M::container)
      .field("job", &M::job)
      .field("cronJob", &M::cron_job)
      .field("labels", &M::labels);
  return fields.is_map() || value.is_null();
}

bool decode_value(const Ctx& ctx, const Value& value, DurationDist& out) {
  out = DurationDist{};
  if (value.is_scalar() && value.text() == kNever) {
    out.kind = DurationDist::Kind::Never;
    return true;
  }
  if (value.is_scalar()) {
    out.kind = DurationDist::Kind::Fixed;
    return decode_value(ctx, value, out.fixed);
  }
  if (!value.is_map()) {
    ctx.fail(value.pos(), "expected a duration (\"90s\"), never, or one of {uniform: [1m, 3m]}, {normal: {mean, "
                          "stddev}}, {lognormal: {median, p95}}, {exponential: {mean}}, {values: [...]}; got " +
                              describe(value));
    return false;
  }
  // Exactly one distribution; an unknown key gets the "did you mean" of the other sections.
  const Value::Entry* chosen = nullptr;
  for (const Value::Entry& entry : value.entries()) {
    bool known = false;
    for (std::string_view name : kDistributions) known = known || name == entry.key;
    if (!known) {
      ctx.unknown(entry.key_pos, entry.key, kDistributions);
    } else if (chosen != nullptr) {
      ctx.fail(entry.key_pos, "\"" + chosen->key + "\" and \"" + entry.key + "\" cannot be combined: give one distribution");
    } else {
      chosen = &entry;
    }
  }
  if (chosen == nullptr) {
    if (value.entries().empty()) ctx.fail(value.pos(), "expected one of uniform, normal, lognormal, exponential, values");
    return false;
  }
  decode_distribution(ctx.key(chosen->key), chosen->key, chosen->value, out);
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, ExitCodeSpec& out) {
  out = ExitCodeSpec{};
  if (value.is_sequence()) {
    out.kind = ExitCodeSpec::Kind::PerRun;
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      std::int32_t code = 0;
      if (decode_exit_code(ctx.index(i), value.items()[i], code)) out.per_run.push_back(code);
    }
    if (value.items().empty()) ctx.fail(value.pos(), "expected at least one exit code");
    return true;
  }
  if (value.is_map()) {
    out.kind = ExitCodeSpec::Kind::Table;
    double total = 0;
    bool complete = true;
    for (const Value::Entry& entry : value.entries()) {
      const Ctx entry_ctx = ctx.key(entry.key);
      std::int32_t code = 0;
      double probability = 0;
      // Keys are read as plain scalars, so {0: 0.9} and {"0": 0.9} both name exit code 0.
      if (!decode_exit_code(entry_ctx, Value::scalar(entry.key, false, entry.key_pos), code)) {
        complete = false;
        continue;
      }
      if (!decode_value(entry_ctx, entry.value, probability)) {
        complete = false;
        continue;
      }
      if (probability < 0 || probability > 1) {
        entry_ctx.fail(entry.value.pos(), "probability " + entry.value.text() + " is not between 0 and 1");
        complete = false;
        continue;
      }
      total += probability;
      out.table.emplace_back(code, probability);
    }
    if (value.entries().empty()) {
      ctx.fail(value.pos(), "expected at least one exit code and its probability");
    } else if (complete && std::fabs(total - 1.0) > kProbabilityTolerance) {
      ctx.fail(value.pos(), fmt::format("probabilities sum to {:.10g}, expected 1", total));
    }
    return true;
  }
  if (value.is_scalar()) {
    out.kind = ExitCodeSpec::Kind::Fixed;
    return decode_exit_code(ctx, value, out.fixed);
  }
  ctx.fail(value.pos(), "expected an exit code (3), a probability table ({0: 0.95, 1: 0.05}) or a list per run "
                        "([1, 1, 0]), got " + describe(value));
  return false;
}

bool decode_value(const Ctx& ctx, const Value& value, Behavior& out) {
  {
    Fields<Behavior> fields(ctx, value, out);
    fields.field("match", &Behavior::match)
        .field("duration", &Behavior::duration)
        .field("exitCode", &Behavior::exit_code)
        .custom("usage",
                [&out](const Ctx& c, const Value& v) {
                  out.usage_cpu_millis.reset();
                  out.usage_memory_bytes.reset();
                  out.usage_memory_ramp_up.reset();
                  Unmodelled ignored;
                  Fields<Unmodelled> usage(c, v, ignored);
                  usage
                      .custom("cpu",
                              [&out](const Ctx& cc, const Value& vv) {
                                std::int64_t millis = 0;
                                if (!vv.is_null() && decode_quantity(cc, vv, QuantityUnit::CpuMillis, millis)) {
                                  out.usage_cpu_millis = millis;
                                }
                              })
                      .custom("memory",
                              [&out](const Ctx& cc, const Value& vv) {
                                std::int64_t bytes = 0;
                                if (!vv.is_null() && decode_quantity(cc, vv, QuantityUnit::Whole, bytes)) {
                                  out.usage_memory_bytes = bytes;
                                }
                              })
                      .custom("rampUp", [&out](const Ctx& cc, const Value& vv) {
                        Duration ramp{};
                        if (vv.is_null() || !decode_value(cc, vv, ramp)) return;
                        if (ramp < Duration::zero()) {
                          cc.fail(vv.pos(), "must not be negative");
                          return;
                        }
                        out.usage_memory_ramp_up = ramp;
                      });
                })
        .field("terminationDelay", &Behavior::termination_delay);
    if (!fields.is_map()) return value.is_null();
  }
  out.pos = value.pos();
  return true;
}

}  // namespace jobsim::scenario
