// The per-thread table behind api::Name (include/jobsim/api/name.hpp).
#include "jobsim/api/name.hpp"

#include "jobsim/api/id_hash_set.hpp"
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
// An IdHashSet of entry addresses (api/id_hash_set.hpp: open addressing over slots that keep
// 32 bits of the hash). Why not std::unordered_set: a year of retained Jobs holds about a
// million live entries, and there a lookup walked bucket -> node -> entry (three cache misses,
// and a division per node because the node did not keep the hash); interning and releasing
// names were 30 % of the year's wall time. Here a probe reads the slot array, and an entry's
// text only when the hash bits match.
class NameTable {
 public:
  NameTable() = default;
  NameTable(const NameTable&) = delete;
  NameTable& operator=(const NameTable&) = delete;

  NameEntry* intern(std::string_view text) {
    const Key key{text, std::hash<std::string_view>{}(text)};
    if (const Address* found = entries_.find(key)) {
      NameEntry* entry = entry_at(*found);
      ++entry->refs;
      return entry;
    }
    auto* entry = new NameEntry{1, key.hash, std::string(text)};
    entries_.insert(reinterpret_cast<Address>(entry));
    return entry;
  }

  void release(NameEntry* entry) noexcept {
    // Not in this thread's table: a Name crossed threads (CONTRIBUTING.md principle 1).
    JOBSIM_CHECK(entries_.erase(reinterpret_cast<Address>(entry)),
                 "a Name was released on another thread than the one that made it");
    delete entry;
  }

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  using Address = std::uintptr_t;  // an entry's address; never the all-ones value IdHashSet reserves
  static NameEntry* entry_at(Address address) { return reinterpret_cast<NameEntry*>(address); }
  struct Key {
    std::string_view text;
    std::size_t hash;
  };
  struct Hash {
    std::size_t operator()(const Key& key) const noexcept { return key.hash; }
    std::size_t operator()(Address address) const noexcept { return entry_at(address)->hash; }
  };
  struct Equal {
    bool operator()(const Key& key, Address address) const noexcept {
      const NameEntry* entry = entry_at(address);
      return entry->hash == key.hash && entry->text == key.text;
    }
  };
  IdHashSet<Address, Hash, Equal> entries_;
};

NameTable& this_thread_table();

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

// ThreadNames: a thread's table and constant cache, freed when the thread ends (a sweep's
// worker threads come and go). The cache goes first: its Names go back to the table, which is
// then freed if nothing holds a Name any more. A Name alive after that can only be one that a
// static object holds (one made before main, or in a function-local static): the table is then
// left allocated rather than freed under it. Every other thread_local that holds a Name
// interned it after the table was made, so it is destroyed before the table's owner.
class ThreadNames {
 public:
  ThreadNames() = default;
  ThreadNames(const ThreadNames&) = delete;
  ThreadNames& operator=(const ThreadNames&) = delete;
  ~ThreadNames() {
    delete cache_;
    cache_ = nullptr;
    if (table_->size() == 0) delete table_;
  }
  NameTable& table() { return *table_; }
  ConstantCache& cache() {
    if (cache_ == nullptr) cache_ = new ConstantCache();
    return *cache_;
  }

 private:
  NameTable* table_ = new NameTable();
  ConstantCache* cache_ = nullptr;
};

ThreadNames& this_thread_names() {
  thread_local ThreadNames names;
  return names;
}

NameTable& this_thread_table() { return this_thread_names().table(); }

}  // namespace

Name constant_name(std::string_view text) { return this_thread_names().cache().get(text); }

std::ostream& operator<<(std::ostream& out, const Name& name) { return out << name.view(); }

}  // namespace jobsim::api
