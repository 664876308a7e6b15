// Diagnostics: the problems found while loading a scenario, collected so that one run of the
// loader reports every problem at once (CONTRIBUTING.md "Errors") instead of stopping at the first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

// Problem is one input error: where it is, which field it is about, and what is wrong.
struct Problem {
  SourcePos pos;
  std::string path;     // field path ("spec.parallelism"), "" when the problem is not about one field
  std::string message;  // the text after "file:line:col: "
};

// format_problem renders "file:line:col: message" (just "message" without a position).
std::string format_problem(const Problem& problem);

class Diagnostics {
 public:
  void add(SourcePos pos, std::string path, std::string message);
  // append copies `other`'s problems, each message prefixed with `prefix` (e.g. `Job "pi": `).
  void append(const Diagnostics& other, std::string_view prefix = {});

  bool empty() const { return problems_.empty(); }
  std::size_t size() const { return problems_.size(); }
  const std::vector<Problem>& problems() const { return problems_; }
  // has_path says whether a problem about exactly this field path was already reported; the
  // object decoders use it to drop a validation error that repeats a decoding error.
  bool has_path(std::string_view path) const;
  std::vector<std::string> messages() const;

  // sort_by_position orders problems as a reader meets them: files in the order they first
  // appear (flags such as "--set ..." count as files), then by line and column. The sort is
  // stable, so problems at one position keep the order they were found in.
  void sort_by_position();

 private:
  std::vector<Problem> problems_;
};

}  // namespace jobsim::scenario
