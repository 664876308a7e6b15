// LabelMap: labels, annotations and label selectors as one sorted vector of (key, value)
// Names, with the part of std::map's interface that the simulator uses.
//
// Why: a std::map node is a 32-byte header around its 16-byte pair, one allocation per label;
// a Job holds four template labels and a selector entry, and a year of Jobs kept them all
// (issue #9, docs/performance.md). Here the pairs sit next to each other in one allocation.
// Label maps are small (a handful of keys) and written once, then read: a binary search and an
// insertion that shifts a few pairs cost less than a tree walk and a node allocation.
//
// Same observable behaviour as std::map<Name, Name, std::less<>>: iteration in key text order,
// lookup by anything comparable with a Name's text (a string_view needs no interning), and an
// insertion or erase invalidates iterators (unlike a map; no caller keeps one across a write).
// Through an iterator only the value may be written: a key written there would break the order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "jobsim/api/name.hpp"

namespace jobsim::api {

class LabelMap {
 public:
  using key_type = Name;
  using mapped_type = Name;
  using value_type = std::pair<Name, Name>;
  using size_type = std::size_t;
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;

  LabelMap() = default;
  // Like std::map: a later duplicate key in the list is ignored.
  LabelMap(std::initializer_list<value_type> items) {
    items_.reserve(items.size());
    for (const value_type& item : items) try_emplace(item.first, item.second);
  }
  template <class It>
  LabelMap(It first, It last) {
    for (; first != last; ++first) try_emplace(first->first, first->second);
  }

  iterator begin() noexcept { return items_.begin(); }
  iterator end() noexcept { return items_.end(); }
  const_iterator begin() const noexcept { return items_.begin(); }
  const_iterator end() const noexcept { return items_.end(); }
  const_iterator cbegin() const noexcept { return items_.begin(); }
  const_iterator cend() const noexcept { return items_.end(); }

  size_type size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  void clear() noexcept { items_.clear(); }

  template <class K>
  iterator find(const K& key) {
    auto it = lower_bound(key);
    return it != items_.end() && it->first == key ? it : items_.end();
  }
  template <class K>
  const_iterator find(const K& key) const {
    auto it = lower_bound(key);
    return it != items_.end() && it->first == key ? it : items_.end();
  }
  template <class K>
  bool contains(const K& key) const { return find(key) != end(); }
  template <class K>
  size_type count(const K& key) const { return contains(key) ? 1 : 0; }

  template <class K>
  const Name& at(const K& key) const {
    auto it = find(key);
    if (it == end()) throw std::out_of_range("LabelMap::at");
    return it->second;
  }
  template <class K>
  Name& at(const K& key) {
    auto it = find(key);
    if (it == end()) throw std::out_of_range("LabelMap::at");
    return it->second;
  }

  // The key is interned only when it is inserted.
  template <class K>
  Name& operator[](const K& key) { return try_emplace(key).first->second; }

  template <class K, class... Args>
  std::pair<iterator, bool> try_emplace(const K& key, Args&&... value) {
    auto it = lower_bound(key);
    if (it != items_.end() && it->first == key) return {it, false};
    return {insert_at(it, Name(key), Name(std::forward<Args>(value)...)), true};
  }
  template <class K, class V>
  std::pair<iterator, bool> insert_or_assign(const K& key, V&& value) {
    auto it = lower_bound(key);
    if (it != items_.end() && it->first == key) {
      it->second = Name(std::forward<V>(value));
      return {it, false};
    }
    return {insert_at(it, Name(key), Name(std::forward<V>(value))), true};
  }
  std::pair<iterator, bool> insert(const value_type& item) { return try_emplace(item.first, item.second); }
  template <class K, class V>
  std::pair<iterator, bool> emplace(K&& key, V&& value) {
    return try_emplace(std::forward<K>(key), std::forward<V>(value));
  }

  template <class K>
    requires(!std::is_convertible_v<const K&, const_iterator>)
  size_type erase(const K& key) {
    auto it = find(key);
    if (it == items_.end()) return 0;
    items_.erase(it);
    return 1;
  }
  iterator erase(const_iterator position) { return items_.erase(position); }

  friend bool operator==(const LabelMap& a, const LabelMap& b) = default;

 private:
  template <class K>
  iterator lower_bound(const K& key) {
    return std::lower_bound(items_.begin(), items_.end(), key,
                            [](const value_type& item, const K& k) { return item.first < k; });
  }
  template <class K>
  const_iterator lower_bound(const K& key) const {
    return std::lower_bound(items_.begin(), items_.end(), key,
                            [](const value_type& item, const K& k) { return item.first < k; });
  }
  // Grows one pair at a time while small, so a map built by insertions holds no spare room
  // (most label maps get all their keys at once and never change).
  iterator insert_at(const_iterator position, Name key, Name value) {
    if (items_.size() == items_.capacity() && items_.size() < kExactUpTo) {
      const auto offset = position - items_.cbegin();
      items_.reserve(items_.size() + 1);
      position = items_.cbegin() + offset;
    }
    return items_.emplace(position, std::move(key), std::move(value));
  }

  static constexpr size_type kExactUpTo = 8;
  std::vector<value_type> items_;
};

}  // namespace jobsim::api
