// The per-thread table behind api::Name (include/jobsim/api/name.hpp).
#include "jobsim/api/name.hpp"

#include <cstdint>
#include <memory>
#include <ostream>
#include <unordered_set>

namespace jobsim::api {
namespace {

// NameTable: the live entries of one thread, found by text. Never iterated, so its order
// cannot reach an output.
class NameTable {
 public:
  NameTable() = default;
  NameTable(const NameTable&) = delete;
  NameTable& operator=(const NameTable&) = delete;

  NameEntry* intern(std::string_view text) {
    const std::size_t hash = std::hash<std::string_view>{}(text);
    if (const auto found = entries_.find(Key{text, hash}); found != entries_.end()) {
      NameEntry* entry = *found;
      ++entry->refs;
      return entry;
    }
    auto* entry = new NameEntry{1, hash, std::string(text)};
    entries_.insert(entry);
    return entry;
  }

  void release(NameEntry* entry) noexcept {
    entries_.erase(entry);
    delete entry;
  }

  std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Key {
    std::string_view text;
    std::size_t hash;
  };
  struct EntryHash {
    using is_transparent = void;
    std::size_t operator()(const NameEntry* entry) const noexcept { return entry->hash; }
    std::size_t operator()(const Key& key) const noexcept { return key.hash; }
  };
  struct EntryEqual {
    using is_transparent = void;
    bool operator()(const NameEntry* a, const NameEntry* b) const noexcept { return a == b; }
    bool operator()(const Key& key, const NameEntry* entry) const noexcept {
      return key.hash == entry->hash && key.text == entry->text;
    }
    bool operator()(const NameEntry* entry, const Key& key) const noexcept { return (*this)(key, entry); }
  };
  std::unordered_set<NameEntry*, EntryHash, EntryEqual> entries_;
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
