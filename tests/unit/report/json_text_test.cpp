// JSON string escaping, CSV fields and integers for the hand-written lines, table-driven.
// Expected texts follow RFC 8259 section 7 (a string escapes '"', '\\' and U+0000..U+001F; the
// two-character forms \" \\ \b \f \n \r \t where they exist, else \u00XX; everything else,
// DEL and UTF-8 included, may stand as it is) and RFC 4180 section 2 for CSV. Lowercase hex is
// the spelling docs/outputs.md fixes for our files.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/json_text.hpp"
#include "testing/table.hpp"

namespace jobsim::report {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

// json_string runs put_json_string in a buffer of exactly its bound, so that AddressSanitizer
// (debug preset) catches a write past the bound.
std::string json_string(std::string_view text) {
  std::vector<char> buffer(json_string_bound(text));
  char* end = put_json_string(buffer.data(), text);
  return std::string(buffer.data(), end);
}

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
    {.name = "del_and_space_are_plain", .text = "\x7f \x7f", .want = "\"\x7f \x7f\""},
    {.name = "slash_is_plain", .text = "CronJob/cj-000", .want = R"("CronJob/cj-000")"},
    // The scan looks at 8 bytes at a time: escapes at the first and last byte of a word, in a
    // second word, in the tail after whole words, and a plain string of whole words.
    {.name = "escape_first_of_word", .text = "\"bcdefgh", .want = R"("\"bcdefgh")"},
    {.name = "escape_last_of_word", .text = "abcdefg\"", .want = R"("abcdefg\"")"},
    {.name = "escape_in_second_word", .text = "abcdefghij\\lmnop", .want = R"("abcdefghij\\lmnop")"},
    {.name = "escape_in_tail", .text = "abcdefghi\n", .want = R"("abcdefghi\n")"},
    {.name = "two_plain_words", .text = "abcdefghijklmnop", .want = R"("abcdefghijklmnop")"},
    {.name = "every_byte_escaped", .text = "\"\"\"\"\"\"\"\"\"", .want = R"("\"\"\"\"\"\"\"\"\"")"},
    // High bytes next to an escape: the word test must not take 0xA0 or 0xDC for a space or a
    // backslash (0x20 | 0x80, 0x5C | 0x80).
    {.name = "high_bytes_are_plain", .text = "\xa0\xdc\xa2\xff\x80\x9f\xbf\xc0", .want = "\"\xa0\xdc\xa2\xff\x80\x9f\xbf\xc0\""},
    {.name = "high_byte_then_control", .text = "\xff\xff\xff\x1f\xff\xff\xff\xff", .want = "\"\xff\xff\xff\\u001f\xff\xff\xff\xff\""},
};

class EscapeTest : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(EscapeTest, put_json_string) { EXPECT_EQ(json_string(GetParam().text), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(Table, EscapeTest, ::testing::ValuesIn(kEscapeCases), test_support::name_of<EscapeCase>);

// spec_escape is RFC 8259's rule for one byte, written out independently of the table the code uses.
std::string spec_escape(unsigned char byte) {
  switch (byte) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
  }
  if (byte >= 0x20) return std::string(1, static_cast<char>(byte));
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("\\u00") + kHex[byte >> 4] + kHex[byte & 0xF];
}

// Every byte value at every position of strings of 1 to 40 bytes (the scan takes 4, 8 or 16
// bytes at a time, with an overlapping last block: under one word, one or two words, one or two
// blocks of 16 and a tail), among plain letters: every path must agree with the rule byte by byte.
TEST(EscapeEveryByte, at_every_position_of_every_length) {
  for (std::size_t size = 1; size <= 40; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text(size, 'x');
        text[at] = static_cast<char>(byte);
        const std::string want = "\"" + text.substr(0, at) + spec_escape(static_cast<unsigned char>(byte)) +
                                 text.substr(at + 1) + "\"";
        ASSERT_EQ(json_string(text), want) << "byte " << byte << " at " << at << " of " << size;
      }
    }
  }
}

// Plain strings of every length up to three blocks of 16 come out unchanged.
TEST(EscapeEveryByte, plain_strings_of_every_length) {
  for (std::size_t size = 0; size <= 48; ++size) {
    std::string text;
    for (std::size_t i = 0; i < size; ++i) text.push_back(static_cast<char>('a' + i % 26));
    ASSERT_EQ(json_string(text), "\"" + text + "\"") << size;
  }
}

TEST(PutJsonEscaped, writes_no_quotes) {
  char buffer[16];
  const std::string_view text = "a\"b";
  const char* end = put_json_escaped(buffer, text);
  EXPECT_EQ(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), R"(a\"b)");
}

// put copies texts of every length exactly, in the room of their size (short ones are copied
// as overlapping blocks).
TEST(Put, every_length_up_to_40) {
  for (std::size_t size = 0; size <= 40; ++size) {
    std::string text;
    for (std::size_t i = 0; i < size; ++i) text.push_back(static_cast<char>('a' + i % 26));
    std::vector<char> buffer(size + 1, '#');
    const char* end = put(buffer.data(), text);
    ASSERT_EQ(end, buffer.data() + size) << size;
    ASSERT_EQ(std::string(buffer.data(), size), text) << size;
    ASSERT_EQ(buffer[size], '#') << "wrote past the text, size " << size;
  }
}

struct CsvCase {
  std::string_view name;
  std::string_view text;
  std::string_view want;
};

const CsvCase kCsvCases[] = {
    {.name = "plain", .text = "node-1", .want = "node-1"},
    {.name = "empty", .text = "", .want = ""},
    {.name = "comma_quoted", .text = "a,b", .want = R"("a,b")"},
    {.name = "quote_doubled", .text = R"(a"b)", .want = R"("a""b")"},
    {.name = "line_breaks_quoted", .text = "a\r\nb", .want = "\"a\r\nb\""},
    {.name = "only_quotes", .text = R"("")", .want = R"("""""")"},
};

class CsvTest : public ::testing::TestWithParam<CsvCase> {};

TEST_P(CsvTest, put_csv_field) {
  std::vector<char> buffer(csv_field_bound(GetParam().text));
  char* end = put_csv_field(buffer.data(), GetParam().text);
  EXPECT_EQ(std::string(buffer.data(), end), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(Table, CsvTest, ::testing::ValuesIn(kCsvCases), test_support::name_of<CsvCase>);

struct IntCase {
  std::string_view name;
  std::int64_t value;
  std::string_view want;
};

const IntCase kIntCases[] = {
    {.name = "zero", .value = 0, .want = "0"},
    {.name = "one_digit", .value = 7, .want = "7"},
    {.name = "negative", .value = -42, .want = "-42"},
    {.name = "power_of_ten", .value = 1000000, .want = "1000000"},
    {.name = "memory_bytes", .value = 17179869184, .want = "17179869184"},
    {.name = "max", .value = INT64_MAX, .want = "9223372036854775807"},
    {.name = "min_fills_the_bound", .value = INT64_MIN, .want = "-9223372036854775808"},
};

class IntTest : public ::testing::TestWithParam<IntCase> {};

TEST_P(IntTest, put_int) {
  char buffer[kIntBound];
  const char* end = put_int(buffer, GetParam().value);
  EXPECT_EQ(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(Table, IntTest, ::testing::ValuesIn(kIntCases), test_support::name_of<IntCase>);

}  // namespace
}  // namespace jobsim::report
