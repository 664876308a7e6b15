// The per-thread table behind api::Name (include/jobsim/api/name.hpp).
#include "jobsim/api/name.hpp"

#include "jobsim/engine/check.hpp"

#include <cstdint>
#include <memory>
#include <ostream>
#include <vector>

namespace jobsim::api {
namespace {

// NameTable: the live entries of one thread, found by text. Never iterated, so its order
// cannot reach an output.
//
// Open addressing with linear probing over (hash, entry) slots, at most three quarters full. Why not
// std::unordered_set: a year of retained Jobs holds about a million live entries, and there a
// lookup walked bucket -> node -> entry (three cache misses, and a division per node because
// the node does not keep the hash); interning and releasing names were 30 % of the year's wall
// time. Here a probe reads the slot array only, and the entry's text once the hashes match.
// Debian 12's Boost (1.74) predates boost::unordered_flat_set (1.81), hence this small table.
// Deletion shifts the following slots back (no tombstones), so probes stay short however many
// names come and go.
class NameTable {
 public:
  NameTable() : slots_(kMinCapacity) {}
  NameTable(const NameTable&) = delete;
  NameTable& operator=(const NameTable&) = delete;

  NameEntry* intern(std::string_view text) {
    const std::size_t hash = std::hash<std::string_view>{}(text);
    std::size_t i = hash & mask();
    for (; slots_[i].entry != nullptr; i = (i + 1) & mask()) {
      NameEntry* entry = slots_[i].entry;
      if (slots_[i].hash == hash && entry->text == text) {
        ++entry->refs;
        return entry;
      }
    }
    auto* entry = new NameEntry{1, hash, std::string(text)};
    slots_[i] = Slot{hash, entry};
    if (++size_ * 4 > slots_.size() * 3) grow();
    return entry;
  }

  void release(NameEntry* entry) noexcept {
    std::size_t i = entry->hash & mask();
    while (slots_[i].entry != entry) {
      // An entry of another thread's table: a Name crossed threads (CONTRIBUTING.md principle 1).
      JOBSIM_CHECK(slots_[i].entry != nullptr, "a Name was released on another thread than the one that made it");
      i = (i + 1) & mask();
    }
    // Backward-shift deletion: move each following slot of the run into the hole unless its
    // home lies cyclically in (hole, slot], where it already sits as early as it can.
    for (std::size_t j = (i + 1) & mask(); slots_[j].entry != nullptr; j = (j + 1) & mask()) {
      const std::size_t home = slots_[j].hash & mask();
      const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i] = Slot{};
    --size_;
    delete entry;
  }

  std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    std::size_t hash = 0;
    NameEntry* entry = nullptr;  // nullptr: empty
  };
  static constexpr std::size_t kMinCapacity = 1024;

  std::size_t mask() const noexcept { return slots_.size() - 1; }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.entry == nullptr) continue;
      std::size_t i = slot.hash & mask();
      while (slots_[i].entry != nullptr) i = (i + 1) & mask();
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;  // a power of two in size
  std::size_t size_ = 0;
};

NameTable& this_thread_table() {
  // Heap-allocated and never destroyed: Names held by objects with static or thread storage
  // duration may be released after the thread's other thread_locals are gone.
  thread_local NameTable* table = new NameTable();
  return *table;
}

}  // namespace

Name::Name(std::string_view text) {
  if (!text.empty()) entry_ = this_thread_table().intern(text);
}

void Name::release(NameEntry* entry) noexcept { this_thread_table().release(entry); }

const std::string& Name::empty_text() noexcept {
  static const std::string empty;
  return empty;
}

std::size_t Name::empty_hash() noexcept {
  static const std::size_t hash = std::hash<std::string_view>{}(std::string_view());
  return hash;
}

std::string Name::concat(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}

std::size_t Name::live_entries() { return this_thread_table().size(); }

namespace {

// ConstantCache: open addressing on the text's address; a slot is never freed (constant texts
// live as long as the program), and a probe gives up after a few slots.
class ConstantCache {
 public:
  Name get(std::string_view text) {
    const auto address = reinterpret_cast<std::uintptr_t>(text.data());
    const std::size_t start = static_cast<std::size_t>((address >> 3) * 0x9E3779B97F4A7C15ULL >> (64 - kBits));
    for (std::size_t probe = 0; probe < kProbes; ++probe) {
      Slot& slot = slots_[(start + probe) & (kSlots - 1)];
      if (slot.data == nullptr) {
        slot = Slot{text.data(), text.size(), Name(text)};
        return slot.name;
      }
      if (slot.data == text.data() && slot.size == text.size()) {
        // Same address and size: the same constant, unless a text that was not constant lived
        // there before. The compare keeps that case correct.
        if (slot.name.view() != text) slot.name = Name(text);
        return slot.name;
      }
    }
    return Name(text);
  }

 private:
  static constexpr std::size_t kBits = 9;
  static constexpr std::size_t kSlots = std::size_t{1} << kBits;
  static constexpr std::size_t kProbes = 8;
  struct Slot {
    const char* data = nullptr;
    std::size_t size = 0;
    Name name;
  };
  Slot slots_[kSlots];
};

}  // namespace

Name constant_name(std::string_view text) {
  // Heap-allocated and never destroyed, like the table (its Names outlive the thread's exit).
  thread_local ConstantCache* cache = new ConstantCache();
  return cache->get(text);
}

std::ostream& operator<<(std::ostream& out, const Name& name) { return out << name.view(); }

}  // namespace jobsim::api
