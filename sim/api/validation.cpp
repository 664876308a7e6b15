// Upstream: pkg/apis/batch/validation/validation.go (ValidateJob, validateJobSpec,
// ValidateCronJobCreate). Messages keep upstream's field.Error wording
// ("<type>: <detail>"), e.g. "Invalid value: -1: must be greater than or equal to 0".
#include "jobsim/api/validation.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "jobsim/cron/go_text.hpp"
#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"

namespace jobsim::api {
namespace {

constexpr std::int32_t kMaxParallelismForIndexedJob = 100000;
constexpr std::size_t kMaxSucceededIndexesLength = 64 * 1024;  // maxJobSuccessPolicySucceededIndexesLimit
constexpr std::size_t kMaxPodFailurePolicyRules = 20;
constexpr std::size_t kMaxOnPodConditionsPatterns = 20;
constexpr std::size_t kMaxExitCodeValues = 255;
constexpr std::size_t kMaxSuccessPolicyRules = 20;
constexpr std::int32_t kMaxFailedIndexesForIndexedJob = 100000;
constexpr std::int32_t kCompletionsSoftLimit = 100000;
constexpr std::int32_t kParallelismLimitForHighCompletions = 10000;
constexpr std::int32_t kMaxFailedIndexesLimitForHighCompletions = 10000;
constexpr std::size_t kMaxManagedByLength = 63;
constexpr std::size_t kMaxCronJobNameLength = 52;

struct Errors {
  std::vector<FieldError> list;
  void add(std::string path, std::string message) { list.push_back({std::move(path), std::move(message)}); }
  template <class Int>
  void non_negative(const std::string& path, const std::optional<Int>& value) {
    if (value && *value < 0) add(path, "Invalid value: " + std::to_string(*value) + ": must be greater than or equal to 0");
  }
};

bool is_dns_label(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return name.front() != '-' && name.back() != '-';
}

bool is_dns_subdomain(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dot = name.find('.', start);
    const std::string_view part = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty()) return false;
    for (char c : part) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    if (part.front() == '-' || part.back() == '-') return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

void validate_name(Errors& errors, const ObjectMeta& meta) {
  if (meta.name.empty()) {
    if (meta.generate_name.empty()) errors.add("metadata.name", "Required value: name or generateName is required");
    return;
  }
  if (!is_dns_subdomain(meta.name)) {
    errors.add("metadata.name",
               "Invalid value: \"" + meta.name +
                   "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
                   "or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
                   "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
}

void validate_pod_template(Errors& errors, const PodSpec& pod, const std::string& path, bool has_failure_policy) {
  const std::string restart_path = path + ".spec.restartPolicy";
  // Upstream checks empty and Always together: Always is what defaulting gives an unset field,
  // so an explicit Always gets the same "Required value" message.
  if (!pod.restart_policy_set || pod.restart_policy == RestartPolicy::Always) {
    errors.add(restart_path, "Required value: valid values: \"OnFailure\", \"Never\"");
  } else if (has_failure_policy && pod.restart_policy != RestartPolicy::Never) {
    errors.add(restart_path, "Invalid value: \"" + std::string(to_string(pod.restart_policy)) +
                                 "\": only \"Never\" is supported when podFailurePolicy is specified");
  }
  if (pod.containers.empty()) errors.add(path + ".spec.containers", "Required value");
  std::set<std::string> names;
  for (std::size_t i = 0; i < pod.containers.size(); ++i) {
    const Container& container = pod.containers[i];
    const std::string container_path = path + ".spec.containers[" + std::to_string(i) + "]";
    if (container.name.empty()) {
      errors.add(container_path + ".name", "Required value");
    } else if (!is_dns_label(container.name)) {
      errors.add(container_path + ".name", "Invalid value: \"" + container.name +
                                               "\": a lowercase RFC 1123 label must consist of lower case "
                                               "alphanumeric characters or '-', and must start and end with an "
                                               "alphanumeric character");
    } else if (!names.insert(container.name).second) {
      errors.add(container_path + ".name", "Duplicate value: \"" + container.name + "\"");
    }
    if (container.image.empty()) errors.add(container_path + ".image", "Required value");
    const ResourceList& requests = container.resources.requests;
    const ResourceList& limits = container.resources.limits;
    if (requests.cpu_millis && limits.cpu_millis && *requests.cpu_millis > *limits.cpu_millis) {
      errors.add(container_path + ".resources.requests", "Invalid value: \"" + format_cpu(*requests.cpu_millis) +
                                                             "\": must be less than or equal to cpu limit of " +
                                                             format_cpu(*limits.cpu_millis));
    }
    if (requests.memory_bytes && limits.memory_bytes && *requests.memory_bytes > *limits.memory_bytes) {
      errors.add(container_path + ".resources.requests",
                 "Invalid value: \"" + format_memory(*requests.memory_bytes) +
                     "\": must be less than or equal to memory limit of " + format_memory(*limits.memory_bytes));
    }
  }
  if (pod.termination_grace_period_seconds < 0) {
    errors.add(path + ".spec.terminationGracePeriodSeconds",
               "Invalid value: " + std::to_string(pod.termination_grace_period_seconds) +
                   ": must be greater than or equal to 0");
  }
}

void validate_exit_codes(Errors& errors, const api::PodFailurePolicyOnExitCodesRequirement& codes,
                         const std::string& codes_path, const std::set<std::string>& container_names) {
  if (codes.container_name && container_names.count(*codes.container_name) == 0) {
    errors.add(codes_path + ".containerName",
               "Invalid value: \"" + *codes.container_name +
                   "\": must be one of the container or initContainer names in the pod template");
  }
  const std::string values_path = codes_path + ".values";
  if (codes.values.empty()) {
    errors.add(values_path, "Invalid value: []int32(nil): at least one value is required");
  } else if (codes.values.size() > kMaxExitCodeValues) {
    errors.add(values_path, "Too many: " + std::to_string(codes.values.size()) + ": must have at most 255 items");
  }
  bool ordered = true;
  std::set<std::int32_t> seen;
  for (std::size_t j = 0; j < codes.values.size(); ++j) {
    const std::string value_path = values_path + "[" + std::to_string(j) + "]";
    const std::int32_t value = codes.values[j];
    if (codes.operator_ == PodFailurePolicyOnExitCodesOperator::In && value == 0) {
      errors.add(value_path, "Invalid value: 0: must not be 0 for the In operator");
    }
    if (!seen.insert(value).second) errors.add(value_path, "Duplicate value: " + std::to_string(value));
    if (j > 0 && codes.values[j - 1] > value) ordered = false;
  }
  if (!ordered) {
    std::string rendered = "[]int32{";
    for (std::size_t j = 0; j < codes.values.size(); ++j) rendered += (j ? ", " : "") + std::to_string(codes.values[j]);
    errors.add(values_path, "Invalid value: " + rendered + "}: must be ordered");
  }
}

// Upstream validatePodFailurePolicy / validatePodFailurePolicyRule, in upstream's order.
void validate_failure_policy(Errors& errors, const JobSpec& spec, const std::string& prefix) {
  const PodFailurePolicy& policy = *spec.pod_failure_policy;
  const std::string rules_path = prefix + ".podFailurePolicy.rules";
  if (policy.rules.size() > kMaxPodFailurePolicyRules) {
    errors.add(rules_path, "Too many: " + std::to_string(policy.rules.size()) + ": must have at most 20 items");
  }
  std::set<std::string> container_names;
  for (const Container& container : spec.template_.spec->containers) container_names.insert(container.name);
  for (const Container& container : spec.template_.spec->init_containers) container_names.insert(container.name);
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const PodFailurePolicyRule& rule = policy.rules[i];
    const std::string rule_path = rules_path + "[" + std::to_string(i) + "]";
    if (rule.action == PodFailurePolicyAction::FailIndex && !spec.backoff_limit_per_index) {
      errors.add(rule_path + ".action", "Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set");
    }
    const bool has_codes = rule.on_exit_codes.has_value();
    const bool has_conditions = !rule.on_pod_conditions.empty();
    if (has_codes) validate_exit_codes(errors, *rule.on_exit_codes, rule_path + ".onExitCodes", container_names);
    if (rule.on_pod_conditions.size() > kMaxOnPodConditionsPatterns) {
      errors.add(rule_path + ".onPodConditions",
                 "Too many: " + std::to_string(rule.on_pod_conditions.size()) + ": must have at most 20 items");
    }
    if (has_codes && has_conditions) {
      errors.add(rule_path, "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported");
    } else if (!has_codes && !has_conditions) {
      errors.add(rule_path, "Invalid value: specifying one of OnExitCodes and OnPodConditions is required");
    }
  }
}

// Upstream parseIndexInterval: "x" or "x-y" with x < y < completions; errors name the part.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_index_interval(std::string_view interval,
                                                                          std::int32_t completions,
                                                                          std::string& error) {
  std::vector<std::string_view> limits;
  for (std::size_t start = 0;;) {
    const std::size_t dash = interval.find('-', start);
    limits.push_back(interval.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (limits.size() > 2) {
    error = "the fragment \"" + std::string(interval) +
            "\" violates the requirement that an index interval can have at most two parts separated by '-'";
    return std::nullopt;
  }
  // strconv.Atoi: an optional sign, then decimal digits that fit in 64 bits.
  auto atoi = [](std::string_view text) -> std::optional<std::int64_t> {
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
      negative = text.front() == '-';
      text.remove_prefix(1);
    }
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
  };
  std::int64_t bounds[2] = {0, 0};
  for (std::size_t k = 0; k < limits.size(); ++k) {
    const auto value = atoi(limits[k]);
    if (!value) {
      error = "cannot convert string to integer for index: \"" + std::string(limits[k]) + "\"";
      return std::nullopt;
    }
    if (*value >= completions) {
      error = "too large index: \"" + std::string(limits[k]) + "\"";
      return std::nullopt;
    }
    bounds[k] = *value;
  }
  if (limits.size() == 1) return std::pair{bounds[0], bounds[0]};
  if (bounds[0] >= bounds[1]) {
    error = "non-increasing order, previous: " + std::to_string(bounds[0]) + ", current: " + std::to_string(bounds[1]);
    return std::nullopt;
  }
  return std::pair{bounds[0], bounds[1]};
}

// count_indexes counts the indexes of an interval string ("1,3-5") below `completions`, or
// returns an error text (upstream validateIndexesFormat).
std::optional<std::int32_t> count_indexes(std::string_view text, std::int32_t completions, std::string& error) {
  if (text.empty()) return 0;
  std::int64_t total = 0;
  std::optional<std::int64_t> last_index;
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    const std::string_view interval =
        text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const auto bounds = parse_index_interval(interval, completions, error);
    if (!bounds) return std::nullopt;
    if (last_index && *last_index >= bounds->first) {
      error = "non-increasing order, previous: " + std::to_string(*last_index) +
              ", current: " + std::to_string(bounds->first);
      return std::nullopt;
    }
    total += bounds->second - bounds->first + 1;
    last_index = bounds->second;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return static_cast<std::int32_t>(total);
}

void validate_success_policy(Errors& errors, const JobSpec& spec, const std::string& prefix) {
  const auto& rules = spec.success_policy->rules;
  const std::string rules_path = prefix + ".successPolicy.rules";
  if (rules.empty()) {
    errors.add(rules_path, "Required value: at least one rules must be specified when the successPolicy is specified");
  }
  if (rules.size() > kMaxSuccessPolicyRules) {
    errors.add(rules_path, "Too many: " + std::to_string(rules.size()) + ": must have at most 20 items");
  }
  const std::int32_t completions = spec.completions.value_or(0);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const SuccessPolicyRule& rule = rules[i];
    const std::string rule_path = rules_path + "[" + std::to_string(i) + "]";
    if (!rule.succeeded_count && !rule.succeeded_indexes) {
      errors.add(rule_path, "Required value: at least one of succeededCount or succeededIndexes must be specified");
    }
    std::int32_t total_indexes = 0;
    if (rule.succeeded_indexes) {
      if (rule.succeeded_indexes->size() > kMaxSucceededIndexesLength) {
        errors.add(rule_path + ".succeededIndexes", "Too long: must have at most 65536 bytes");
      }
      std::string error;
      if (auto total = count_indexes(*rule.succeeded_indexes, completions, error)) {
        total_indexes = *total;
      } else {
        errors.add(rule_path + ".succeededIndexes", "Invalid value: \"" + *rule.succeeded_indexes +
                                                        "\": error parsing succeededIndexes: " + error);
      }
    }
    if (!rule.succeeded_count) continue;
    const std::string count_path = rule_path + ".succeededCount";
    const std::int32_t count = *rule.succeeded_count;
    errors.non_negative(count_path, rule.succeeded_count);
    if (count > completions) {
      errors.add(count_path, "Invalid value: " + std::to_string(count) + ": must be less than or equal to " +
                                 std::to_string(completions) + " (the number of specified completions)");
    }
    if (rule.succeeded_indexes && count > total_indexes) {
      errors.add(count_path, "Invalid value: " + std::to_string(count) + ": must be less than or equal to " +
                                 std::to_string(total_indexes) +
                                 " (the number of indexes in the specified succeededIndexes field)");
    }
  }
}

}  // namespace

// Upstream validateJobSpec, check for check and in the same order (error order is visible).
std::vector<FieldError> validate_job_spec(const JobSpec& spec, const std::string& prefix) {
  Errors errors;
  errors.non_negative(prefix + ".parallelism", spec.parallelism);
  errors.non_negative(prefix + ".completions", spec.completions);
  errors.non_negative(prefix + ".activeDeadlineSeconds", spec.active_deadline_seconds);
  errors.non_negative(prefix + ".backoffLimit", spec.backoff_limit);
  errors.non_negative(prefix + ".ttlSecondsAfterFinished", spec.ttl_seconds_after_finished);
  errors.non_negative(prefix + ".backoffLimitPerIndex", spec.backoff_limit_per_index);
  if (spec.max_failed_indexes) {
    errors.non_negative(prefix + ".maxFailedIndexes", spec.max_failed_indexes);
    if (!spec.backoff_limit_per_index) {
      errors.add(prefix + ".backoffLimitPerIndex", "Required value: when maxFailedIndexes is specified");
    }
  }
  if (spec.managed_by && spec.managed_by->size() > kMaxManagedByLength) {
    errors.add(prefix + ".managedBy", "Too long: may not be more than 63 bytes");
  }
  const bool indexed = spec.completion_mode.value_or(CompletionMode::NonIndexed) == CompletionMode::Indexed;
  const std::string n = "Invalid value: ";
  if (indexed) {
    if (!spec.completions) errors.add(prefix + ".completions", "Required value: when completion mode is Indexed");
    if (spec.parallelism && *spec.parallelism > kMaxParallelismForIndexedJob) {
      errors.add(prefix + ".parallelism", n + std::to_string(*spec.parallelism) +
                                              ": must be less than or equal to 100000 when completion mode is Indexed");
    }
    if (spec.completions && spec.max_failed_indexes && *spec.max_failed_indexes > *spec.completions) {
      errors.add(prefix + ".maxFailedIndexes",
                 n + std::to_string(*spec.max_failed_indexes) + ": must be less than or equal to completions");
    }
    if (spec.max_failed_indexes && *spec.max_failed_indexes > kMaxFailedIndexesForIndexedJob) {
      errors.add(prefix + ".maxFailedIndexes",
                 n + std::to_string(*spec.max_failed_indexes) + ": must be less than or equal to 100000");
    }
    if (spec.completions && *spec.completions > kCompletionsSoftLimit && spec.backoff_limit_per_index) {
      const std::string high = " when completions are above 100000 and used with backoff limit per index";
      if (!spec.max_failed_indexes) {
        errors.add(prefix + ".maxFailedIndexes", "Required value: must be specified when completions is above 100000");
      }
      if (spec.parallelism && *spec.parallelism > kParallelismLimitForHighCompletions) {
        errors.add(prefix + ".parallelism",
                   n + std::to_string(*spec.parallelism) + ": must be less than or equal to 10000" + high);
      }
      if (spec.max_failed_indexes && *spec.max_failed_indexes > kMaxFailedIndexesLimitForHighCompletions) {
        errors.add(prefix + ".maxFailedIndexes",
                   n + std::to_string(*spec.max_failed_indexes) + ": must be less than or equal to 10000" + high);
      }
    }
  } else {
    if (spec.backoff_limit_per_index) {
      errors.add(prefix + ".backoffLimitPerIndex",
                 n + std::to_string(*spec.backoff_limit_per_index) + ": requires indexed completion mode");
    }
    if (spec.max_failed_indexes) {
      errors.add(prefix + ".maxFailedIndexes", n + std::to_string(*spec.max_failed_indexes) + ": requires indexed completion mode");
    }
  }
  if (spec.pod_failure_policy) validate_failure_policy(errors, spec, prefix);
  if (spec.success_policy) {
    if (!indexed) {
      errors.add(prefix + ".successPolicy", "Invalid value: requires indexed completion mode");
    } else {
      validate_success_policy(errors, spec, prefix);
    }
  }
  if (spec.pod_failure_policy && spec.pod_replacement_policy &&
      *spec.pod_replacement_policy != PodReplacementPolicy::Failed) {
    errors.add(prefix + ".podReplacementPolicy",
               "Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\"");
  }
  validate_pod_template(errors, spec.template_.spec, prefix + ".template", spec.pod_failure_policy.has_value());
  return errors.list;
}

std::vector<FieldError> validate_job(const Job& job) {
  Errors errors;
  validate_name(errors, job.metadata);
  auto spec_errors = validate_job_spec(job.spec, "spec");
  errors.list.insert(errors.list.end(), spec_errors.begin(), spec_errors.end());
  if (is_indexed(job) && job.spec->completions && *job.spec->completions > 0 && !job.metadata->name.empty()) {
    const std::string last_pod = job.metadata->name + "-" + std::to_string(*job.spec->completions - 1);
    if (!is_dns_label(last_pod)) {
      errors.add("metadata.name", "Invalid value: \"" + job.metadata->name +
                                      "\": will not able to create pod with invalid DNS label: " + last_pod);
    }
  }
  return errors.list;
}

namespace {

// Upstream: validation.go validateScheduleFormat, on create (no old object: TZ is never allowed).
// Values are rendered with %q, as field.Invalid does.
void validate_schedule_format(Errors& errors, const std::string& schedule) {
  const std::string invalid = "Invalid value: " + cron::go_quote(schedule) + ": ";
  const cron::ParseResult parsed = cron::Schedule::parse_standard(schedule);
  if (!parsed.schedule) errors.add("spec.schedule", invalid + parsed.error);
  if (schedule.find("TZ") != std::string::npos) {
    errors.add("spec.schedule", invalid + "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
  }
}

// is_valid_time_zone_part: upstream's validTimeZoneCharacters, ^[A-Za-z\.\-_0-9+]{1,14}$, plus
// the "." / ".." / leading "-" checks.
bool is_valid_time_zone_part(std::string_view part) {
  if (part.empty() || part.size() > 14 || part == "." || part == ".." || part.front() == '-') return false;
  for (const char c : part) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == '+';
    if (!ok) return false;
  }
  return true;
}

bool equal_fold_local(std::string_view text) {
  constexpr std::string_view kLocal = "local";
  if (text.size() != kLocal.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (c != kLocal[i]) return false;
  }
  return true;
}

// Upstream: validation.go validateTimeZone (create, or whenever timeZone changes on update).
void validate_time_zone(Errors& errors, const std::optional<std::string>& time_zone) {
  if (!time_zone) return;
  const std::string invalid = "Invalid value: " + cron::go_quote(*time_zone) + ": ";
  if (time_zone->empty()) {
    errors.add("spec.timeZone", invalid + "timeZone must be nil or non-empty string");
    return;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = time_zone->find('/', start);
    const std::string_view part = std::string_view(*time_zone).substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!is_valid_time_zone_part(part)) {
      errors.add("spec.timeZone", invalid + "unknown time zone " + *time_zone);
      return;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (equal_fold_local(*time_zone)) {
    errors.add("spec.timeZone", invalid + "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
  }
  // Go's LoadLocation("Local") succeeds (the process's zone); every other name must load.
  if (*time_zone != "Local") {
    const cron::LoadResult loaded = cron::TimeZone::load(*time_zone);
    if (!loaded.zone) errors.add("spec.timeZone", invalid + loaded.error);
  }
}

}  // namespace

std::vector<FieldError> validate_cron_job_schedule(const std::string& schedule) {
  Errors errors;
  if (schedule.empty()) {
    errors.add("spec.schedule", "Required value");
  } else {
    validate_schedule_format(errors, schedule);
  }
  return errors.list;
}

std::vector<FieldError> validate_cron_job_time_zone(const std::optional<std::string>& time_zone) {
  Errors errors;
  validate_time_zone(errors, time_zone);
  return errors.list;
}

std::vector<FieldError> validate_cron_job(const CronJob& cron_job) {
  Errors errors;
  validate_name(errors, cron_job.metadata);
  if (cron_job.metadata->name.size() > kMaxCronJobNameLength) {
    errors.add("metadata.name", "Invalid value: \"" + cron_job.metadata->name + "\": must be no more than 52 characters");
  }
  const CronJobSpec& spec = cron_job.spec;
  // Upstream order: schedule, startingDeadlineSeconds, timeZone, then the rest.
  if (spec.schedule.empty()) {
    errors.add("spec.schedule", "Required value");
  } else {
    validate_schedule_format(errors, spec.schedule);
  }
  errors.non_negative("spec.startingDeadlineSeconds", spec.starting_deadline_seconds);
  validate_time_zone(errors, spec.time_zone);
  errors.non_negative("spec.successfulJobsHistoryLimit", spec.successful_jobs_history_limit);
  errors.non_negative("spec.failedJobsHistoryLimit", spec.failed_jobs_history_limit);
  if (spec.job_template.spec->selector) {
    errors.add("spec.jobTemplate.spec.selector", "Invalid value: `selector` will be auto-generated");
  }
  if (spec.job_template.spec->manual_selector.value_or(false)) {
    errors.add("spec.jobTemplate.spec.manualSelector", "Unsupported value: true: supported values: \"nil\", \"false\"");
  }
  auto spec_errors = validate_job_spec(spec.job_template.spec, "spec.jobTemplate.spec");
  errors.list.insert(errors.list.end(), spec_errors.begin(), spec_errors.end());
  return errors.list;
}

}  // namespace jobsim::api
