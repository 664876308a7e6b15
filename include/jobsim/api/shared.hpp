// Shared<T>: one immutable part of an API object (its metadata, spec or status) that copies
// of the object share until one of them writes it (copy on write).
//
// Why: the controllers, the kubelet and the scheduler follow upstream's "read from the cache,
// DeepCopy, change, write" shape. With plain values every read-modify-write deep-copied the
// whole object (a Pod copy was ~17 allocations) even when the sync wrote nothing or changed
// only the status. With Shared parts a copy of a Pod is three reference-count increments, a
// status write copies only the status, and the pods of one Job share their template's spec.
//
// Reads go through `->` and `*` (always const). Writes say so: `pod.status.edit().phase = ...`
// copies the part first when another object still shares it. The API server's stored version
// is never written in place: it holds its own reference, so edit() on a copy always detaches.
#pragma once

#include <memory>
#include <utility>

namespace jobsim::api {

template <class T>
class Shared {
 public:
  // A default-constructed part shares one empty T per type: no allocation until edited.
  Shared() : part_(empty()) {}
  Shared(T value) : part_(std::make_shared<T>(std::move(value))) {}  // NOLINT: implicit, like a value
  Shared& operator=(T value) {
    part_ = std::make_shared<T>(std::move(value));
    return *this;
  }

  const T& operator*() const { return *part_; }
  const T* operator->() const { return part_.get(); }
  operator const T&() const { return *part_; }  // NOLINT: pass a part where a const T& is taken
  const T& get() const { return *part_; }

  // edit returns the part for writing, copying it first when it is shared with another object.
  T& edit() {
    if (part_.use_count() != 1) part_ = std::make_shared<T>(std::as_const(*part_));
    return *part_;
  }

  // shares: the two refer to the same version of the part (no write in between).
  bool shares(const Shared& other) const { return part_ == other.part_; }

  friend bool operator==(const Shared& a, const Shared& b) { return a.part_ == b.part_ || *a.part_ == *b.part_; }
  friend bool operator==(const Shared& a, const T& b) { return *a.part_ == b; }

 private:
  static const std::shared_ptr<T>& empty() {
    static const std::shared_ptr<T> instance = std::make_shared<T>();
    return instance;
  }

  std::shared_ptr<T> part_;
};

}  // namespace jobsim::api
