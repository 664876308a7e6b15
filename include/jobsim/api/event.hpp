// core/v1 Event as the EventRecorder produces it: reason and message verbatim from upstream.
#pragma once

#include <string_view>

#include "jobsim/api/event_message.hpp"
#include "jobsim/api/meta.hpp"

namespace jobsim::api {

enum class EventType : std::uint8_t { Normal, Warning };
std::string_view to_string(EventType type);

struct InvolvedObject {
  Kind kind = Kind::Pod;
  Name namespace_;
  Name name;
  Name uid;
  bool operator==(const InvolvedObject&) const = default;
};

struct Event {
  SimTime time;
  EventType type = EventType::Normal;
  Name reason;
  EventMessage message;  // a format and its arguments, formatted when read (event_message.hpp)
  InvolvedObject object;
  Name source;  // e.g. job-controller, cronjob-controller, kubelet
  bool operator==(const Event&) const = default;
};

}  // namespace jobsim::api
