// The jobsim subcommands. Each lives in its own file: add_<name>_command declares the
// subcommand and its options on `app` and returns what to run when the user chose it.
// Exit codes (README.md "The command line"): kExitOk, kExitInvalid (a failed expectation or invalid input),
// kExitUsage.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/report/kubectl_event_store.hpp"
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
Command add_get_command(CLI::App& app);
Command add_describe_command(CLI::App& app);
Command add_schedule_command(CLI::App& app);
Command add_test_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);
Command add_merge_command(CLI::App& app);

// Shared helpers (common.cpp).
void print_errors(const scenario::ScenarioError& error);
// write_file writes `path` whole or not at all (a temporary file, renamed); on failure it prints
// "jobsim: cannot write PATH" and returns false.
bool write_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);
// load_options: the LoadOptions of the --set, --seed and --until flags ("" for no --until).
scenario::LoadOptions load_options(const std::vector<std::string>& sets, std::optional<std::uint64_t> seed,
                                   const std::string& until = "");
// load_or_report loads a scenario; on error prints the messages and returns nullopt.
std::optional<scenario::Scenario> load_or_report(const std::string& file, const scenario::LoadOptions& options = {});
// print_expectation_results prints "<indent>PASS|FAIL <message>" per entry (and its description
// below a failure), all of them or only the failed ones.
enum class ResultFilter : std::uint8_t { All, Failed };
void print_expectation_results(std::ostream& out, const report::ExpectationChecker& checker, ResultFilter filter,
                               std::string_view indent);

// The simulated cluster at one instant, for get and describe (kubectl_snapshot.cpp).
struct SnapshotArgs {
  std::string scenario;
  std::string at;  // TIME: RFC 3339, +offset, or end
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
};
void add_snapshot_options(CLI::App& command, SnapshotArgs& args);
// with_snapshot loads the scenario, runs it up to --at with an EventStore listening, and calls
// `print` with the API server, the Events and the instant; returns the exit code.
int with_snapshot(const SnapshotArgs& args,
                  const std::function<int(const cluster::ApiServer&, const report::kubectl::EventStore&,
                                          engine::SimTime)>& print);

}  // namespace jobsim::cli
