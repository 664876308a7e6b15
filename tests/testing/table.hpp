// Helpers for table-driven tests (CONTRIBUTING.md "Tests"): every case struct has a `name`, which names
// the instantiated test and is what a failure prints instead of the struct's bytes.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace jobsim::test_support {

// name_of names a parameterised test after its case: INSTANTIATE_TEST_SUITE_P(..., name_of<Case>).
template <class Case>
std::string name_of(const ::testing::TestParamInfo<Case>& info) {
  return std::string(info.param.name);
}

}  // namespace jobsim::test_support

// JOBSIM_PRINT_CASES_BY_NAME defines, in the current namespace (where GoogleTest finds it by
// argument-dependent lookup), a PrintTo that prints a case by its name.
#define JOBSIM_PRINT_CASES_BY_NAME()                     \
  template <typename Case>                               \
    requires requires(const Case& c) { c.name; }         \
  void PrintTo(const Case& c, std::ostream* out) {       \
    *out << c.name;                                      \
  }
