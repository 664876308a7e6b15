// EventRecorder: Kubernetes Events (core/v1 Event) with upstream reasons and messages.
// Upstream: client-go tools/record. Simplification: events are not stored as API objects or
// aggregated; every call is one Event, delivered to the listeners of `sink`.
// A message is a literal ("Job completed"), a format with the Names it needs ({"Created pod: {}",
// pod.metadata->name}) or api::EventMessage::text(a string formatted here): see event_message.hpp.
#pragma once

#include <string>
#include <string_view>

#include "jobsim/api/event.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/engine/signal.hpp"

namespace jobsim::cluster {

using EventSink = engine::Signal<const api::Event&>;

class EventRecorder {
 public:
  EventRecorder(const engine::Clock& clock, EventSink& sink, std::string source)
      : clock_(clock), sink_(sink), source_(std::move(source)) {}

  void normal(api::Kind kind, const api::ObjectMeta& meta, std::string_view reason, api::EventMessage message) {
    record(api::EventType::Normal, kind, meta, reason, std::move(message));
  }
  void warning(api::Kind kind, const api::ObjectMeta& meta, std::string_view reason, api::EventMessage message) {
    record(api::EventType::Warning, kind, meta, reason, std::move(message));
  }

 private:
  void record(api::EventType type, api::Kind kind, const api::ObjectMeta& meta, std::string_view reason,
              api::EventMessage message) {
    if (sink_.empty()) return;
    api::Event event{.time = clock_.now(),
                     .type = type,
                     .reason = api::constant_name(reason),
                     .message = std::move(message),
                     .object = {kind, meta.namespace_, meta.name, meta.uid},
                     .source = source_};
    sink_.emit(event);
  }

  const engine::Clock& clock_;
  EventSink& sink_;
  api::Name source_;
};

}  // namespace jobsim::cluster
