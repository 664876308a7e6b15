// jobsim test SCENARIO.yaml... [--seed N] [--set PATH=VALUE]... [--verbose]
// Runs each scenario to its end and checks its `expect:` entries (docs/expectations.md).
// One line per scenario: PASS, FAIL (then each failed entry), NONE (no expectations: reported,
// not a failure) or ERROR (invalid file: its errors go to stderr). Exit 1 when any scenario
// failed or was invalid.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "jobsim/world/world.hpp"

namespace jobsim::cli {
namespace {

struct TestArgs {
  std::vector<std::string> scenarios;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  bool verbose = false;
};

std::string plural(std::size_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

int run_tests(const TestArgs& args) {
  const scenario::LoadOptions options = load_options(args.sets, args.seed);
  std::size_t passed = 0, failed = 0, invalid = 0, without = 0;
  for (const std::string& file : args.scenarios) {
    const std::optional<scenario::Scenario> scenario = load_or_report(file, options);
    if (!scenario) {
      std::cout << "ERROR " << file << " (invalid scenario)\n";
      ++invalid;
      continue;
    }
    if (scenario->expectations.empty()) {
      // Nothing to check is not a failure (a scenario may be there for its golden log), but it
      // is said, so a forgotten `expect:` does not pass unnoticed.
      std::cout << "NONE  " << file << " (no expectations)\n";
      ++without;
      continue;
    }
    world::World world(*scenario);
    world.finish();
    const report::ExpectationChecker& checker = world.expectations();
    const std::size_t failures = checker.failed();
    const std::string count = plural(checker.results().size(), "expectation");
    if (failures == 0) {
      std::cout << "PASS  " << file << " (" << count << ")\n";
      ++passed;
    } else {
      std::cout << "FAIL  " << file << " (" << count << ", " << failures << " failed)\n";
      ++failed;
    }
    print_expectation_results(std::cout, checker, args.verbose ? ResultFilter::All : ResultFilter::Failed, "  ");
  }
  std::cout << plural(args.scenarios.size(), "scenario") << ": " << passed << " passed, " << failed << " failed, "
            << invalid << " invalid, " << without << " without expectations\n";
  return failed + invalid == 0 ? kExitOk : kExitInvalid;
}

}  // namespace

Command add_test_command(CLI::App& app) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* test = app.add_subcommand("test", "Run scenarios and check every expect; exit 1 on any failure");
  test->add_option("scenarios", args->scenarios, "Scenario files")->required();
  test->add_option("--seed", args->seed, "Override every scenario's seed");
  test->add_option("--set", args->sets, "Override a value in every scenario: PATH=VALUE (cluster.nodes[0].count=6)");
  test->add_flag("--verbose,-v", args->verbose, "Print every expectation, not only the failed ones");
  return {test, [args] { return run_tests(*args); }};
}

}  // namespace jobsim::cli
