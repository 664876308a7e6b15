// events.jsonl writer (SPEC.md 4): key order time, kind, namespace, name, event, then the
// event's own keys, then `owner`. Text is built here, at write time, never in watch handlers.
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

StringId EventLog::owner_of(const api::ObjectMeta& meta) {
  const api::OwnerReference* owner = api::controller_ref(meta);
  if (owner == nullptr) return kEmptyString;
  std::string text;
  text.reserve(owner->kind.size() + 1 + owner->name.size());
  text.append(owner->kind).append("/").append(owner->name);
  return strings_.intern(text);
}

SubjectId EventLog::add_subject(api::Kind kind, const api::ObjectMeta& meta) {
  subjects_.push_back({kind, strings_.intern(meta.namespace_), owner_of(meta), text_.store(meta.name)});
  return static_cast<SubjectId>(subjects_.size() - 1);
}

bool EventLog::owner_changed(SubjectId subject, const api::ObjectMeta& meta) const {
  const std::string_view current = strings_.view(subjects_[subject].owner);
  const api::OwnerReference* owner = api::controller_ref(meta);
  if (owner == nullptr) return !current.empty();
  // Compare "Kind/name" piecewise: this runs on every update and must not allocate.
  return !(current.size() == owner->kind.size() + 1 + owner->name.size() && current.starts_with(owner->kind) &&
           current[owner->kind.size()] == '/' && current.ends_with(owner->name));
}

void EventLog::add_kubernetes_event(const api::Event& event) {
  const auto index = static_cast<std::uint32_t>(kube_events_.size());
  kube_events_.push_back({event.type, event.object.kind, strings_.intern(event.object.namespace_),
                          strings_.intern(event.reason), strings_.intern(event.source),
                          text_.store(event.object.name), text_.store(event.message)});
  records_.push_back({event.time, index, kEmptyString, 0, LineEvent::KubernetesEvent, false});
}

void EventLog::add_component(engine::SimTime at, std::string_view kind, std::string_view name, LineEvent event) {
  const auto index = static_cast<std::uint32_t>(components_.size());
  components_.push_back({strings_.intern(kind), text_.store(name)});
  records_.push_back({at, index, kEmptyString, 0, event, false});
}

void EventLog::append_line(std::string& line, std::string_view time, const Record& record) const {
  line.append("{\"time\":\"").append(time).append("\",\"kind\":");
  if (record.event == LineEvent::KubernetesEvent) {
    const KubernetesEvent& event = kube_events_[record.subject];
    const std::string_view reason = strings_.view(event.reason);
    line.append("\"Event\",\"namespace\":");
    append_json_string(line, strings_.view(event.namespace_));
    line.append(",\"name\":");
    append_json_string(line, event.name);
    line.append(",\"event\":");
    append_json_string(line, reason);
    line.append(",\"type\":\"").append(api::to_string(event.type)).append("\",\"reason\":");
    append_json_string(line, reason);
    line.append(",\"message\":");
    append_json_string(line, event.message);
    line.append(",\"object\":\"").append(api::kind_name(event.kind)).append("/");
    append_json_escaped(line, event.name);
    line.append("\",\"source\":");
    append_json_string(line, strings_.view(event.source));
    line.append("}\n");
    return;
  }
  if (record.event == LineEvent::Down || record.event == LineEvent::Up) {
    const Component& component = components_[record.subject];
    line.append("\"").append(strings_.view(component.kind)).append("\",\"namespace\":\"\",\"name\":");
    append_json_string(line, component.name);
    line.append(",\"event\":\"").append(to_string(record.event)).append("\"}\n");
    return;
  }
  const Subject& subject = subjects_[record.subject];
  line.append("\"").append(api::kind_name(subject.kind)).append("\",\"namespace\":");
  append_json_string(line, strings_.view(subject.namespace_));
  line.append(",\"name\":");
  append_json_string(line, subject.name);
  line.append(",\"event\":\"").append(to_string(record.event)).append("\"");
  switch (record.event) {
    case LineEvent::Scheduled:
      line.append(",\"node\":");
      append_json_string(line, strings_.view(record.text));
      break;
    case LineEvent::Restarted:
      line.append(",\"restartCount\":");
      append_int(line, record.number);
      break;
    case LineEvent::Failed:
    case LineEvent::FailureTarget:
    case LineEvent::SuccessCriteriaMet:
      line.append(",\"reason\":");
      append_json_string(line, strings_.view(record.text));
      if (record.has_number) {
        line.append(",\"exitCode\":");
        append_int(line, record.number);
      }
      break;
    default: break;
  }
  if (subject.owner != kEmptyString) {
    line.append(",\"owner\":");
    append_json_string(line, strings_.view(subject.owner));
  }
  line.append("}\n");
}

void EventLog::write(std::ostream& out) const {
  TimeText time_text;
  std::string buffer;
  constexpr std::size_t kFlushAt = 1 << 16;  // write in blocks: one ostream call per line is slow
  buffer.reserve(kFlushAt + 1024);
  for (const Record& record : records_) {
    append_line(buffer, time_text(record.time), record);
    if (buffer.size() >= kFlushAt) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace jobsim::report
