// events.jsonl writer (docs/outputs.md): key order time, kind, namespace, name, event, then the
// event's own keys, then `owner`. Each line is formatted when it happens, into a bounded block
// (BlockWriter), and only when the run streams its events.jsonl.
#include "event_log.hpp"

#include <ostream>

#include "json_text.hpp"

namespace jobsim::report {

std::string_view to_string(LineEvent event) {
  switch (event) {
    case LineEvent::Created: return "Created";
    case LineEvent::Updated: return "Updated";
    case LineEvent::Started: return "Started";
    case LineEvent::Suspended: return "Suspended";
    case LineEvent::Resumed: return "Resumed";
    case LineEvent::FailureTarget: return "FailureTarget";
    case LineEvent::SuccessCriteriaMet: return "SuccessCriteriaMet";
    case LineEvent::Complete: return "Complete";
    case LineEvent::Scheduled: return "Scheduled";
    case LineEvent::Running: return "Running";
    case LineEvent::Restarted: return "Restarted";
    case LineEvent::Terminating: return "Terminating";
    case LineEvent::Succeeded: return "Succeeded";
    case LineEvent::Failed: return "Failed";
    case LineEvent::Deleted: return "Deleted";
    case LineEvent::Ready: return "Ready";
    case LineEvent::NotReady: return "NotReady";
    case LineEvent::Down: return "Down";
    case LineEvent::Up: return "Up";
    case LineEvent::KubernetesEvent: return "Event";
  }
  return "";
}

namespace {

}  // namespace

SubjectId EventLog::add_subject(api::Kind kind, const api::ObjectMeta& meta) {
  SubjectId id = 0;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = static_cast<SubjectId>(subjects_.size());
    subjects_.emplace_back();
  }
  Subject& subject = subjects_[id];
  subject.kind = kind;
  subject.namespace_ = meta.namespace_;
  const api::OwnerReference* owner = api::controller_ref(meta);
  subject.owner_kind = owner != nullptr ? owner->kind : api::Name();
  subject.owner_name = owner != nullptr ? owner->name : api::Name();
  subject.name = meta.name;
  return id;
}

void EventLog::release_subject(SubjectId id) {
  Subject& subject = subjects_[id];
  // Let go of the texts: a released slot must not keep a deleted object's name alive.
  subject = Subject{};
  free_.push_back(id);
}

bool EventLog::owner_changed(SubjectId subject, const api::ObjectMeta& meta) const {
  const Subject& current = subjects_[subject];
  const api::OwnerReference* owner = api::controller_ref(meta);
  if (owner == nullptr) return !current.owner_kind.empty() || !current.owner_name.empty();
  return current.owner_kind != owner->kind || current.owner_name != owner->name;
}

namespace {

// kFixedRoom bounds the fixed part of a line: its keys and punctuation, the time, a kind, an
// event or Event type spelling and a number, with room to spare. The bound of a line is this
// plus the bound of each string field it escapes.
constexpr std::size_t kFixedRoom = 256;

// The writers below are kept out of line: EventLog::add* run on every change with or without
// outputs, and with the formatting inlined into them even the no-output path paid for saving
// and restoring the registers the formatting uses (0.9M instructions on the W1 fleet's 3 h).

[[gnu::noinline]] void write_kubernetes_event(BlockWriter& writer, TimeText& time_text, const api::Event& event) {
  const std::string_view namespace_ = event.object.namespace_;
  const std::string_view name = event.object.name;
  const std::string_view reason = event.reason;
  const api::EventMessage& message = event.message;
  const std::string_view source = event.source;
  char* out = writer.reserve(kFixedRoom + json_string_bound(namespace_) + 2 * json_string_bound(name) +
                             2 * json_string_bound(reason) + 2 + json_escaped_bound(message.size()) +
                             json_string_bound(source));
  out = put(out, "{\"time\":\"");
  out = time_text.put(out, event.time);
  out = put(out, "\",\"kind\":\"Event\",\"namespace\":");
  out = put_json_string(out, namespace_);
  out = put(out, ",\"name\":");
  out = put_json_string(out, name);
  out = put(out, ",\"event\":");
  out = put_json_string(out, reason);
  out = put(out, ",\"type\":\"");
  out = put(out, api::to_string(event.type));
  out = put(out, "\",\"reason\":");
  out = put_json_string(out, reason);
  // The message's pieces (format text and arguments) escaped one after another: escaping is
  // byte by byte, so this is the escaped text, without formatting it first.
  out = put(out, ",\"message\":\"");
  message.for_each_piece([&out](std::string_view piece) { out = put_json_escaped(out, piece); });
  *out++ = '"';
  out = put(out, ",\"object\":\"");
  out = put(out, api::kind_name(event.object.kind));
  *out++ = '/';
  out = put_json_escaped(out, name);
  out = put(out, "\",\"source\":");
  out = put_json_string(out, source);
  out = put(out, "}\n");
  writer.commit(out);
}

[[gnu::noinline]] void write_component(BlockWriter& writer, TimeText& time_text, engine::SimTime at,
                                       std::string_view kind, std::string_view name, LineEvent event) {
  // `kind` is written as it is: a component kind is one of our own spellings, never input.
  char* out = writer.reserve(kFixedRoom + kind.size() + json_string_bound(name));
  out = put(out, "{\"time\":\"");
  out = time_text.put(out, at);
  out = put(out, "\",\"kind\":\"");
  out = put(out, kind);
  out = put(out, "\",\"namespace\":\"\",\"name\":");
  out = put_json_string(out, name);
  out = put(out, ",\"event\":\"");
  out = put(out, to_string(event));
  out = put(out, "\"}\n");
  writer.commit(out);
}

// LifecycleLine: the fields of a lifecycle line, as EventLog::add explains them.
struct LifecycleLine {
  engine::SimTime at;
  api::Kind kind;
  std::string_view namespace_;
  std::string_view name;
  std::string_view owner_kind;  // "owner": "Kind/name", when the object has a controller
  std::string_view owner_name;
  LineEvent event;
  std::string_view text;
  std::int32_t number;
  bool has_number;
};

[[gnu::noinline]] void write_lifecycle(BlockWriter& writer, TimeText& time_text, const LifecycleLine& line) {
  char* out = writer.reserve(kFixedRoom + json_string_bound(line.namespace_) + json_string_bound(line.name) +
                             json_string_bound(line.text) + json_string_bound(line.owner_kind) +
                             json_escaped_bound(line.owner_name) + 1);
  out = put(out, "{\"time\":\"");
  out = time_text.put(out, line.at);
  out = put(out, "\",\"kind\":\"");
  out = put(out, api::kind_name(line.kind));
  out = put(out, "\",\"namespace\":");
  out = put_json_string(out, line.namespace_);
  out = put(out, ",\"name\":");
  out = put_json_string(out, line.name);
  out = put(out, ",\"event\":\"");
  out = put(out, to_string(line.event));
  *out++ = '"';
  switch (line.event) {
    case LineEvent::Scheduled:
      out = put(out, ",\"node\":");
      out = put_json_string(out, line.text);
      break;
    case LineEvent::Restarted:
      out = put(out, ",\"restartCount\":");
      out = put_int(out, line.number);
      break;
    case LineEvent::Failed:
    case LineEvent::FailureTarget:
    case LineEvent::SuccessCriteriaMet:
      out = put(out, ",\"reason\":");
      out = put_json_string(out, line.text);
      if (line.has_number) {
        out = put(out, ",\"exitCode\":");
        out = put_int(out, line.number);
      }
      break;
    default: break;
  }
  if (!line.owner_kind.empty() || !line.owner_name.empty()) {
    out = put(out, ",\"owner\":\"");
    out = put_json_escaped(out, line.owner_kind);
    *out++ = '/';
    out = put_json_escaped(out, line.owner_name);
    *out++ = '"';
  }
  out = put(out, "}\n");
  writer.commit(out);
}

}  // namespace

void EventLog::add_kubernetes_event(const api::Event& event) {
  ++lines_;
  if (out_.attached()) write_kubernetes_event(out_, time_text_, event);
}

void EventLog::add_component(engine::SimTime at, std::string_view kind, std::string_view name, LineEvent event) {
  ++lines_;
  if (out_.attached()) write_component(out_, time_text_, at, kind, name, event);
}

void EventLog::add(engine::SimTime at, SubjectId id, LineEvent event, std::string_view text, std::int32_t number,
                   bool has_number) {
  ++lines_;
  if (!out_.attached()) return;
  const Subject& subject = subjects_[id];
  write_lifecycle(out_, time_text_, {.at = at,
                                     .kind = subject.kind,
                                     .namespace_ = subject.namespace_,
                                     .name = subject.name,
                                     .owner_kind = subject.owner_kind,
                                     .owner_name = subject.owner_name,
                                     .event = event,
                                     .text = text,
                                     .number = number,
                                     .has_number = has_number});
}

}  // namespace jobsim::report
