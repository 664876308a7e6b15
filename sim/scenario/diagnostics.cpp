// Diagnostics and ScenarioError (include/jobsim/scenario/load.hpp).
#include "scenario/diagnostics.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "jobsim/scenario/load.hpp"

namespace jobsim::scenario {
namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<std::string> messages)
    : std::runtime_error(join_lines(messages)), messages_(std::move(messages)) {}

std::string format_problem(const Problem& problem) {
  const std::string where = problem.pos.to_string();
  return where.empty() ? problem.message : where + ": " + problem.message;
}

void Diagnostics::add(SourcePos pos, std::string path, std::string message) {
  problems_.push_back({std::move(pos), std::move(path), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other, std::string_view prefix) {
  for (const Problem& problem : other.problems_) {
    problems_.push_back({problem.pos, problem.path, std::string(prefix) + problem.message});
  }
}

bool Diagnostics::has_path(std::string_view path) const {
  for (const Problem& problem : problems_) {
    if (problem.path == path) return true;
  }
  return false;
}

void Diagnostics::sort_by_position() {
  std::map<std::string, std::size_t> file_rank;
  for (const Problem& problem : problems_) file_rank.emplace(problem.pos.file, file_rank.size());
  std::stable_sort(problems_.begin(), problems_.end(), [&file_rank](const Problem& a, const Problem& b) {
    return std::tuple(file_rank.at(a.pos.file), a.pos.line, a.pos.column) <
           std::tuple(file_rank.at(b.pos.file), b.pos.line, b.pos.column);
  });
}

std::vector<std::string> Diagnostics::messages() const {
  std::vector<std::string> lines;
  lines.reserve(problems_.size());
  for (const Problem& problem : problems_) lines.push_back(format_problem(problem));
  return lines;
}

}  // namespace jobsim::scenario
