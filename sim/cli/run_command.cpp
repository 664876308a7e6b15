// jobsim run SCENARIO.yaml [--out DIR] [--seed N] [--until TIME] [--set PATH=VALUE]... [--quiet]
#include <unistd.h>  // isatty

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "jobsim/report/file_writer.hpp"
#include "jobsim/world/world.hpp"

namespace jobsim::cli {
namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::string until;
  std::vector<std::string> sets;
  bool quiet = false;
  bool wall_time = false;
};

// run_with_progress advances the world in slices so a long run can show a progress bar on a
// terminal; the slicing does not change the simulation (events run in the same order).
void run_with_progress(world::World& world, bool show) {
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

// open_line_file opens `path` on `writer` for `output`, or prints why not.
bool open_line_file(report::FileWriter& writer, const std::filesystem::path& path, report::LineOutput& output) {
  std::string error;
  output = writer.open(path, error);
  if (output.empty()) std::cerr << "jobsim: " << error << '\n';
  return !output.empty();
}

int run(const RunArgs& args) {
  const std::optional<scenario::Scenario> scenario =
      load_or_report(args.scenario, load_options(args.sets, args.seed, args.until));
  if (!scenario) return kExitInvalid;
  // --out: the line outputs are streamed while the run goes (RunRecorder::stream_history), so
  // their files are opened before it starts; summary.json is written at the end. Their blocks
  // are written on the FileWriter's thread. Declared before the World: on any exit the World
  // (and its recorder) goes first, then the writer writes what it was given and joins.
  const std::filesystem::path dir(args.out);
  std::optional<report::FileWriter> writer;
  report::HistoryStreams files;
  if (!args.out.empty()) {
    std::error_code error;
    std::filesystem::create_directories(args.out, error);
    if (error) {
      std::cerr << "jobsim: cannot create " << args.out << ": " << error.message() << '\n';
      return kExitInvalid;
    }
    writer.emplace();
    if (!open_line_file(*writer, dir / "events.jsonl", files.events_jsonl) ||
        !open_line_file(*writer, dir / "timeseries.csv", files.timeseries_csv) ||
        !open_line_file(*writer, dir / "nodes.csv", files.nodes_csv)) {
      return kExitInvalid;
    }
  }
  const auto wall_start = std::chrono::steady_clock::now();
  world::World world(*scenario);
  if (!args.out.empty()) world.recorder().stream_history(files);
  run_with_progress(world, !args.quiet && isatty(STDERR_FILENO) != 0);
  const double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  world.finish(args.wall_time ? std::optional<double>(wall_seconds) : std::nullopt);

  for (const std::string& warning : world.warnings()) std::cerr << "warning: " << warning << '\n';
  if (!args.quiet) {
    world.recorder().write_text_summary(std::cout);
    std::cout << "simulated " << engine::format_duration(scenario->until - scenario->start) << " in "
              << world.sim().events_processed() << " events (" << wall_seconds << " s wall)\n";
  }
  if (!args.out.empty()) {
    // finish handed every line over; close waits for the thread to write them.
    const std::vector<std::string> errors = writer->close();
    for (const std::string& error : errors) std::cerr << "jobsim: " << error << '\n';
    if (!errors.empty()) return kExitInvalid;
    if (!write_file(dir / "summary.json", [&](std::ostream& out) { world.recorder().write_summary_json(out); })) {
      return kExitInvalid;
    }
  }
  // Expectations last, so that a failure is the last thing on the screen; exit 1 (README.md "The command line").
  const report::ExpectationChecker& checker = world.expectations();
  if (checker.results().empty()) return kExitOk;
  if (!args.quiet) {
    std::cout << "\nexpectations: " << checker.results().size() - checker.failed() << " passed, " << checker.failed()
              << " failed\n";
    print_expectation_results(std::cout, checker, ResultFilter::All, "  ");
  } else {
    print_expectation_results(std::cerr, checker, ResultFilter::Failed, "");
  }
  return checker.all_passed() ? kExitOk : kExitInvalid;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* run_app = app.add_subcommand("run", "Run a scenario and print a summary; --out writes the outputs");
  run_app->add_option("scenario", args->scenario, "Scenario file (YAML)")->required();
  run_app->add_option("--out", args->out, "Directory for events.jsonl, summary.json, timeseries.csv, nodes.csv");
  run_app->add_option("--seed", args->seed, "Override the scenario's seed");
  run_app->add_option("--until", args->until, "End time: RFC 3339, +offset from start (+2h30m), or end");
  run_app->add_option("--set", args->sets, "Override a scenario value: PATH=VALUE (cluster.nodes[0].count=6)");
  run_app->add_flag("--quiet", args->quiet, "No summary on stdout and no progress bar");
  run_app->add_flag("--wall-time", args->wall_time,
                    "Record wall-clock seconds in summary.json (outputs are then no longer byte-identical)");
  return {run_app, [args] { return run(*args); }};
}

}  // namespace jobsim::cli
