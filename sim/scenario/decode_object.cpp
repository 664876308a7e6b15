// Manifest dispatch and validation. Messages follow the API server's: the object, the field
// path, and upstream's validation wording (README.md "The command line").
#include <array>
#include <variant>

#include "jobsim/api/validation.hpp"
#include "scenario/decoders.hpp"
#include "scenario/objects.hpp"
#include "scenario/value_path.hpp"

namespace jobsim::scenario {
namespace {

struct KindInfo {
  std::string_view api_version;
  std::string_view kind;
};
constexpr std::array<KindInfo, 5> kKinds = {{
    {"batch/v1", "Job"},
    {"batch/v1", "CronJob"},
    {"v1", "Node"},
    {"v1", "Pod"},
    {"v1", "List"},
}};
constexpr std::string_view kSupportedKinds = "batch/v1 Job, batch/v1 CronJob, v1 Node, v1 Pod, v1 List";

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// validate_name_only and validate_pod are the parts of core validation that matter for Nodes
// and Pods given in a scenario (ValidateObjectMeta's name rule; containers with name and image).
std::vector<api::FieldError> validate_name_only(const api::ObjectMeta& meta) {
  std::vector<api::FieldError> errors;
  if (meta.name.empty() && meta.generate_name.empty()) {
    errors.push_back({"metadata.name", "Required value: name or generateName is required"});
  }
  return errors;
}

std::vector<api::FieldError> validate_pod(const api::Pod& pod) {
  std::vector<api::FieldError> errors = validate_name_only(pod.metadata);
  if (pod.spec->containers.empty()) errors.push_back({"spec.containers", "Required value"});
  for (std::size_t i = 0; i < pod.spec->containers.size(); ++i) {
    const std::string path = "spec.containers[" + std::to_string(i) + "]";
    if (pod.spec->containers[i].name.empty()) errors.push_back({path + ".name", "Required value"});
    if (pod.spec->containers[i].image.empty()) errors.push_back({path + ".image", "Required value"});
  }
  return errors;
}

// read_type reads apiVersion and kind; returns the kind or "" after reporting a problem.
std::string read_type(const Value& manifest, std::string_view where, Diagnostics& diagnostics) {
  const Ctx ctx(diagnostics, std::string(where));
  const Value* api_version = manifest.find("apiVersion");
  const Value* kind = manifest.find("kind");
  if (api_version == nullptr) ctx.missing(manifest, "apiVersion");
  if (kind == nullptr) ctx.missing(manifest, "kind");
  if (api_version == nullptr || kind == nullptr) return {};
  std::string version_text;
  std::string kind_text;
  if (!decode_value(ctx.key("apiVersion"), *api_version, version_text) || !decode_value(ctx.key("kind"), *kind, kind_text)) {
    return {};
  }
  bool kind_known = false;
  for (const KindInfo& info : kKinds) {
    if (info.kind != kind_text) continue;
    kind_known = true;
    if (info.api_version == version_text) return kind_text;
    ctx.fail(api_version->pos(), "no matches for kind \"" + kind_text + "\" in version \"" + version_text +
                                     "\" (use apiVersion: " + std::string(info.api_version) + ")");
    return {};
  }
  if (!kind_known) {
    std::array<std::string_view, kKinds.size()> names{};
    for (std::size_t i = 0; i < kKinds.size(); ++i) names[i] = kKinds[i].kind;
    ctx.fail(kind->pos(), "no matches for kind \"" + kind_text + "\" in version \"" + version_text +
                              "\"; supported kinds are " + std::string(kSupportedKinds) + did_you_mean(kind_text, names));
  }
  return {};
}

std::optional<ObjectEntry> decode_one(const Value& manifest, const std::string& kind, Diagnostics& diagnostics) {
  std::optional<Object> object = make_object(kind);
  if (!object) return std::nullopt;
  Diagnostics problems;  // paths relative to the object, prefixed with its label at the end
  decode_object_fields(manifest, *object, problems);
  validate_object(*object, manifest, problems);
  diagnostics.append(problems, object_label(*object) + ": ");
  return ObjectEntry{std::move(*object), manifest.pos()};
}

}  // namespace

std::optional<Object> make_object(std::string_view kind) {
  if (kind == "Job") return Object{api::Job{}};
  if (kind == "CronJob") return Object{api::CronJob{}};
  if (kind == "Node") return Object{api::Node{}};
  if (kind == "Pod") return Object{api::Pod{}};
  return std::nullopt;
}

void decode_object_fields(const Value& value, Object& object, Diagnostics& problems) {
  const Ctx ctx(problems);
  std::visit([&](auto& typed) { decode_value(ctx, value, typed); }, object);
}

std::string_view object_kind(const Object& object) {
  return std::visit(Overloaded{[](const api::Job&) { return std::string_view("Job"); },
                               [](const api::CronJob&) { return std::string_view("CronJob"); },
                               [](const api::Node&) { return std::string_view("Node"); },
                               [](const api::Pod&) { return std::string_view("Pod"); }},
                    object);
}

std::string object_label(const Object& object) {
  const api::ObjectMeta& meta = std::visit([](const auto& typed) -> const api::ObjectMeta& { return typed.metadata; }, object);
  const std::string kind(object_kind(object));
  if (!meta.name.empty()) return kind + " \"" + meta.name + "\"";
  if (!meta.generate_name.empty()) return kind + " (generateName \"" + meta.generate_name + "\")";
  return kind + " (no name)";
}

void validate_object(const Object& object, const Value& root, Diagnostics& problems) {
  const std::vector<api::FieldError> errors =
      std::visit(Overloaded{[](const api::Job& job) { return api::validate_job(job); },
                            [](const api::CronJob& cron_job) { return api::validate_cron_job(cron_job); },
                            [](const api::Node& node) { return validate_name_only(node.metadata); },
                            [](const api::Pod& pod) { return validate_pod(pod); }},
                 object);
  // Compare with the decoding problems only: two validation errors may share a path (cpu and
  // memory requests above their limits) and both must be reported.
  const Diagnostics decoding = problems;
  for (const api::FieldError& error : errors) {
    if (decoding.has_path(error.path)) continue;
    problems.add(locate(root, error.path), error.path, error.path + ": " + error.message);
  }
}

std::vector<ObjectEntry> decode_manifests(const Value& manifest, std::string_view where, Diagnostics& diagnostics) {
  std::vector<ObjectEntry> entries;
  if (!manifest.is_map()) {
    Ctx(diagnostics, std::string(where))
        .fail(manifest.pos(), "expected a Kubernetes manifest (a map with apiVersion, kind, metadata and spec), got " +
                                  describe(manifest));
    return entries;
  }
  const std::string kind = read_type(manifest, where, diagnostics);
  if (kind.empty()) return entries;
  if (kind != "List") {
    if (auto entry = decode_one(manifest, kind, diagnostics)) entries.push_back(std::move(*entry));
    return entries;
  }
  const Ctx ctx(diagnostics, std::string(where));
  Unmodelled ignored;
  Fields<Unmodelled> fields(ctx, manifest, ignored);
  fields.accepted("apiVersion").accepted("kind").accepted("metadata", Shape::Map).custom("items", [&](const Ctx& c, const Value& items) {
    if (!items.is_sequence()) {
      c.fail(items.pos(), "expected a list, got " + describe(items));
      return;
    }
    for (std::size_t i = 0; i < items.items().size(); ++i) {
      const Value& item = items.items()[i];
      const std::string item_where = c.index(i).path();
      if (!item.is_map()) {
        c.index(i).fail(item.pos(), "expected a Kubernetes manifest, got " + describe(item));
        continue;
      }
      const std::string item_kind = read_type(item, item_where, diagnostics);
      if (item_kind == "List") {
        c.index(i).fail(item.pos(), "a List cannot contain another List");
      } else if (!item_kind.empty()) {
        if (auto entry = decode_one(item, item_kind, diagnostics)) entries.push_back(std::move(*entry));
      }
    }
  });
  return entries;
}

std::optional<ObjectEntry> decode_manifest(const Value& manifest, std::string_view where, Diagnostics& diagnostics) {
  if (manifest.is_map()) {
    if (const Value* kind = manifest.find("kind"); kind != nullptr && kind->is_scalar() && kind->text() == "List") {
      Ctx(diagnostics, std::string(where)).fail(kind->pos(), "expected one object, got a List");
      return std::nullopt;
    }
  }
  std::vector<ObjectEntry> entries = decode_manifests(manifest, where, diagnostics);
  if (entries.empty()) return std::nullopt;
  return std::move(entries.front());
}

}  // namespace jobsim::scenario
