// Tests for api/resources.hpp: resource quantities as upstream k8s.io/apimachinery
// pkg/api/resource parses them (MilliValue for CPU, Value for memory, both rounding up) and
// formats them canonically (DecimalSI for CPU, BinarySI for memory). Expected values come from
// upstream semantics: the Kubernetes docs' "128974848, 129e6, 129M, 128974848000m, 123Mi" example,
// and the quantity suffix table (k M G T P E decimal, Ki Mi Gi Ti Pi Ei binary, m milli).
#include "jobsim/api/resources.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include "testing/table.hpp"

namespace jobsim::api {
namespace {

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

struct QuantityCase {
  std::string_view name;
  std::string_view text;
  std::optional<std::int64_t> want;  // nullopt: invalid
};

const QuantityCase kCpuCases[] = {
    {.name = "whole_cores", .text = "2", .want = 2000},
    {.name = "fraction", .text = "0.5", .want = 500},
    {.name = "millicores", .text = "500m", .want = 500},
    {.name = "fraction_with_two_digits", .text = "1.25", .want = 1250},
    {.name = "zero", .text = "0", .want = 0},
    {.name = "one_millicore", .text = "1m", .want = 1},
    {.name = "below_a_millicore_rounds_up", .text = "0.0001", .want = 1},
    {.name = "decimal_kilo", .text = "1k", .want = 1000000},
    {.name = "exponent", .text = "1e3", .want = 1000000},
    {.name = "binary_suffix", .text = "1Ki", .want = 1024000},
    {.name = "empty_is_invalid", .text = ""},
    {.name = "word_is_invalid", .text = "abc"},
    {.name = "two_dots_is_invalid", .text = "1.5.5"},
    {.name = "suffix_without_number_is_invalid", .text = "m"},
    {.name = "unknown_suffix_is_invalid", .text = "1x"},
    {.name = "space_is_invalid", .text = "1 m"},
};

class ParseCpuTest : public testing::TestWithParam<QuantityCase> {};

TEST_P(ParseCpuTest, parses_millicores) {
  const QuantityCase& c = GetParam();
  EXPECT_EQ(parse_cpu_millis(c.text), c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, ParseCpuTest, testing::ValuesIn(kCpuCases), name_of<QuantityCase>);

const QuantityCase kMemoryCases[] = {
    // The Kubernetes docs: these are all roughly the same value.
    {.name = "plain_bytes", .text = "128974848", .want = 128974848},
    {.name = "exponent", .text = "129e6", .want = 129000000},
    {.name = "decimal_mega", .text = "129M", .want = 129000000},
    {.name = "milli_bytes", .text = "128974848000m", .want = 128974848},
    {.name = "binary_mebi", .text = "123Mi", .want = 128974848},
    {.name = "kilo", .text = "1k", .want = 1000},
    {.name = "kibi", .text = "1Ki", .want = 1024},
    {.name = "mebi", .text = "512Mi", .want = 536870912},
    {.name = "gibi", .text = "1Gi", .want = 1073741824},
    {.name = "fractional_gibi", .text = "1.5Gi", .want = 1610612736},
    {.name = "sixteen_gibi", .text = "16Gi", .want = 17179869184},
    {.name = "tebi", .text = "1Ti", .want = 1099511627776},
    {.name = "giga", .text = "1G", .want = 1000000000},
    {.name = "exa", .text = "1E", .want = 1000000000000000000},
    {.name = "exponent_nine", .text = "1e9", .want = 1000000000},
    {.name = "milli_rounds_up_to_a_byte", .text = "400m", .want = 1},
    {.name = "zero", .text = "0", .want = 0},
    {.name = "empty_is_invalid", .text = ""},
    {.name = "bytes_unit_is_invalid", .text = "1KB"},
    {.name = "lowercase_binary_is_invalid", .text = "1gi"},
    {.name = "suffix_without_number_is_invalid", .text = "Gi"},
    {.name = "word_is_invalid", .text = "lots"},
};

class ParseMemoryTest : public testing::TestWithParam<QuantityCase> {};

TEST_P(ParseMemoryTest, parses_bytes) {
  const QuantityCase& c = GetParam();
  EXPECT_EQ(parse_memory_bytes(c.text), c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, ParseMemoryTest, testing::ValuesIn(kMemoryCases), name_of<QuantityCase>);

struct FormatCase {
  std::string_view name;
  std::int64_t value;
  std::string_view want;
};

const FormatCase kFormatCpuCases[] = {
    {.name = "millicores", .value = 500, .want = "500m"},
    {.name = "whole_cores", .value = 2000, .want = "2"},
    {.name = "one_and_a_half_cores", .value = 1500, .want = "1500m"},
    {.name = "one_millicore", .value = 1, .want = "1m"},
    {.name = "zero", .value = 0, .want = "0"},
};

class FormatCpuTest : public testing::TestWithParam<FormatCase> {};

TEST_P(FormatCpuTest, formats_decimal_si) {
  const FormatCase& c = GetParam();
  EXPECT_EQ(format_cpu(c.value), c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, FormatCpuTest, testing::ValuesIn(kFormatCpuCases), name_of<FormatCase>);

const FormatCase kFormatMemoryCases[] = {
    {.name = "mebi", .value = 536870912, .want = "512Mi"},
    {.name = "gibi", .value = 17179869184, .want = "16Gi"},
    {.name = "one_and_a_half_gibi_is_written_in_mebi", .value = 1610612736, .want = "1536Mi"},
    {.name = "kibi", .value = 1024, .want = "1Ki"},
    {.name = "tebi", .value = 1099511627776, .want = "1Ti"},
    {.name = "not_a_power_of_two_multiple", .value = 1000, .want = "1000"},
    {.name = "zero", .value = 0, .want = "0"},
};

class FormatMemoryTest : public testing::TestWithParam<FormatCase> {};

TEST_P(FormatMemoryTest, formats_binary_si) {
  const FormatCase& c = GetParam();
  EXPECT_EQ(format_memory(c.value), c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, FormatMemoryTest, testing::ValuesIn(kFormatMemoryCases), name_of<FormatCase>);

TEST(QuantityRoundTripTest, formatted_values_parse_back) {
  for (std::int64_t millis : {1, 100, 500, 1000, 1500, 2000, 64000}) {
    EXPECT_EQ(parse_cpu_millis(format_cpu(millis)), millis) << format_cpu(millis);
  }
  for (std::int64_t bytes : {std::int64_t{1000}, std::int64_t{1024}, std::int64_t{536870912},
                             std::int64_t{1610612736}, std::int64_t{17179869184}}) {
    EXPECT_EQ(parse_memory_bytes(format_memory(bytes)), bytes) << format_memory(bytes);
  }
}

}  // namespace
}  // namespace jobsim::api
