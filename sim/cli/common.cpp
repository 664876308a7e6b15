#include <fstream>
#include <iostream>

#include "cli/commands.hpp"

namespace jobsim::cli {

void print_errors(const scenario::ScenarioError& error) {
  for (const std::string& message : error.messages()) std::cerr << message << '\n';
}

bool write_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "jobsim: cannot write " << path.string() << '\n';
    return false;
  }
  write(out);
  return static_cast<bool>(out);
}

std::optional<scenario::Scenario> load_or_report(const std::string& file, const scenario::LoadOptions& options) {
  try {
    return scenario::load_scenario(file, options);
  } catch (const scenario::ScenarioError& error) {
    print_errors(error);
    return std::nullopt;
  }
}

}  // namespace jobsim::cli
