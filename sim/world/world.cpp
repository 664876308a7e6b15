#include "jobsim/world/world.hpp"

#include <algorithm>
#include <variant>

#include "jobsim/scenario/load.hpp"
#include "world/expectation_specs.hpp"
#include "world/scenario_images.hpp"

namespace jobsim::world {
namespace {

constexpr std::int64_t kDefaultPodsPerNode = 110;

cluster::EventRecorder recorder_for(engine::Simulator& sim, cluster::EventSink& sink, const char* source) {
  return cluster::EventRecorder(sim, sink, source);
}

std::optional<api::Kind> kind_from_name(std::string_view name) {
  if (name == "Job") return api::Kind::Job;
  if (name == "Pod") return api::Kind::Pod;
  if (name == "CronJob") return api::Kind::CronJob;
  if (name == "Node") return api::Kind::Node;
  return std::nullopt;
}

std::optional<cluster::PropagationPolicy> policy_from_name(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  if (*name == "Orphan") return cluster::PropagationPolicy::Orphan;
  if (*name == "Foreground") return cluster::PropagationPolicy::Foreground;
  return cluster::PropagationPolicy::Background;
}

// controller_zone: kube-controller-manager's local zone (cluster.timeZone). The scenario loader
// is where an unknown name must be reported; reaching here with one is a bug.
cron::TimeZone controller_zone(const std::string& name) {
  cron::LoadResult loaded = cron::TimeZone::load(name);
  JOBSIM_CHECK(loaded.zone.has_value(), "cluster.timeZone \"" + name + "\" does not load (" + loaded.error +
                                            "); the scenario loader must reject it");
  return *std::move(loaded.zone);
}

}  // namespace

World::World(const scenario::Scenario& scenario, std::uint64_t replication)
    : scenario_(scenario),
      streams_(scenario.seed, replication),
      sim_(scenario.start),
      api_(sim_, streams_),
      client_(api_),
      invariants_(sim_, api_),
      recorder_(std::make_unique<report::RunRecorder>(sim_, api_, events_, usage_, lifecycle_, expectation_specs(scenario),
                                                      controller_zone(scenario.cluster.time_zone))),
      workload_(scenario.behaviors, streams_, api_.jobs()),
      scheduler_(sim_, api_.pods(), api_.nodes(), client_, recorder_for(sim_, events_, "default-scheduler"),
                 scenario.cluster.timings),
      kubelet_(sim_, api_.pods(), api_.nodes(), client_, recorder_for(sim_, events_, "kubelet"), workload_, usage_,
               scenario.cluster.timings),
      job_controller_(sim_, api_.jobs(), api_.pods(), client_, recorder_for(sim_, events_, "job-controller"),
                      scenario.cluster.timings),
      cronjob_controller_(sim_, api_.cron_jobs(), api_.jobs(), client_, recorder_for(sim_, events_, "cronjob-controller"),
                          controller_zone(scenario.cluster.time_zone)),
      ttl_controller_(sim_, api_.jobs(), client_),
      garbage_collector_(sim_, api_.pods(), api_.jobs(), api_.cron_jobs(), client_),
      pod_gc_(sim_, api_.pods(), api_.nodes(), client_, scenario.cluster.timings),
      node_lifecycle_(sim_, api_.nodes(), api_.pods(), leases_, client_, recorder_for(sim_, events_, "node-controller"),
                      scenario.cluster.timings),
      taint_eviction_(sim_, api_.nodes(), api_.pods(), client_, recorder_for(sim_, events_, "taint-eviction-controller")) {
  kubelet_.attach_leases(leases_);
  kubelet_.attach_lifecycle(lifecycle_);
  job_controller_.attach_lifecycle(lifecycle_);
  cronjob_controller_.attach_lifecycle(lifecycle_);
  pod_gc_.attach_lifecycle(lifecycle_);
  // Nodes and objects are created by the first event at `start`, so that everything observing
  // the World (reports, tests) can subscribe after construction and still see them created.
  sim_.schedule_at(scenario_.start, {"world.start", 0}, [this] {
    create_nodes();
    create_objects();
  });
  schedule_actions();
  schedule_faults();
}

template <class F>
void World::for_each_controller(F&& f) {
  f(job_controller_);
  f(cronjob_controller_);
  f(ttl_controller_);
  f(garbage_collector_);
  f(pod_gc_);
  f(node_lifecycle_);
  f(taint_eviction_);
}

// Lifecycle lines of the outage (events.jsonl, docs/faults.md).
constexpr std::string_view kControllerManagerKind = "ControllerManager";
constexpr std::string_view kControllerManagerName = "kube-controller-manager";

void World::stop_controller_manager() {
  if (!controller_manager_running_) return;
  controller_manager_running_ = false;
  for_each_controller([](auto& controller) { controller.stop(); });
  recorder_->component_down(kControllerManagerKind, kControllerManagerName);
}

void World::start_controller_manager() {
  if (controller_manager_running_) return;
  controller_manager_running_ = true;
  recorder_->component_up(kControllerManagerKind, kControllerManagerName);
  for_each_controller([](auto& controller) { controller.start(); });
}

constexpr std::string_view kSchedulerKind = "Scheduler";
constexpr std::string_view kSchedulerName = "kube-scheduler";

void World::stop_scheduler() {
  if (!scheduler_.running()) return;
  scheduler_.stop();
  recorder_->component_down(kSchedulerKind, kSchedulerName);
}

void World::start_scheduler() {
  if (scheduler_.running()) return;
  recorder_->component_up(kSchedulerKind, kSchedulerName);
  scheduler_.start();
}

void World::schedule_faults() {
  for (const scenario::Fault& fault : scenario_.faults) {
    // An outage that starts at or after the end changes nothing; one that outlasts the run
    // leaves the controllers down at the end (no Up line).
    if (fault.at >= scenario_.until) continue;
    switch (fault.kind) {
      case scenario::FaultKind::ControllerManagerDown:
        // Faults are scheduled after the start event, so an outage at `start` begins once the
        // initial objects exist (their informer adds are then dropped, and the restart syncs them).
        sim_.schedule_at(fault.at, {"fault.controller_manager_down", 0}, [this] { stop_controller_manager(); });
        if (fault.at + fault.duration <= scenario_.until) {
          sim_.schedule_at(fault.at + fault.duration, {"fault.controller_manager_up", 0},
                           [this] { start_controller_manager(); });
        }
        break;
      case scenario::FaultKind::NodeDown: {
        const scenario::Fault* ptr = &fault;
        sim_.schedule_at(fault.at, {"fault.node_down", 0}, [this, ptr] { node_outage_begins(ptr->node); });
        if (fault.duration > engine::Duration::zero() && fault.at + fault.duration <= scenario_.until) {
          sim_.schedule_at(fault.at + fault.duration, {"fault.node_up", 0}, [this, ptr] { node_outage_ends(ptr->node); });
        }
        break;
      }
      case scenario::FaultKind::NodeUp: {
        const scenario::Fault* ptr = &fault;
        sim_.schedule_at(fault.at, {"fault.node_up", 0}, [this, ptr] { node_outage_ends(ptr->node); });
        break;
      }
      case scenario::FaultKind::NodeFailures: {
        // After the start event, so that "every node" means the nodes created at start.
        const scenario::Fault* ptr = &fault;
        sim_.schedule_at(fault.at, {"fault.node_failures", 0}, [this, ptr] { start_node_failures(*ptr); });
        break;
      }
      case scenario::FaultKind::SchedulerDown:
        sim_.schedule_at(fault.at, {"fault.scheduler_down", 0}, [this] { stop_scheduler(); });
        if (fault.at + fault.duration <= scenario_.until) {
          sim_.schedule_at(fault.at + fault.duration, {"fault.scheduler_up", 0}, [this] { start_scheduler(); });
        }
        break;
      case scenario::FaultKind::ImagePullFailure: {
        const std::string& image = fault.image;
        // A typo in the image would make the fault do nothing: say so (patches may still change
        // an image later, so this is a warning, not a load error).
        if (!scenario_images(scenario_).contains(image)) {
          warn(fault.pos, "imagePullFailure: no container of this scenario uses image \"" + image + "\"");
        }
        sim_.schedule_at(fault.at, {"fault.image_pull_failure", 0},
                         [this, &image] { kubelet_.set_image_pull_failing(image, true); });
        if (fault.duration > engine::Duration::zero() && fault.at + fault.duration <= scenario_.until) {
          sim_.schedule_at(fault.at + fault.duration, {"fault.image_pull_restored", 0},
                           [this, &image] { kubelet_.set_image_pull_failing(image, false); });
        }
        break;
      }
    }
  }
}

void World::node_outage_begins(const std::string& node) {
  if (node_outages_[node]++ == 0) kubelet_.node_down(node);
}

void World::node_outage_ends(const std::string& node) {
  auto found = node_outages_.find(node);
  if (found == node_outages_.end() || found->second == 0) return;
  if (--found->second == 0) kubelet_.node_up(node);
}

void World::start_node_failures(const scenario::Fault& fault) {
  std::vector<std::string> nodes = fault.nodes;
  if (nodes.empty()) {
    api_.nodes().for_each([&nodes](api::ObjectId, const api::Node& node) { nodes.push_back(node.metadata->name); });
  }
  for (const std::string& node : nodes) {
    auto draws = std::make_shared<NodeFailureDraws>(streams_, node, fault.mtbf, fault.mttr);
    const engine::SimTime down_at = sim_.now() + draws->next_up();
    arm_node_failure(std::move(draws), node, down_at);
  }
}

// arm_node_failure schedules one failure (down at `down_at`, up after a drawn repair time) and,
// from the up event, the next one: one pending event per node at a time.
void World::arm_node_failure(std::shared_ptr<NodeFailureDraws> draws, std::string node, engine::SimTime down_at) {
  if (down_at >= scenario_.until) return;
  const api::ObjectId id = api_.nodes().find("", node);
  auto state = std::make_shared<std::pair<std::shared_ptr<NodeFailureDraws>, std::string>>(std::move(draws), std::move(node));
  sim_.schedule_at(down_at, {"fault.node_failure", id}, [this, state] {
    node_outage_begins(state->second);
    const engine::SimTime up_at = sim_.now() + state->first->next_down();
    if (up_at > scenario_.until) return;  // still down at the end
    sim_.schedule_at(up_at, {"fault.node_repair", 0}, [this, state] {
      node_outage_ends(state->second);
      arm_node_failure(state->first, state->second, sim_.now() + state->first->next_up());
    });
  });
}

void World::create_nodes() {
  for (const scenario::NodeGroup& group : scenario_.cluster.nodes) {
    const std::int32_t count = group.count.value_or(1);
    for (std::int32_t i = 1; i <= count; ++i) {
      api::Node node;
      node.metadata.edit().name = group.count ? group.name + "-" + std::to_string(i) : group.name;
      node.metadata.edit().labels = group.labels;
      node.metadata.edit().labels.edit()["kubernetes.io/hostname"] = node.metadata->name;
      node.spec.edit().taints = group.taints;
      node.status.edit().capacity = group.capacity;
      if (!node.status->capacity.pods) node.status.edit().capacity.pods = kDefaultPodsPerNode;
      node.status.edit().allocatable = node.status->capacity;
      node.status.edit().conditions.push_back(
          {.type = "Ready", .status = api::ConditionStatus::True, .reason = "KubeletReady", .last_transition_time = sim_.now()});
      api_.create(std::move(node));
    }
  }
}

// creation_rank orders the initial objects owners first: Nodes, CronJobs, Jobs, then Pods, so
// that a snapshot's Job is known to the controllers before the pods that name it as owner (the
// Job controller indexes pods by their owner's uid when it sees them), whatever the file order.
static int creation_rank(const scenario::Object& object) {
  return std::visit(
      [](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        if constexpr (std::is_same_v<T, api::Node>) return 0;
        if constexpr (std::is_same_v<T, api::CronJob>) return 1;
        if constexpr (std::is_same_v<T, api::Job>) return 2;
        return 3;
      },
      object);
}

void World::create_objects() {
  std::vector<const scenario::ObjectEntry*> ordered;
  ordered.reserve(scenario_.objects.size());
  for (const scenario::ObjectEntry& entry : scenario_.objects) ordered.push_back(&entry);
  std::ranges::stable_sort(ordered, {}, [](const scenario::ObjectEntry* entry) { return creation_rank(entry->object); });
  for (const scenario::ObjectEntry* entry_ptr : ordered) {
    const scenario::ObjectEntry& entry = *entry_ptr;
    const cluster::ApiResult result =
        std::visit([this](const auto& object) { return api_.create(object); }, entry.object);
    if (!result.ok()) warn(entry.pos, result.message);
  }
}

void World::schedule_actions() {
  for (const scenario::Action& action : scenario_.actions) {
    const scenario::Action* ptr = &action;
    if (action.at) {
      if (*action.at > scenario_.until) continue;
      sim_.schedule_at(std::max(*action.at, scenario_.start), {"action", 0}, [this, ptr] { run_action(*ptr); });
      continue;
    }
    if (!action.every || *action.every <= engine::Duration::zero()) continue;
    const engine::SimTime first = std::max(action.from.value_or(scenario_.start), scenario_.start);
    const engine::SimTime last = std::min(action.until.value_or(scenario_.until), scenario_.until);
    // One event at a time: each repetition schedules the next, so a year of `every: 1m`
    // does not fill the queue up front.
    struct Repeat {
      static void arm(World* world, const scenario::Action* repeated, engine::SimTime at, engine::SimTime until) {
        if (at > until) return;
        world->sim_.schedule_at(at, {"action", 0}, [world, repeated, at, until] {
          world->run_action(*repeated);
          arm(world, repeated, at + *repeated->every, until);
        });
      }
    };
    Repeat::arm(this, ptr, first, last);
  }
}

void World::warn(const scenario::SourcePos& pos, const std::string& message) {
  action_warnings_.push_back(engine::to_rfc3339(sim_.now()) + " " + pos.to_string() + ": " + message);
}

void World::run_action(const scenario::Action& action) {
  std::visit(
      [&](const auto& verb) {
        using Verb = std::decay_t<decltype(verb)>;
        if constexpr (std::is_same_v<Verb, scenario::CreateAction>) {
          const auto result = std::visit([this](const auto& object) { return api_.create(object); }, verb.object.object);
          if (!result.ok()) warn(action.pos, "create: " + result.message);
        } else if constexpr (std::is_same_v<Verb, scenario::ApplyAction>) {
          std::visit(
              [&](const auto& object) {
                using T = std::decay_t<decltype(object)>;
                const cluster::Informer<T>* store = nullptr;
                if constexpr (std::is_same_v<T, api::Job>) store = &api_.jobs();
                if constexpr (std::is_same_v<T, api::CronJob>) store = &api_.cron_jobs();
                if constexpr (std::is_same_v<T, api::Pod>) store = &api_.pods();
                if constexpr (std::is_same_v<T, api::Node>) store = &api_.nodes();
                // Nodes are cluster-scoped: stored with no namespace.
                const std::string ns = std::is_same_v<T, api::Node>        ? std::string()
                                       : object.metadata->namespace_.empty() ? std::string("default")
                                                                            : object.metadata->namespace_.str();
                const api::ObjectId id = store->find(ns, object.metadata->name);
                if (id == api::kNoObject) {
                  const auto result = api_.create(object);
                  if (!result.ok()) warn(action.pos, "apply: " + result.message);
                  return;
                }
                T updated = *store->get(id);
                updated.spec = object.spec;
                updated.metadata.edit().labels = object.metadata->labels;
                updated.metadata.edit().annotations = object.metadata->annotations;
                const auto result = api_.update(id, std::move(updated));
                if (!result.ok()) warn(action.pos, "apply: " + result.message);
              },
              verb.object.object);
        } else if constexpr (std::is_same_v<Verb, scenario::PatchAction>) {
          const auto kind = kind_from_name(verb.target.kind);
          auto patch_in = [&](auto& store) {
            // Nodes are cluster-scoped (stored with no namespace), as for delete below.
            const std::string& ns = kind == api::Kind::Node ? std::string() : verb.target.namespace_;
            const api::ObjectId id = store.find(ns, verb.target.name);
            if (id == api::kNoObject) {
              warn(action.pos, "patch: " + verb.target.kind + " \"" + verb.target.name + "\" not found");
              return;
            }
            scenario::Object object = *store.get(id);
            const std::vector<std::string> errors = scenario::apply_patch(object, verb.patch);
            for (const std::string& error : errors) action_warnings_.push_back(error);
            if (!errors.empty()) return;
            using T = std::decay_t<decltype(*store.get(id))>;
            const T before = *store.get(id);  // parts shared, not copied
            const T written = std::get<T>(object);
            const auto result = api_.update(id, std::get<T>(std::move(object)));
            if (!result.ok()) {
              warn(action.pos, "patch: " + result.message);
              return;
            }
            // A patch may set a status (as `kubectl patch --subresource=status` may): the World
            // made the write, so it announces what the write amounts to.
            if constexpr (std::is_same_v<T, api::Pod>) cluster::announce_write(lifecycle_, id, before, written);
            if constexpr (std::is_same_v<T, api::Job>) cluster::announce_write(lifecycle_, id, before, written, sim_.now());
          };
          if (kind == api::Kind::Job) patch_in(api_.jobs());
          if (kind == api::Kind::CronJob) patch_in(api_.cron_jobs());
          if (kind == api::Kind::Pod) patch_in(api_.pods());
          if (kind == api::Kind::Node) patch_in(api_.nodes());
        } else if constexpr (std::is_same_v<Verb, scenario::DeleteAction>) {
          const auto kind = kind_from_name(verb.target.kind);
          if (!kind) return;
          api::ObjectId id = api::kNoObject;
          const std::string& ns = *kind == api::Kind::Node ? std::string() : verb.target.namespace_;
          switch (*kind) {
            case api::Kind::Job: id = api_.jobs().find(ns, verb.target.name); break;
            case api::Kind::CronJob: id = api_.cron_jobs().find(ns, verb.target.name); break;
            case api::Kind::Pod: id = api_.pods().find(ns, verb.target.name); break;
            case api::Kind::Node: id = api_.nodes().find(ns, verb.target.name); break;
          }
          if (id == api::kNoObject) {
            warn(action.pos, "delete: " + verb.target.kind + " \"" + verb.target.name + "\" not found");
            return;
          }
          // A scenario's delete is what `kubectl delete` sends: Background unless told otherwise.
          cluster::DeleteOptions options;
          options.propagation_policy = policy_from_name(verb.propagation_policy).value_or(cluster::PropagationPolicy::Background);
          options.grace_period_seconds = verb.grace_period_seconds;
          api_.remove(*kind, id, options);
        }
      },
      action.verb);
}

void World::run_until(engine::SimTime end) { sim_.run_until(std::min(end, scenario_.until)); }

void World::finish(std::optional<double> wall_seconds) {
  if (finished_) return;
  finished_ = true;
  if (sim_.now() < scenario_.until) run_until(scenario_.until);
  recorder_->finish(scenario_.until, report::EngineStats{sim_.events_processed(), wall_seconds});
  invariants_.finish();
}

std::vector<std::string> World::warnings() const {
  std::vector<std::string> all = workload_.warnings();
  all.insert(all.end(), action_warnings_.begin(), action_warnings_.end());
  return all;
}

}  // namespace jobsim::world
