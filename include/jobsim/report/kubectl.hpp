// `jobsim get` and `jobsim describe`: what kubectl would print for the simulated cluster at
// one instant. The caller runs the World up to `now` and hands over its API server and the
// Events recorded so far; these functions only read. Output and errors come back as text with
// kubectl's exit code, so the CLI stays a thin shell.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/report/kubectl_event_store.hpp"

namespace jobsim::report::kubectl {

enum class OutputFormat : std::uint8_t { Table, Wide, Yaml, Json };
// parse_output_format accepts "", "wide", "yaml", "json" (kubectl's -o values jobsim supports).
std::optional<OutputFormat> parse_output_format(std::string_view text);

// resolve_kind maps kubectl's resource names to a kind: "pods", "pod", "po", "jobs", "job",
// "jobs.batch", "cronjobs", "cronjob", "cj", "nodes", "node", "no" (case-insensitive).
std::optional<api::Kind> resolve_kind(std::string_view resource);

struct Output {
  int exit_code = 0;  // kubectl's: 0, or 1 for any error
  std::string out;    // stdout
  std::string err;    // stderr
};

// unknown_resource is kubectl's `error: the server doesn't have a resource type "x"` (exit 1).
Output unknown_resource(std::string_view resource);

struct GetRequest {
  std::string resource;    // KIND as typed
  std::string name;        // empty: list every object of the kind
  OutputFormat format = OutputFormat::Table;
  std::string namespace_ = "default";
};

// get is `kubectl get RESOURCE [NAME] [-o wide|yaml|json]` in namespace `namespace_`.
Output get(const cluster::ApiServer& server, const GetRequest& request, engine::SimTime now);

// describe is `kubectl describe RESOURCE NAME` (or RESOURCE/NAME in `resource`), with Events.
Output describe(const cluster::ApiServer& server, const EventStore& events, std::string_view resource,
                std::string_view name, engine::SimTime now, std::string_view namespace_ = "default");

}  // namespace jobsim::report::kubectl
