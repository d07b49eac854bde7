#include <atomic>
#include <cctype>
#include <cmath>
#include <memory>

#include "pattern/library.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

namespace {

bool identical(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i])) return false;
    // == holds for 0 and -0; a function of the value may not (1/x).
    const auto x = a[i].as_number(), y = b[i].as_number();
    if (x && y && std::signbit(*x) != std::signbit(*y)) return false;
  }
  return true;
}

// The pattern f made for the last values it was given. Consecutive events,
// and the queries of consecutive audio blocks, mostly carry the same values:
// reusing the pattern saves building it (allocations on the audio thread, and
// O(steps) per event for a Euclid rhythm of thousands of steps). Two threads
// may query one pattern at once: the one that finds the cache busy builds its
// own pattern rather than wait.
class LastBuilt {
 public:
  Pattern get(const std::vector<Value>& values, const std::function<Pattern(const std::vector<Value>&)>& f) {
    if (!busy_.test_and_set(std::memory_order_acquire)) {
      const bool hit = valid_ && identical(values, values_);
      Pattern found = hit ? pattern_ : Pattern();
      busy_.clear(std::memory_order_release);
      if (hit) return found;
    }
    Pattern built = f(values);
    if (!busy_.test_and_set(std::memory_order_acquire)) {
      values_ = values;
      pattern_ = built;
      valid_ = true;
      busy_.clear(std::memory_order_release);
    }
    return built;
  }

 private:
  std::atomic_flag busy_;
  bool valid_ = false;
  std::vector<Value> values_;
  Pattern pattern_;
};

}  // namespace

Pattern patternify(const std::vector<Pattern>& args, std::function<Pattern(const std::vector<Value>&)> f) {
  bool all_pure = true;
  std::vector<Value> values;
  for (const Pattern& a : args) {
    if (!a.pure_value()) {
      all_pure = false;
      break;
    }
    values.push_back(*a.pure_value());
  }
  if (all_pure) return f(values);

  return Pattern([args, f = std::move(f), last = std::make_shared<LastBuilt>()](const State& state, Events& out) {
    struct Combo {
      TimeSpan part;
      std::vector<Value> values;
    };
    ScratchEvents firsts, samples;
    args[0].query(state, *firsts);
    std::vector<Combo> combos, next;
    for (const Event& first : *firsts) {
      combos.assign(1, Combo{first.part, {first.value}});
      // Later arguments are sampled over the first argument's event (appLeft).
      for (std::size_t k = 1; k < args.size(); ++k) {
        next.clear();
        for (const Combo& c : combos) {
          samples->clear();
          args[k].query(state.with_span(first.whole_or_part()), *samples);
          for (const Event& s : *samples) {
            if (auto part = c.part.intersection(s.part)) {
              Combo grown{*part, c.values};
              grown.values.push_back(s.value);
              next.push_back(std::move(grown));
            }
          }
        }
        combos.swap(next);
      }
      for (const Combo& c : combos) last->get(c.values, f).query(state.with_span(c.part), out);
    }
  });
}

namespace {

std::optional<double> note_to_midi(const std::string& word) {
  // /^([a-gA-G])([#bsf]*)(-?[0-9]*)$/, as Strudel's tokenizeNote
  if (word.empty()) return std::nullopt;
  const char pc = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
  if (pc < 'a' || pc > 'g') return std::nullopt;
  std::size_t i = 1;
  int offset = 0;
  for (; i < word.size() && (word[i] == '#' || word[i] == 'b' || word[i] == 's' || word[i] == 'f'); ++i) {
    offset += (word[i] == '#' || word[i] == 's') ? 1 : -1;
  }
  const std::string oct = word.substr(i);
  std::size_t j = (!oct.empty() && oct[0] == '-') ? 1 : 0;
  for (; j < oct.size(); ++j) {
    if (oct[j] < '0' || oct[j] > '9') return std::nullopt;
  }
  static const int chroma[] = {9, 11, 0, 2, 4, 5, 7};  // a b c d e f g
  const double octave = oct.empty() ? 3 : js_number(oct).value_or(NAN);
  return (octave + 1) * 12 + chroma[pc - 'a'] + offset;
}

}  // namespace

double numeral(const Value& v) {
  if (auto x = v.as_number()) return *x;
  if (!v.is_list() && v.atom().kind == Atom::Kind::Word) {
    if (auto midi = note_to_midi(*v.atom().word)) return *midi;
  }
  throw Error("cannot use " + v.json() + " as a number");
}

}  // namespace tala
