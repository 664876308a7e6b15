// The top level of a scenario file (docs/scenario-format.md): reads every section, resolves times
// against start/until, and loads `- file:` manifests relative to the scenario's directory.
#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <tuple>
#include <variant>

#include "scenario/decoders.hpp"
#include "scenario/objects.hpp"
#include "scenario/scenario_decoders.hpp"
#include "scenario/value_path.hpp"
#include "scenario/yaml_reader.hpp"

namespace jobsim::scenario {
namespace {

std::string display_path(const std::string& base_dir, const std::string& relative) {
  const std::filesystem::path path(relative);
  if (path.is_absolute() || base_dir.empty() || base_dir == ".") return path.lexically_normal().string();
  return (std::filesystem::path(base_dir) / path).lexically_normal().string();
}

// check_creation_times reports objects of a snapshot created after `start`: the objects are the
// cluster's state at start, so they cannot have been created later (a List's items included).
void check_creation_times(const Value& manifest, std::optional<SimTime> start, Diagnostics& diagnostics) {
  if (!start || !manifest.is_map()) return;
  if (const Value* items = manifest.find("items"); items != nullptr && items->is_sequence()) {
    for (const Value& item : items->items()) check_creation_times(item, start, diagnostics);
  }
  const Value* meta = manifest.find("metadata");
  const Value* created = meta != nullptr && meta->is_map() ? meta->find("creationTimestamp") : nullptr;
  if (created == nullptr || !created->is_scalar()) return;
  const std::optional<SimTime> at = engine::parse_rfc3339(created->text());
  if (!at || *at <= *start) return;  // a malformed time is reported by the decoder
  const Value* kind = manifest.find("kind");
  const Value* name = meta->find("name");
  const std::string label = (kind != nullptr && kind->is_scalar() ? kind->text() : std::string("object")) +
                            (name != nullptr && name->is_scalar() ? " \"" + name->text() + "\"" : std::string());
  diagnostics.add(created->pos(), "metadata.creationTimestamp",
                  label + ": metadata.creationTimestamp: " + engine::to_rfc3339(*at) + " is after the scenario start (" +
                      engine::to_rfc3339(*start) + "): objects are the state at start; create later objects with actions");
}

// decode_include loads `- file: path`: every document of the file is a manifest (or a List),
// and problems point into that file.
void decode_include(const Ctx& ctx, const Value& item, const ScenarioSource& source, std::optional<SimTime> start,
                    std::vector<ObjectEntry>& out) {
  std::string relative;
  {
    Unmodelled ignored;
    Fields<Unmodelled> fields(ctx, item, ignored);
    fields.custom("file", [&relative](const Ctx& c, const Value& v) { decode_value(c, v, relative); });
  }
  if (relative.empty()) return;
  const std::string path = display_path(source.base_dir, relative);
  std::string error;
  const std::optional<std::string> text = read_text_file(path, error);
  if (!text) {
    ctx.key("file").fail(item.find("file")->pos(), "cannot read \"" + path + "\": " + error);
    return;
  }
  YamlDocuments documents = read_yaml(*text, path);
  ctx.diagnostics().append(documents.problems);
  if (documents.syntax_error) return;
  for (const Value& document : documents.documents) {
    if (document.is_null()) continue;  // "---" at the start or end of a file
    check_creation_times(document, start, ctx.diagnostics());
    std::vector<ObjectEntry> entries = decode_manifests(document, ctx.path(), ctx.diagnostics());
    for (ObjectEntry& entry : entries) out.push_back(std::move(entry));
  }
}

void decode_objects(const Ctx& ctx, const Value& value, const ScenarioSource& source, std::optional<SimTime> start,
                    std::vector<ObjectEntry>& out) {
  out.clear();
  if (value.is_null()) return;
  if (!value.is_sequence()) {
    ctx.fail(value.pos(), "expected a list of manifests, got " + describe(value));
    return;
  }
  for (std::size_t i = 0; i < value.items().size(); ++i) {
    const Value& item = value.items()[i];
    // `file` marks an include; a manifest always has apiVersion (and never a top-level file).
    const bool include = item.is_map() && item.find("file") != nullptr && item.find("apiVersion") == nullptr;
    if (include) {
      decode_include(ctx.index(i), item, source, start, out);
    } else {
      check_creation_times(item, start, ctx.diagnostics());
      for (ObjectEntry& entry : decode_manifests(item, ctx.index(i).path(), ctx.diagnostics())) out.push_back(std::move(entry));
    }
  }
}

std::optional<std::vector<Value>> read_include(const Value& item, const ScenarioSource& source) {
  const Value* file = item.find("file");
  if (file == nullptr || !file->is_scalar() || item.entries().size() != 1) return std::nullopt;
  std::string error;
  const std::optional<std::string> text = read_text_file(display_path(source.base_dir, file->text()), error);
  if (!text) return std::nullopt;
  YamlDocuments documents = read_yaml(*text, display_path(source.base_dir, file->text()));
  if (documents.syntax_error || !documents.problems.empty()) return std::nullopt;
  std::vector<Value> manifests;
  for (Value& document : documents.documents) {
    if (!document.is_null()) manifests.push_back(std::move(document));
  }
  return manifests;
}

// check_unique_objects reports objects that the API server would refuse at start as
// AlreadyExists: two objects of a kind with one namespace and name, or a Node manifest named
// like a node of cluster.nodes.
void check_unique_objects(const Scenario& scenario, Diagnostics& diagnostics) {
  std::map<std::tuple<std::string_view, std::string, std::string>, SourcePos> seen;
  for (const NodeGroup& group : scenario.cluster.nodes) {
    for (std::int32_t n = 0; n < std::max<std::int32_t>(group.count.value_or(1), 1); ++n) {
      const std::string name = group.count ? group.name + "-" + std::to_string(n + 1) : group.name;
      seen.emplace(std::tuple(std::string_view("Node"), std::string(), name), group.pos);
    }
  }
  for (const ObjectEntry& entry : scenario.objects) {
    const api::ObjectMeta& meta = std::visit([](const auto& typed) -> const api::ObjectMeta& { return typed.metadata; }, entry.object);
    if (meta.name.empty()) continue;  // generateName: the API server picks a unique name
    const std::string_view kind = object_kind(entry.object);
    const std::string namespace_name = kind == "Node" ? std::string() : meta.namespace_.str();
    const auto [found, inserted] = seen.emplace(std::tuple(kind, namespace_name, meta.name), entry.pos);
    if (!inserted) {
      diagnostics.add(entry.pos, "", object_label(entry.object) + ": already defined at " + found->second.to_string());
    }
  }
}

// resolve_until reads `until` from the file (RFC 3339 or +offset), then --until, which may
// say "end" for the file's own value; it must be after start. Returns nullopt after reporting.
std::optional<SimTime> resolve_until(const Ctx& ctx, const Value& root, const Value* until_value, SimTime start,
                                     const LoadOptions& options) {
  Diagnostics& diagnostics = ctx.diagnostics();
  std::optional<SimTime> file_until;
  if (until_value != nullptr) {
    SimTime parsed;
    if (decode_time_arg(ctx.key("until"), *until_value, TimeFrame{start, std::nullopt}, parsed)) file_until = parsed;
  }
  std::optional<SimTime> until = file_until;
  const SourcePos flag{"--until", 0, 0};  // reads "--until" in messages
  if (options.until) {
    const auto parsed = parse_time_arg(*options.until, start, file_until.value_or(start));
    if (*options.until == "end" && !file_until) {
      if (until_value == nullptr) diagnostics.add(flag, "until", "\"end\" needs an until in the scenario");
      return std::nullopt;
    }
    if (!parsed) {
      diagnostics.add(flag, "until", "invalid time \"" + *options.until +
                                         "\": expected an RFC 3339 time, an offset from start (\"+24h\") or \"end\"");
      return std::nullopt;
    }
    until = parsed;
  } else if (until_value == nullptr) {
    ctx.fail(root.pos(), "missing required key \"until\" (or give --until)");
  }
  if (!until) return std::nullopt;
  if (*until <= start) {
    if (options.until) {
      diagnostics.add(flag, "until", "must be after start (" + engine::to_rfc3339(start) + ")");
    } else {
      diagnostics.add(locate(root, "until"), "until", "until: must be after start (" + engine::to_rfc3339(start) + ")");
    }
  }
  return until;
}

std::string file_stem(const std::string& file) { return std::filesystem::path(file).stem().string(); }

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, std::string& error) {
  std::error_code code;
  if (std::filesystem::is_directory(path, code)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream input(path, std::ios::binary);
  if (!input) {
    error = std::generic_category().message(errno);
    return std::nullopt;
  }
  std::ostringstream text;
  text << input.rdbuf();
  return text.str();
}

Scenario decode_scenario(const Value& root, const ScenarioSource& source, const LoadOptions& options,
                         Diagnostics& diagnostics) {
  Scenario scenario;
  const Ctx ctx(diagnostics);
  if (!root.is_map()) {
    if (root.is_null()) {
      ctx.fail(root.pos(), "the scenario is empty: it needs at least start and until (see docs/scenario-format.md)");
    } else {
      ctx.fail(root.pos(), "expected a map of scenario keys (name, start, until, cluster, objects, ...), got " + describe(root));
    }
    scenario.file = source.file;
    return scenario;
  }

  const Value* until_value = nullptr;
  bool start_ok = false;
  TimeFrame frame;
  {
    Fields<Scenario> fields(ctx, root, scenario);
    fields.required("start")
        .field("name", &Scenario::name)
        .field("description", &Scenario::description)
        .custom("start", [&](const Ctx& c, const Value& v) { start_ok = decode_value(c, v, scenario.start); })
        .custom("until", [&](const Ctx&, const Value& v) { until_value = &v; })
        .field("seed", &Scenario::seed)
        .field("cluster", &Scenario::cluster)
        .field("behaviors", &Scenario::behaviors)
        .custom("objects", [&](const Ctx& c, const Value& v) {
          // `start` is decoded first (the order of this chain), so objects can be checked against it.
          decode_objects(c, v, source, start_ok ? std::optional(scenario.start) : std::nullopt, scenario.objects);
        });

    if (start_ok) {
      if (const auto until = resolve_until(ctx, root, until_value, scenario.start, options)) {
        scenario.until = *until;
        frame.end = *until;
      }
    } else if (until_value == nullptr && !options.until) {
      ctx.fail(root.pos(), "missing required key \"until\" (or give --until)");
    }
    frame.start = scenario.start;

    fields.custom("actions", [&](const Ctx& c, const Value& v) {
      scenario.actions.clear();
      if (v.is_null()) return;
      if (!v.is_sequence()) {
        c.fail(v.pos(), "expected a list of actions, got " + describe(v));
        return;
      }
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        Action action;
        decode_action(c.index(i), v.items()[i], frame, action);
        scenario.actions.push_back(std::move(action));
      }
    });
    fields.custom("faults", [&](const Ctx& c, const Value& v) {
      scenario.faults.clear();
      if (v.is_null()) return;
      if (!v.is_sequence()) {
        c.fail(v.pos(), "expected a list of faults, got " + describe(v));
        return;
      }
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        Fault fault;
        decode_fault(c.index(i), v.items()[i], frame, fault);
        scenario.faults.push_back(std::move(fault));
      }
      check_fault_overlaps(c, scenario.faults);
      check_node_faults(c, scenario.faults, scenario);
    });
    fields.custom("expect", [&](const Ctx& c, const Value& v) {
          scenario.expectations.clear();
          if (v.is_null() || options.skip_expectations) return;
          if (!v.is_sequence()) {
            c.fail(v.pos(), "expected a list of expectations, got " + describe(v));
            return;
          }
          for (std::size_t i = 0; i < v.items().size(); ++i) {
            Expectation expectation;
            decode_expectation(c.index(i), v.items()[i], frame, expectation);
            scenario.expectations.push_back(std::move(expectation));
          }
        });
  }

  scenario.file = source.file;
  if (scenario.name.empty()) scenario.name = file_stem(source.file);
  if (options.seed) scenario.seed = *options.seed;

  check_unique_objects(scenario, diagnostics);
  return scenario;
}

void expand_includes(Value& root, const ScenarioSource& source) {
  Value* objects = root.is_map() ? root.find("objects") : nullptr;
  if (objects == nullptr || !objects->is_sequence()) return;
  std::vector<Value> expanded;
  for (Value& item : objects->items()) {
    const bool include = item.is_map() && item.find("file") != nullptr && item.find("apiVersion") == nullptr;
    std::optional<std::vector<Value>> manifests = include ? read_include(item, source) : std::nullopt;
    if (!manifests) {
      expanded.push_back(std::move(item));
      continue;
    }
    for (Value& manifest : *manifests) expanded.push_back(std::move(manifest));
  }
  objects->items() = std::move(expanded);
}

}  // namespace jobsim::scenario
