// The kubelet's image pulls, as far as an imagePullFailure fault needs them.
// Upstream: pkg/kubelet/images/image_manager.go EnsureImageExists (events Pulling, Failed,
// BackOff; errors ErrImagePull and ImagePullBackOff), pkg/kubelet/kuberuntime/
// kuberuntime_container.go startContainer (Warning Failed "Error: <reason>", the container
// Waiting with that reason), pkg/kubelet/kubelet.go (imageBackOff: flowcontrol.NewBackOff(
// backOffPeriod 10 s, MaxImageBackOff 300 s); backOffPeriod is also the pod worker's requeue
// after a failed sync).
// Model (docs/fidelity.md): a container pulls its image once, when it first starts in its pod
// (restarts find it on the node); pulls take no time and succeed unless the image is failing.
// After a failed pull the pod worker's requeue 10 s later finds the pull in backoff
// (ImagePullBackOff) when the backoff is longer; the next pull is attempted exactly when the
// backoff expires. Pulls are 10, 20, 40, 80, 160, 300, 300 ... s apart.
#include <algorithm>
#include <chrono>
#include <string>

#include "cluster/kubelet_internal.hpp"
#include "jobsim/cluster/kubelet.hpp"

namespace jobsim::cluster {
namespace {

using kubelet_internal::set_condition;
using kubelet_internal::status_of;

constexpr engine::Duration kImageBackOffInitial = std::chrono::seconds(10);  // kubelet.go backOffPeriod
constexpr engine::Duration kImageBackOffMax = std::chrono::seconds(300);     // kubelet.go MaxImageBackOff
constexpr engine::Duration kPodSyncErrorRequeue = std::chrono::seconds(10);  // kubelet.go backOffPeriod

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

}  // namespace

void Kubelet::set_image_pull_failing(const std::string& image, bool failing) {
  if (failing) {
    ++failing_images_[image];
    return;
  }
  const auto found = failing_images_.find(image);
  if (found != failing_images_.end() && --found->second <= 0) failing_images_.erase(found);
}

bool Kubelet::ensure_image(api::ObjectId id, api::Pod& pod, std::size_t index) {
  ContainerRuntime& container = pods_.at(id).containers[index];
  if (container.image_pulled) return true;
  const api::Name& image = pod.spec->containers[index].image;
  const engine::SimTime now = sim_.now();
  Backoff& backoff = container.pull_backoff;
  // client-go flowcontrol.Backoff: an entry expires 2 x max after its last update.
  const bool expired = backoff.present && now - backoff.last_update > 2 * kImageBackOffMax;
  if (backoff.present && !expired && now - backoff.last_update < backoff.delay) return false;  // IsInBackOffSinceUpdate
  const bool retried = backoff.present;
  if (!failing_images_.contains(image)) {
    container.image_pulled = true;
    // Pods whose first pull works show no pull events (as before this model had image pulls);
    // a pull that works after failures shows them, so the recovery is visible.
    if (retried) {
      recorder_.normal(api::Kind::Pod, pod.metadata, "Pulling", {"Pulling image \"{}\"", image});
      recorder_.normal(api::Kind::Pod, pod.metadata, "Pulled",
                       {"Successfully pulled image \"{}\" in 0s (0s including waiting)", image});
    }
    return true;
  }
  const std::string error = "rpc error: code = Unavailable desc = failed to pull and unpack image " + quoted(image) +
                            ": the image pull is failing (imagePullFailure fault)";
  recorder_.normal(api::Kind::Pod, pod.metadata, "Pulling", {"Pulling image \"{}\"", image});
  recorder_.warning(api::Kind::Pod, pod.metadata, "Failed",
                    api::EventMessage::text("Failed to pull image " + quoted(image) + ": " + error));
  // flowcontrol.Backoff.Next: a new or expired entry starts at the initial delay, otherwise doubles.
  if (!backoff.present || expired) {
    backoff = {true, kImageBackOffInitial, now};
  } else {
    backoff.delay = std::min(backoff.delay * 2, kImageBackOffMax);
    backoff.last_update = now;
  }
  recorder_.warning(api::Kind::Pod, pod.metadata, "Failed", "Error: ErrImagePull");
  api::ContainerStatus* status = status_of(pod, index);
  status->name = pod.spec->containers[index].name;
  status->image = image;
  status->state = {.kind = api::ContainerStateKind::Waiting, .reason = "ErrImagePull", .message = error};
  status->ready = false;
  container.timer = sim_.schedule_after(backoff.delay, {"kubelet.image_pull", id},
                                        [this, id, index] { retry_image_pull(id, index); });
  if (kPodSyncErrorRequeue < backoff.delay) {
    sim_.schedule_after(kPodSyncErrorRequeue, {"kubelet.image_pull_backoff", id},
                        [this, id, index] { show_image_pull_backoff(id, index); });
  }
  return false;
}

// show_image_pull_backoff is the pod worker's sync after the failed one: the pull is in backoff.
void Kubelet::show_image_pull_backoff(api::ObjectId id, std::size_t index) {
  const api::Pod* current = pods_informer_.get(id);
  const auto found = pods_.find(id);
  // Not tracked by a handle: a pod killed meanwhile, or on a machine that stopped, shows nothing.
  if (current == nullptr || found == pods_.end() || found->second.killing || on_down_node(*current)) return;
  const ContainerRuntime& container = found->second.containers[index];
  if (container.image_pulled || container.done) return;
  api::Pod pod = *current;
  const std::string& image = pod.spec->containers[index].image;
  const std::string message = "Back-off pulling image " + quoted(image);
  recorder_.normal(api::Kind::Pod, pod.metadata, "BackOff", api::EventMessage::text(message));
  recorder_.warning(api::Kind::Pod, pod.metadata, "Failed", "Error: ImagePullBackOff");
  status_of(pod, index)->state = {.kind = api::ContainerStateKind::Waiting, .reason = "ImagePullBackOff",
                                  .message = message};
  update_pod(id, std::move(pod));
}

void Kubelet::retry_image_pull(api::ObjectId id, std::size_t index) {
  const api::Pod* current = pods_informer_.get(id);
  const auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end() || found->second.killing) return;
  if (found->second.containers[index].image_pulled) return;
  api::Pod pod = *current;
  const std::vector<api::Name> started = start_containers(id, pod);
  const api::ObjectMeta metadata = pod.metadata;
  update_pod(id, std::move(pod));
  for (const api::Name& name : started) {
    recorder_.normal(api::Kind::Pod, metadata, "Started", {"Started container {}", name});
  }
  publish_usage(id);
}

std::vector<api::Name> Kubelet::start_containers(api::ObjectId id, api::Pod& pod) {
  PodRuntime& runtime = pods_.at(id);
  std::vector<api::Name> started;
  for (std::size_t i = 0; i < pod.spec->containers.size(); ++i) {
    const ContainerRuntime& container = runtime.containers[i];
    if (container.running || container.done || container.image_pulled) continue;
    if (!ensure_image(id, pod, i)) continue;
    run_container(id, pod, i);
    started.push_back(pod.spec->containers[i].name);
  }
  const engine::SimTime now = sim_.now();
  const bool any_running = std::ranges::any_of(runtime.containers, [](const ContainerRuntime& c) { return c.running; });
  if (any_running && pod.status->phase == api::PodPhase::Pending) pod.status.edit().phase = api::PodPhase::Running;
  const bool all_running =
      std::ranges::all_of(runtime.containers, [](const ContainerRuntime& c) { return c.running || c.done; });
  set_condition(pod.status.edit(), "Ready", all_running ? api::ConditionStatus::True : api::ConditionStatus::False, now);
  set_condition(pod.status.edit(), "ContainersReady", all_running ? api::ConditionStatus::True : api::ConditionStatus::False,
                now);
  return started;
}

}  // namespace jobsim::cluster
