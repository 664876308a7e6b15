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

// assign_owner sets `out` to "Kind/name" of the controller ownerReference of `meta` (nothing if none).
void assign_owner(std::string& out, const api::ObjectMeta& meta) {
  out.clear();
  const api::OwnerReference* owner = api::controller_ref(meta);
  if (owner == nullptr) return;
  out.reserve(owner->kind.size() + 1 + owner->name.size());
  out.append(owner->kind).append("/").append(owner->name);
}

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
  subject.namespace_ = namespaces_.intern(meta.namespace_);
  assign_owner(subject.owner, meta);
  subject.name.assign(meta.name);
  return id;
}

void EventLog::release_subject(SubjectId id) {
  Subject& subject = subjects_[id];
  // Give the text back (a long name would otherwise stay allocated in the reused slot).
  std::string().swap(subject.owner);
  std::string().swap(subject.name);
  free_.push_back(id);
}

bool EventLog::owner_changed(SubjectId subject, const api::ObjectMeta& meta) const {
  const std::string_view current = subjects_[subject].owner;
  const api::OwnerReference* owner = api::controller_ref(meta);
  if (owner == nullptr) return !current.empty();
  // Compare "Kind/name" piecewise: this runs on every update and must not allocate.
  return !(current.size() == owner->kind.size() + 1 + owner->name.size() && current.starts_with(owner->kind) &&
           current[owner->kind.size()] == '/' && current.ends_with(owner->name));
}

void EventLog::add_kubernetes_event(const api::Event& event) {
  ++lines_;
  if (!out_.attached()) return;
  std::string& line = out_.line();
  line.append("{\"time\":\"").append(time_text_(event.time)).append("\",\"kind\":\"Event\",\"namespace\":");
  append_json_string(line, event.object.namespace_);
  line.append(",\"name\":");
  append_json_string(line, event.object.name);
  line.append(",\"event\":");
  append_json_string(line, event.reason);
  line.append(",\"type\":\"").append(api::to_string(event.type)).append("\",\"reason\":");
  append_json_string(line, event.reason);
  line.append(",\"message\":");
  append_json_string(line, event.message);
  line.append(",\"object\":\"").append(api::kind_name(event.object.kind)).append("/");
  append_json_escaped(line, event.object.name);
  line.append("\",\"source\":");
  append_json_string(line, event.source);
  line.append("}\n");
  out_.line_done();
}

void EventLog::add_component(engine::SimTime at, std::string_view kind, std::string_view name, LineEvent event) {
  ++lines_;
  if (!out_.attached()) return;
  std::string& line = out_.line();
  line.append("{\"time\":\"").append(time_text_(at)).append("\",\"kind\":\"");
  line.append(kind).append("\",\"namespace\":\"\",\"name\":");
  append_json_string(line, name);
  line.append(",\"event\":\"").append(to_string(event)).append("\"}\n");
  out_.line_done();
}

void EventLog::add(engine::SimTime at, SubjectId id, LineEvent event, std::string_view text, std::int32_t number,
                   bool has_number) {
  ++lines_;
  if (!out_.attached()) return;
  const Subject& subject = subjects_[id];
  std::string& line = out_.line();
  line.append("{\"time\":\"").append(time_text_(at)).append("\",\"kind\":\"");
  line.append(api::kind_name(subject.kind)).append("\",\"namespace\":");
  append_json_string(line, namespaces_.view(subject.namespace_));
  line.append(",\"name\":");
  append_json_string(line, subject.name);
  line.append(",\"event\":\"").append(to_string(event)).append("\"");
  switch (event) {
    case LineEvent::Scheduled:
      line.append(",\"node\":");
      append_json_string(line, text);
      break;
    case LineEvent::Restarted:
      line.append(",\"restartCount\":");
      append_int(line, number);
      break;
    case LineEvent::Failed:
    case LineEvent::FailureTarget:
    case LineEvent::SuccessCriteriaMet:
      line.append(",\"reason\":");
      append_json_string(line, text);
      if (has_number) {
        line.append(",\"exitCode\":");
        append_int(line, number);
      }
      break;
    default: break;
  }
  if (!subject.owner.empty()) {
    line.append(",\"owner\":");
    append_json_string(line, subject.owner);
  }
  line.append("}\n");
  out_.line_done();
}

}  // namespace jobsim::report
