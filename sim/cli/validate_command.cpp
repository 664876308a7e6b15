// jobsim validate SCENARIO.yaml...: parse and check only; exit 1 with errors.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"

namespace jobsim::cli {

Command add_validate_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* validate = app.add_subcommand("validate", "Parse and check scenarios; exit 1 with errors");
  validate->add_option("scenarios", *files, "Scenario files")->required();
  return {validate, [files] {
            int status = kExitOk;
            for (const std::string& file : *files) {
              if (load_or_report(file)) {
                std::cout << file << ": ok\n";
              } else {
                status = kExitInvalid;
              }
            }
            return status;
          }};
}

}  // namespace jobsim::cli
