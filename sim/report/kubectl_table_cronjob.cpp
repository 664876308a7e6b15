// Upstream: pkg/printers/internalversion/printers.go printCronJob, printBoolPtr (v1.32).
#include "jobsim/report/kubectl_duration.hpp"
#include "jobsim/report/kubectl_tables.hpp"
#include "kubectl_cells.hpp"

namespace jobsim::report::kubectl {

Table cron_job_table(std::span<const api::CronJob* const> cron_jobs, engine::SimTime now, bool wide) {
  Table table{.columns = {"NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"}};
  if (wide) table.columns.insert(table.columns.end(), {"CONTAINERS", "IMAGES", "SELECTOR"});
  for (const api::CronJob* cron_job : cron_jobs) {
    const api::CronJobSpec& spec = cron_job->spec;
    const std::string suspend = !spec.suspend ? "<unset>" : (*spec.suspend ? "True" : "False");
    const std::string last_schedule = cron_job->status->last_schedule_time
                                          ? translate_timestamp_since(cron_job->status->last_schedule_time, now)
                                          : "<none>";
    std::vector<std::string> row = {cron_job->metadata->name,
                                    spec.schedule,
                                    spec.time_zone.value_or("<none>"),
                                    suspend,
                                    std::to_string(cron_job->status->active.size()),
                                    last_schedule,
                                    translate_timestamp_since(cron_job->metadata->creation_timestamp, now)};
    if (wide) {
      const auto [names, images] = container_cells(spec.job_template.spec->template_.spec->containers);
      row.insert(row.end(), {names, images, format_label_selector(spec.job_template.spec->selector)});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace jobsim::report::kubectl
