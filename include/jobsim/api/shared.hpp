// Shared<T>: one immutable part of an API object (its metadata, spec or status) that copies
// of the object share until one of them writes it (copy on write).
//
// Why: the controllers, the kubelet and the scheduler follow upstream's "read from the cache,
// DeepCopy, change, write" shape. With plain values every read-modify-write deep-copied the
// whole object (a Pod copy was ~17 allocations) even when the sync wrote nothing or changed
// only the status. With Shared parts a copy of a Pod is three reference-count increments, a
// status write copies only the status, and the pods of one Job share their template's spec.
//
// Reads go through `->` and `*` (always const). Writes say so: `pod.status.phase = ...`
// copies the part first when another object still shares it. The API server's stored version
// is never written in place: it holds its own reference, so edit() on a copy always detaches.
#pragma once

#include <initializer_list>
#include <memory>
#include <type_traits>
#include <utility>

namespace jobsim::api {

template <class T>
class Shared {
 public:
  // A default-constructed part shares one empty T per type: no allocation until edited.
  Shared() : part_(empty_part()) {}
  Shared(T value) : part_(std::make_shared<T>(std::move(value))) {}  // NOLINT: implicit, like a value
  // A collection part takes a braced list: `finalizers = {"a"}`, `labels = {{"k", "v"}}`.
  template <class C = T>
    requires requires { typename C::value_type; }
  Shared(std::initializer_list<typename C::value_type> items) : part_(std::make_shared<T>(items)) {}
  // A template, so that `labels = {{"k", "v"}}` picks the copy assignment from Shared(T).
  template <class U>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Shared> && std::is_constructible_v<T, U &&>)
  Shared& operator=(U&& value) {
    part_ = std::make_shared<T>(std::forward<U>(value));
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

  // Read-only container access, so that a shared collection (labels, finalizers) reads like
  // the const collection it holds.
  auto begin() const requires requires(const T& t) { t.begin(); } { return view().begin(); }
  auto end() const requires requires(const T& t) { t.end(); } { return view().end(); }
  auto size() const requires requires(const T& t) { t.size(); } { return view().size(); }
  bool empty() const requires requires(const T& t) { t.empty(); } { return view().empty(); }
  template <class K> auto find(const K& key) const requires requires(const T& t) { t.find(key); } {
    return view().find(key);
  }
  template <class K> bool contains(const K& key) const requires requires(const T& t) { t.contains(key); } {
    return view().contains(key);
  }
  template <class K> auto count(const K& key) const requires requires(const T& t) { t.count(key); } {
    return view().count(key);
  }
  template <class K> decltype(auto) at(const K& key) const requires requires(const T& t) { t.at(key); } {
    return view().at(key);
  }
  template <class K> decltype(auto) operator[](const K& key) const requires requires(const T& t) { t[key]; } {
    return view()[key];
  }
  decltype(auto) front() const requires requires(const T& t) { t.front(); } { return view().front(); }
  decltype(auto) back() const requires requires(const T& t) { t.back(); } { return view().back(); }

  // set writes one field, copying a shared part only when the value differs: a sync that
  // recomputes a field to the value it already has writes nothing.
  template <class M, class V>
  void set(M T::*field, V&& value) {
    if (!(part_.get()->*field == value)) edit().*field = std::forward<V>(value);
  }

  // shares: the two refer to the same version of the part (no write in between).
  bool shares(const Shared& other) const { return part_ == other.part_; }

  friend bool operator==(const Shared& a, const Shared& b) { return a.part_ == b.part_ || *a.part_ == *b.part_; }
  friend bool operator==(const Shared& a, const T& b) { return *a.part_ == b; }

 private:
  // One default part per thread, not per process: a T{} may hold Names (ObjectMeta's
  // namespace "default"), which belong to the thread that interned them (api/name.hpp), and a
  // sweep runs Worlds on several threads at once.
  static const std::shared_ptr<T>& empty_part() {
    thread_local const std::shared_ptr<T> instance = std::make_shared<T>();
    return instance;
  }

  const T& view() const { return *part_; }  // never a writable path to a shared part

  std::shared_ptr<T> part_;
};

}  // namespace jobsim::api
