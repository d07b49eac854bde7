// Sound parameters carried by events ("controls"): `s "bd" # gain 0.9` makes
// events whose value is {s: "bd", gain: 0.9}. Names and meanings are Tidal's.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "pattern/value.hpp"

namespace tala {

enum class ControlKind { Number, Word, NoteOrNumber };

struct ControlInfo {
  std::string_view name;
  ControlKind kind;
  std::string_view meaning;
};

// Every control tala knows, in a fixed order: a control's id is its index.
const std::vector<ControlInfo>& controls();
std::optional<std::uint16_t> find_control(std::string_view name);

// An immutable set of control values, shared by reference count so that
// events stay cheap to copy. Entries are sorted by control id.
class ControlMap {
 public:
  struct Entry {
    std::uint16_t id;
    Atom value;
  };

  static const ControlMap* make(std::vector<Entry> entries);  // count 1, owned by the caller
  static const ControlMap* make(std::initializer_list<Entry> entries);
  const std::vector<Entry>& entries() const { return entries_; }
  const Atom* find(std::uint16_t id) const;
  // This map's entries, overridden by other's (Tidal's `#`, structure from this).
  static const ControlMap* merge(const ControlMap& base, const ControlMap& over);

  void retain() const { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() const {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) recycle(const_cast<ControlMap*>(this));
  }

 private:
  // Maps are made and dropped per event while patterns play (`#` merges two
  // per event): a released map goes to its thread's free list, entries'
  // capacity and all, so that after warm-up the audio thread allocates none.
  static ControlMap* acquire();
  static void recycle(ControlMap* map);
  friend struct ControlMapFreeList;

  ControlMap() = default;
  std::vector<Entry> entries_;
  mutable std::atomic<int> refs_{1};
  ControlMap* next_free_ = nullptr;
};

}  // namespace tala
