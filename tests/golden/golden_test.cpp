// Golden tests (OMNeT++ fingerprints, ns-3 reflogs): each scenario of golden.csv runs with its
// seed; its events.jsonl must equal the reviewed expected/<name>.events.jsonl, and its
// fingerprint (FNV-1a 64 of that text) the one in golden.csv, so that a drift shows as one
// changed line even when a log is long. Updating is deliberate:
//   JOBSIM_UPDATE_GOLDEN=1 ctest -L golden     (then review the diff like code)
// The same test runs each scenario twice and requires byte-identical outputs, and checks that
// the per-node rows of nodes.csv add up to timeseries.csv.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"

namespace jobsim {
namespace {

const std::filesystem::path kRoot = JOBSIM_SOURCE_DIR;
const std::filesystem::path kCsv = kRoot / "tests/golden/golden.csv";

struct GoldenRow {
  std::string scenario;  // path relative to the repository root
  std::uint64_t seed = 0;
  std::string until;
  std::string fingerprint;
};

std::vector<GoldenRow> read_rows() {
  std::vector<GoldenRow> rows;
  std::ifstream in(kCsv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    GoldenRow row;
    std::string seed;
    std::getline(fields, row.scenario, ',');
    std::getline(fields, seed, ',');
    std::getline(fields, row.until, ',');
    std::getline(fields, row.fingerprint, ',');
    row.seed = std::stoull(seed);
    rows.push_back(row);
  }
  return rows;
}

std::string name_of(const GoldenRow& row) { return std::filesystem::path(row.scenario).stem().string(); }
// PrintTo: ctest and GoogleTest name a row by its scenario file instead of dumping its bytes.
void PrintTo(const GoldenRow& row, std::ostream* out) { *out << row.scenario << " (seed " << row.seed << ")"; }

struct Outputs {
  std::string events, summary, timeseries, nodes;
  std::vector<std::string> failed_expectations;  // messages of the `expect:` entries that failed
};

Outputs run(const GoldenRow& row) {
  scenario::LoadOptions options;
  options.seed = row.seed;
  if (!row.until.empty()) {
    options.until = row.until;
    options.skip_expectations = true;  // checked over the whole run by ExpectationsPass
  }
  const scenario::Scenario loaded = scenario::load_scenario((kRoot / row.scenario).string(), options);
  world::World world(loaded);
  std::ostringstream events, summary, timeseries, nodes;
  world.recorder().stream_history({.events_jsonl = &events, .timeseries_csv = &timeseries, .nodes_csv = &nodes});
  world.finish();
  world.recorder().write_summary_json(summary);
  std::vector<std::string> failed;
  for (const report::ExpectationResult& result : world.expectations().results()) {
    if (!result.passed) failed.push_back(result.message);
  }
  return {events.str(), summary.str(), timeseries.str(), nodes.str(), failed};
}

std::string fingerprint(std::string_view text) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(engine::fnv1a64(text)));
  return buffer;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool updating() {
  const char* update = std::getenv("JOBSIM_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

class Golden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(Golden, EventsMatchTheReviewedLog) {
  const GoldenRow& row = GetParam();
  const Outputs outputs = run(row);
  const std::filesystem::path expected = kRoot / "tests/golden/expected" / (name_of(row) + ".events.jsonl");
  if (updating()) {
    std::filesystem::create_directories(expected.parent_path());
    std::ofstream(expected, std::ios::binary) << outputs.events;
    GTEST_SKIP() << "rewrote " << expected << "; fingerprint " << fingerprint(outputs.events);
  }
  ASSERT_TRUE(std::filesystem::exists(expected)) << "no golden log " << expected << " (run with JOBSIM_UPDATE_GOLDEN=1)";
  EXPECT_EQ(outputs.events, read_file(expected)) << "events.jsonl of " << row.scenario << " drifted";
  EXPECT_EQ(fingerprint(outputs.events), row.fingerprint) << "update golden.csv for " << row.scenario;
}

// Every scenario's `expect:` entries hold with its golden seed (what `jobsim test` checks),
// over the scenario's whole run: a golden row's `until` only shortens the reviewed log of a
// long lab (a day of Jobs every minute is megabytes of events).
TEST_P(Golden, ExpectationsPass) {
  GoldenRow whole_run = GetParam();
  whole_run.until.clear();
  const Outputs outputs = run(whole_run);
  EXPECT_EQ(outputs.failed_expectations, std::vector<std::string>{});
}

TEST_P(Golden, SameSeedGivesByteIdenticalOutputs) {
  const GoldenRow& row = GetParam();
  const Outputs first = run(row);
  const Outputs second = run(row);
  EXPECT_EQ(first.events, second.events);
  EXPECT_EQ(first.summary, second.summary);
  EXPECT_EQ(first.timeseries, second.timeseries);
  EXPECT_EQ(first.nodes, second.nodes);
}

// split_csv_line splits a line of nodes.csv or timeseries.csv (no quoted fields in the
// scenarios: node names are RFC 1123 subdomains).
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

// The per-node rows add up to the cluster rows: at each timeseries.csv row, the latest
// nodes.csv row of every node at or before it, summed, gives requested_cpu_m,
// requested_memory_bytes, used_cpu_m and used_memory_bytes (docs/outputs.md, nodes.csv).
TEST_P(Golden, NodeRowsSumToTheClusterRows) {
  const Outputs outputs = run(GetParam());
  struct Sums {
    std::int64_t requested_cpu_m = 0, requested_memory_bytes = 0, used_cpu_m = 0, used_memory_bytes = 0;
    bool operator==(const Sums&) const = default;
  };
  std::vector<std::pair<engine::SimTime, std::vector<std::string>>> node_rows;
  std::stringstream nodes(outputs.nodes);
  std::string line;
  std::getline(nodes, line);  // header
  while (std::getline(nodes, line)) {
    std::vector<std::string> fields = split_csv_line(line);
    ASSERT_EQ(fields.size(), 9u) << line;
    node_rows.emplace_back(*engine::parse_rfc3339(fields[0]), std::move(fields));
  }
  std::map<std::string, Sums> latest;  // by node
  std::size_t next = 0;
  std::stringstream cluster(outputs.timeseries);
  std::getline(cluster, line);  // header
  int checked = 0;
  while (std::getline(cluster, line)) {
    const std::vector<std::string> fields = split_csv_line(line);
    const engine::SimTime time = *engine::parse_rfc3339(fields[0]);
    for (; next < node_rows.size() && node_rows[next].first <= time; ++next) {
      const std::vector<std::string>& row = node_rows[next].second;
      latest[row[1]] = {std::stoll(row[2]), std::stoll(row[3]), std::stoll(row[4]), std::stoll(row[5])};
    }
    Sums sum;
    for (const auto& [node, values] : latest) {
      sum.requested_cpu_m += values.requested_cpu_m;
      sum.requested_memory_bytes += values.requested_memory_bytes;
      sum.used_cpu_m += values.used_cpu_m;
      sum.used_memory_bytes += values.used_memory_bytes;
    }
    const Sums expected{std::stoll(fields[8]), std::stoll(fields[9]), std::stoll(fields[14]), std::stoll(fields[15])};
    ASSERT_EQ(sum, expected) << "at " << fields[0] << " in " << GetParam().scenario;
    ++checked;
  }
  EXPECT_GT(checked, 0);
  EXPECT_EQ(next, node_rows.size()) << "nodes.csv has rows after the last timeseries.csv row";
}

TEST(GoldenCsv, ListsEveryScenario) {
  // Every scenario in scenarios/ is golden-tested (manifests/ holds included files only).
  std::vector<std::string> listed;
  for (const GoldenRow& row : read_rows()) listed.push_back(row.scenario);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kRoot / "scenarios")) {
    if (entry.path().extension() != ".yaml" || entry.path().parent_path().filename() == "manifests") continue;
    const std::string relative = std::filesystem::relative(entry.path(), kRoot).string();
    EXPECT_NE(std::find(listed.begin(), listed.end(), relative), listed.end()) << relative << " is not in golden.csv";
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Golden, ::testing::ValuesIn(read_rows()),
                         [](const ::testing::TestParamInfo<GoldenRow>& param_info) {
                           std::string name = name_of(param_info.param);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace jobsim
