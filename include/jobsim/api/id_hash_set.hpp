// IdHashSet: a set of ids (object ids, graph vertices) found by a key the ids' objects hold,
// such as a uid or a namespace and name, without storing the key again.
//
// Why not std::unordered_set<Id, Hash, Equal> (what the informer's name index, the Job
// controller's uid index and the garbage collector's uidToNode were): with hundreds of
// thousands of retained objects every lookup walked bucket -> node -> object, a cache miss
// each, and recomputed each node's hash through its object to stay in the bucket; together
// those walks were about 10 % of a year's wall time, and a node with its bucket cost 24 to 32
// bytes an id. Here a slot is the id and 32 bits of its hash side by side in one array (open
// addressing, linear probing, at most three quarters full): a lookup reads the array and
// visits an object only when the stored hash bits match, and an id costs 11 to 21 bytes.
// Debian 12's Boost (1.74) predates boost::unordered_flat_set (1.81).
//
// Hash: callable on an Id and on every key type looked up, all of one hash function.
// Equal: `equal(key, id)` for every key type. Ids are unique; a key is expected to match at
// most one id (find returns the first it meets otherwise). Never iterated, so its order cannot
// reach an output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace jobsim::api {

template <class Id, class Hash, class Equal>
class IdHashSet {
 public:
  explicit IdHashSet(Hash hash = {}, Equal equal = {}) : hash_(std::move(hash)), equal_(std::move(equal)) {}

  // find: the id whose object matches `key`, or nullptr.
  template <class Key>
  const Id* find(const Key& key) const {
    if (slots_.empty()) return nullptr;
    const auto bits = static_cast<std::uint32_t>(hash_(key));
    for (std::size_t i = bits & mask();; i = (i + 1) & mask()) {
      const Slot& slot = slots_[i];
      if (slot.id == kEmpty) return nullptr;
      if (slot.bits == bits && equal_(key, slot.id)) return &slot.id;
    }
  }
  template <class Key>
  bool contains(const Key& key) const {
    return find(key) != nullptr;
  }

  // insert: adds `id` (hashed through Hash, so its object must already hold its key); an id
  // already present is left alone. Returns whether it was added.
  bool insert(Id id) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    const auto bits = static_cast<std::uint32_t>(hash_(id));
    std::size_t i = bits & mask();
    for (; slots_[i].id != kEmpty; i = (i + 1) & mask()) {
      if (slots_[i].id == id) return false;
    }
    slots_[i] = Slot{id, bits};
    ++size_;
    return true;
  }

  // erase: removes `id` if present (hashed through Hash: call it before the object's key
  // changes or goes). Returns whether it was there.
  bool erase(Id id) { return erase_hashed(id, hash_(id)); }
  // erase_hashed: the same, with the hash of the id's key given (its object may be gone).
  bool erase_hashed(Id id, std::size_t hash) {
    if (slots_.empty()) return false;
    const auto bits = static_cast<std::uint32_t>(hash);
    std::size_t i = bits & mask();
    for (; slots_[i].id != id; i = (i + 1) & mask()) {
      if (slots_[i].id == kEmpty) return false;
    }
    // Backward-shift deletion (no tombstones): each following slot of the run moves into the
    // hole unless its home lies cyclically in (hole, slot], where it already sits as early as
    // it can.
    for (std::size_t j = (i + 1) & mask(); slots_[j].id != kEmpty; j = (j + 1) & mask()) {
      const std::size_t home = slots_[j].bits & mask();
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i] = Slot{};
    --size_;
    return true;
  }

  void clear() {
    slots_.clear();
    size_ = 0;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  static constexpr Id kEmpty = std::numeric_limits<Id>::max();  // never an id
  static constexpr std::size_t kMinCapacity = 16;
  struct Slot {
    Id id = kEmpty;
    std::uint32_t bits = 0;  // the low 32 bits of the hash: the home slot, and a cheap compare
  };

  std::size_t mask() const { return slots_.size() - 1; }
  void place(Slot slot) {
    std::size_t i = slot.bits & mask();
    while (slots_[i].id != kEmpty) i = (i + 1) & mask();
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? kMinCapacity : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.id != kEmpty) place(slot);
    }
  }

  Hash hash_;
  Equal equal_;
  std::vector<Slot> slots_;  // empty, or a power of two in size
  std::size_t size_ = 0;
};

}  // namespace jobsim::api
