// Informer<T>: the read side of the API server for one kind, as controllers see it through a
// shared informer: a lister (const views into the cache) and add/update/delete handlers.
// Simplification: the cache IS the store and watch delivery is synchronous (zero watch
// latency; see docs/fidelity.md). Handlers must only record or enqueue; they never write.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
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
  // by_key_ hashes through a pointer to objects_: an informer stays where it was made.
  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  // get returns the live object or nullptr (deleted, or never existed).
  const T* get(api::ObjectId id) const {
    return id < objects_.size() ? objects_[id].get() : nullptr;
  }
  api::ObjectId find(std::string_view namespace_, std::string_view name) const {
    const auto found = by_key_.find(NameKey{namespace_, name});
    return found == by_key_.end() ? api::kNoObject : *found;
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
    objects_.push_back(std::make_unique<T>(std::move(object)));
    by_key_.insert(id);  // hashes the object's namespace and name: after it is stored
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
    by_key_.erase(id);  // hashes the object's namespace and name: before it leaves objects_
    std::unique_ptr<T> gone = std::move(objects_[id]);
    --live_;
    for (const DeleteHandler& handler : delete_handlers_) handler(id, *gone);
  }
  T* mutable_get(api::ObjectId id) { return id < objects_.size() ? objects_[id].get() : nullptr; }

  // The "namespace/name" index as a set of ids hashed and compared by their object's namespace
  // and name: the key text is not copied per object (a year of retained Jobs kept a 17-byte
  // "default/ci-xxxxx" string and a map node per Job, ~64 bytes).
  struct NameKey {
    std::string_view namespace_;
    std::string_view name;
  };
  static std::size_t hash_key(NameKey key) {
    const std::size_t h = std::hash<std::string_view>{}(key.name);
    return h ^ (std::hash<std::string_view>{}(key.namespace_) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
  struct KeyHash {
    using is_transparent = void;
    const std::vector<std::unique_ptr<T>>* objects;
    std::size_t operator()(NameKey key) const { return hash_key(key); }
    std::size_t operator()(api::ObjectId id) const {
      const auto& meta = *(*objects)[id]->metadata;
      return hash_key(NameKey{meta.namespace_, meta.name});
    }
  };
  struct KeyEqual {
    using is_transparent = void;
    const std::vector<std::unique_ptr<T>>* objects;
    bool operator()(api::ObjectId a, api::ObjectId b) const { return a == b; }
    bool operator()(NameKey key, api::ObjectId id) const {
      const auto& meta = *(*objects)[id]->metadata;
      return meta.name == key.name && meta.namespace_ == key.namespace_;
    }
    bool operator()(api::ObjectId id, NameKey key) const { return (*this)(key, id); }
  };

  std::vector<std::unique_ptr<T>> objects_;
  std::unordered_set<api::ObjectId, KeyHash, KeyEqual> by_key_{0, KeyHash{&objects_}, KeyEqual{&objects_}};
  std::size_t live_ = 0;
  std::vector<AddHandler> add_handlers_;
  std::vector<UpdateHandler> update_handlers_;
  std::vector<DeleteHandler> delete_handlers_;
};

}  // namespace jobsim::cluster
