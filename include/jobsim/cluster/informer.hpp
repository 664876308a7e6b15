// Informer<T>: the read side of the API server for one kind, as controllers see it through a
// shared informer: a lister (const views into the cache) and add/update/delete handlers.
// Simplification: the cache IS the store and watch delivery is synchronous (zero watch
// latency; see docs/fidelity.md). Handlers must only record or enqueue; they never write.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jobsim/api/meta.hpp"
#include "jobsim/engine/check.hpp"

namespace jobsim::cluster {

template <class T>
class Informer {
 public:
  using AddHandler = std::function<void(api::ObjectId, const T&)>;
  using UpdateHandler = std::function<void(api::ObjectId, const T& old_object, const T& new_object)>;
  using DeleteHandler = std::function<void(api::ObjectId, const T&)>;

  Informer() { objects_.emplace_back(); }  // id 0 is kNoObject

  // get returns the live object or nullptr (deleted, or never existed).
  const T* get(api::ObjectId id) const {
    return id < objects_.size() ? objects_[id].get() : nullptr;
  }
  api::ObjectId find(std::string_view namespace_, std::string_view name) const {
    const auto found = by_key_.find(make_key(namespace_, name));
    return found == by_key_.end() ? api::kNoObject : found->second;
  }
  // for_each visits live objects in creation order (ids are never reused).
  template <class F>
  void for_each(F&& visit) const {
    for (api::ObjectId id = 1; id < objects_.size(); ++id) {
      if (objects_[id]) visit(id, *objects_[id]);
    }
  }
  std::size_t size() const { return live_; }
  api::ObjectId id_limit() const { return static_cast<api::ObjectId>(objects_.size()); }

  void on_add(AddHandler handler) { add_handlers_.push_back(std::move(handler)); }
  void on_update(UpdateHandler handler) { update_handlers_.push_back(std::move(handler)); }
  void on_delete(DeleteHandler handler) { delete_handlers_.push_back(std::move(handler)); }

  static std::string make_key(std::string_view namespace_, std::string_view name) {
    std::string key;
    key.reserve(namespace_.size() + name.size() + 1);
    key.append(namespace_).append("/").append(name);
    return key;
  }

 private:
  friend class ApiServer;

  api::ObjectId insert(T&& object) {
    const auto id = static_cast<api::ObjectId>(objects_.size());
    by_key_.emplace(make_key(object.metadata->namespace_, object.metadata->name), id);
    objects_.push_back(std::make_unique<T>(std::move(object)));
    ++live_;
    for (const AddHandler& handler : add_handlers_) handler(id, *objects_[id]);
    return id;
  }
  void replace(api::ObjectId id, T&& object) {
    JOBSIM_CHECK(get(id) != nullptr, "Informer::replace of a missing object");
    T old_object = std::move(*objects_[id]);
    *objects_[id] = std::move(object);
    for (const UpdateHandler& handler : update_handlers_) handler(id, old_object, *objects_[id]);
  }
  void erase(api::ObjectId id) {
    JOBSIM_CHECK(get(id) != nullptr, "Informer::erase of a missing object");
    std::unique_ptr<T> gone = std::move(objects_[id]);
    by_key_.erase(make_key(gone->metadata->namespace_, gone->metadata->name));
    --live_;
    for (const DeleteHandler& handler : delete_handlers_) handler(id, *gone);
  }
  T* mutable_get(api::ObjectId id) { return id < objects_.size() ? objects_[id].get() : nullptr; }

  std::vector<std::unique_ptr<T>> objects_;
  std::unordered_map<std::string, api::ObjectId> by_key_;
  std::size_t live_ = 0;
  std::vector<AddHandler> add_handlers_;
  std::vector<UpdateHandler> update_handlers_;
  std::vector<DeleteHandler> delete_handlers_;
};

}  // namespace jobsim::cluster
