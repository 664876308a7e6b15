// NumberRow: a column's number is its decimal text whether it was just formatted or kept from
// the row above; the kept text of one column never shows in another. Expected texts are the
// plain decimal spellings of the values.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "report/number_row.hpp"
#include "testing/table.hpp"

namespace jobsim::report {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

// A row is written like the CSV writers do: each number into room of kIntBound bytes, which put
// may fill past the number's end, then the next one after it.
std::string row(NumberRow<3>& numbers, std::int64_t a, std::int64_t b, std::int64_t c) {
  std::vector<char> buffer(3 * (kIntBound + 1));
  char* out = buffer.data();
  out = numbers.put(out, 0, a);
  *out++ = ',';
  out = numbers.put(out, 1, b);
  *out++ = ',';
  out = numbers.put(out, 2, c);
  return std::string(buffer.data(), out);
}

struct RowsCase {
  std::string_view name;
  std::vector<std::array<std::int64_t, 3>> rows;
  std::vector<std::string_view> want;
};

const RowsCase kRowsCases[] = {
    {.name = "zeros_first", .rows = {{0, 0, 0}}, .want = {"0,0,0"}},
    {.name = "repeated_row", .rows = {{12, 27917287424, 7}, {12, 27917287424, 7}},
     .want = {"12,27917287424,7", "12,27917287424,7"}},
    {.name = "one_column_changes", .rows = {{156, 43, 898}, {156, 44, 898}, {156, 44, 1003}},
     .want = {"156,43,898", "156,44,898", "156,44,1003"}},
    {.name = "shorter_after_longer", .rows = {{1000000, 5, 17179869184}, {9, 5, 0}},
     .want = {"1000000,5,17179869184", "9,5,0"}},
    {.name = "back_to_zero", .rows = {{3, 3, 3}, {0, 0, 0}}, .want = {"3,3,3", "0,0,0"}},
    {.name = "extremes", .rows = {{INT64_MIN, -1, INT64_MAX}}, .want = {"-9223372036854775808,-1,9223372036854775807"}},
    {.name = "same_value_in_other_column", .rows = {{42, 0, 0}, {0, 42, 0}}, .want = {"42,0,0", "0,42,0"}},
};

class NumberRowTest : public ::testing::TestWithParam<RowsCase> {};

TEST_P(NumberRowTest, rows_read_as_their_values) {
  NumberRow<3> numbers;
  ASSERT_EQ(GetParam().rows.size(), GetParam().want.size());
  for (std::size_t i = 0; i < GetParam().rows.size(); ++i) {
    const auto& [a, b, c] = GetParam().rows[i];
    EXPECT_EQ(row(numbers, a, b, c), GetParam().want[i]) << "row " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, NumberRowTest, ::testing::ValuesIn(kRowsCases), test_support::name_of<RowsCase>);

}  // namespace
}  // namespace jobsim::report
