// jobsim schedule EXPR [--time-zone TZ] [--controller-time-zone TZ] [--from TIME] [--count N]
// [-o json]: the next activations exactly as the CronJob controller computes them (README.md "The command line").
//
// - The expression and --time-zone are validated as the API server does on create; a failure
//   prints the upstream messages ("spec.schedule: Invalid value: ...") and exits 1. So a legacy
//   TZ=/CRON_TZ= prefix is rejected, as it is for new CronJobs since Kubernetes 1.29.
// - With --time-zone the parsed string is "TZ=<tz> <expr>" (formatSchedule); without it the
//   schedule runs in the controller's zone (--controller-time-zone, default UTC).
// - --from defaults to the current wall-clock time (the one place jobsim reads it for a result);
//   pass --from for reproducible output. Activations are printed in the schedule's zone.
// - A schedule that never fires within robfig's search limit (e.g. "0 0 30 2 *") is valid for
//   the API server; it prints that it never fires (the controller would report InvalidSchedule)
//   and exits 0 with no activations.
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "jobsim/api/validation.hpp"
#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::cli {
namespace {

struct ScheduleArgs {
  std::string expression;
  std::optional<std::string> time_zone;
  std::string controller_time_zone = "UTC";
  std::string from;
  int count = 5;
  std::string output;
};

constexpr std::string_view kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

int run_schedule(const ScheduleArgs& args) {
  std::vector<api::FieldError> errors = api::validate_cron_job_schedule(args.expression);
  const std::vector<api::FieldError> zone_errors = api::validate_cron_job_time_zone(args.time_zone);
  errors.insert(errors.end(), zone_errors.begin(), zone_errors.end());
  if (!errors.empty()) {
    for (const api::FieldError& error : errors) std::cerr << error.path << ": " << error.message << '\n';
    return kExitInvalid;
  }
  const cron::LoadResult controller_zone = cron::TimeZone::load(args.controller_time_zone);
  if (!controller_zone.zone) {
    std::cerr << "jobsim schedule: --controller-time-zone: " << controller_zone.error << '\n';
    return kExitInvalid;
  }
  engine::SimTime from;
  if (args.from.empty()) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    from = engine::SimTime(std::chrono::duration_cast<engine::Duration>(now));
  } else if (const auto parsed = engine::parse_rfc3339(args.from)) {
    from = *parsed;
  } else {
    std::cerr << "jobsim schedule: --from: expected an RFC 3339 time such as 2026-03-01T02:30:00Z, got \""
              << args.from << "\"\n";
    return kExitUsage;  // a malformed flag value, like get's --at
  }

  const std::string parsed_text = cron::schedule_with_time_zone(args.expression, args.time_zone);
  const cron::ParseResult parsed = cron::Schedule::parse_standard(parsed_text);
  if (!parsed.schedule) {  // validation passed, so only a zone the controller cannot load
    std::cerr << "jobsim schedule: unparseable schedule: \"" << parsed_text << "\" : " << parsed.error << '\n';
    return kExitInvalid;
  }
  const cron::Schedule& schedule = *parsed.schedule;
  const cron::TimeZone& local = *controller_zone.zone;
  const cron::TimeZone& shown = schedule.zone() ? *schedule.zone() : local;

  std::vector<engine::SimTime> activations;
  engine::SimTime at = from;
  for (int i = 0; i < args.count; ++i) {
    at = schedule.next(at, local);
    if (at == cron::kZeroTime) break;
    activations.push_back(at);
  }

  if (args.output == "json") {
    nlohmann::ordered_json out;
    out["schedule"] = args.expression;
    out["timeZone"] = args.time_zone ? nlohmann::ordered_json(*args.time_zone) : nlohmann::ordered_json(nullptr);
    out["controllerTimeZone"] = local.name();
    out["from"] = cron::format_rfc3339(from, shown);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const engine::SimTime activation : activations) list.push_back(cron::format_rfc3339(activation, shown));
    out["activations"] = std::move(list);
    std::cout << out.dump() << '\n';
    return kExitOk;
  }
  std::cout << "schedule: " << args.expression << "\n"
            << "zone:     " << shown.name()
            << (args.time_zone ? " (spec.timeZone)" : " (kube-controller-manager's zone; no spec.timeZone)") << "\n";
  for (const engine::SimTime activation : activations) {
    const cron::CivilTime wall = cron::civil_time(activation, shown);
    std::cout << cron::format_rfc3339(activation, shown) << "  " << kWeekdays[cron::weekday(wall)] << ' '
              << shown.abbreviation_at(activation) << '\n';
  }
  if (static_cast<int>(activations.size()) < args.count) {
    std::cout << (activations.empty() ? "never fires" : "no further activations")
              << ": nothing matches before the search limit (the rest of the year plus five years); the CronJob "
                 "controller reports InvalidSchedule\n";
  }
  return kExitOk;
}

}  // namespace

Command add_schedule_command(CLI::App& app) {
  auto args = std::make_shared<ScheduleArgs>();
  CLI::App* command =
      app.add_subcommand("schedule", "Print the next activations of a cron schedule, as the CronJob controller computes them");
  command->add_option("expression", args->expression, "Cron expression (spec.schedule), e.g. \"30 2 * * *\"")
      ->required();
  command->add_option("--time-zone", args->time_zone, "spec.timeZone (IANA name)");
  command->add_option("--controller-time-zone", args->controller_time_zone,
                      "kube-controller-manager's local zone, used without --time-zone")
      ->capture_default_str();
  command->add_option("--from", args->from, "RFC 3339 start instant (default: now)");
  command->add_option("--count", args->count, "Number of activations")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("-o,--output", args->output, "Output format")->check(CLI::IsMember({"json"}));
  return {command, [args] { return run_schedule(*args); }};
}

}  // namespace jobsim::cli
