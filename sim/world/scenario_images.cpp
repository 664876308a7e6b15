#include "world/scenario_images.hpp"

#include <type_traits>
#include <variant>

namespace jobsim::world {
namespace {

void add_images(const api::PodSpec& spec, std::set<std::string>& images) {
  for (const api::Container& container : spec.containers) images.insert(container.image);
  for (const api::Container& container : spec.init_containers) images.insert(container.image);
}

void add_images(const scenario::Object& object, std::set<std::string>& images) {
  std::visit(
      [&images](const auto& typed) {
        using T = std::decay_t<decltype(typed)>;
        if constexpr (std::is_same_v<T, api::Job>) add_images(typed.spec->template_.spec, images);
        if constexpr (std::is_same_v<T, api::CronJob>) {
          add_images(typed.spec->job_template.spec->template_.spec, images);
        }
        if constexpr (std::is_same_v<T, api::Pod>) add_images(typed.spec, images);
      },
      object);
}

}  // namespace

std::set<std::string> scenario_images(const scenario::Scenario& scenario) {
  std::set<std::string> images;
  for (const scenario::ObjectEntry& entry : scenario.objects) add_images(entry.object, images);
  for (const scenario::Action& action : scenario.actions) {
    if (const auto* create = std::get_if<scenario::CreateAction>(&action.verb)) add_images(create->object.object, images);
    if (const auto* apply = std::get_if<scenario::ApplyAction>(&action.verb)) add_images(apply->object.object, images);
  }
  return images;
}

}  // namespace jobsim::world
