#include "jobsim/cluster/client.hpp"

#include "jobsim/cluster/api_server.hpp"

namespace jobsim::cluster {

ApiResult Client::create(api::Pod pod) { return server_.create(std::move(pod)); }
ApiResult Client::create(api::Job job) { return server_.create(std::move(job)); }
ApiResult Client::create(api::CronJob cron_job) { return server_.create(std::move(cron_job)); }
ApiResult Client::update(api::ObjectId id, api::Pod pod) { return server_.update(id, std::move(pod)); }
ApiResult Client::update(api::ObjectId id, api::Job job) { return server_.update(id, std::move(job)); }
ApiResult Client::update(api::ObjectId id, api::CronJob cron_job) { return server_.update(id, std::move(cron_job)); }
ApiResult Client::update(api::ObjectId id, api::Node node) { return server_.update(id, std::move(node)); }
ApiResult Client::remove(api::Kind kind, api::ObjectId id, const DeleteOptions& options) {
  return server_.remove(kind, id, options);
}

}  // namespace jobsim::cluster
