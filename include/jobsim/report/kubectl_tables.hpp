// The `kubectl get` tables for the kinds jobsim models, cell by cell as upstream's printers
// compute them (pkg/printers/internalversion/printers.go printJob, printCronJob, printPod,
// printNode), rendered with kubectl's tabwriter (cli-runtime/pkg/printers/tableprinter.go).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"

namespace jobsim::report::kubectl {

// kKubeletVersion is the VERSION of every node: jobsim models no kubelet build, so it reports
// the Kubernetes release whose controllers it follows.
inline constexpr std::string_view kKubeletVersion = "v1.32.0";

struct Table {
  std::vector<std::string> columns;           // upper case, as kubectl prints them
  std::vector<std::vector<std::string>> rows;  // one per object, in the order given
};

Table job_table(std::span<const api::Job* const> jobs, engine::SimTime now, bool wide);
Table cron_job_table(std::span<const api::CronJob* const> cron_jobs, engine::SimTime now, bool wide);
Table pod_table(std::span<const api::Pod* const> pods, engine::SimTime now, bool wide);
Table node_table(std::span<const api::Node* const> nodes, engine::SimTime now, bool wide);

// render_table prints the header and rows: cells separated by tabs and aligned (minwidth 6,
// padding 3); the last column is not padded.
std::string render_table(const Table& table);

// The cells whose rules are subtle, for tests:
// pod_status is the STATUS column ("Completed", "Error", "CrashLoopBackOff", "Terminating", ...).
std::string pod_status(const api::Pod& pod);
// pod_restarts is RESTARTS: "0", or "3 (45s ago)" with the age of the last container restart.
std::string pod_restarts(const api::Pod& pod, engine::SimTime now);
// job_status is STATUS of a Job: Complete, Failed, Terminating, Suspended, FailureTarget, Running.
std::string job_status(const api::Job& job);
// job_completions is COMPLETIONS: "1/3", "0/1", or "2/1 of 4" in work-queue mode.
std::string job_completions(const api::Job& job);
// format_label_selector is metav1.FormatLabelSelector: "k=v,k2=v2" sorted by key, or "<none>".
std::string format_label_selector(const std::optional<api::LabelSelector>& selector);

}  // namespace jobsim::report::kubectl
