// BehaviorWorkload: the scenario's `behaviors` as the kubelet's Workload. The first behavior
// whose match fits a container decides its run time, exit code, usage and termination delay,
// drawn from per-behavior random streams. A container no behavior matches runs for 0 s and exits
// 0, unless its command says `sleep N` or `exit N` (then those are used); either way the run
// gets one warning per container.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/api/job.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/cluster/workload.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/scenario/scenario.hpp"

namespace jobsim::world {

// What a container's command tells about its run (`sleep N`, `exit N`), if anything.
struct CommandHints {
  std::optional<engine::Duration> sleep;
  std::optional<std::int32_t> exit_code;
};
CommandHints infer_from_command(const api::Container& container);

class BehaviorWorkload final : public cluster::Workload {
 public:
  BehaviorWorkload(const std::vector<scenario::Behavior>& behaviors, const engine::RandomStreams& streams,
                   const cluster::Informer<api::Job>& jobs);

  cluster::ContainerRun next_run(const api::Pod& pod, const api::Container& container) override;

  // Warnings about containers no behavior matched, once per (owner, container), in order.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct BehaviorState {
    const scenario::Behavior* behavior;
    engine::RandomStream durations;
    engine::RandomStream exit_codes;
    std::size_t runs = 0;  // for per-run exit code lists
  };
  bool matches(const scenario::BehaviorMatch& match, const api::Pod& pod, const api::Container& container) const;
  std::string owner_job(const api::Pod& pod) const;
  std::string owner_cron_job(const api::Pod& pod) const;
  std::optional<engine::Duration> draw_duration(BehaviorState& state);
  std::int32_t draw_exit_code(BehaviorState& state);

  std::vector<BehaviorState> states_;
  const cluster::Informer<api::Job>& jobs_;
  std::map<std::string, bool> warned_;
  std::vector<std::string> warnings_;
};

}  // namespace jobsim::world
