// The decoding toolkit shared by every decoder: a context that knows the field path, strict
// scalar decoders, and Fields<S>, which reads a YAML map into a struct and reports unknown keys.
//
// Decoders decode INTO an existing value and touch only the keys present, so the same code
// loads a manifest (into a default-constructed object) and applies a merge patch (into a live
// one): maps merge, lists replace, and null resets a field to its default (nullopt for
// optionals), as in JSON merge patch (RFC 7386). Every decoder reports problems to the
// Diagnostics of its Ctx and returns whether the value had the right shape; it never throws.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>  // std::span
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobsim/api/boxed.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/api/shared.hpp"
#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/value.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/did_you_mean.hpp"

namespace jobsim::scenario {

// Ctx is where a decoder is: the Diagnostics to report to and the field path of the value
// ("spec.template.spec.containers[0]"), which prefixes every message.
class Ctx {
 public:
  explicit Ctx(Diagnostics& diagnostics, std::string path = {}) : diags_(&diagnostics), path_(std::move(path)) {}

  Ctx key(std::string_view key) const;
  Ctx index(std::size_t index) const;
  const std::string& path() const { return path_; }
  Diagnostics& diagnostics() const { return *diags_; }

  // job_template marks a Job or CronJob, whose pod template accepts only restartPolicy
  // OnFailure and Never (the unsupported-value message lists only those).
  Ctx job_template() const;
  bool in_job_template() const { return job_template_; }

  // fail reports "<path>: <message>" at `pos`.
  void fail(const SourcePos& pos, std::string_view message) const;
  // missing reports `<path>: missing required key "<key>"` at the map's position.
  void missing(const Value& map, std::string_view key) const;
  // unknown reports `unknown field "<path>.<key>"` with a "did you mean" among `known`.
  void unknown(const SourcePos& key_pos, std::string_view key, std::span<const std::string_view> known) const;

 private:
  Diagnostics* diags_;
  std::string path_;
  bool job_template_ = false;
};

// describe names what a value is, for "expected X, got Y": `string "5"`, `number 5`,
// `boolean true`, `null`, `a map`, `a list`.
std::string describe(const Value& value);
// YAML 1.2 core-schema resolution of plain scalars (quoted scalars are always strings).
bool is_plain_integer(const Value& value);
bool is_plain_number(const Value& value);  // integers and floats
bool is_plain_bool(const Value& value);    // true/True/TRUE/false/False/FALSE (not yes/no/on/off)

// Scalar decoders. Strings must be strings (8080 is a number: quote it, as kubectl requires),
// integers and booleans must not be quoted ("5" is a string, as kubectl requires), times are
// RFC 3339, durations are Go durations plus "d" and must not be negative.
bool decode_value(const Ctx& ctx, const Value& value, std::string& out);
bool decode_value(const Ctx& ctx, const Value& value, api::Name& out);  // as a string, interned
bool decode_value(const Ctx& ctx, const Value& value, bool& out);
bool decode_value(const Ctx& ctx, const Value& value, std::int32_t& out);
bool decode_value(const Ctx& ctx, const Value& value, std::int64_t& out);
bool decode_value(const Ctx& ctx, const Value& value, std::uint64_t& out);
bool decode_value(const Ctx& ctx, const Value& value, double& out);
bool decode_value(const Ctx& ctx, const Value& value, engine::SimTime& out);
bool decode_value(const Ctx& ctx, const Value& value, engine::Duration& out);
// Labels (and any string map) merge: each key is set, a null value removes the key.
bool decode_value(const Ctx& ctx, const Value& value, api::Labels& out);

// decode_quantity reads a resource quantity (string or number): CPU as millicores, anything
// else (memory, pods) as a whole number rounded up.
enum class QuantityUnit : std::uint8_t { CpuMillis, Whole };
bool decode_quantity(const Ctx& ctx, const Value& value, QuantityUnit unit, std::int64_t& out);

// decode_string_enum checks a string against the allowed values, with upstream's
// `Unsupported value: "x": supported values: "a", "b"` wording.
bool decode_string_enum(const Ctx& ctx, const Value& value, std::span<const std::string_view> allowed, std::string& out);
inline bool decode_string_enum(const Ctx& ctx, const Value& value, std::initializer_list<std::string_view> allowed,
                               std::string& out) {
  return decode_string_enum(ctx, value, std::span<const std::string_view>(allowed.begin(), allowed.size()), out);
}
std::string unsupported_value(std::string_view text, std::span<const std::string_view> supported);
inline std::string unsupported_value(std::string_view text, std::initializer_list<std::string_view> supported) {
  return unsupported_value(text, std::span<const std::string_view>(supported.begin(), supported.size()));
}

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

template <class E, std::size_t N>
bool decode_enum(const Ctx& ctx, const Value& value, const EnumName<E> (&names)[N], E& out) {
  std::string text;
  if (!decode_value(ctx, value, text)) return false;
  for (const EnumName<E>& name : names) {
    if (name.name == text) {
      out = name.value;
      return true;
    }
  }
  std::vector<std::string_view> candidates;
  std::string message = "Unsupported value: \"" + text + "\": supported values: ";
  for (std::size_t i = 0; i < N; ++i) {
    message += (i == 0 ? "\"" : ", \"") + std::string(names[i].name) + "\"";
    candidates.push_back(names[i].name);
  }
  ctx.fail(value.pos(), message + did_you_mean(text, candidates));
  return false;
}

// Containers. A list replaces the old one; an optional is created when absent and decoded
// in place when present (so a patch merges into it), and keeps its old value on a bad shape.
template <class T>
bool decode_value(const Ctx& ctx, const Value& value, std::vector<T>& out) {
  if (!value.is_sequence()) {
    ctx.fail(value.pos(), "expected a list, got " + describe(value));
    return false;
  }
  std::vector<T> items;
  items.reserve(value.items().size());
  for (std::size_t i = 0; i < value.items().size(); ++i) {
    T item{};
    decode_value(ctx.index(i), value.items()[i], item);
    items.push_back(std::move(item));
  }
  out = std::move(items);
  return true;
}

// An optional field: std::optional, or api::Boxed for the rare ones (api/boxed.hpp). Null
// unsets it; a value decodes over the current one (a --set merges into a default).
template <class O> inline constexpr bool is_optional_field = false;
template <class T> inline constexpr bool is_optional_field<std::optional<T>> = true;
template <class T> inline constexpr bool is_optional_field<api::Boxed<T>> = true;

template <class O>
  requires is_optional_field<O>
bool decode_value(const Ctx& ctx, const Value& value, O& out) {
  if (value.is_null()) {
    out.reset();
    return true;
  }
  typename O::value_type decoded = out ? *out : typename O::value_type{};
  if (!decode_value(ctx, value, decoded)) return false;
  out = std::move(decoded);
  return true;
}

// Shape is what an accepted-but-not-modelled field must look like; only the top level is checked.
enum class Shape : std::uint8_t { Any, Map, List, String, Bool, Integer };
bool check_shape(const Ctx& ctx, const Value& value, Shape shape);

// Unmodelled is the target of Fields<> that only checks keys and shapes.
struct Unmodelled {};

// check_unmodelled checks a map that is accepted but not modelled (e.g. env valueFrom refs):
// only the listed keys, each with its shape.
struct KeyShape {
  std::string_view key;
  Shape shape = Shape::Any;
};
void check_unmodelled(const Ctx& ctx, const Value& value, std::initializer_list<KeyShape> keys);

// Fields<S> reads the map `value` into `object`, one registered key at a time:
//
//   Fields<api::JobSpec>(ctx, value, spec)
//       .field("parallelism", &api::JobSpec::parallelism)
//       .custom("template", [&](const Ctx& c, const Value& v) { ... })
//       .accepted("dnsPolicy", Shape::String);
//
// When the reader goes out of scope it reports every key that was not registered, with a
// "did you mean"; doing it in the destructor means no decoder can forget strictness. A null
// `value` resets the whole object to S{} (merge-patch null); any other non-map is an error.
// is_shared_part: an api::Shared part (metadata, spec, status) is decoded into its edit().
template <class M> inline constexpr bool is_shared_part = false;
template <class T> inline constexpr bool is_shared_part<api::Shared<T>> = true;

template <class S>
class Fields {
 public:
  Fields(const Ctx& ctx, const Value& value, S& object) : ctx_(ctx), value_(value), object_(object) {
    if (value.is_null()) {
      object = S{};
    } else if (!value.is_map()) {
      ctx.fail(value.pos(), "expected a map, got " + describe(value));
    } else {
      is_map_ = true;
    }
  }
  Fields(const Fields&) = delete;
  Fields& operator=(const Fields&) = delete;
  ~Fields() {
    if (!is_map_) return;
    for (const Value::Entry& entry : value_.entries()) {
      bool known = false;
      for (std::string_view name : known_) known = known || name == entry.key;
      if (!known) ctx_.unknown(entry.key_pos, entry.key, known_);
    }
  }

  bool is_map() const { return is_map_; }
  const Ctx& ctx() const { return ctx_; }

  // field decodes `key` into object.*member; null resets the member to its value in S{}.
  template <class M>
  Fields& field(std::string_view key, M S::*member) {
    if (const Value* value = get(key)) {
      if (value->is_null()) {
        object_.*member = S{}.*member;
      } else {
        if constexpr (is_shared_part<M>) {
          decode_value(ctx_.key(key), *value, (object_.*member).edit());
        } else {
          decode_value(ctx_.key(key), *value, object_.*member);
        }
      }
    }
    return *this;
  }

  // custom calls decode(ctx, value) for `key` when present, null included.
  template <class F>
  Fields& custom(std::string_view key, F&& decode) {
    if (const Value* value = get(key)) decode(ctx_.key(key), *value);
    return *this;
  }

  // accepted registers a Kubernetes field that is read but not modelled (docs/scenario-format.md).
  Fields& accepted(std::string_view key, Shape shape = Shape::Any) {
    if (const Value* value = get(key)) check_shape(ctx_.key(key), *value, shape);
    return *this;
  }

  // required reports `missing required key "<key>"` when the key is absent.
  Fields& required(std::string_view key) {
    if (is_map_ && value_.find(key) == nullptr) ctx_.missing(value_, key);
    return *this;
  }

  // get registers `key` and returns its value, or nullptr when absent (or not a map).
  const Value* get(std::string_view key) {
    known_.push_back(key);
    return is_map_ ? value_.find(key) : nullptr;
  }

 private:
  Ctx ctx_;
  const Value& value_;
  S& object_;
  bool is_map_ = false;
  std::vector<std::string_view> known_;
};

}  // namespace jobsim::scenario
