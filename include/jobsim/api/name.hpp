// Name: an interned, immutable piece of API text (an object's name, namespace or uid, a label
// key or value, an owner reference, a finalizer, a condition's type, reason or message).
//
// Why: the same few texts are held by many objects (every pod of a Job carries the Job's name
// and uid in its labels and its ownerReference, every Job the CronJob's name and the same
// label keys), and the controllers compare them on every sync (uid against uid, condition type
// against "Complete"). As std::string each copy allocated past 15 characters and each compare
// was a memcmp. A Name is one pointer to a shared entry: a copy is a reference-count increment,
// two Names are equal exactly when they point to the same entry, and the hash is computed once.
//
// Entries live in the NameTable of the thread that interned them (one per thread: a World runs
// on one thread, and the objects a scenario loads on that thread share entries with the ones
// the World creates). An entry is freed when its last Name goes, so the table holds what is
// alive, not every name a long run ever created. A Name must not be copied or destroyed on
// another thread than the one that interned it (the reference count is not atomic).
//
// Order (`<`) and hash are those of the text, never of an address, so ordered containers and
// anything iterated stay byte-identical from run to run.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace jobsim::api {

struct NameEntry {
  std::uint32_t refs = 0;
  std::size_t hash = 0;  // std::hash<std::string_view> of text
  std::string text;
};

class Name {
 public:
  Name() noexcept = default;  // "" (no entry)
  Name(std::string_view text);  // NOLINT: implicit, so a Name reads like the string it replaces
  Name(const std::string& text) : Name(std::string_view(text)) {}  // NOLINT
  Name(const char* text) : Name(std::string_view(text)) {}         // NOLINT
  Name(const Name& other) noexcept : entry_(other.entry_) {
    if (entry_ != nullptr) ++entry_->refs;
  }
  Name(Name&& other) noexcept : entry_(other.entry_) { other.entry_ = nullptr; }
  Name& operator=(const Name& other) noexcept {
    Name copy(other);
    swap(copy);
    return *this;
  }
  Name& operator=(Name&& other) noexcept {
    Name moved(std::move(other));
    swap(moved);
    return *this;
  }
  ~Name() {
    if (entry_ != nullptr && --entry_->refs == 0) release(entry_);
  }
  void swap(Name& other) noexcept { std::swap(entry_, other.entry_); }
  void clear() noexcept { Name().swap(*this); }

  const std::string& str() const noexcept { return entry_ != nullptr ? entry_->text : empty_text(); }
  operator const std::string&() const noexcept { return str(); }  // NOLINT: reads like a string
  operator std::string_view() const noexcept { return str(); }    // NOLINT
  std::string_view view() const noexcept { return str(); }
  const char* c_str() const noexcept { return str().c_str(); }
  const char* data() const noexcept { return str().data(); }
  std::size_t size() const noexcept { return str().size(); }
  std::size_t length() const noexcept { return str().size(); }
  bool empty() const noexcept { return entry_ == nullptr; }
  auto begin() const noexcept { return str().begin(); }
  auto end() const noexcept { return str().end(); }
  char operator[](std::size_t i) const noexcept { return str()[i]; }
  std::string substr(std::size_t pos, std::size_t count = std::string::npos) const { return str().substr(pos, count); }
  bool starts_with(std::string_view prefix) const noexcept { return view().starts_with(prefix); }
  bool ends_with(std::string_view suffix) const noexcept { return view().ends_with(suffix); }
  std::size_t find(std::string_view text, std::size_t pos = 0) const noexcept { return view().find(text, pos); }
  std::size_t find(char c, std::size_t pos = 0) const noexcept { return view().find(c, pos); }
  std::size_t rfind(char c, std::size_t pos = std::string::npos) const noexcept { return view().rfind(c, pos); }
  static constexpr std::size_t npos = std::string::npos;

  // hash: the text's std::hash<std::string_view>, so a container keyed by Name can be searched
  // with a string_view (is_transparent) and no interning.
  std::size_t hash() const noexcept { return entry_ != nullptr ? entry_->hash : empty_hash(); }

  // Same thread, same text, same entry: equality is a pointer compare.
  friend bool operator==(const Name& a, const Name& b) noexcept { return a.entry_ == b.entry_; }
  friend bool operator==(const Name& a, std::string_view b) noexcept { return a.view() == b; }
  friend bool operator==(const Name& a, const std::string& b) noexcept { return a.view() == b; }
  friend bool operator==(const Name& a, const char* b) noexcept { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Name& a, const Name& b) noexcept {
    if (a.entry_ == b.entry_) return std::strong_ordering::equal;
    return a.view() <=> b.view();
  }
  friend std::strong_ordering operator<=>(const Name& a, std::string_view b) noexcept { return a.view() <=> b; }
  friend std::strong_ordering operator<=>(const Name& a, const std::string& b) noexcept {
    return a.view() <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const Name& a, const char* b) noexcept {
    return a.view() <=> std::string_view(b);
  }

  // Concatenation yields a std::string, as it did when these fields were strings.
  friend std::string operator+(const Name& a, std::string_view b) { return concat(a.view(), b); }
  friend std::string operator+(std::string_view a, const Name& b) { return concat(a, b.view()); }
  friend std::string operator+(const Name& a, const Name& b) { return concat(a.view(), b.view()); }
  friend std::string operator+(const Name& a, const std::string& b) { return concat(a.view(), b); }
  friend std::string operator+(const std::string& a, const Name& b) { return concat(a, b.view()); }
  friend std::string operator+(const Name& a, const char* b) { return concat(a.view(), b); }
  friend std::string operator+(const char* a, const Name& b) { return concat(a, b.view()); }
  friend std::string operator+(std::string&& a, const Name& b) { return std::move(a.append(b.view())); }
  friend std::string operator+(const Name& a, char b) { return concat(a.view(), std::string_view(&b, 1)); }

  // Live entries in this thread's table (for tests and the memory figures).
  static std::size_t live_entries();

 private:
  static const std::string& empty_text() noexcept;
  static std::size_t empty_hash() noexcept;
  static void release(NameEntry* entry) noexcept;
  static std::string concat(std::string_view a, std::string_view b);

  NameEntry* entry_ = nullptr;
};

std::ostream& operator<<(std::ostream& out, const Name& name);

// constant_name interns a constant text (a literal, or a constexpr string_view of one: a
// reason, a condition type, a well-known label key) through a small per-thread cache keyed by
// the text's address, so a hot path that sets "batch.kubernetes.io/controller-uid" or
// "SuccessfulCreate" for every object pays a pointer lookup, not a hash of the text and a
// table probe. Any text is safe (a hit is confirmed by comparing the text), but only constant
// texts gain: a text at a new address takes a slot, and a full cache interns as Name() does.
Name constant_name(std::string_view text);

// A transparent hash and equality for unordered containers keyed by Name.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(const Name& name) const noexcept { return name.hash(); }
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};
struct NameEqual {
  using is_transparent = void;
  bool operator()(const Name& a, const Name& b) const noexcept { return a == b; }
  bool operator()(const Name& a, std::string_view b) const noexcept { return a == b; }
  bool operator()(std::string_view a, const Name& b) const noexcept { return b == a; }
};

}  // namespace jobsim::api

template <>
struct std::hash<jobsim::api::Name> {
  std::size_t operator()(const jobsim::api::Name& name) const noexcept { return name.hash(); }
};
