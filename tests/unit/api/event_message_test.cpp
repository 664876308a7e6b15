// api::EventMessage: a format and up to three Names read as the text they format to, whatever
// the form (include/jobsim/api/event_message.hpp). Expected texts are upstream's messages:
//   - pkg/controller/controller_utils.go (the Job controller's pod control): "Created pod: %v";
//   - pkg/controller/job/job_controller.go: "Job completed";
//   - pkg/controller/cronjob/cronjob_controllerv2.go: "Created job %v", "Deleted job %v",
//     "Saw completed job: %s, condition: %v", "Not starting job because prior execution is
//     running and concurrency policy is Forbid";
//   - pkg/kubelet/kuberuntime/kuberuntime_container.go: "Started container %s";
//   - pkg/scheduler/schedule_one.go: "Successfully assigned %v/%v to %v", and a FailedScheduling
//     text with a taint (framework/types.go FitError; braces that are text, not placeholders).
#include "jobsim/api/event_message.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "testing/table.hpp"

namespace jobsim::api {
namespace {

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

// A std::string (or any pointer) is not a format: only EventMessage::text takes it.
static_assert(!std::is_convertible_v<std::string, EventMessage>);
static_assert(!std::is_convertible_v<std::string_view, EventMessage>);
static_assert(!std::is_convertible_v<const char*, EventMessage>);
static_assert(!std::is_convertible_v<Name, EventMessage>);

// The table holds makers, not messages: a Name made before main would stay live through every
// test of the binary, and the Name tests count live entries.
struct FormatCase {
  std::string_view name;
  EventMessage (*make)();
  std::string_view want;
  std::string_view inside;  // a part of `want` that crosses a format/argument boundary, if any
};

const std::vector<FormatCase> kFormatCases = {
    {.name = "constant",
     .make = [] { return EventMessage("Job completed"); },
     .want = "Job completed",
     .inside = "completed"},
    {.name = "long_constant",
     .make =
         [] {
           return EventMessage("Not starting job because prior execution is running and concurrency policy is Forbid");
         },
     .want = "Not starting job because prior execution is running and concurrency policy is Forbid",
     .inside = "policy is Forbid"},
    {.name = "created_pod",
     .make = [] { return EventMessage{"Created pod: {}", "pi-x7k2p"}; },
     .want = "Created pod: pi-x7k2p",
     .inside = "pod: pi"},
    {.name = "created_job",
     .make = [] { return EventMessage{"Created job {}", "backup-29000000"}; },
     .want = "Created job backup-29000000",
     .inside = "job backup"},
    {.name = "deleted_job",
     .make = [] { return EventMessage{"Deleted job {}", "backup-28999940"}; },
     .want = "Deleted job backup-28999940",
     .inside = "b backup-2"},
    {.name = "started_container",
     .make = [] { return EventMessage{"Started container {}", "main"}; },
     .want = "Started container main",
     .inside = "r main"},
    {.name = "saw_completed_job",
     .make = [] { return EventMessage{"Saw completed job: {}, condition: {}", "backup-29000000", "Complete"}; },
     .want = "Saw completed job: backup-29000000, condition: Complete",
     .inside = "29000000, condition: Comp"},
    {.name = "successfully_assigned",
     .make =
         [] {
           return EventMessage{"Successfully assigned {}/{} to {}", "default", "backup-29000000-x7k2p", "node-b"};
         },
     .want = "Successfully assigned default/backup-29000000-x7k2p to node-b",
     .inside = "default/backup"},
    {.name = "empty_argument",
     .make = [] { return EventMessage{"Successfully assigned {}/{} to {}", "", "p", "node-b"}; },
     .want = "Successfully assigned /p to node-b",
     .inside = "assigned /p to"},
    {.name = "text_with_braces",
     .make =
         [] {
           return EventMessage::text(
               "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes "
               "are available: 1 Preemption is not helpful for scheduling.");
         },
     .want = "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes "
             "are available: 1 Preemption is not helpful for scheduling.",
     .inside = "{dedicated: gpu}"},
    {.name = "text_is_never_a_format",
     .make = [] { return EventMessage::text("a {} b"); },
     .want = "a {} b",
     .inside = "{}"},
    {.name = "constant_with_braces",
     .make = [] { return EventMessage("node(s) had untolerated taint {dedicated: gpu}"); },
     .want = "node(s) had untolerated taint {dedicated: gpu}",
     .inside = "{dedicated"},
    {.name = "empty", .make = [] { return EventMessage(); }, .want = "", .inside = ""},
};

class EventMessageFormatTest : public testing::TestWithParam<FormatCase> {};

TEST_P(EventMessageFormatTest, reads_as_its_text) {
  const FormatCase& c = GetParam();
  const EventMessage message = c.make();
  EXPECT_EQ(message.str(), c.want);
  EXPECT_EQ(message.size(), c.want.size());
  EXPECT_EQ(message.empty(), c.want.empty());
  std::string appended = "> ";
  message.append_to(appended);
  EXPECT_EQ(appended, "> " + std::string(c.want));
  std::string pieces;
  message.for_each_piece([&pieces](std::string_view piece) { pieces += piece; });
  EXPECT_EQ(pieces, c.want);
  std::ostringstream out;
  out << message;
  EXPECT_EQ(out.str(), c.want);
}

TEST_P(EventMessageFormatTest, equals_and_hashes_as_its_text_in_every_form) {
  const FormatCase& c = GetParam();
  const EventMessage message = c.make();
  const EventMessage as_text = EventMessage::text(c.want);
  EXPECT_EQ(message, c.want);
  EXPECT_EQ(message, std::string(c.want));
  EXPECT_EQ(message, as_text);
  EXPECT_EQ(as_text, message);
  EXPECT_NE(message, std::string(c.want) + ".");
  EXPECT_NE(message, EventMessage::text(std::string(c.want) + "."));
  EXPECT_EQ(message.hash(), std::hash<std::string_view>{}(c.want));
  EXPECT_EQ(as_text.hash(), message.hash());
  EXPECT_EQ(std::hash<EventMessage>{}(message), message.hash());
}

TEST_P(EventMessageFormatTest, contains_looks_at_the_formatted_text) {
  const FormatCase& c = GetParam();
  const EventMessage message = c.make();
  EXPECT_TRUE(message.contains(c.inside)) << c.inside;
  EXPECT_TRUE(message.contains(c.want));
  EXPECT_FALSE(message.contains(std::string(c.want) + "."));
  EXPECT_FALSE(message.contains("zz"));
}

INSTANTIATE_TEST_SUITE_P(Upstream, EventMessageFormatTest, testing::ValuesIn(kFormatCases), name_of<FormatCase>);

TEST(EventMessage, messages_of_one_format_differ_by_text_not_by_arguments) {
  struct Case {
    std::string_view name;
    EventMessage a;
    EventMessage b;
    bool equal;
  };
  const std::vector<Case> cases = {
      {"same_arguments", {"Created pod: {}", "p-1"}, {"Created pod: {}", "p-1"}, true},
      {"other_argument", {"Created pod: {}", "p-1"}, {"Created pod: {}", "p-2"}, false},
      {"other_format_same_argument", {"Created job {}", "j"}, {"Deleted job {}", "j"}, false},
      // Split differently between the arguments, the same text.
      {"same_text_other_split", {"{}{}", "ab", "c"}, {"{}{}", "a", "bc"}, true},
      {"format_against_text", {"Deleted job {}", "j"}, EventMessage::text("Deleted job j"), true},
      {"constant_against_text", "Job completed", EventMessage::text("Job completed"), true},
      {"empty_against_empty_text", EventMessage(), EventMessage::text(""), true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.a == c.b, c.equal) << c.name;
    EXPECT_EQ(c.b == c.a, c.equal) << c.name;
    if (c.equal) {
      EXPECT_EQ(c.a.hash(), c.b.hash()) << c.name;
    }
  }
}

TEST(EventMessage, arguments_are_the_names_given) {
  const Name pod = "backup-29000000-x7k2p";
  const std::size_t before = Name::live_entries();
  const EventMessage message{"Created pod: {}", pod};
  EXPECT_EQ(Name::live_entries(), before);  // a copy of the entry, no new text
  EXPECT_EQ(message, "Created pod: backup-29000000-x7k2p");
}

}  // namespace
}  // namespace jobsim::api
