// Cell helpers shared by the kubectl tables and describe (private to the report layer).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "jobsim/api/pod.hpp"

namespace jobsim::report::kubectl {

// container_cells joins container names and images with ","
// (upstream printers.go layoutContainerCells).
std::pair<std::string, std::string> container_cells(const std::vector<api::Container>& containers);

}  // namespace jobsim::report::kubectl
