// EventMessage: the message of a Kubernetes Event as a compact record, a format and up to three
// Name arguments, formatted only when something reads it (events.jsonl, kubectl describe, an
// expectation's messageContains).
//
// Why: a run records an Event for every pod created, bound and started and every Job created
// and finished, and most runs write none of them out. As a std::string each message was built
// by concatenation at the call site (an allocation and a copy of every part) and then mostly
// thrown away. Here the parts are Names the caller already holds (a pod's name, a Job's, a
// node's), so recording a message copies a pointer and increments up to three reference counts.
//
// The format is upstream's message text with `{}` where an argument goes, e.g.
// "Created pod: {}" (controller_utils.go, the Job controller's pod control) or
// "Successfully assigned {}/{} to {}" (schedule_one.go). Rules:
// - A format is a string literal, and the message keeps only a view of it: it must have static
//   storage duration. The constructors are consteval, so nothing else compiles.
// - Every `{}` in a format is a placeholder, and a format has exactly one per argument (checked
//   when it compiles). Any other brace is text. Arguments are never read as formats.
// - A message formatted at the call site (error paths, numbers, texts such as FailedScheduling's
//   "node(s) had untolerated taint {key: value}") goes through EventMessage::text, which interns
//   the whole text as one argument of the format "{}". A std::string never converts silently.
// Two messages are equal when their texts are, whatever their forms, and hash() is the hash of
// the text, so a message built either way finds the other in a container.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "jobsim/api/name.hpp"

namespace jobsim::api {

namespace event_message_detail {

constexpr std::string_view kPlaceholder = "{}";

// placeholders counts the `{}` pairs of a format.
consteval std::size_t placeholders(std::string_view format) {
  std::size_t count = 0;
  for (std::size_t at = format.find(kPlaceholder); at != std::string_view::npos;
       at = format.find(kPlaceholder, at + kPlaceholder.size())) {
    ++count;
  }
  return count;
}

// Not constexpr: a consteval constructor that reaches it does not compile, and the error names it.
void event_message_format_needs_one_placeholder_per_argument();

}  // namespace event_message_detail

// EventFormat<N>: a literal with exactly N placeholders (the format of an N-argument message).
template <std::size_t N>
struct EventFormat {
  template <std::size_t Size>
  consteval EventFormat(const char (&literal)[Size])  // NOLINT: implicit, so a call reads like the text
      : text(literal, Size - 1) {
    if (event_message_detail::placeholders(text) != N) {
      event_message_detail::event_message_format_needs_one_placeholder_per_argument();
    }
  }
  std::string_view text;
};

class EventMessage {
 public:
  static constexpr std::size_t kMaxArguments = 3;

  EventMessage() = default;  // ""
  // A constant message: "Job completed".
  template <std::size_t Size>
  consteval EventMessage(const char (&literal)[Size])  // NOLINT: implicit, so a call reads like the text
      : format_(EventFormat<0>(literal).text) {}
  EventMessage(EventFormat<1> format, Name a) : format_(format.text), arguments_(1), args_{std::move(a)} {}
  EventMessage(EventFormat<2> format, Name a, Name b)
      : format_(format.text), arguments_(2), args_{std::move(a), std::move(b)} {}
  EventMessage(EventFormat<3> format, Name a, Name b, Name c)
      : format_(format.text), arguments_(3), args_{std::move(a), std::move(b), std::move(c)} {}

  // text: a message formatted by the caller, interned as it is (a Name converts from a
  // std::string, a string_view or a literal; an existing Name is only copied).
  static EventMessage text(Name text) { return {"{}", std::move(text)}; }

  // for_each_piece calls `f` with the non-empty pieces of the text in order: format text and
  // arguments. The writers escape or copy them without building the text.
  template <class F>
  void for_each_piece(F&& f) const {
    std::string_view rest = format_;
    for (std::size_t i = 0; i < arguments_; ++i) {
      const std::size_t at = rest.find(event_message_detail::kPlaceholder);  // there is one per argument
      if (at != 0) f(rest.substr(0, at));
      if (!args_[i].empty()) f(args_[i].view());
      rest.remove_prefix(at + event_message_detail::kPlaceholder.size());
    }
    if (!rest.empty()) f(rest);
  }

  void append_to(std::string& out) const {
    for_each_piece([&out](std::string_view piece) { out.append(piece); });
  }
  std::string str() const;
  // size: the text's, from the sizes of its parts (each placeholder is two bytes of the format).
  std::size_t size() const {
    std::size_t size = format_.size() - event_message_detail::kPlaceholder.size() * arguments_;
    for (std::size_t i = 0; i < arguments_; ++i) size += args_[i].size();
    return size;
  }
  bool empty() const { return size() == 0; }
  bool contains(std::string_view text) const;
  std::size_t hash() const;  // std::hash<std::string_view> of the text

  friend bool operator==(const EventMessage& a, const EventMessage& b) {
    // Same format and the same entries: the same text, without looking at it.
    if (a.format_.data() == b.format_.data() && a.format_.size() == b.format_.size() && a.args_ == b.args_) return true;
    return a.size() == b.size() && equal_text(a, b);
  }
  // Against a text (a literal, a std::string, a Name): a template, so it is preferred to
  // converting a literal into a constant message.
  template <class Text>
    requires std::convertible_to<const Text&, std::string_view>
  friend bool operator==(const EventMessage& a, const Text& b) {
    return a.equals(std::string_view(b));
  }

 private:
  static bool equal_text(const EventMessage& a, const EventMessage& b);
  bool equals(std::string_view text) const;

  std::string_view format_;  // a literal: static storage
  std::uint8_t arguments_ = 0;  // the placeholders of format_, the args_ in use
  std::array<Name, kMaxArguments> args_;
};

std::ostream& operator<<(std::ostream& out, const EventMessage& message);

}  // namespace jobsim::api

template <>
struct std::hash<jobsim::api::EventMessage> {
  std::size_t operator()(const jobsim::api::EventMessage& message) const { return message.hash(); }
};
