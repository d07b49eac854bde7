#include "pattern/controls.hpp"

#include <algorithm>
#include <utility>

#include "util/stable_sort_small.hpp"

namespace tala {

const std::vector<ControlInfo>& controls() {
  static const std::vector<ControlInfo> list = {
      {"s", ControlKind::Word, "sound: a sample bank or a synth (bd, sn, saw, sine, ...)"},
      {"n", ControlKind::NoteOrNumber, "sample index within the bank, or semitones above c4 (note 60) for synths"},
      {"note", ControlKind::NoteOrNumber, "note: MIDI number or name (c3 = 48, a4 = 69)"},
      {"gain", ControlKind::Number, "amplitude factor (1 = unchanged)"},
      {"velocity", ControlKind::Number, "second amplitude factor, 0..1"},
      {"pan", ControlKind::Number, "stereo position: 0 left, 0.5 centre, 1 right"},
      {"speed", ControlKind::Number, "playback rate; negative plays backwards"},
      {"begin", ControlKind::Number, "start of the sample, 0..1"},
      {"end", ControlKind::Number, "end of the sample, 0..1"},
      {"cut", ControlKind::Number, "cut group: a new voice stops others of the group"},
      {"legato", ControlKind::Number, "voice length relative to the event"},
      {"attack", ControlKind::Number, "attack time, seconds"},
      {"decay", ControlKind::Number, "decay time, seconds"},
      {"sustain", ControlKind::Number, "sustain level, 0..1"},
      {"release", ControlKind::Number, "release time, seconds"},
      {"lpf", ControlKind::Number, "low-pass cutoff, Hz"},
      {"hpf", ControlKind::Number, "high-pass cutoff, Hz"},
      {"resonance", ControlKind::Number, "filter resonance, 0..1"},
      {"shape", ControlKind::Number, "waveshaping amount, 0..1"},
      {"crush", ControlKind::Number, "bit depth (1..16), lower is harsher"},
      {"coarse", ControlKind::Number, "sample-rate reduction factor (after a sound: an effect on the line's mix)"},
      {"up", ControlKind::Number, "transpose, semitones"},
      {"orbit", ControlKind::Number,
       "Strudel's effect bus: accepted, no effect in tala (a line's effects are its own)"},
  };
  return list;
}

std::optional<std::uint16_t> find_control(std::string_view name) {
  const auto& list = controls();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].name == name) return static_cast<std::uint16_t>(i);
  }
  return std::nullopt;
}

// A thread's released maps, at most kMaxFree of them (beyond, they are
// freed): a block's worth of events for any program.
struct ControlMapFreeList {
  static constexpr std::size_t kMaxFree = 4096;
  ControlMap* head = nullptr;
  std::size_t count = 0;
  ~ControlMapFreeList() {
    alive = false;
    while (head) delete std::exchange(head, head->next_free_);
  }
  // Maps released while the thread's statics are destroyed go straight to delete.
  static thread_local bool alive;
};
thread_local bool ControlMapFreeList::alive = true;

namespace {
thread_local ControlMapFreeList g_free;
}  // namespace

ControlMap* ControlMap::acquire() {
  if (!ControlMapFreeList::alive || !g_free.head) return new ControlMap();
  ControlMap* map = std::exchange(g_free.head, g_free.head->next_free_);
  --g_free.count;
  map->entries_.clear();
  map->refs_.store(1, std::memory_order_relaxed);
  return map;
}

void ControlMap::recycle(ControlMap* map) {
  if (!ControlMapFreeList::alive || g_free.count >= ControlMapFreeList::kMaxFree) {
    delete map;
    return;
  }
  map->next_free_ = std::exchange(g_free.head, map);
  ++g_free.count;
}

namespace {
bool by_id(const ControlMap::Entry& a, const ControlMap::Entry& b) { return a.id < b.id; }
}  // namespace

const ControlMap* ControlMap::make(std::vector<Entry> entries) {
  stable_sort_small(entries.begin(), entries.end(), by_id);
  ControlMap* map = acquire();
  map->entries_.assign(entries.begin(), entries.end());
  return map;
}

const ControlMap* ControlMap::make(std::initializer_list<Entry> entries) {
  ControlMap* map = acquire();
  map->entries_.assign(entries.begin(), entries.end());
  stable_sort_small(map->entries_.begin(), map->entries_.end(), by_id);
  return map;
}

const Atom* ControlMap::find(std::uint16_t id) const {
  for (const Entry& e : entries_) {
    if (e.id == id) return &e.value;
  }
  return nullptr;
}

const ControlMap* ControlMap::merge(const ControlMap& base, const ControlMap& over) {
  ControlMap* map = acquire();
  std::vector<Entry>& out = map->entries_;
  out.reserve(base.entries_.size() + over.entries_.size());
  std::size_t i = 0, j = 0;
  while (i < base.entries_.size() || j < over.entries_.size()) {
    if (j == over.entries_.size() || (i < base.entries_.size() && base.entries_[i].id < over.entries_[j].id)) {
      out.push_back(base.entries_[i++]);
    } else {
      if (i < base.entries_.size() && base.entries_[i].id == over.entries_[j].id) ++i;
      out.push_back(over.entries_[j++]);
    }
  }
  return map;
}

}  // namespace tala
