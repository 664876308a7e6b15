// Client: the write seam controllers, the scheduler and kubelets use (upstream clientset).
// It hides the ApiServer so controllers depend only on informers and this interface.
#pragma once

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/api_error.hpp"

namespace jobsim::cluster {

class ApiServer;

class Client {
 public:
  explicit Client(ApiServer& server) : server_(server) {}

  ApiResult create(api::Pod pod);
  ApiResult create(api::Job job);
  ApiResult create(api::CronJob cron_job);
  ApiResult update(api::ObjectId id, api::Pod pod);
  ApiResult update(api::ObjectId id, api::Job job);
  ApiResult update(api::ObjectId id, api::CronJob cron_job);
  ApiResult update(api::ObjectId id, api::Node node);
  ApiResult remove(api::Kind kind, api::ObjectId id, const DeleteOptions& options = {});

 private:
  ApiServer& server_;
};

}  // namespace jobsim::cluster
