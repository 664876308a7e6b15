// PagedIdMap<T>: a value per ObjectId (or graph vertex) that costs memory only for ids holding a
// value other than T{}. ObjectIds are dense and never reused, so a flat vector indexed by id
// grows with every object a run ever created, though only a few thousand are alive at a time
// (issue #9). Here ids live in pages of kPageSize slots, like the informer's store
// (cluster/informer.hpp); a page whose slots are all back to T{} is freed, so memory follows the
// ids holding a value. Lookups stay an index, not a hash.
//
// A page is not freed while it may still receive new ids: not while it holds the largest id set
// so far. That keeps the page of the newest objects from being freed and allocated again each
// time its one busy key goes idle (a work queue's flag of the only Job being synced).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace jobsim::controllers {

template <class T>
class PagedIdMap {
 public:
  using Id = std::uint64_t;  // ObjectIds and graph vertices both fit

  // get returns the value of `id`, T{} when it has none.
  T get(Id id) const {
    const Id page = id >> kPageBits;
    if (page >= pages_.size() || !pages_[page]) return T{};
    return pages_[page]->slots[id & kPageMask];
  }

  // set stores `value` for `id`; T{} erases it (and may free its page).
  void set(Id id, const T& value) {
    const Id page_index = id >> kPageBits;
    if (value == T{}) {
      if (page_index >= pages_.size() || !pages_[page_index]) return;
      Page& page = *pages_[page_index];
      T& slot = page.slots[id & kPageMask];
      if (slot == T{}) return;
      slot = T{};
      if (--page.used == 0 && page_index != top_page_) pages_[page_index].reset();
      return;
    }
    if (pages_.size() <= page_index) pages_.resize(page_index + 1);
    if (!pages_[page_index]) pages_[page_index] = std::make_unique<Page>();
    Page& page = *pages_[page_index];
    T& slot = page.slots[id & kPageMask];
    if (slot == T{}) ++page.used;
    slot = value;
    if (page_index > top_page_) {
      // The previous top page may be empty and was kept only for being the top one.
      const Id previous = top_page_;
      top_page_ = page_index;
      if (previous < pages_.size() && pages_[previous] && pages_[previous]->used == 0) pages_[previous].reset();
    }
  }

  // for_each_set visits the ids holding a value, ascending, as (id, value&): `visit` may change
  // the value; a page left with no value is freed afterwards (unless it is the top one).
  template <class F>
  void for_each_set(F&& visit) {
    for (Id p = 0; p < pages_.size(); ++p) {
      if (!pages_[p]) continue;
      Page& page = *pages_[p];
      for (std::size_t i = 0; i < kPageSize; ++i) {
        T& slot = page.slots[i];
        if (slot == T{}) continue;
        visit((p << kPageBits) | i, slot);
        if (slot == T{}) --page.used;
      }
      if (page.used == 0 && p != top_page_) pages_[p].reset();
    }
  }

  void clear() {
    pages_.clear();
    top_page_ = 0;
  }

  // resident_pages: pages held (for tests of the memory bound).
  std::size_t resident_pages() const {
    std::size_t count = 0;
    for (const auto& page : pages_) count += page ? 1 : 0;
    return count;
  }
  static constexpr std::size_t page_size() { return kPageSize; }

 private:
  static constexpr unsigned kPageBits = 10;
  static constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
  static constexpr Id kPageMask = kPageSize - 1;
  struct Page {
    std::array<T, kPageSize> slots{};
    std::size_t used = 0;  // slots other than T{}
  };

  // One pointer per 1,024 ids ever used: 8 bytes per 1,024 objects created.
  std::vector<std::unique_ptr<Page>> pages_;
  Id top_page_ = 0;  // page of the largest id set so far
};

}  // namespace jobsim::controllers
