// sweep.json, replications.csv, the printed tables and the shard files:
// include/jobsim/sweep/results.hpp.
#include "jobsim/sweep/results.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <functional>
#include <optional>
#include <unordered_map>

#include "jobsim/engine/random_streams.hpp"
#include "jobsim/report/csv_field.hpp"
#include "jobsim/sweep/statistics.hpp"

namespace jobsim::sweep {
namespace {

using Json = nlohmann::ordered_json;

// A metric absent from a replication's summary is missing there, except the counters that
// summary.json writes only when they are not zero: Jobs failed by a reason.
bool zero_when_absent(const std::string& name) { return name.starts_with("jobs.failed."); }

// MetricTable: the metrics of a set of records, columns in order of first appearance.
struct MetricTable {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> column;
  std::vector<std::vector<std::optional<double>>> rows;  // [record][column]

  explicit MetricTable(std::span<const ReplicationRecord> records) {
    for (const ReplicationRecord& record : records) {
      for (const auto& [name, value] : record.metrics) {
        if (column.try_emplace(name, names.size()).second) names.push_back(name);
      }
    }
    rows.reserve(records.size());
    for (const ReplicationRecord& record : records) {
      std::vector<std::optional<double>> row(names.size());
      for (const auto& [name, value] : record.metrics) row[column.at(name)] = value;
      for (std::size_t c = 0; c < names.size(); ++c) {
        if (!row[c] && zero_when_absent(names[c])) row[c] = 0.0;
      }
      rows.push_back(std::move(row));
    }
  }

  // values: the reported values of column `c` in rows [first, first + count).
  std::vector<double> values(std::size_t c, std::size_t first, std::size_t count) const {
    std::vector<double> out;
    for (std::size_t r = first; r < first + count; ++r) {
      if (rows[r][c]) out.push_back(*rows[r][c]);
    }
    return out;
  }
};

// point_value: a grid value as JSON: a number when the YAML text is a plain integer or decimal,
// else the text.
Json point_value(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("0123456789-") == std::string::npos && text != "-") {
    try {
      std::size_t used = 0;
      const long long number = std::stoll(text, &used);
      if (used == text.size()) return number;
    } catch (const std::exception&) {
    }
  }
  return text;
}

std::pair<std::string, std::string> split_assignment(const std::string& assignment) {
  const std::size_t equals = assignment.find('=');
  return {assignment.substr(0, equals), assignment.substr(equals + 1)};
}

Json interval_json(const Interval& interval) { return Json::array({interval.lo, interval.hi}); }

std::span<const ReplicationRecord> point_records(const SweepPlan& plan, std::span<const ReplicationRecord> records,
                                                 std::size_t point) {
  return records.subspan(point * plan.replications, plan.replications);
}

std::string number_text(double value) { return fmt::format("{}", value); }

Json plan_json(const SweepPlan& plan) {
  Json grid = Json::object();
  for (const GridAxis& axis : plan.grid) {
    Json values = Json::array();
    for (const std::string& value : axis.values) values.push_back(point_value(value));
    grid[axis.path] = std::move(values);
  }
  return grid;
}

}  // namespace

std::string scenario_digest(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return fmt::format("{:016x}", engine::fnv1a64(bytes.str()));
}

void write_sweep_json(std::ostream& out, const SweepPlan& plan, std::span<const ReplicationRecord> records) {
  Json root;
  root["scenario"] = plan.scenario;
  root["seed"] = plan.seed;
  root["replications"] = plan.replications;
  root["set"] = plan.sets;
  root["grid"] = plan_json(plan);
  // One table over the whole sweep: a point reports the metrics any point reported (a Job
  // failure reason seen at 3 nodes is 0 at 6), and a metric no replication of a point reported is
  // left out of that point.
  const MetricTable table(records);
  Json points = Json::array();
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const auto mine = point_records(plan, records, p);
    Json point;
    point["set"] = Json::object();
    for (const std::string& assignment : plan.points[p]) {
      const auto [path, value] = split_assignment(assignment);
      point["set"][path] = point_value(value);
    }
    Json metrics = Json::object();
    for (std::size_t c = 0; c < table.names.size(); ++c) {
      const std::vector<double> values = table.values(c, p * plan.replications, plan.replications);
      if (values.empty()) continue;
      const MetricStatistics s = summarize(values);
      metrics[table.names[c]] = Json{{"n", s.n},     {"mean", s.mean}, {"stddev", s.stddev}, {"ci95", interval_json(s.ci95)},
                                     {"min", s.min}, {"p5", s.p5},     {"p50", s.p50},       {"p95", s.p95},
                                     {"p99", s.p99}, {"max", s.max}};
    }
    point["metrics"] = std::move(metrics);
    Json expectations = Json::array();
    const std::size_t count = mine.empty() ? 0 : mine.front().expectations.size();
    for (std::size_t e = 0; e < count; ++e) {
      std::size_t passed = 0;
      for (const ReplicationRecord& record : mine) passed += record.expectations.at(e).passed ? 1 : 0;
      const ExpectationOutcome& first = mine.front().expectations[e];
      Json entry;
      entry["expect"] = first.expect;
      if (!first.description.empty()) entry["description"] = first.description;
      entry["passed"] = passed;
      entry["passRate"] = static_cast<double>(passed) / static_cast<double>(mine.size());
      entry["ci95"] = interval_json(wilson_interval(passed, mine.size()));
      expectations.push_back(std::move(entry));
    }
    point["expectations"] = std::move(expectations);
    points.push_back(std::move(point));
  }
  root["points"] = std::move(points);
  out << root.dump(2) << '\n';
}

void write_replications_csv(std::ostream& out, const SweepPlan& plan, std::span<const ReplicationRecord> records) {
  const MetricTable table(records);
  out << "point,replication,seed";
  for (const GridAxis& axis : plan.grid) out << ',' << report::csv_field(axis.path);
  for (const std::string& name : table.names) out << ',' << report::csv_field(name);
  const std::size_t expectation_count = records.empty() ? 0 : records.front().expectations.size();
  for (std::size_t e = 0; e < expectation_count; ++e) out << ",expect[" << e << "].passed,expect[" << e << "].observed";
  out << '\n';
  for (std::size_t i = 0; i < records.size(); ++i) {
    const ReplicationRecord& record = records[i];
    const std::uint64_t replication = plan.replication_of(record.task);
    out << plan.point_of(record.task) << ',' << replication << ','
        << engine::RandomStreams::equivalent_seed(plan.seed, replication);
    for (const std::string& assignment : plan.points[plan.point_of(record.task)]) {
      out << ',' << report::csv_field(split_assignment(assignment).second);
    }
    for (const auto& cell : table.rows[i]) {
      out << ',';
      if (cell) out << number_text(*cell);
    }
    for (const ExpectationOutcome& outcome : record.expectations) {
      out << ',' << (outcome.passed ? "true" : "false") << ',' << number_text(outcome.observed);
    }
    out << '\n';
  }
}

void write_tables(std::ostream& out, const SweepPlan& plan, std::span<const ReplicationRecord> records) {
  auto point_label = [&](std::size_t p) {
    std::string label;
    for (const std::string& assignment : plan.points[p]) label += (label.empty() ? "" : " ") + assignment;
    return label.empty() ? std::string("(the scenario as written)") : label;
  };
  std::size_t width = 10;
  for (std::size_t p = 0; p < plan.points.size(); ++p) width = std::max(width, point_label(p).size());

  const std::size_t count = records.empty() ? 0 : records.front().expectations.size();
  if (count > 0) out << "\nExpectations: pass rate over " << plan.replications << " replications [95% Wilson interval]\n";
  for (std::size_t e = 0; e < count; ++e) {
    const ExpectationOutcome& first = records.front().expectations[e];
    out << "  " << first.expect << (first.description.empty() ? "" : "  # " + first.description) << '\n';
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
      const auto mine = point_records(plan, records, p);
      std::size_t passed = 0;
      for (const ReplicationRecord& record : mine) passed += record.expectations.at(e).passed ? 1 : 0;
      const Interval ci = wilson_interval(passed, mine.size());
      out << "    " << std::left << std::setw(static_cast<int>(width)) << point_label(p) << std::right
          << fmt::format("  {:6.1f}%  [{:5.1f}%, {:5.1f}%]", 100.0 * static_cast<double>(passed) / static_cast<double>(mine.size()),
                         100.0 * ci.lo, 100.0 * ci.hi)
          << '\n';
    }
  }

  // The figures a planner compares first: when the work ends, how long pods wait, how full the
  // cluster gets, and per CronJob the start delay and the runs missed or skipped.
  const MetricTable all(records);
  std::vector<std::string> shown;
  std::size_t zero_everywhere = 0;
  for (const std::string& name : all.names) {
    const bool headline = name == "jobs.lastFinishedSeconds" || name == "jobs.duration.p95" ||
                          name == "resources.pendingTime.p95" || name == "pods.peakPending" ||
                          name == "resources.utilization.cpu.requestedPeak" ||
                          name == "resources.utilization.memory.requestedPeak" || name.starts_with("jobs.failed.") ||
                          (name.starts_with("cronJobs.") &&
                           (name.ends_with(".startDelay.p95") || name.ends_with(".missed") || name.ends_with(".skipped")));
    if (!headline) continue;
    // A figure that is 0 in every run (no CronJob missed a schedule) says nothing: counted, not listed.
    const auto& rows = all.rows;
    const std::size_t c = all.column.at(name);
    const bool all_zero = std::all_of(rows.begin(), rows.end(), [c](const auto& row) { return !row[c] || *row[c] == 0; });
    if (all_zero) {
      ++zero_everywhere;
      continue;
    }
    shown.push_back(name);
  }
  if (shown.empty() && zero_everywhere == 0) return;
  out << "\nMetrics: mean [95% interval of the mean]  p50  p95 over the replications of each point\n";
  for (const std::string& name : shown) {
    out << "  " << name << '\n';
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
      const std::vector<double> values = all.values(all.column.at(name), p * plan.replications, plan.replications);
      out << "    " << std::left << std::setw(static_cast<int>(width)) << point_label(p) << std::right;
      if (values.empty()) {
        out << "  (none)\n";
        continue;
      }
      const MetricStatistics s = summarize(values);
      out << fmt::format("  {:>12.6g} [{:.6g}, {:.6g}]  p50 {:.6g}  p95 {:.6g}", s.mean, s.ci95.lo, s.ci95.hi, s.p50, s.p95);
      if (s.n < plan.replications) out << "  (" << s.n << " of " << plan.replications << " replications)";
      out << '\n';
    }
  }
  if (zero_everywhere > 0) {
    out << "  (" << zero_everywhere << " more of these figures are 0 in every run: see sweep.json)\n";
  }
}

namespace {

Json record_json(const ReplicationRecord& record) {
  Json metrics = Json::array();
  for (const auto& [name, value] : record.metrics) metrics.push_back(Json::array({name, value}));
  Json expectations = Json::array();
  for (const ExpectationOutcome& outcome : record.expectations) {
    expectations.push_back(Json{{"expect", outcome.expect},
                                {"description", outcome.description},
                                {"passed", outcome.passed},
                                {"observed", outcome.observed}});
  }
  return Json{{"task", record.task}, {"metrics", std::move(metrics)}, {"expectations", std::move(expectations)},
              {"warnings", record.warnings}};
}

ReplicationRecord record_from_json(const Json& json) {
  ReplicationRecord record;
  record.task = json.at("task").get<std::uint64_t>();
  for (const Json& metric : json.at("metrics")) {
    record.metrics.emplace_back(metric.at(0).get<std::string>(), metric.at(1).get<double>());
  }
  for (const Json& outcome : json.at("expectations")) {
    record.expectations.push_back({.expect = outcome.at("expect").get<std::string>(),
                                   .description = outcome.at("description").get<std::string>(),
                                   .passed = outcome.at("passed").get<bool>(),
                                   .observed = outcome.at("observed").get<double>()});
  }
  record.warnings = json.at("warnings").get<std::vector<std::string>>();
  return record;
}

// The shard fields that must agree for shards to be one sweep, as (name, value text).
std::vector<std::pair<std::string, std::string>> identity(const ShardFile& shard) {
  Json grid = Json::array();
  for (const GridAxis& axis : shard.plan.grid) grid.push_back(Json{{"path", axis.path}, {"values", axis.values}});
  return {{"scenario", shard.plan.scenario},
          {"scenarioDigest", shard.digest},
          {"seed", std::to_string(shard.plan.seed)},
          {"replications", std::to_string(shard.plan.replications)},
          {"set", Json(shard.plan.sets).dump()},
          {"grid", grid.dump()},
          {"until", shard.plan.until},
          {"shardCount", std::to_string(shard.shard.count)}};
}

}  // namespace

void write_shard(std::ostream& out, const ShardFile& shard) {
  Json root;
  root["jobsimSweepShard"] = 1;
  root["scenario"] = shard.plan.scenario;
  root["scenarioDigest"] = shard.digest;
  root["seed"] = shard.plan.seed;
  root["replications"] = shard.plan.replications;
  root["set"] = shard.plan.sets;
  Json grid = Json::array();
  for (const GridAxis& axis : shard.plan.grid) grid.push_back(Json{{"path", axis.path}, {"values", axis.values}});
  root["grid"] = std::move(grid);
  root["until"] = shard.plan.until;
  root["shardIndex"] = shard.shard.index;
  root["shardCount"] = shard.shard.count;
  Json records = Json::array();
  for (const ReplicationRecord& record : shard.records) records.push_back(record_json(record));
  root["records"] = std::move(records);
  out << root.dump() << '\n';
}

ShardFile read_shard(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / kShardFile;
  const std::string where = dir.string() + ": ";
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw SweepError({where + "no " + kShardFile + " (expected the --out folder of a `jobsim sweep --shard-count K` run)"});
  }
  std::ifstream in(path, std::ios::binary);
  Json root;
  try {
    root = Json::parse(in);
  } catch (const Json::exception& e) {
    throw SweepError({where + kShardFile + " is not valid JSON (" + e.what() + "); was its shard interrupted?"});
  }
  try {
    if (root.value("jobsimSweepShard", 0) != 1) throw SweepError({where + kShardFile + ": not a jobsim sweep shard (version 1)"});
    ShardFile shard;
    shard.plan.scenario = root.at("scenario").get<std::string>();
    shard.digest = root.at("scenarioDigest").get<std::string>();
    shard.plan.seed = root.at("seed").get<std::uint64_t>();
    shard.plan.replications = root.at("replications").get<std::uint64_t>();
    shard.plan.sets = root.at("set").get<std::vector<std::string>>();
    for (const Json& axis : root.at("grid")) {
      shard.plan.grid.push_back({.path = axis.at("path").get<std::string>(),
                                 .values = axis.at("values").get<std::vector<std::string>>()});
    }
    shard.plan.until = root.at("until").get<std::string>();
    shard.plan.points = expand_grid(shard.plan.grid);
    shard.shard.index = root.at("shardIndex").get<std::uint64_t>();
    shard.shard.count = root.at("shardCount").get<std::uint64_t>();
    for (const Json& record : root.at("records")) shard.records.push_back(record_from_json(record));
    return shard;
  } catch (const Json::exception& e) {
    throw SweepError({where + kShardFile + ": a field is missing or of the wrong type (" + e.what() + ")"});
  }
}

ShardFile merge_shards(const std::vector<ShardFile>& shards, const std::vector<std::string>& dirs) {
  if (shards.empty()) throw SweepError({"merge: no shard folders given"});
  std::vector<std::string> errors;
  const auto reference = identity(shards.front());
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const auto mine = identity(shards[i]);
    for (std::size_t f = 0; f < reference.size(); ++f) {
      if (mine[f].second != reference[f].second) {
        errors.push_back(dirs[i] + ": " + mine[f].first + " is " + mine[f].second + ", but " + dirs.front() + " has " +
                         reference[f].second + " (shards of different sweeps cannot be merged)");
      }
    }
  }
  if (!errors.empty()) throw SweepError(errors);

  const ShardFile& first = shards.front();
  const std::uint64_t count = first.shard.count;
  std::vector<std::size_t> holder(count, shards.size());
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const std::uint64_t index = shards[i].shard.index;
    if (index >= count) {
      errors.push_back(dirs[i] + ": shard index " + std::to_string(index) + " is not below the shard count " + std::to_string(count));
    } else if (holder[index] != shards.size()) {
      errors.push_back(dirs[i] + ": shard " + std::to_string(index) + " is also in " + dirs[holder[index]]);
    } else {
      holder[index] = i;
    }
  }
  std::vector<std::string> missing;
  for (std::uint64_t index = 0; index < count; ++index) {
    if (holder[index] == shards.size()) missing.push_back(std::to_string(index));
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& index : missing) list += (list.empty() ? "" : ", ") + index;
    errors.push_back("merge: shard" + std::string(missing.size() > 1 ? "s " : " ") + list + " of " + std::to_string(count) +
                     " missing (give every shard's --out folder)");
  }
  if (!errors.empty()) throw SweepError(errors);

  ShardFile merged{.plan = first.plan, .shard = Shard{}, .digest = first.digest, .records = {}};
  merged.records.resize(first.plan.runs());
  std::vector<bool> seen(first.plan.runs(), false);
  for (std::size_t i = 0; i < shards.size(); ++i) {
    for (const ReplicationRecord& record : shards[i].records) {
      if (record.task >= seen.size() || !shards[i].shard.owns(record.task) || seen[record.task]) {
        throw SweepError({dirs[i] + ": record of run " + std::to_string(record.task) + " does not belong to shard " +
                          std::to_string(shards[i].shard.index) + " of " + std::to_string(count)});
      }
      seen[record.task] = true;
      merged.records[record.task] = record;
    }
  }
  for (std::size_t i = 0; i < shards.size(); ++i) {
    std::uint64_t expected = 0;
    for (std::uint64_t task = shards[i].shard.index; task < first.plan.runs(); task += count) ++expected;
    if (shards[i].records.size() != expected) {
      throw SweepError({dirs[i] + ": " + std::to_string(shards[i].records.size()) + " runs recorded, expected " +
                        std::to_string(expected) + " (was the shard interrupted?)"});
    }
  }
  return merged;
}

}  // namespace jobsim::sweep
