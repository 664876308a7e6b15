// jobsim sweep SCENARIO.yaml --replications N [--grid PATH=V1,V2,...]... [--set PATH=VALUE]...
//              [--seed N] [--until TIME] [--jobs N] [--shard-index I --shard-count K] [--out DIR] [--quiet]
// jobsim merge DIR... --out DIR [--quiet]
// docs/sweeps.md describes both.
#include <unistd.h>  // isatty

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.hpp"
#include "jobsim/sweep/plan.hpp"
#include "jobsim/sweep/replication.hpp"
#include "jobsim/sweep/results.hpp"

namespace jobsim::cli {
namespace {

// More threads than this is a typo, not a machine (each thread holds its own scenarios).
constexpr unsigned kMaxJobs = 1024;

struct SweepArgs {
  std::string scenario;
  std::uint64_t replications = 0;
  std::vector<std::string> grid;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::string until;
  unsigned jobs = 0;  // 0: the number of cores
  std::optional<std::uint64_t> shard_index;
  std::optional<std::uint64_t> shard_count;
  std::string out;
  bool quiet = false;
};

// ProgressLine: "runs done/total, elapsed, ETA" on stderr, redrawn in place.
class ProgressLine {
 public:
  explicit ProgressLine(bool show) : show_(show), start_(std::chrono::steady_clock::now()) {}
  void update(std::uint64_t done, std::uint64_t total) {
    if (!show_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed < 0.5 && done < total) return;
    drawn_ = true;
    std::cerr << "\rsweep: " << done << "/" << total << " runs, " << static_cast<long long>(elapsed) << " s";
    if (done > 0 && done < total) {
      const double eta = elapsed / static_cast<double>(done) * static_cast<double>(total - done);
      std::cerr << ", about " << static_cast<long long>(eta + 0.5) << " s left";
    }
    std::cerr << "      " << std::flush;
  }
  ~ProgressLine() {
    if (drawn_) std::cerr << '\n';
  }

 private:
  bool show_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

// resolve_shard: --shard-index and --shard-count, the index from JOB_COMPLETION_INDEX (a
// Kubernetes Indexed Job) when only the count is given.
std::optional<sweep::Shard> resolve_shard(const SweepArgs& args) {
  if (!args.shard_index && !args.shard_count) return sweep::Shard{};
  if (!args.shard_count) {
    std::cerr << "--shard-index " << *args.shard_index << ": give --shard-count K too (the number of shards)\n";
    return std::nullopt;
  }
  if (*args.shard_count == 0) {
    std::cerr << "--shard-count 0: expected at least 1\n";
    return std::nullopt;
  }
  sweep::Shard shard{.index = 0, .count = *args.shard_count};
  if (args.shard_index) {
    shard.index = *args.shard_index;
  } else {
    const char* env = std::getenv("JOB_COMPLETION_INDEX");
    if (env == nullptr) {
      std::cerr << "--shard-count " << shard.count
                << ": give --shard-index I, or run in a Kubernetes Indexed Job (JOB_COMPLETION_INDEX is not set)\n";
      return std::nullopt;
    }
    const std::string text(env);
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
      std::cerr << "JOB_COMPLETION_INDEX=" << text << ": expected a shard index, a non-negative integer\n";
      return std::nullopt;
    }
    shard.index = std::stoull(text);
  }
  if (shard.index >= shard.count) {
    std::cerr << (args.shard_index ? "--shard-index " : "JOB_COMPLETION_INDEX=") << shard.index
              << ": must be below --shard-count " << shard.count << '\n';
    return std::nullopt;
  }
  return shard;
}

// prepare_out creates --out and checks that it takes files before any run starts.
bool prepare_out(const std::string& out) {
  if (out.empty()) return true;
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error || !std::filesystem::is_directory(out, error)) {
    std::cerr << "--out " << out << ": cannot create the folder" << (error ? ": " + error.message() : "") << '\n';
    return false;
  }
  const std::filesystem::path probe = std::filesystem::path(out) / ".jobsim-write-test";
  {
    std::ofstream test(probe);
    if (!test) {
      std::cerr << "--out " << out << ": cannot write in the folder\n";
      return false;
    }
  }
  std::filesystem::remove(probe, error);
  return true;
}

void print_warnings(const std::vector<sweep::ReplicationRecord>& records) {
  std::set<std::string> seen;
  for (const sweep::ReplicationRecord& record : records) {
    for (const std::string& warning : record.warnings) {
      if (seen.insert(warning).second) std::cerr << "warning: " << warning << '\n';
    }
  }
}

// write_outputs writes sweep.json and replications.csv into `out` (if any) and prints the tables.
int write_outputs(const sweep::SweepPlan& plan, const std::vector<sweep::ReplicationRecord>& records,
                  const std::string& out, bool quiet) {
  if (!out.empty()) {
    const std::filesystem::path dir(out);
    for (const auto& [name, writer] :
         std::vector<std::pair<std::string, std::function<void(std::ostream&)>>>{
             {"sweep.json", [&](std::ostream& o) { sweep::write_sweep_json(o, plan, records); }},
             {"replications.csv", [&](std::ostream& o) { sweep::write_replications_csv(o, plan, records); }}}) {
      if (!write_file(dir / name, writer)) return kExitInvalid;
    }
  }
  if (!quiet) {
    sweep::write_tables(std::cout, plan, records);
    std::cout << "\nReplication r of a point is `jobsim run " << plan.scenario
              << " --seed SEED` with that point's --set values, SEED being its `seed` column in replications.csv.\n";
  }
  return kExitOk;
}

int run_sweep(const SweepArgs& args) {
  sweep::SweepPlan plan;
  plan.scenario = args.scenario;
  plan.replications = args.replications;
  plan.sets = args.sets;
  plan.until = args.until;
  try {
    for (const std::string& flag : args.grid) plan.grid.push_back(sweep::parse_grid_flag(flag));
    plan.points = sweep::expand_grid(plan.grid);
  } catch (const sweep::SweepError& error) {
    print_errors(error);
    return kExitInvalid;
  }
  if (args.replications == 0 || args.replications > sweep::kMaxRuns / plan.points.size()) {
    std::cerr << "--replications " << args.replications << ": expected 1 to " << sweep::kMaxRuns / plan.points.size()
              << " (" << plan.points.size() << " grid point" << (plan.points.size() == 1 ? "" : "s")
              << ", at most " << sweep::kMaxRuns << " runs in a sweep)\n";
    return kExitInvalid;
  }
  if (args.jobs > kMaxJobs) {
    std::cerr << "--jobs " << args.jobs << ": expected 0 (the number of cores) to " << kMaxJobs << " threads\n";
    return kExitInvalid;
  }
  const std::optional<sweep::Shard> shard = resolve_shard(args);
  if (!shard) return kExitInvalid;
  const bool sharded = shard->count > 1 || args.shard_count.has_value();
  if (sharded && args.out.empty()) {
    std::cerr << "--shard-count " << shard->count << ": a shard writes its runs for `jobsim merge`: give --out DIR\n";
    return kExitInvalid;
  }

  const std::optional<scenario::Scenario> base = load_or_report(plan.scenario, load_options(plan.sets, args.seed, plan.until));
  if (!base) return kExitInvalid;
  plan.seed = base->seed;
  try {
    sweep::check_points(plan);
  } catch (const scenario::ScenarioError& error) {
    print_errors(error);
    return kExitInvalid;
  }
  if (!prepare_out(args.out)) return kExitInvalid;

  const unsigned jobs = args.jobs > 0 ? args.jobs : std::max(1U, std::thread::hardware_concurrency());
  if (!args.quiet) {
    std::cerr << "sweep: " << plan.scenario << ", seed " << plan.seed << ", " << plan.points.size() << " point"
              << (plan.points.size() == 1 ? "" : "s") << " x " << plan.replications << " replications";
    if (sharded) std::cerr << ", shard " << shard->index << " of " << shard->count;
    std::cerr << ", " << jobs << " thread" << (jobs == 1 ? "" : "s") << '\n';
  }
  std::vector<sweep::ReplicationRecord> records;
  {
    ProgressLine progress(!args.quiet && isatty(STDERR_FILENO) != 0);
    records = sweep::run_tasks(plan, *shard, jobs, [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
  }
  print_warnings(records);

  if (sharded) {
    const sweep::ShardFile file{.plan = plan, .shard = *shard, .digest = sweep::scenario_digest(plan.scenario), .records = records};
    const std::filesystem::path path = std::filesystem::path(args.out) / sweep::kShardFile;
    if (!write_file(path, [&](std::ostream& out) { sweep::write_shard(out, file); })) return kExitInvalid;
    if (!args.quiet) {
      std::cout << "shard " << shard->index << " of " << shard->count << ": " << records.size() << " runs in " << path.string()
                << "; combine the shards with `jobsim merge DIR... --out DIR`\n";
    }
    return kExitOk;
  }
  return write_outputs(plan, records, args.out, args.quiet);
}

struct MergeArgs {
  std::vector<std::string> dirs;
  std::string out;
  bool quiet = false;
};

int run_merge(const MergeArgs& args) {
  std::vector<sweep::ShardFile> shards;
  std::vector<std::string> errors;
  for (const std::string& dir : args.dirs) {
    try {
      shards.push_back(sweep::read_shard(dir));
    } catch (const sweep::SweepError& error) {
      errors.insert(errors.end(), error.lines().begin(), error.lines().end());
    }
  }
  if (!errors.empty()) {
    for (const std::string& line : errors) std::cerr << line << '\n';
    return kExitInvalid;
  }
  sweep::ShardFile merged;
  try {
    merged = sweep::merge_shards(shards, args.dirs);
  } catch (const sweep::SweepError& error) {
    print_errors(error);
    return kExitInvalid;
  }
  if (!prepare_out(args.out)) return kExitInvalid;
  print_warnings(merged.records);
  return write_outputs(merged.plan, merged.records, args.out, args.quiet);
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* sweep_app =
      app.add_subcommand("sweep", "Replicate a scenario over a grid of values; statistics in sweep.json (docs/sweeps.md)");
  sweep_app->add_option("scenario", args->scenario, "Scenario file (YAML)")->required();
  sweep_app->add_option("--replications", args->replications, "Replications of every grid point")->required();
  sweep_app->add_option("--grid", args->grid, "PATH=V1,V2,...: one axis of the grid (several: their product)");
  sweep_app->add_option("--set", args->sets, "Override a scenario value for every point: PATH=VALUE");
  sweep_app->add_option("--seed", args->seed, "Override the scenario's seed");
  sweep_app->add_option("--until", args->until, "End time: RFC 3339, +offset from start, or end");
  sweep_app->add_option("--jobs", args->jobs, "Threads (default: the number of cores)");
  sweep_app->add_option("--shard-index", args->shard_index, "This shard (default: $JOB_COMPLETION_INDEX)");
  sweep_app->add_option("--shard-count", args->shard_count, "Number of shards the runs are split into");
  sweep_app->add_option("--out", args->out, "Directory for sweep.json and replications.csv (a shard: sweep-shard.json)");
  sweep_app->add_flag("--quiet", args->quiet, "No tables and no progress line");
  return {sweep_app, [args] { return run_sweep(*args); }};
}

Command add_merge_command(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* merge_app = app.add_subcommand("merge", "Merge the shard folders of one sweep into sweep.json and replications.csv");
  merge_app->add_option("dirs", args->dirs, "Shard folders (each a --out of `jobsim sweep --shard-count K`)")->required();
  merge_app->add_option("--out", args->out, "Directory for sweep.json and replications.csv")->required();
  merge_app->add_flag("--quiet", args->quiet, "No tables");
  return {merge_app, [args] { return run_merge(*args); }};
}

}  // namespace jobsim::cli
