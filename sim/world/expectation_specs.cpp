// Field-for-field conversion of scenario::Expectation into report::ExpectationSpec, plus the
// label every message starts with.
#include "world/expectation_specs.hpp"

namespace jobsim::world {
namespace {

report::ExpectationForm form_of(scenario::ExpectationForm form) {
  switch (form) {
    case scenario::ExpectationForm::MaxConcurrent: return report::ExpectationForm::MaxConcurrent;
    case scenario::ExpectationForm::Count: return report::ExpectationForm::Count;
    case scenario::ExpectationForm::Event: return report::ExpectationForm::Event;
    case scenario::ExpectationForm::Job: return report::ExpectationForm::Job;
  }
  return report::ExpectationForm::Count;
}

}  // namespace

std::vector<report::ExpectationSpec> expectation_specs(const scenario::Scenario& scenario) {
  std::vector<report::ExpectationSpec> specs;
  specs.reserve(scenario.expectations.size());
  for (std::size_t i = 0; i < scenario.expectations.size(); ++i) {
    const scenario::Expectation& from = scenario.expectations[i];
    const scenario::ObjectFilter& objects = from.objects;
    const scenario::EventFilter& event = from.event;
    specs.push_back({
        .form = form_of(from.form),
        .objects = {.kind = objects.kind,
                    .namespace_ = objects.namespace_,
                    .name = objects.name,
                    .cron_job = objects.cron_job,
                    .job = objects.job,
                    .node = objects.node,
                    .phase = objects.phase},
        .event = {.reason = event.reason,
                  .type = event.type,
                  .kind = event.kind,
                  .name = event.name,
                  .namespace_ = event.namespace_,
                  .message_contains = event.message_contains},
        .condition = from.condition,
        .reason = from.reason,
        .at = from.at,
        .min = from.min,
        .max = from.max,
        .equals = from.equals,
        .label = scenario::expectation_label(from, i),
        .location = from.pos.file.empty() ? std::string() : from.pos.to_string(),
        .text = scenario::describe_expectation(from),
        .description = from.description,
    });
  }
  return specs;
}

}  // namespace jobsim::world
