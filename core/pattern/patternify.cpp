#include <cctype>
#include <cmath>
#include <memory>

#include "pattern/library.hpp"
#include "pattern/recently_built.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

namespace {

using BuildFn = std::function<Pattern(const std::vector<Value>&)>;

// One argument combination after another, depth first: argument k is sampled
// over the first argument's event (appLeft), and each of its events that
// overlaps the span so far adds a value. The order is Strudel's (the first
// argument's events, then the second's within each, ...), and nothing is
// allocated once the scratch vectors are warm.
struct Combinations {
  const std::vector<Pattern>& args;
  const State& state;
  const TimeSpan& over;  // the first argument's event
  std::vector<Value>& values;
  RecentlyBuilt& recent;
  const BuildFn& f;
  Events& out;

  void expand(std::size_t k, const TimeSpan& part) {
    if (k == args.size()) {
      recent.get(values, [&] { return f(values); }).query(state.with_span(part), out);
      return;
    }
    ScratchEvents samples;
    args[k].query(state.with_span(over), *samples);
    for (const Event& s : *samples) {
      if (auto overlap = part.intersection(s.part)) {
        values.resize(k);
        values.push_back(s.value);
        expand(k + 1, *overlap);
      }
    }
  }
};

}  // namespace

Pattern patternify(const std::vector<Pattern>& args, BuildFn f) {
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

  return Pattern([args, f = std::move(f), recent = std::make_shared<RecentlyBuilt>()](const State& state, Events& out) {
    ScratchEvents firsts;
    args[0].query(state, *firsts);
    Scratch<std::vector<Value>> values;
    for (const Event& first : *firsts) {
      values->assign(1, first.value);
      Combinations{args, state, first.whole_or_part(), *values, *recent, f, out}.expand(1, first.part);
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
