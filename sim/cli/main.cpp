// jobsim command line (CLI11). The only code that touches argv, files, stdout/stderr and the
// wall clock (STYLE.md 3.5). Exit codes (SPEC.md 1): 0 success; 1 failed expectation or
// invalid input; 2 usage error.
#include <unistd.h>  // isatty

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::string until;
  std::vector<std::string> sets;
  bool quiet = false;
  bool wall_time = false;
};

void print_errors(const jobsim::scenario::ScenarioError& error) {
  for (const std::string& message : error.messages()) std::cerr << message << '\n';
}

bool write_file(const std::filesystem::path& path, const auto& write) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "jobsim: cannot write " << path.string() << '\n';
    return false;
  }
  write(out);
  return static_cast<bool>(out);
}

// run_with_progress advances the world in slices so a long run can show a progress bar on a
// terminal; the slicing does not change the simulation (events run in the same order).
void run_with_progress(jobsim::world::World& world, bool show) {
  const auto& scenario = world.scenario();
  if (!show) {
    world.run_until(scenario.until);
    return;
  }
  const auto wall_start = std::chrono::steady_clock::now();
  const auto span = scenario.until - scenario.start;
  constexpr int kSlices = 100;
  bool drawn = false;
  for (int slice = 1; slice <= kSlices; ++slice) {
    world.run_until(scenario.start + span * slice / kSlices);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    if (elapsed < 0.5) continue;  // short runs get no bar
    drawn = true;
    const int filled = slice * 40 / kSlices;
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(40 - filled), ' ') << "] " << slice << "% "
              << world.sim().events_processed() << " events" << std::flush;
  }
  if (drawn) std::cerr << '\n';
}

int run_command(const RunArgs& args) {
  jobsim::scenario::LoadOptions options;
  options.set_overrides = args.sets;
  options.seed = args.seed;
  if (!args.until.empty()) options.until = args.until;
  std::optional<jobsim::scenario::Scenario> scenario;
  try {
    scenario = jobsim::scenario::load_scenario(args.scenario, options);
  } catch (const jobsim::scenario::ScenarioError& error) {
    print_errors(error);
    return kExitInvalid;
  }
  const auto wall_start = std::chrono::steady_clock::now();
  jobsim::world::World world(*scenario);
  run_with_progress(world, !args.quiet && isatty(STDERR_FILENO) != 0);
  const double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  world.finish(args.wall_time ? std::optional<double>(wall_seconds) : std::nullopt);

  for (const std::string& warning : world.warnings()) std::cerr << "warning: " << warning << '\n';
  if (!args.quiet) {
    world.recorder().write_text_summary(std::cout);
    std::cout << "simulated " << jobsim::engine::format_duration(scenario->until - scenario->start) << " in "
              << world.sim().events_processed() << " events (" << wall_seconds << " s wall)\n";
  }
  if (!args.out.empty()) {
    std::error_code error;
    std::filesystem::create_directories(args.out, error);
    if (error) {
      std::cerr << "jobsim: cannot create " << args.out << ": " << error.message() << '\n';
      return kExitInvalid;
    }
    const std::filesystem::path dir(args.out);
    const auto& recorder = world.recorder();
    const bool ok = write_file(dir / "events.jsonl", [&](std::ostream& out) { recorder.write_events_jsonl(out); }) &&
                    write_file(dir / "summary.json", [&](std::ostream& out) { recorder.write_summary_json(out); }) &&
                    write_file(dir / "timeseries.csv", [&](std::ostream& out) { recorder.write_timeseries_csv(out); });
    if (!ok) return kExitInvalid;
  }
  return kExitOk;
}

int validate_command(const std::vector<std::string>& files) {
  int status = kExitOk;
  for (const std::string& file : files) {
    try {
      jobsim::scenario::load_scenario(file);
      std::cout << file << ": ok\n";
    } catch (const jobsim::scenario::ScenarioError& error) {
      print_errors(error);
      status = kExitInvalid;
    }
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"jobsim: a discrete-event simulator of Kubernetes Jobs and CronJobs"};
  app.set_version_flag("--version", "jobsim 0.1.0");
  app.require_subcommand(1);

  RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Run a scenario and print a summary; --out writes the outputs");
  run->add_option("scenario", run_args.scenario, "Scenario file (YAML)")->required();
  run->add_option("--out", run_args.out, "Directory for events.jsonl, summary.json, timeseries.csv");
  run->add_option("--seed", run_args.seed, "Override the scenario's seed");
  run->add_option("--until", run_args.until, "End time: RFC 3339, +offset from start (+2h30m), or end");
  run->add_option("--set", run_args.sets, "Override a scenario value: PATH=VALUE (cluster.nodes[0].count=6)");
  run->add_flag("--quiet", run_args.quiet, "No summary on stdout and no progress bar");
  run->add_flag("--wall-time", run_args.wall_time,
                "Record wall-clock seconds in summary.json (outputs are then no longer byte-identical)");

  std::vector<std::string> validate_files;
  CLI::App* validate = app.add_subcommand("validate", "Parse and check scenarios; exit 1 with errors");
  validate->add_option("scenarios", validate_files, "Scenario files")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (*run) return run_command(run_args);
  if (*validate) return validate_command(validate_files);
  return kExitUsage;
}
