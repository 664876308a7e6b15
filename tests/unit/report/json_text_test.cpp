// JSON string escaping for the hand-written lines, table-driven.
#include <gtest/gtest.h>

#include "report/json_text.hpp"
#include "testing/table.hpp"

namespace jobsim::report {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

struct EscapeCase {
  std::string_view name;
  std::string_view text;
  std::string_view want;
};

const EscapeCase kEscapeCases[] = {
    {.name = "plain", .text = "backup-29430720", .want = R"("backup-29430720")"},
    {.name = "empty", .text = "", .want = R"("")"},
    {.name = "quote_and_backslash", .text = R"(say "hi" \o/)", .want = R"("say \"hi\" \\o/")"},
    {.name = "named_controls", .text = "a\nb\tc\rd\be\ff", .want = R"("a\nb\tc\rd\be\ff")"},
    {.name = "other_controls_as_unicode", .text = std::string_view("\x01\x1f", 2), .want = R"("\u0001\u001f")"},
    {.name = "nul", .text = std::string_view("a\0b", 3), .want = R"("a\u0000b")"},
    {.name = "utf8_passes_through", .text = "µs → ok", .want = "\"µs → ok\""},
};

class EscapeTest : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(EscapeTest, append_json_string) {
  std::string out = "x";
  append_json_string(out, GetParam().text);
  std::string want = "x";  // appended, not "x" + ...: GCC 12 gives a false -Wrestrict there
  want += GetParam().want;
  EXPECT_EQ(out, want);
}

INSTANTIATE_TEST_SUITE_P(Table, EscapeTest, ::testing::ValuesIn(kEscapeCases),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

TEST(AppendIntTest, extremes) {
  std::string out;
  append_int(out, 0);
  out += ',';
  append_int(out, -42);
  out += ',';
  append_int(out, INT64_MAX);
  EXPECT_EQ(out, "0,-42,9223372036854775807");
}

}  // namespace
}  // namespace jobsim::report
