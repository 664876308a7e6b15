// Upstream: kubectl/pkg/cmd/get/get.go (Run: "No resources found", NotFound errors) and the
// RESTMapper's resource names and short names (pods/po, jobs, cronjobs/cj, nodes/no).
#include <algorithm>
#include <cctype>
#include <vector>

#include "jobsim/report/kubectl.hpp"
#include "jobsim/report/kubectl_objects.hpp"
#include "jobsim/report/kubectl_tables.hpp"
#include "kubectl_resources.hpp"

namespace jobsim::report::kubectl {
namespace {

template <class T>
std::vector<const T*> list_objects(const cluster::Informer<T>& store, std::string_view namespace_, bool namespaced) {
  std::vector<const T*> objects;
  store.for_each([&](api::ObjectId, const T& object) {
    if (!namespaced || object.metadata->namespace_ == namespace_) objects.push_back(&object);
  });
  // The API server lists in key order (etcd): namespace/name.
  std::ranges::sort(objects, {}, [](const T* object) { return object->metadata->name; });
  return objects;
}

template <class T>
Output print(std::vector<const T*> objects, const GetRequest& request, api::Kind kind, engine::SimTime now) {
  const bool namespaced = kind != api::Kind::Node;
  const bool single = !request.name.empty();
  if (single) {
    std::erase_if(objects, [&](const T* object) { return object->metadata->name != request.name; });
    if (objects.empty()) return not_found(kind, request.name);
  }
  Output output;
  if (request.format == OutputFormat::Yaml || request.format == OutputFormat::Json) {
    std::vector<ObjectView> views;
    for (const T* object : objects) {
      ObjectView view;
      if constexpr (std::is_same_v<T, api::Job>) view.job = object;
      if constexpr (std::is_same_v<T, api::CronJob>) view.cron_job = object;
      if constexpr (std::is_same_v<T, api::Pod>) view.pod = object;
      if constexpr (std::is_same_v<T, api::Node>) view.node = object;
      views.push_back(view);
    }
    output.out = request.format == OutputFormat::Json ? objects_to_json(views, !single) : objects_to_yaml(views, !single);
    return output;
  }
  if (objects.empty()) {
    output.err = namespaced ? "No resources found in " + request.namespace_ + " namespace.\n" : "No resources found\n";
    return output;
  }
  const bool wide = request.format == OutputFormat::Wide;
  Table table;
  if constexpr (std::is_same_v<T, api::Job>) table = job_table(objects, now, wide);
  if constexpr (std::is_same_v<T, api::CronJob>) table = cron_job_table(objects, now, wide);
  if constexpr (std::is_same_v<T, api::Pod>) table = pod_table(objects, now, wide);
  if constexpr (std::is_same_v<T, api::Node>) table = node_table(objects, now, wide);
  output.out = render_table(table);
  return output;
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view text) {
  if (text.empty()) return OutputFormat::Table;
  if (text == "wide") return OutputFormat::Wide;
  if (text == "yaml") return OutputFormat::Yaml;
  if (text == "json") return OutputFormat::Json;
  return std::nullopt;
}

std::optional<api::Kind> resolve_kind(std::string_view resource) {
  std::string name(resource);
  std::ranges::transform(name, name.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  // A group suffix is allowed: jobs.batch, jobs.v1.batch, pods.v1 (core has no group name).
  for (std::string_view suffix : {".v1.batch", ".batch", ".v1"}) {
    if (name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
      break;
    }
  }
  if (name == "pods" || name == "pod" || name == "po") return api::Kind::Pod;
  if (name == "jobs" || name == "job") return api::Kind::Job;
  if (name == "cronjobs" || name == "cronjob" || name == "cj") return api::Kind::CronJob;
  if (name == "nodes" || name == "node" || name == "no") return api::Kind::Node;
  return std::nullopt;
}

std::string_view resource_name(api::Kind kind) {
  switch (kind) {
    case api::Kind::Pod: return "pods";
    case api::Kind::Job: return "jobs.batch";
    case api::Kind::CronJob: return "cronjobs.batch";
    case api::Kind::Node: return "nodes";
  }
  return "";
}

Output unknown_resource(std::string_view resource) {
  return {.exit_code = 1, .err = "error: the server doesn't have a resource type \"" + std::string(resource) + "\"\n"};
}

Output not_found(api::Kind kind, std::string_view name) {
  return {.exit_code = 1,
          .err = "Error from server (NotFound): " + std::string(resource_name(kind)) + " \"" + std::string(name) +
                 "\" not found\n"};
}

Output get(const cluster::ApiServer& server, const GetRequest& request, engine::SimTime now) {
  const std::optional<api::Kind> kind = resolve_kind(request.resource);
  if (!kind) return unknown_resource(request.resource);
  switch (*kind) {
    case api::Kind::Job: return print(list_objects(server.jobs(), request.namespace_, true), request, *kind, now);
    case api::Kind::CronJob:
      return print(list_objects(server.cron_jobs(), request.namespace_, true), request, *kind, now);
    case api::Kind::Pod: return print(list_objects(server.pods(), request.namespace_, true), request, *kind, now);
    case api::Kind::Node: return print(list_objects(server.nodes(), request.namespace_, false), request, *kind, now);
  }
  return unknown_resource(request.resource);
}

}  // namespace jobsim::report::kubectl
