#include <fstream>
#include <iostream>

#include "cli/commands.hpp"

namespace jobsim::cli {

void print_errors(const scenario::ScenarioError& error) {
  for (const std::string& message : error.messages()) std::cerr << message << '\n';
}

bool write_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  // Through a temporary file in the same folder, renamed when complete: a failure leaves no
  // half-written output (summary.json, sweep.json, replications.csv, sweep-shard.json).
  const std::filesystem::path temporary = path.string() + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (out) {
      write(out);
      out.flush();
    }
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      std::cerr << "jobsim: cannot write " << path.string() << '\n';
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::cerr << "jobsim: cannot write " << path.string() << ": " << error.message() << '\n';
    return false;
  }
  return true;
}

scenario::LoadOptions load_options(const std::vector<std::string>& sets, std::optional<std::uint64_t> seed,
                                   const std::string& until) {
  scenario::LoadOptions options;
  options.set_overrides = sets;
  options.seed = seed;
  if (!until.empty()) options.until = until;
  return options;
}

std::optional<scenario::Scenario> load_or_report(const std::string& file, const scenario::LoadOptions& options) {
  try {
    return scenario::load_scenario(file, options);
  } catch (const scenario::ScenarioError& error) {
    print_errors(error);
    return std::nullopt;
  }
}

void print_expectation_results(std::ostream& out, const report::ExpectationChecker& checker, ResultFilter filter,
                               std::string_view indent) {
  for (const report::ExpectationResult& result : checker.results()) {
    if (result.passed && filter == ResultFilter::Failed) continue;
    out << indent << (result.passed ? "PASS " : "FAIL ") << result.message << '\n';
    const std::string& description = checker.specs()[result.index].description;
    if (!result.passed && !description.empty()) out << indent << "     " << description << '\n';
  }
}

}  // namespace jobsim::cli
