// jobsim get KIND [NAME] --at TIME SCENARIO.yaml [-o wide|yaml|json]: what `kubectl get` would
// print at that virtual time (report/kubectl.hpp).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "jobsim/report/kubectl.hpp"

namespace jobsim::cli {
namespace {

struct GetArgs {
  std::vector<std::string> positionals;  // KIND [NAME] SCENARIO
  std::string output;
  SnapshotArgs snapshot;
};

int print_output(const report::kubectl::Output& output) {
  std::cout << output.out;
  std::cerr << output.err;
  return output.exit_code;
}

int get(GetArgs& args) {
  if (args.positionals.size() < 2 || args.positionals.size() > 3) {
    std::cerr << "jobsim get: expected KIND [NAME] SCENARIO.yaml\n";
    return kExitUsage;
  }
  const std::optional<report::kubectl::OutputFormat> format = report::kubectl::parse_output_format(args.output);
  if (!format) {
    std::cerr << "error: unable to match a printer suitable for the output format \"" << args.output
              << "\", allowed formats are: json,wide,yaml\n";
    return kExitUsage;
  }
  report::kubectl::GetRequest request{.resource = args.positionals.front(), .format = *format};
  if (args.positionals.size() == 3) request.name = args.positionals[1];
  // kubectl rejects an unknown resource type before it reads anything.
  if (!report::kubectl::resolve_kind(request.resource)) {
    return print_output(report::kubectl::unknown_resource(request.resource));
  }
  args.snapshot.scenario = args.positionals.back();
  return with_snapshot(args.snapshot, [&](const cluster::ApiServer& server, const report::kubectl::EventStore&,
                                          engine::SimTime now) {
    return print_output(report::kubectl::get(server, request, now));
  });
}

}  // namespace

Command add_get_command(CLI::App& app) {
  auto args = std::make_shared<GetArgs>();
  CLI::App* command = app.add_subcommand("get", "What `kubectl get KIND [NAME]` prints at a virtual time");
  command->add_option("args", args->positionals, "KIND [NAME] SCENARIO.yaml")->required();
  command->add_option("-o,--output", args->output, "Output format: wide, yaml or json");
  add_snapshot_options(*command, args->snapshot);
  return {command, [args] { return get(*args); }};
}

}  // namespace jobsim::cli
