// EventLog: the records behind events.jsonl (SPEC.md 4). Handlers append one compact record per
// lifecycle change or Kubernetes Event (a time, interned ids, a number); text is only made when
// the log is written, so a run with millions of lines stays cheap while it runs.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/event.hpp"
#include "jobsim/api/meta.hpp"
#include "string_table.hpp"
#include "text_arena.hpp"

namespace jobsim::report {

// LineEvent is the `event` of a lifecycle line; the spelling is the one written out.
enum class LineEvent : std::uint8_t {
  Created, Updated, Started, Suspended, Resumed, FailureTarget, SuccessCriteriaMet, Complete,
  Scheduled, Running, Restarted, Terminating, Succeeded, Failed, Deleted, Ready, NotReady,
  Down, Up,         // a control-plane component (a fault); its record points into components_
  KubernetesEvent,  // a line of kind "Event"; its record points into kube_events_
};
std::string_view to_string(LineEvent event);

// SubjectId names an object as it appears on lines: kind, namespace, name and owner.
using SubjectId = std::uint32_t;

class EventLog {
 public:
  // add_subject registers an object; call it again when its controller owner changes.
  SubjectId add_subject(api::Kind kind, const api::ObjectMeta& meta);
  // owner_changed says whether `meta`'s controller owner differs from the one of `subject`.
  bool owner_changed(SubjectId subject, const api::ObjectMeta& meta) const;

  // add appends a lifecycle line. `text` is the `node` (Scheduled) or the `reason` (Failed,
  // FailureTarget, SuccessCriteriaMet); `number` the `restartCount` (Restarted) or the
  // `exitCode` (Pod Failed, only when has_number).
  void add(engine::SimTime at, SubjectId subject, LineEvent event, StringId text = kEmptyString,
           std::int32_t number = 0, bool has_number = false) {
    records_.push_back({at, subject, text, number, event, has_number});
  }
  void add_kubernetes_event(const api::Event& event);
  // add_component appends a Down or Up line of a control-plane component, e.g. kind
  // "ControllerManager", name "kube-controller-manager" (no namespace, no owner).
  void add_component(engine::SimTime at, std::string_view kind, std::string_view name, LineEvent event);

  std::string_view subject_name(SubjectId subject) const { return subjects_[subject].name; }
  StringTable& strings() { return strings_; }
  std::size_t size() const { return records_.size(); }

  // write prints one JSON object a line, in the order the records were added.
  void write(std::ostream& out) const;

 private:
  struct Subject {
    api::Kind kind;
    StringId namespace_;
    StringId owner;  // "Kind/name" of the controller ownerReference, or kEmptyString
    std::string_view name;  // in text_
  };
  struct Record {
    engine::SimTime time;
    std::uint32_t subject;  // SubjectId, or an index into kube_events_ for KubernetesEvent
    StringId text;
    std::int32_t number;
    LineEvent event;
    bool has_number;
  };
  struct KubernetesEvent {
    api::EventType type;
    api::Kind kind;
    StringId namespace_;
    StringId reason;
    StringId source;
    std::string_view name;  // in text_
    std::string_view message;
  };

  struct Component {
    StringId kind;
    std::string_view name;  // in text_
  };

  StringId owner_of(const api::ObjectMeta& meta);
  void append_line(std::string& line, std::string_view time, const Record& record) const;

  StringTable strings_;
  TextArena text_;
  std::vector<Subject> subjects_;
  std::vector<Record> records_;
  std::vector<KubernetesEvent> kube_events_;
  std::vector<Component> components_;
};

}  // namespace jobsim::report
