// Strict scalar decoding and the messages every decoder shares.
#include "scenario/decode_util.hpp"

#include <cerrno>
#include <charconv>  // std::from_chars
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>  // std::is_unsigned_v

#include "jobsim/api/resources.hpp"

namespace jobsim::scenario {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool all_of(std::string_view text, bool (*predicate)(char)) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!predicate(c)) return false;
  }
  return true;
}

// parse_integer reads a YAML 1.2 core-schema integer: [-+]?[0-9]+, 0x[0-9a-fA-F]+, 0o[0-7]+.
// Returns false when the text is not one or does not fit in the target.
template <class Int>
bool parse_integer(std::string_view text, Int& out) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o')) {
    base = text[1] == 'x' ? 16 : 8;
    text.remove_prefix(2);
  }
  if (!all_of(text, base == 16 ? is_hex_digit : base == 8 ? is_octal_digit : is_digit)) return false;
  // Parse the magnitude as unsigned so that the most negative value reads back.
  std::uint64_t magnitude = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (error != std::errc{} || end != text.data() + text.size()) return false;
  if (negative) {
    if constexpr (std::is_unsigned_v<Int>) {
      if (magnitude != 0) return false;
      out = 0;
    } else {
      const auto limit = static_cast<std::uint64_t>(std::numeric_limits<Int>::max()) + 1;
      if (magnitude > limit) return false;
      out = magnitude == limit ? std::numeric_limits<Int>::min() : static_cast<Int>(-static_cast<std::int64_t>(magnitude));
    }
  } else {
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) return false;
    out = static_cast<Int>(magnitude);
  }
  return true;
}

bool is_float_text(std::string_view text) {
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "-.inf" || text == "-.Inf" ||
      text == "-.INF" || text == "+.inf" || text == ".nan" || text == ".NaN" || text == ".NAN") {
    return true;
  }
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool digits = false;
  while (i < text.size() && is_digit(text[i])) digits = (++i, true);
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) digits = (++i, true);
  }
  if (!digits) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (i == text.size()) return false;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  return i == text.size();
}

template <class Int>
bool decode_integer(const Ctx& ctx, const Value& value, Int& out, std::string_view type_name) {
  if (!is_plain_integer(value)) {
    ctx.fail(value.pos(), "expected an integer, got " + describe(value));
    return false;
  }
  if (!parse_integer(value.text(), out)) {
    ctx.fail(value.pos(), "integer " + value.text() + " is out of range for " + std::string(type_name) + " (" +
                              std::to_string(std::numeric_limits<Int>::min()) + " to " +
                              std::to_string(std::numeric_limits<Int>::max()) + ")");
    return false;
  }
  return true;
}

// string_or_number accepts a string or a number written as text, for quantities and similar fields
// where Kubernetes takes both ("4" and 4). Booleans, null, maps and lists are refused.
const std::string* string_or_number(const Ctx& ctx, const Value& value, std::string_view expected) {
  if (!value.is_scalar() || (!value.quoted() && is_plain_bool(value))) {
    ctx.fail(value.pos(), "expected " + std::string(expected) + ", got " + describe(value));
    return nullptr;
  }
  return &value.text();
}

}  // namespace

Ctx Ctx::key(std::string_view key) const {
  Ctx child = *this;
  child.path_ = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  return child;
}

Ctx Ctx::index(std::size_t index) const {
  Ctx child = *this;
  child.path_ = path_ + "[" + std::to_string(index) + "]";
  return child;
}

Ctx Ctx::job_template() const {
  Ctx child = *this;
  child.job_template_ = true;
  return child;
}

void Ctx::fail(const SourcePos& pos, std::string_view message) const {
  diags_->add(pos, path_, path_.empty() ? std::string(message) : path_ + ": " + std::string(message));
}

void Ctx::missing(const Value& map, std::string_view key) const {
  fail(map.pos(), "missing required key \"" + std::string(key) + "\"");
}

void Ctx::unknown(const SourcePos& key_pos, std::string_view key, std::span<const std::string_view> known) const {
  const std::string path = this->key(key).path();
  diags_->add(key_pos, path, "unknown field \"" + path + "\"" + did_you_mean(key, known));
}

bool is_plain_integer(const Value& value) {
  if (!value.is_scalar() || value.quoted()) return false;
  // Out-of-range integers are still integers here; the decoders say "out of range".
  std::string_view text = value.text();
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.size() > 2 && text[0] == '0' && text[1] == 'x') return all_of(text.substr(2), is_hex_digit);
  if (text.size() > 2 && text[0] == '0' && text[1] == 'o') return all_of(text.substr(2), is_octal_digit);
  return all_of(text, is_digit);
}

bool is_plain_number(const Value& value) {
  return value.is_scalar() && !value.quoted() && (is_plain_integer(value) || is_float_text(value.text()));
}

bool is_plain_bool(const Value& value) {
  if (!value.is_scalar() || value.quoted()) return false;
  const std::string& text = value.text();
  return text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" || text == "FALSE";
}

std::string describe(const Value& value) {
  switch (value.type()) {
    case Value::Type::Null: return "null";
    case Value::Type::Map: return "a map";
    case Value::Type::Sequence: return "a list";
    case Value::Type::Scalar: break;
  }
  if (is_plain_number(value)) return "number " + value.text();
  if (is_plain_bool(value)) return "boolean " + value.text();
  return "string \"" + value.text() + "\"";
}

bool decode_value(const Ctx& ctx, const Value& value, std::string& out) {
  if (!value.is_scalar()) {
    ctx.fail(value.pos(), "expected a string, got " + describe(value));
    return false;
  }
  if (!value.quoted() && (is_plain_number(value) || is_plain_bool(value))) {
    // kubectl refuses these too ("cannot unmarshal number into ... of type string").
    ctx.fail(value.pos(), "expected a string, got " + describe(value) + " (quote it: \"" + value.text() + "\")");
    return false;
  }
  out = value.text();
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, api::Name& out) {
  std::string text;
  if (!decode_value(ctx, value, text)) return false;
  out = text;
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, bool& out) {
  if (!is_plain_bool(value)) {
    ctx.fail(value.pos(), "expected a boolean (true or false), got " + describe(value));
    return false;
  }
  out = value.text()[0] == 't' || value.text()[0] == 'T';
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, std::int32_t& out) {
  return decode_integer(ctx, value, out, "int32");
}

bool decode_value(const Ctx& ctx, const Value& value, std::int64_t& out) {
  return decode_integer(ctx, value, out, "int64");
}

bool decode_value(const Ctx& ctx, const Value& value, std::uint64_t& out) {
  if (is_plain_integer(value) && !value.text().empty() && value.text().front() == '-') {
    ctx.fail(value.pos(), "expected a non-negative integer, got " + describe(value));
    return false;
  }
  return decode_integer(ctx, value, out, "uint64");
}

bool decode_value(const Ctx& ctx, const Value& value, double& out) {
  if (!is_plain_number(value)) {
    ctx.fail(value.pos(), "expected a number, got " + describe(value));
    return false;
  }
  const std::string& text = value.text();
  char* end = nullptr;
  errno = 0;
  const double parsed = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(parsed)) {
    ctx.fail(value.pos(), "expected a finite number, got " + describe(value));
    return false;
  }
  out = parsed;
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, engine::SimTime& out) {
  if (!value.is_scalar() || (!value.quoted() && (is_plain_number(value) || is_plain_bool(value)))) {
    ctx.fail(value.pos(), "expected an RFC 3339 time such as \"2026-01-01T00:00:00Z\", got " + describe(value));
    return false;
  }
  const auto parsed = engine::parse_rfc3339(value.text());
  if (!parsed) {
    ctx.fail(value.pos(), "invalid time \"" + value.text() + "\": expected RFC 3339, such as \"2026-01-01T00:00:00Z\"");
    return false;
  }
  out = *parsed;
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, engine::Duration& out) {
  if (!value.is_scalar() || (!value.quoted() && (is_plain_number(value) || is_plain_bool(value)))) {
    std::string message = "expected a duration such as \"90s\", \"5m\" or \"2h30m\", got " + describe(value);
    if (is_plain_number(value)) message += " (add a unit: \"" + value.text() + "s\")";
    ctx.fail(value.pos(), message);
    return false;
  }
  const auto parsed = engine::parse_duration(value.text());
  if (!parsed) {
    ctx.fail(value.pos(), "invalid duration \"" + value.text() +
                              "\": expected a number and a unit (ns, us, ms, s, m, h, d), such as \"90s\" or \"2h30m\"");
    return false;
  }
  if (*parsed < engine::Duration::zero()) {
    ctx.fail(value.pos(), "invalid duration \"" + value.text() + "\": must not be negative");
    return false;
  }
  out = *parsed;
  return true;
}

bool decode_value(const Ctx& ctx, const Value& value, api::Labels& out) {
  if (!value.is_map()) {
    ctx.fail(value.pos(), "expected a map, got " + describe(value));
    return false;
  }
  for (const Value::Entry& entry : value.entries()) {
    if (entry.value.is_null()) {
      out.erase(entry.key);
      continue;
    }
    std::string text;
    if (decode_value(ctx.key(entry.key), entry.value, text)) out[entry.key] = std::move(text);
  }
  return true;
}

bool decode_quantity(const Ctx& ctx, const Value& value, QuantityUnit unit, std::int64_t& out) {
  const std::string* text = string_or_number(ctx, value, "a quantity such as \"500m\", \"2\" or \"512Mi\"");
  if (text == nullptr) return false;
  if (!text->empty() && text->front() == '-' && api::parse_memory_bytes(text->substr(1))) {
    ctx.fail(value.pos(), "Invalid value: \"" + *text + "\": must be greater than or equal to 0");
    return false;
  }
  const auto parsed = unit == QuantityUnit::CpuMillis ? api::parse_cpu_millis(*text) : api::parse_memory_bytes(*text);
  if (!parsed) {
    ctx.fail(value.pos(), "invalid quantity \"" + *text +
                              "\": expected a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti), such "
                              "as \"500m\", \"2\" or \"512Mi\"");
    return false;
  }
  out = *parsed;
  return true;
}

std::string unsupported_value(std::string_view text, std::span<const std::string_view> supported) {
  std::string message = "Unsupported value: \"" + std::string(text) + "\": supported values: ";
  for (std::size_t i = 0; i < supported.size(); ++i) {
    message += (i == 0 ? "\"" : ", \"") + std::string(supported[i]) + "\"";
  }
  return message;
}

bool decode_string_enum(const Ctx& ctx, const Value& value, std::span<const std::string_view> allowed, std::string& out) {
  std::string text;
  if (!decode_value(ctx, value, text)) return false;
  for (std::string_view name : allowed) {
    if (name == text) {
      out = std::move(text);
      return true;
    }
  }
  ctx.fail(value.pos(), unsupported_value(text, allowed) + did_you_mean(text, allowed));
  return false;
}

bool check_shape(const Ctx& ctx, const Value& value, Shape shape) {
  if (value.is_null()) return true;  // null is "unset" for every Kubernetes field
  switch (shape) {
    case Shape::Any: return true;
    case Shape::Map:
      if (value.is_map()) return true;
      ctx.fail(value.pos(), "expected a map, got " + describe(value));
      return false;
    case Shape::List:
      if (value.is_sequence()) return true;
      ctx.fail(value.pos(), "expected a list, got " + describe(value));
      return false;
    case Shape::String: {
      std::string ignored;
      return decode_value(ctx, value, ignored);
    }
    case Shape::Bool: {
      bool ignored = false;
      return decode_value(ctx, value, ignored);
    }
    case Shape::Integer: {
      std::int64_t ignored = 0;
      return decode_value(ctx, value, ignored);
    }
  }
  return true;
}

void check_unmodelled(const Ctx& ctx, const Value& value, std::initializer_list<KeyShape> keys) {
  Unmodelled ignored;
  Fields<Unmodelled> fields(ctx, value, ignored);
  for (const KeyShape& key : keys) fields.accepted(key.key, key.shape);
}

}  // namespace jobsim::scenario
