// csv_field: one CSV field as the report's CSV files write it (RFC 4180: quoted only if it holds
// a comma, a quote or a line break; quotes doubled), for other writers of CSV (sweep's
// replications.csv) to follow the same rule.
#pragma once

#include <string>
#include <string_view>

namespace jobsim::report {

std::string csv_field(std::string_view text);

}  // namespace jobsim::report
