// Informer<T>: the read side of the API server for one kind, as controllers see it through a
// shared informer: a lister (const views into the cache) and add/update/delete handlers.
// Simplification: the cache IS the store and watch delivery is synchronous (zero watch
// latency; see docs/fidelity.md). Handlers must only record or enqueue; they never write.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobsim/api/id_hash_set.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/engine/check.hpp"

namespace jobsim::cluster {

template <class T>
class Informer {
 public:
  using AddHandler = std::function<void(api::ObjectId, const T&)>;
  using UpdateHandler = std::function<void(api::ObjectId, const T& old_object, const T& new_object)>;
  using DeleteHandler = std::function<void(api::ObjectId, const T&)>;

  Informer() = default;
  // by_key_ hashes through a pointer to this informer: an informer stays where it was made.
  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  // get returns the live object or nullptr (deleted, or never existed).
  const T* get(api::ObjectId id) const {
    const Page* page = page_of(id);
    if (page == nullptr) return nullptr;
    const std::optional<T>& slot = page->slots[id & kPageMask];
    return slot ? &*slot : nullptr;
  }
  api::ObjectId find(std::string_view namespace_, std::string_view name) const {
    const api::ObjectId* found = by_key_.find(NameKey{namespace_, name});
    return found == nullptr ? api::kNoObject : *found;
  }
  // With interned names (exactly api::Name, no conversion): the hashes are the Names', the
  // compares pointer compares.
  template <class N>
    requires std::same_as<N, api::Name>
  api::ObjectId find(const N& namespace_, const N& name) const {
    const api::ObjectId* found = by_key_.find(InternedKey{&namespace_, &name});
    return found == nullptr ? api::kNoObject : *found;
  }
  // for_each visits live objects in creation order (ids are never reused). It walks each page's
  // occupancy bits, not its slots: the pod garbage collector lists the 3 nodes of a small
  // cluster every 20 s, and testing 1,024 slots each time was 29 % of a year's instructions.
  template <class F>
  void for_each(F&& visit) const {
    for (std::size_t p = 0; p < pages_.size(); ++p) {
      const Page* page = pages_[p].get();
      if (page == nullptr || page->live == 0) continue;
      for (std::size_t w = 0; w < page->occupied.size(); ++w) {
        for (std::uint64_t bits = page->occupied[w]; bits != 0; bits &= bits - 1) {
          const std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
          if (const std::optional<T>& slot = page->slots[i]) visit(static_cast<api::ObjectId>((p << kPageBits) | i), *slot);
        }
      }
    }
  }
  std::size_t size() const { return live_; }
  api::ObjectId id_limit() const { return next_id_; }
  // resident_pages: storage pages held (kPageSize ids each); a page whose ids were all handed
  // out and whose objects are all gone is freed.
  std::size_t resident_pages() const {
    std::size_t count = 0;
    for (const auto& page : pages_) count += page ? 1 : 0;
    return count;
  }
  static constexpr std::size_t page_size() { return kPageSize; }

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
    const api::ObjectId id = next_id_++;
    const std::size_t page_index = id >> kPageBits;
    if (pages_.size() <= page_index) pages_.resize(page_index + 1);
    if (!pages_[page_index]) pages_[page_index] = std::make_unique<Page>();
    Page& page = *pages_[page_index];
    page.slots[id & kPageMask].emplace(std::move(object));
    page.occupied[(id & kPageMask) / 64] |= std::uint64_t{1} << (id & 63);
    ++page.live;
    by_key_.insert(id);  // hashes the object's namespace and name: after it is stored
    ++live_;
    for (const AddHandler& handler : add_handlers_) handler(id, *get(id));
    return id;
  }
  void replace(api::ObjectId id, T&& object) {
    T* current = mutable_get(id);
    JOBSIM_CHECK(current != nullptr, "Informer::replace of a missing object");
    T old_object = std::move(*current);
    *current = std::move(object);
    for (const UpdateHandler& handler : update_handlers_) handler(id, old_object, *current);
  }
  void erase(api::ObjectId id) {
    JOBSIM_CHECK(get(id) != nullptr, "Informer::erase of a missing object");
    by_key_.erase(id);  // hashes the object's namespace and name: before it leaves its slot
    const std::size_t page_index = id >> kPageBits;
    Page& page = *pages_[page_index];
    std::optional<T>& slot = page.slots[id & kPageMask];
    const T gone = std::move(*slot);
    slot.reset();
    page.occupied[(id & kPageMask) / 64] &= ~(std::uint64_t{1} << (id & 63));
    --live_;
    // A page whose ids are all handed out and all gone is freed: memory follows the live
    // objects, not every id a long run ever created (issue #9).
    if (--page.live == 0 && (page_index + 1) << kPageBits <= next_id_) pages_[page_index].reset();
    for (const DeleteHandler& handler : delete_handlers_) handler(id, gone);
  }
  T* mutable_get(api::ObjectId id) { return const_cast<T*>(std::as_const(*this).get(id)); }

  // Objects live in pages of kPageSize slots, by id (ids are dense and never reused).
  static constexpr std::size_t kPageBits = 10;
  static constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
  static constexpr std::size_t kPageMask = kPageSize - 1;
  struct Page {
    std::array<std::optional<T>, kPageSize> slots;
    std::array<std::uint64_t, kPageSize / 64> occupied{};  // bit i: slots[i] holds an object
    std::size_t live = 0;
  };
  const Page* page_of(api::ObjectId id) const {
    const std::size_t page_index = id >> kPageBits;
    return page_index < pages_.size() ? pages_[page_index].get() : nullptr;
  }

  // The "namespace/name" index as a set of ids hashed and compared by their object's namespace
  // and name: the key text is not copied per object (a year of retained Jobs kept a 17-byte
  // "default/ci-xxxxx" string and a map node per Job, ~64 bytes).
  struct NameKey {
    std::string_view namespace_;
    std::string_view name;
  };
  struct InternedKey {
    const api::Name* namespace_;
    const api::Name* name;
  };
  // A Name's hash is its text's std::hash<std::string_view>, so both key forms hash alike.
  static std::size_t hash_key(std::size_t namespace_hash, std::size_t name_hash) {
    const std::size_t h = name_hash;
    return h ^ (namespace_hash + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
  struct KeyHash {
    const Informer* informer;
    std::size_t operator()(NameKey key) const {
      return hash_key(std::hash<std::string_view>{}(key.namespace_), std::hash<std::string_view>{}(key.name));
    }
    std::size_t operator()(InternedKey key) const { return hash_key(key.namespace_->hash(), key.name->hash()); }
    std::size_t operator()(api::ObjectId id) const {
      const auto& meta = *informer->get(id)->metadata;
      return hash_key(meta.namespace_.hash(), meta.name.hash());
    }
  };
  struct KeyEqual {
    const Informer* informer;
    bool operator()(NameKey key, api::ObjectId id) const {
      const auto& meta = *informer->get(id)->metadata;
      return meta.name == key.name && meta.namespace_ == key.namespace_;
    }
    bool operator()(InternedKey key, api::ObjectId id) const {
      const auto& meta = *informer->get(id)->metadata;
      return meta.name == *key.name && meta.namespace_ == *key.namespace_;
    }
  };

  std::vector<std::unique_ptr<Page>> pages_;
  api::ObjectId next_id_ = 1;  // 0 is kNoObject
  api::IdHashSet<api::ObjectId, KeyHash, KeyEqual> by_key_{KeyHash{this}, KeyEqual{this}};
  std::size_t live_ = 0;
  std::vector<AddHandler> add_handlers_;
  std::vector<UpdateHandler> update_handlers_;
  std::vector<DeleteHandler> delete_handlers_;
};

}  // namespace jobsim::cluster
