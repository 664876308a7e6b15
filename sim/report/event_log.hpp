// EventLog: events.jsonl (docs/outputs.md) as the run goes. Each lifecycle change or Kubernetes Event
// is formatted into the log's BlockWriter when it happens and the block goes to the stream when
// full; without a stream nothing is formatted and nothing is kept but a line count. What stays
// in memory is one subject per live object (kind, namespace, name, owner): the text its future
// lines need. Subjects of deleted objects are released and their slots reused.
#pragma once

#include <cstdint>
#include <deque>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "block_writer.hpp"
#include "jobsim/api/event.hpp"
#include "jobsim/api/meta.hpp"
#include "time_text.hpp"

namespace jobsim::report {

// LineEvent is the `event` of a lifecycle line; the spelling is the one written out.
enum class LineEvent : std::uint8_t {
  Created, Updated, Started, Suspended, Resumed, FailureTarget, SuccessCriteriaMet, Complete,
  Scheduled, Running, Restarted, Terminating, Succeeded, Failed, Deleted, Ready, NotReady,
  Down, Up,         // a control-plane component (a fault)
  KubernetesEvent,  // a line of kind "Event"
};
std::string_view to_string(LineEvent event);

// SubjectId names an object as it appears on lines: kind, namespace, name and owner. Ids of
// released subjects are reused.
using SubjectId = std::uint32_t;

class EventLog {
 public:
  // attach sends the lines to `out` (empty: no lines are made). Call before the first line.
  void attach(const LineOutput& out) { out_.attach(out); }
  // flush writes the complete lines still buffered.
  void flush() { out_.flush(); }

  // add_subject registers an object; call it again when its controller owner changes (and
  // release the previous subject), and release_subject when the object is deleted.
  SubjectId add_subject(api::Kind kind, const api::ObjectMeta& meta);
  void release_subject(SubjectId subject);
  // owner_changed says whether `meta`'s controller owner differs from the one of `subject`.
  bool owner_changed(SubjectId subject, const api::ObjectMeta& meta) const;

  // add appends a lifecycle line. `text` is the `node` (Scheduled) or the `reason` (Failed,
  // FailureTarget, SuccessCriteriaMet); `number` the `restartCount` (Restarted) or the
  // `exitCode` (Pod Failed, only when has_number).
  void add(engine::SimTime at, SubjectId subject, LineEvent event, std::string_view text = {},
           std::int32_t number = 0, bool has_number = false);
  void add_kubernetes_event(const api::Event& event);
  // add_component appends a Down or Up line of a control-plane component, e.g. kind
  // "ControllerManager", name "kube-controller-manager" (no namespace, no owner).
  void add_component(engine::SimTime at, std::string_view kind, std::string_view name, LineEvent event);

  // size: the lines of the run so far (written or not).
  std::size_t size() const { return lines_; }
  // live_subjects: subjects not released (for tests of the memory bound).
  std::size_t live_subjects() const { return subjects_.size() - free_.size(); }

 private:
  struct Subject {
    api::Kind kind = api::Kind::Pod;
    // Interned (api/name.hpp): the subject shares the object's texts, and owner_changed is a
    // pointer compare.
    api::Name namespace_;
    api::Name owner_kind;  // of the controller ownerReference; both empty when there is none
    api::Name owner_name;
    api::Name name;
  };

  // A deque, not a vector: there is a subject per retained object, and a vector's doubling held
  // the old and the new array at once (issue #9: 1.5 M slots when the year's Jobs passed 2^19).
  std::deque<Subject> subjects_;
  std::vector<SubjectId> free_;  // released slots
  std::size_t lines_ = 0;
  BlockWriter out_;
  TimeText time_text_;
};

}  // namespace jobsim::report
