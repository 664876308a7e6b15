// API defaulting and admission as the API server applies them on create
// (pkg/apis/batch/v1/defaults.go SetDefaults_Job / SetDefaults_CronJob, core SetDefaults_PodSpec,
// the DefaultTolerationSeconds admission plugin, and the Job selector generation of
// pkg/registry/batch/job/strategy.go).
#pragma once

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/pod.hpp"

namespace jobsim::api {

inline constexpr std::int32_t kDefaultBackoffLimit = 6;
inline constexpr std::int32_t kMaxInt32 = 2147483647;
inline constexpr std::int64_t kDefaultTolerationSeconds = 300;

void set_defaults_job(Job& job);  // needs metadata.uid set (selector and labels use it)
void set_defaults_cron_job(CronJob& cron_job);
// set_defaults_pod adds the not-ready/unreachable NoExecute tolerations (300 s) when absent and
// defaults requests from limits.
void set_defaults_pod(Pod& pod);

}  // namespace jobsim::api
