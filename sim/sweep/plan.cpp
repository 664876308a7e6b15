// Grid flags and their points: include/jobsim/sweep/plan.hpp.
#include "jobsim/sweep/plan.hpp"

#include <set>

namespace jobsim::sweep {
namespace {

// split_values splits at the commas at depth 0, outside single or double quotes.
std::vector<std::string> split_values(std::string_view text) {
  std::vector<std::string> values;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"' && i + 1 < text.size()) {
        current += c;
        current += text[++i];
        continue;
      }
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      values.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  values.push_back(current);
  return values;
}

std::string trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

GridAxis parse_grid_flag(std::string_view text) {
  const std::string flag = "--grid " + std::string(text);
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw SweepError({flag + ": expected PATH=V1,V2,..., such as cluster.nodes[0].count=3,4,5"});
  }
  GridAxis axis{.path = trim(text.substr(0, equals)), .values = {}};
  std::set<std::string> seen;
  std::vector<std::string> errors;
  for (const std::string& raw : split_values(text.substr(equals + 1))) {
    std::string value = trim(raw);
    if (value.empty()) {
      errors.push_back("--grid " + axis.path + ": an empty value in \"" + std::string(text.substr(equals + 1)) +
                       "\"; expected comma-separated values, such as 3,4,5");
      continue;
    }
    if (!seen.insert(value).second) {
      errors.push_back("--grid " + axis.path + ": the value " + value + " is given twice");
      continue;
    }
    axis.values.push_back(std::move(value));
  }
  if (!errors.empty()) throw SweepError(errors);
  return axis;
}

std::vector<Point> expand_grid(const std::vector<GridAxis>& axes) {
  std::set<std::string> paths;
  for (const GridAxis& axis : axes) {
    if (!paths.insert(axis.path).second) {
      throw SweepError({"--grid " + axis.path + ": the path is given by two --grid flags; give its values in one"});
    }
  }
  std::vector<Point> points{Point{}};
  for (const GridAxis& axis : axes) {
    std::vector<Point> next;
    next.reserve(points.size() * axis.values.size());
    for (const Point& point : points) {
      for (const std::string& value : axis.values) {
        Point extended = point;
        extended.push_back(axis.path + "=" + value);
        next.push_back(std::move(extended));
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace jobsim::sweep
