// The jobsim subcommands. Each lives in its own file: add_<name>_command declares the
// subcommand and its options on `app` and returns what to run when the user chose it.
// Exit codes (SPEC.md 1): kExitOk, kExitInvalid (a failed expectation or invalid input),
// kExitUsage.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/report/expectations.hpp"
#include "jobsim/scenario/load.hpp"

namespace jobsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_test_command(CLI::App& app);

// Shared helpers (common.cpp).
void print_errors(const scenario::ScenarioError& error);
bool write_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);
// load_or_report loads a scenario; on error prints the messages and returns nullopt.
std::optional<scenario::Scenario> load_or_report(const std::string& file, const scenario::LoadOptions& options = {});
// print_expectation_results prints "<indent>PASS|FAIL <message>" per entry (and its description
// below a failure), all of them or only the failed ones.
enum class ResultFilter : std::uint8_t { All, Failed };
void print_expectation_results(std::ostream& out, const report::ExpectationChecker& checker, ResultFilter filter,
                               std::string_view indent);

}  // namespace jobsim::cli
