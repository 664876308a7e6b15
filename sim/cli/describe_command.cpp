// jobsim describe KIND/NAME --at TIME SCENARIO.yaml (also KIND NAME): what `kubectl describe`
// would print at that virtual time, with the object's Events (report/kubectl.hpp).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "jobsim/report/kubectl.hpp"

namespace jobsim::cli {
namespace {

struct DescribeArgs {
  std::vector<std::string> positionals;  // KIND/NAME SCENARIO, or KIND NAME SCENARIO
  SnapshotArgs snapshot;
};

int describe(DescribeArgs& args) {
  std::string resource;
  std::string name;
  if (args.positionals.size() == 2) {
    const std::string& target = args.positionals.front();
    const auto slash = target.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == target.size()) {
      std::cerr << "jobsim describe: expected KIND/NAME (job/backup) or KIND NAME, got \"" << target << "\"\n";
      return kExitUsage;
    }
    resource = target.substr(0, slash);
    name = target.substr(slash + 1);
  } else if (args.positionals.size() == 3) {
    resource = args.positionals[0];
    name = args.positionals[1];
  } else {
    std::cerr << "jobsim describe: expected KIND/NAME SCENARIO.yaml\n";
    return kExitUsage;
  }
  if (!report::kubectl::resolve_kind(resource)) {
    const report::kubectl::Output output = report::kubectl::unknown_resource(resource);
    std::cerr << output.err;
    return output.exit_code;
  }
  args.snapshot.scenario = args.positionals.back();
  return with_snapshot(args.snapshot, [&](const cluster::ApiServer& server, const report::kubectl::EventStore& events,
                                          engine::SimTime now) {
    const report::kubectl::Output output = report::kubectl::describe(server, events, resource, name, now);
    std::cout << output.out;
    std::cerr << output.err;
    return output.exit_code;
  });
}

}  // namespace

Command add_describe_command(CLI::App& app) {
  auto args = std::make_shared<DescribeArgs>();
  CLI::App* command =
      app.add_subcommand("describe", "What `kubectl describe KIND/NAME` prints at a virtual time, with Events");
  command->add_option("args", args->positionals, "KIND/NAME SCENARIO.yaml")->required();
  add_snapshot_options(*command, args->snapshot);
  return {command, [args] { return describe(*args); }};
}

}  // namespace jobsim::cli
