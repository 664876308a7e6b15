// LabelMap: labels, annotations and label selectors as a Boost.Container flat_map from key
// Names to value Names: one sorted vector of (key, value) pairs with std::map's interface.
//
// Why a flat map: a std::map node is a 32-byte header around its 16-byte pair, one allocation
// per label; a Job holds four template labels and a selector entry, and a year of Jobs kept
// them all (issue #9, docs/performance.md). Here the pairs sit next to each other in one
// allocation. Label maps are small (a handful of keys) and written once, then read: a binary
// search and an insertion that shifts a few pairs cost less than a tree walk and a node
// allocation. Why Boost's: it is that structure, maintained and tested upstream, so we keep
// only the two choices below instead of a container of our own.
//
// Same observable behaviour as std::map<Name, Name, std::less<>>: iteration in key text order
// (Name orders by text), and find, count, contains and lower_bound by anything comparable with
// a Name (std::less<> is transparent, so a string_view key is not interned). Boost 1.74's
// at, operator[], try_emplace, insert_or_assign and erase by key take a Name, so a text key
// there is interned first (a hash and a table probe; nothing observable). Unlike a map, an
// insertion or erase invalidates iterators (no caller keeps one across a write). Through an
// iterator only the value may be written: a key written there would break the order.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <utility>

#include <boost/container/flat_map.hpp>
#include <boost/container/options.hpp>
#include <boost/container/vector.hpp>

#include "jobsim/api/name.hpp"

namespace jobsim::api {

// The vector grows by exactly what is asked while it holds at most 8 pairs, then doubles.
// Why: most label maps get their keys one insertion at a time (the Job defaults add four
// template labels to the user's, the CronJob controller one annotation to the template's) and
// never change again; flat_map's default vector grows by 60 % (5 pairs in room for 6, 7 in
// room for 9), which a retained Job would keep for its whole life. Past 8 pairs, doubling
// keeps a long run of insertions linear. A Boost.Container growth_factor function object.
struct LabelMapGrowth {
  template <class SizeType>
  SizeType operator()(SizeType capacity, SizeType at_least, SizeType max) const {
    const SizeType needed = capacity + at_least;  // Boost guarantees this does not wrap
    if (needed <= kExactUpTo) return needed;
    const SizeType doubled = capacity <= max / 2 ? SizeType(capacity * 2) : max;
    return doubled > needed ? doubled : needed;
  }
  static constexpr std::size_t kExactUpTo = 8;
};

using LabelMapVector =
    boost::container::vector<std::pair<Name, Name>, void,
                             boost::container::vector_options_t<boost::container::growth_factor<LabelMapGrowth>>>;
using LabelMapBase = boost::container::flat_map<Name, Name, std::less<>, LabelMapVector>;

// A flat_map whose braced-list and range constructors insert in order, keeping the first of a
// duplicate key as std::map does. Why not flat_map's own: Boost 1.74 sorts the range with
// pdqsort and keeps the first of each run of equal keys, but pdqsort is stable only below 24
// elements (insertion sort), so a longer list with a duplicate keeps an arbitrary one (the
// label_map tests show it). Everything else is flat_map's.
class LabelMap : public LabelMapBase {
 public:
  LabelMap() = default;
  LabelMap(std::initializer_list<value_type> items) { insert_in_order(items.begin(), items.end(), items.size()); }
  template <class It>
  LabelMap(It first, It last) {
    insert_in_order(first, last, 0);
  }

 private:
  template <class It>
  void insert_in_order(It first, It last, std::size_t count) {
    if (count > 0) reserve(count);  // exact room; only a duplicate key leaves any spare
    for (; first != last; ++first) try_emplace(first->first, first->second);
  }
};

// Like the std::vector it replaced: a pointer and two sizes inside every Job, pod and selector.
static_assert(sizeof(LabelMap) == 3 * sizeof(void*));

}  // namespace jobsim::api
