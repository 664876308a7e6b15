// Decoder for `expect:` (docs/expectations.md): each entry has exactly one of maxConcurrent,
// count, event, job, whose map holds a filter and bounds (min / max / equals), plus an optional
// description. Everything that can be checked before the run is checked here: kinds, phases,
// conditions, filters that do not apply to the kind, bounds, and `at` inside the run.
#include <algorithm>
#include <array>
#include <initializer_list>

#include "scenario/decoders.hpp"
#include "scenario/scenario_decoders.hpp"

namespace jobsim::scenario {
namespace {

constexpr std::array<std::string_view, 4> kForms = {"maxConcurrent", "count", "event", "job"};

constexpr EnumName<api::Kind> kKinds[] = {
    {"Pod", api::Kind::Pod}, {"Job", api::Kind::Job}, {"CronJob", api::Kind::CronJob}, {"Node", api::Kind::Node}};
constexpr EnumName<api::EventType> kEventTypes[] = {{"Normal", api::EventType::Normal},
                                                     {"Warning", api::EventType::Warning}};

const Value::Entry* entry_of(const Value& map, std::string_view key) {
  for (const Value::Entry& entry : map.entries()) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

std::optional<ExpectationForm> form_of(std::string_view key) {
  if (key == "maxConcurrent") return ExpectationForm::MaxConcurrent;
  if (key == "count") return ExpectationForm::Count;
  if (key == "event") return ExpectationForm::Event;
  if (key == "job") return ExpectationForm::Job;
  return std::nullopt;
}

void decode_optional_string(const Ctx& ctx, const Value& value, std::optional<std::string>& out) {
  std::string text;
  if (!decode_value(ctx, value, text)) return;
  if (text.empty()) {
    ctx.fail(value.pos(), "must not be empty (leave the key out to match any)");
    return;
  }
  out = std::move(text);
}

template <class E, std::size_t N>
void decode_optional_enum(const Ctx& ctx, const Value& value, const EnumName<E> (&names)[N], std::optional<E>& out) {
  E decoded{};
  if (decode_enum(ctx, value, names, decoded)) out = decoded;
}

void decode_bounds(Fields<Unmodelled>& fields, Expectation& out) {
  const auto bound = [](std::optional<std::int64_t>& target) {
    return [&target](const Ctx& c, const Value& v) {
      std::int64_t decoded = 0;
      if (!decode_value(c, v, decoded)) return;
      if (decoded < 0) {
        c.fail(v.pos(), "Invalid value: " + std::to_string(decoded) + ": must be greater than or equal to 0");
        return;
      }
      target = decoded;
    };
  };
  fields.custom("min", bound(out.min)).custom("max", bound(out.max)).custom("equals", bound(out.equals));
}

// check_bounds: at least one bound; equals alone; min <= max.
void check_bounds(const Ctx& ctx, const Value& value, const Expectation& out) {
  if (!value.is_map()) return;
  const bool any = value.find("min") != nullptr || value.find("max") != nullptr || value.find("equals") != nullptr;
  if (!any) {
    ctx.fail(value.pos(), "needs at least one of min, max, equals");
    return;
  }
  if (value.find("equals") != nullptr && (value.find("min") != nullptr || value.find("max") != nullptr)) {
    const Value::Entry* other = entry_of(value, value.find("min") != nullptr ? "min" : "max");
    ctx.key(other->key).fail(other->key_pos, "cannot be combined with equals");
  }
  if (out.min && out.max && *out.min > *out.max) {
    ctx.key("min").fail(value.find("min")->pos(), "Invalid value: " + std::to_string(*out.min) +
                                                      ": must be less than or equal to max (" + std::to_string(*out.max) + ")");
  }
}

void decode_description(Fields<Unmodelled>& fields, const Value& item, Expectation& out) {
  fields.custom("description", [&](const Ctx& c, const Value& v) {
    if (item.find("description") != nullptr) {
      c.fail(v.pos(), "description is already given for this entry (one place is enough)");
      return;
    }
    decode_value(c, v, out.description);
  });
}

void decode_object_filter(Fields<Unmodelled>& fields, ObjectFilter& filter) {
  fields.custom("namespace", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.namespace_); })
      .custom("name", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.name); })
      .custom("cronJob", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.cron_job); })
      .custom("job", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.job); })
      .custom("node", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.node); })
      .custom("phase", [&](const Ctx& c, const Value& v) {
        api::PodPhase phase{};
        if (decode_value(c, v, phase)) filter.phase = phase;
      });
}

// check_filter_keys reports filter keys that cannot apply to the kind (a Job has no phase).
void check_filter_keys(const Ctx& ctx, const Value& value, const ObjectFilter& filter) {
  if (!filter.kind || !value.is_map()) return;
  const api::Kind kind = *filter.kind;
  struct Rule {
    std::string_view key;
    std::string_view valid_with;
    bool applies;
  };
  const Rule rules[] = {
      {"namespace", "every kind but Node (Nodes are cluster-scoped)", kind != api::Kind::Node},
      {"cronJob", "kind Job or Pod", kind == api::Kind::Job || kind == api::Kind::Pod},
      {"job", "kind Pod", kind == api::Kind::Pod},
      {"node", "kind Pod", kind == api::Kind::Pod},
      {"phase", "kind Pod", kind == api::Kind::Pod},
  };
  for (const Rule& rule : rules) {
    const Value::Entry* entry = entry_of(value, rule.key);
    if (entry == nullptr || rule.applies) continue;
    ctx.key(rule.key).fail(entry->key_pos, "only valid with " + std::string(rule.valid_with) + ", not kind " +
                                               std::string(api::kind_name(kind)));
  }
}

void decode_objects_form(const Ctx& ctx, const Value& value, const Value& item, const TimeFrame& frame,
                         Expectation& out) {
  Unmodelled ignored;
  {
    Fields<Unmodelled> fields(ctx, value, ignored);
    fields.required("kind").custom("kind", [&](const Ctx& c, const Value& v) {
      decode_optional_enum(c, v, kKinds, out.objects.kind);
      const bool active_kind = out.objects.kind == api::Kind::Pod || out.objects.kind == api::Kind::Job;
      if (out.form == ExpectationForm::MaxConcurrent && out.objects.kind && !active_kind) {
        c.fail(v.pos(), unsupported_value(v.text(), {"Pod", "Job"}) + " (maxConcurrent counts active objects; count " +
                            std::string(api::kind_name(*out.objects.kind)) + "s at an instant with count)");
        out.objects.kind.reset();
      }
    });
    decode_object_filter(fields, out.objects);
    if (out.form == ExpectationForm::Count) {
      fields.required("at").custom("at", [&](const Ctx& c, const Value& v) {
        SimTime at;
        if (!decode_time_arg(c, v, frame, at)) return;
        if (frame.end && at > *frame.end) {
          c.fail(v.pos(), "time " + engine::to_rfc3339(at) + " is after the end of the run (" +
                              engine::to_rfc3339(*frame.end) + ")");
          return;
        }
        out.at = at;
        out.at_text = v.text();
      });
    } else if (const Value::Entry* at = value.is_map() ? entry_of(value, "at") : nullptr) {
      fields.get("at");  // reported here with the reason, not as an unknown field
      ctx.key("at").fail(at->key_pos, "only valid in count; maxConcurrent looks at the whole run");
    }
    decode_bounds(fields, out);
    decode_description(fields, item, out);
  }
  check_filter_keys(ctx, value, out.objects);
  check_bounds(ctx, value, out);
}

// decode_object_ref reads `object: Kind/name`, the form events.jsonl prints.
void decode_object_ref(const Ctx& ctx, const Value& value, EventFilter& filter) {
  std::string text;
  if (!decode_value(ctx, value, text)) return;
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos || slash + 1 == text.size()) {
    ctx.fail(value.pos(), "expected Kind/name (\"CronJob/backup\"), got \"" + text + "\"");
    return;
  }
  const std::string kind = text.substr(0, slash);
  for (const EnumName<api::Kind>& name : kKinds) {
    if (name.name == kind) {
      filter.kind = name.value;
      filter.name = text.substr(slash + 1);
      return;
    }
  }
  ctx.fail(value.pos(),
           unsupported_value(kind, {"Pod", "Job", "CronJob", "Node"}) + " (the kind in \"" + text + "\")");
}

void decode_event_form(const Ctx& ctx, const Value& value, const Value& item, Expectation& out) {
  Unmodelled ignored;
  EventFilter& filter = out.event;
  {
    Fields<Unmodelled> fields(ctx, value, ignored);
    fields.custom("reason", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.reason); })
        .custom("type", [&](const Ctx& c, const Value& v) { decode_optional_enum(c, v, kEventTypes, filter.type); })
        .custom("object", [&](const Ctx& c, const Value& v) { decode_object_ref(c, v, filter); })
        .custom("kind", [&](const Ctx& c, const Value& v) {
          if (value.find("object") != nullptr) {
            c.fail(v.pos(), "cannot be combined with object (which names the kind)");
            return;
          }
          decode_optional_enum(c, v, kKinds, filter.kind);
        })
        .custom("namespace", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.namespace_); })
        .custom("messageContains",
                [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, filter.message_contains); });
    decode_bounds(fields, out);
    decode_description(fields, item, out);
  }
  check_bounds(ctx, value, out);
}

void decode_job_form(const Ctx& ctx, const Value& value, const Value& item, Expectation& out) {
  out.objects.kind = api::Kind::Job;
  Unmodelled ignored;
  {
    Fields<Unmodelled> fields(ctx, value, ignored);
    fields.custom("namespace", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, out.objects.namespace_); })
        .custom("name", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, out.objects.name); })
        .custom("cronJob", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, out.objects.cron_job); })
        .custom("condition",
                [&](const Ctx& c, const Value& v) {
                  std::string condition;
                  if (decode_string_enum(c, v, {"Complete", "Failed", "Suspended", "FailureTarget", "SuccessCriteriaMet"},
                                         condition)) {
                    out.condition = condition;
                  }
                })
        .custom("reason", [&](const Ctx& c, const Value& v) { decode_optional_string(c, v, out.reason); });
    if (const Value::Entry* kind = value.is_map() ? entry_of(value, "kind") : nullptr) {
      fields.get("kind");  // reported here with the reason, not as an unknown field
      ctx.key("kind").fail(kind->key_pos, "not needed: job always counts Jobs (use count or maxConcurrent for other kinds)");
    }
    decode_bounds(fields, out);
    decode_description(fields, item, out);
  }
  check_bounds(ctx, value, out);
}

}  // namespace

std::string_view to_string(ExpectationForm form) { return kForms[static_cast<std::size_t>(form)]; }

void decode_expectation(const Ctx& ctx, const Value& value, const TimeFrame& frame, Expectation& out) {
  out.pos = value.pos();
  if (!value.is_map()) {
    ctx.fail(value.pos(), "expected a map with one of maxConcurrent, count, event, job; got " + describe(value));
    return;
  }
  const Value::Entry* form_entry = nullptr;
  bool unknown_key = false;
  for (const Value::Entry& entry : value.entries()) {
    if (!form_of(entry.key)) {
      unknown_key = unknown_key || entry.key != "description";
      continue;
    }
    if (form_entry != nullptr) {
      ctx.fail(entry.key_pos, "\"" + form_entry->key + "\" and \"" + entry.key + "\" cannot be combined: one check per entry");
    } else {
      form_entry = &entry;
    }
  }
  // A misspelt form ("cout") is reported once, as an unknown field with its hint.
  if (form_entry == nullptr && !unknown_key) ctx.fail(value.pos(), "expected one of maxConcurrent, count, event, job");

  Fields<Expectation> fields(ctx, value, out);
  fields.field("description", &Expectation::description);
  for (std::string_view key : kForms) {
    fields.custom(key, [&, key](const Ctx& c, const Value& v) {
      if (form_entry == nullptr || form_entry->key != key) return;  // a second form: reported above
      out.form = *form_of(key);
      if (!v.is_map()) {
        c.fail(v.pos(), "expected a map of filters and bounds (min, max, equals), got " + describe(v));
        return;
      }
      switch (out.form) {
        case ExpectationForm::MaxConcurrent:
        case ExpectationForm::Count: decode_objects_form(c, v, value, frame, out); break;
        case ExpectationForm::Event: decode_event_form(c, v, value, out); break;
        case ExpectationForm::Job: decode_job_form(c, v, value, out); break;
      }
    });
  }
}

std::string describe_expectation(const Expectation& expectation) {
  std::string text(to_string(expectation.form));
  text += '{';
  bool first = true;
  const auto add = [&](std::string_view key, std::string_view value) {
    text.append(first ? "" : ", ").append(key).append(": ").append(value);
    first = false;
  };
  const auto add_optional = [&](std::string_view key, const std::optional<std::string>& value) {
    if (value) add(key, *value);
  };
  if (expectation.form == ExpectationForm::Event) {
    const EventFilter& filter = expectation.event;
    add_optional("reason", filter.reason);
    if (filter.type) add("type", api::to_string(*filter.type));
    if (filter.kind && filter.name) {
      add("object", std::string(api::kind_name(*filter.kind)) + "/" + *filter.name);
    } else if (filter.kind) {
      add("kind", api::kind_name(*filter.kind));
    }
    add_optional("namespace", filter.namespace_);
    add_optional("messageContains", filter.message_contains);
  } else {
    const ObjectFilter& filter = expectation.objects;
    if (filter.kind && expectation.form != ExpectationForm::Job) add("kind", api::kind_name(*filter.kind));
    add_optional("namespace", filter.namespace_);
    add_optional("name", filter.name);
    add_optional("cronJob", filter.cron_job);
    add_optional("job", filter.job);
    add_optional("node", filter.node);
    if (filter.phase) add("phase", api::to_string(*filter.phase));
    add_optional("condition", expectation.condition);
    add_optional("reason", expectation.reason);
    if (expectation.at) add("at", expectation.at_text.empty() ? engine::to_rfc3339(*expectation.at) : expectation.at_text);
  }
  text += '}';
  return text;
}

std::string expectation_label(const Expectation& expectation, std::size_t index) {
  std::string label = expectation.pos.file.empty() ? std::string() : expectation.pos.to_string() + ": ";
  return label + "expect[" + std::to_string(index) + "] " + describe_expectation(expectation);
}

}  // namespace jobsim::scenario
