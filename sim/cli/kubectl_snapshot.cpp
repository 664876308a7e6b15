// The shared part of `jobsim get` and `jobsim describe`: run the scenario up to --at and hand
// the cluster's state to a kubectl printer.
#include <iostream>

#include "cli/commands.hpp"
#include "jobsim/world/world.hpp"

namespace jobsim::cli {

void add_snapshot_options(CLI::App& command, SnapshotArgs& args) {
  command.add_option("--at", args.at, "Virtual time to look at: RFC 3339, +offset from start (+90s), or end")
      ->required();
  command.add_option("--seed", args.seed, "Override the scenario's seed");
  command.add_option("--set", args.sets, "Override a scenario value: PATH=VALUE");
}

int with_snapshot(const SnapshotArgs& args,
                  const std::function<int(const cluster::ApiServer&, const report::kubectl::EventStore&,
                                          engine::SimTime)>& print) {
  const std::optional<scenario::Scenario> scenario = load_or_report(args.scenario, load_options(args.sets, args.seed));
  if (!scenario) return kExitInvalid;
  const std::optional<engine::SimTime> at = scenario::parse_time_arg(args.at, scenario->start, scenario->until);
  if (!at) {
    std::cerr << "jobsim: --at " << args.at << ": expected RFC 3339 (2026-03-01T02:30:00Z), +offset (+90m), or end\n";
    return kExitUsage;
  }
  if (*at < scenario->start || *at > scenario->until) {
    std::cerr << "jobsim: --at " << args.at << " (" << engine::to_rfc3339(*at) << ") is outside the scenario's run "
              << engine::to_rfc3339(scenario->start) << " .. " << engine::to_rfc3339(scenario->until) << '\n';
    return kExitUsage;
  }
  world::World world(*scenario);
  report::kubectl::EventStore events(scenario->cluster.event_ttl);  // cluster.timings.eventTTL
  events.connect(world.events());
  world.run_until(*at);
  return print(world.api(), events, *at);
}

}  // namespace jobsim::cli
