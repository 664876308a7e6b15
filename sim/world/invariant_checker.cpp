// InvariantChecker: the run-wide invariants of include/jobsim/world/invariant_checker.hpp.
// The fit rule is the scheduler's (upstream pkg/scheduler/framework/plugins/noderesources/fit.go
// fitsRequest): a resource the pod does not request is not checked, so a pod without requests
// may still be bound to a node that pods created with spec.nodeName (user input, which upstream
// the kubelet's admission, not the scheduler, would reject) have filled.
#include "jobsim/world/invariant_checker.hpp"

#include "jobsim/api/pod.hpp"
#include "jobsim/engine/check.hpp"

namespace jobsim::world {
namespace {

// Upstream pkg/kubelet/apis/config default maxPods; the scheduler's default for a node without
// allocatable pods.
constexpr std::int64_t kDefaultMaxPods = 110;

bool holds_resources(const api::Pod& pod) { return !pod.spec->node_name.empty() && !api::is_pod_terminal(pod); }

std::string pod_name(const api::Pod& pod) { return pod.metadata->namespace_ + "/" + pod.metadata->name; }

}  // namespace

InvariantChecker::InvariantChecker(const engine::Clock& clock, cluster::ApiServer& server,
                                   ViolationHandler on_violation)
    : clock_(clock), server_(server), on_violation_(std::move(on_violation)) {
  server.pods().on_add([this](api::ObjectId id, const api::Pod& pod) { pod_added(id, pod); });
  server.pods().on_update(
      [this](api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) { pod_updated(id, old_pod, pod); });
  server.pods().on_delete([this](api::ObjectId id, const api::Pod& pod) { pod_deleted(id, pod); });
  const auto count = [this](api::Kind kind) {
    return [this, kind](api::ObjectId, const auto&) {
      ++tallies_[static_cast<std::size_t>(kind)].created;
    };
  };
  const auto uncount = [this](api::Kind kind) {
    return [this, kind](api::ObjectId, const auto&) {
      ++tallies_[static_cast<std::size_t>(kind)].deleted;
    };
  };
  server.nodes().on_add(count(api::Kind::Node));
  server.nodes().on_delete(uncount(api::Kind::Node));
  server.jobs().on_add(count(api::Kind::Job));
  server.jobs().on_delete(uncount(api::Kind::Job));
  server.cron_jobs().on_add(count(api::Kind::CronJob));
  server.cron_jobs().on_delete(uncount(api::Kind::CronJob));
}

void InvariantChecker::violation(const std::string& message) const {
  const std::string full = "invariant violated at " + engine::to_rfc3339(clock_.now()) + ": " + message;
  if (on_violation_) {
    on_violation_(full);
    return;
  }
  // A broken invariant is a bug in the model (the scheduler, the kubelet or the API server),
  // never bad input: abort so it cannot go unnoticed in a release run.
  JOBSIM_CHECK(false, full);
}

void InvariantChecker::pod_added(api::ObjectId id, const api::Pod& pod) {
  ++tallies_[static_cast<std::size_t>(api::Kind::Pod)].created;
  // Created bound (spec.nodeName set by the user): counted, not checked (see the file header).
  if (holds_resources(pod)) hold(id, pod, false);
}

void InvariantChecker::pod_updated(api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) {
  if (!old_pod.spec->node_name.empty() && pod.spec->node_name != old_pod.spec->node_name) {
    violation("pod " + pod_name(pod) + " moved from node \"" + old_pod.spec->node_name + "\" to \"" +
              pod.spec->node_name + "\"; spec.nodeName is immutable once set (a pod is bound at most once)");
  }
  const bool held = holds_.contains(id);
  const bool holds = holds_resources(pod);
  if (held && !holds) release(id);
  if (!held && holds) hold(id, pod, old_pod.spec->node_name.empty());
}

void InvariantChecker::pod_deleted(api::ObjectId id, const api::Pod&) {
  ++tallies_[static_cast<std::size_t>(api::Kind::Pod)].deleted;
  if (holds_.contains(id)) release(id);
}

void InvariantChecker::hold(api::ObjectId id, const api::Pod& pod, bool check_fit) {
  // One name lookup per binding, not per write: the node is kept with the pod.
  const api::ObjectId node_id = server_.nodes().find("", pod.spec->node_name);
  if (node_id == api::kNoObject) return;  // bound to a node that is gone: it holds nothing
  const api::ResourceList requests = api::pod_requests(pod.spec);
  PodHold& held = holds_[id];
  held = {.node = node_id,
          .cpu_millis = requests.cpu_millis.value_or(0),
          .memory_bytes = requests.memory_bytes.value_or(0),
          .holds = true};
  if (loads_.size() <= node_id) loads_.resize(node_id + 1);
  NodeLoad& load = loads_[node_id];
  load.cpu_millis += held.cpu_millis;
  load.memory_bytes += held.memory_bytes;
  load.pods += 1;
  if (!check_fit) return;
  const api::ResourceList& allocatable = server_.nodes().get(node_id)->status->allocatable;
  const auto over = [&](std::string_view resource, std::int64_t requested, std::int64_t used, std::int64_t limit) {
    if (requested > 0 && used > limit) {
      violation("pod " + pod_name(pod) + " bound to node \"" + pod.spec->node_name + "\" brings its " +
                std::string(resource) + " requests to " + std::to_string(used) + ", over its allocatable " +
                std::to_string(limit) + "; the scheduler must count every bound, non-terminal pod");
    }
  };
  over("cpu (millicores)", held.cpu_millis, load.cpu_millis, allocatable.cpu_millis.value_or(0));
  over("memory (bytes)", held.memory_bytes, load.memory_bytes, allocatable.memory_bytes.value_or(0));
  over("pod count", 1, load.pods, allocatable.pods.value_or(kDefaultMaxPods));
}

void InvariantChecker::release(api::ObjectId id) {
  const auto found = holds_.find(id);
  const PodHold& held = found->second;
  NodeLoad& load = loads_[held.node];
  load.cpu_millis -= held.cpu_millis;
  load.memory_bytes -= held.memory_bytes;
  load.pods -= 1;
  holds_.erase(found);
}

void InvariantChecker::finish() {
  const std::size_t present[] = {server_.nodes().size(), server_.pods().size(), server_.jobs().size(),
                                 server_.cron_jobs().size()};
  for (const api::Kind kind : {api::Kind::Node, api::Kind::Pod, api::Kind::Job, api::Kind::CronJob}) {
    const Tally& tally = tallies_[static_cast<std::size_t>(kind)];
    const auto live = static_cast<std::int64_t>(present[static_cast<std::size_t>(kind)]);
    if (tally.created != tally.deleted + live) {
      violation(std::string(api::kind_name(kind)) + "s: " + std::to_string(tally.created) + " created, " +
                std::to_string(tally.deleted) + " deleted, but " + std::to_string(live) +
                " present at the end; every object created must be deleted (watch event) or still stored");
    }
  }
}

}  // namespace jobsim::world
