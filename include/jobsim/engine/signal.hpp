// Signal<Args...>: the observer seam between the model and whoever listens (reports, tests).
// The model emits; reporting subscribes (CONTRIBUTING.md "Principles"). Slots run in the order
// they were connected, which keeps outputs deterministic.
#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace jobsim::engine {

template <class... Args>
class Signal {
 public:
  using Slot = std::function<void(Args...)>;
  void connect(Slot slot) { slots_.push_back(std::move(slot)); }
  void emit(Args... args) const {
    for (const Slot& slot : slots_) slot(args...);
  }
  bool empty() const { return slots_.empty(); }

 private:
  std::vector<Slot> slots_;
};

}  // namespace jobsim::engine
