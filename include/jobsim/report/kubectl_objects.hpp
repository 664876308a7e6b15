// The API objects as `kubectl get -o yaml|json` prints them: upstream field names, Go's
// omitempty rules, quantities and times as the API server serializes them (RFC 3339, seconds).
// kubectl decodes into unstructured maps, so keys come out sorted in both formats.
// Simplification: server-side defaults jobsim does not model (imagePullPolicy, dnsPolicy,
// securityContext, terminationMessagePath, podIP, qosClass, ...) are absent.
#pragma once

#include <span>
#include <string>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"

namespace jobsim::report::kubectl {

// A printable object: one of the four kinds.
struct ObjectView {
  const api::Job* job = nullptr;
  const api::CronJob* cron_job = nullptr;
  const api::Pod* pod = nullptr;
  const api::Node* node = nullptr;
};

// to_json / to_yaml print one object (`list` false, exactly one view) or a `kind: List`.
std::string objects_to_json(std::span<const ObjectView> objects, bool list);
std::string objects_to_yaml(std::span<const ObjectView> objects, bool list);

}  // namespace jobsim::report::kubectl
