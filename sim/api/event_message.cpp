// Formatting an api::EventMessage when it is read (include/jobsim/api/event_message.hpp).
#include "jobsim/api/event_message.hpp"

#include <functional>  // std::hash
#include <ostream>

namespace jobsim::api {
namespace {

// scratch: one buffer per thread for the reads that need the whole text at once (hash,
// contains, equality of two forms), so they allocate only while it grows.
std::string& scratch() {
  thread_local std::string buffer;
  return buffer;
}

const std::string& formatted(const EventMessage& message) {
  std::string& text = scratch();
  text.clear();
  message.append_to(text);
  return text;
}

}  // namespace

std::string EventMessage::str() const {
  std::string text;
  text.reserve(size());
  append_to(text);
  return text;
}

bool EventMessage::contains(std::string_view text) const {
  if (arguments_ == 0) return format_.find(text) != std::string_view::npos;  // a constant
  return formatted(*this).find(text) != std::string::npos;
}

std::size_t EventMessage::hash() const {
  // text() messages are the whole text in one Name, whose hash is already known.
  if (arguments_ == 1 && format_ == event_message_detail::kPlaceholder) return args_[0].hash();
  return std::hash<std::string_view>{}(formatted(*this));
}

bool EventMessage::equals(std::string_view text) const {
  // Piece by piece against the text: no buffer.
  bool same = true;
  for_each_piece([&](std::string_view piece) {
    if (!same) return;
    same = text.starts_with(piece);
    text.remove_prefix(same ? piece.size() : 0);
  });
  return same && text.empty();
}

bool EventMessage::equal_text(const EventMessage& a, const EventMessage& b) { return b.equals(formatted(a)); }

std::ostream& operator<<(std::ostream& out, const EventMessage& message) {
  message.for_each_piece([&out](std::string_view piece) { out << piece; });
  return out;
}

}  // namespace jobsim::api
