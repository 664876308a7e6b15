// jobsim command line (CLI11). sim/cli/ is the only code that touches argv, files,
// stdout/stderr and the wall clock (CONTRIBUTING.md "Time, ordering and randomness"). One file per subcommand (commands.hpp).
#include <CLI/CLI.hpp>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace jobsim::cli;
  CLI::App app{"jobsim: a discrete-event simulator of Kubernetes Jobs and CronJobs"};
  app.set_version_flag("--version", "jobsim 0.1.0");
  app.require_subcommand(1);

  const std::vector<Command> commands = {
      add_run_command(app),
      add_validate_command(app),
      add_get_command(app),
      add_describe_command(app),
      add_schedule_command(app),
      add_test_command(app),
      add_sweep_command(app),
      add_merge_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (const Command& command : commands) {
    if (*command.app) return command.run();
  }
  return kExitUsage;
}
