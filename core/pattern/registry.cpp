#include "pattern/registry.hpp"

#include "pattern/controls.hpp"

namespace tala {

namespace {

using A = const std::vector<FunctionArg>&;
constexpr Param P = Param::Pattern;
constexpr Param T = Param::Transform;

Pattern sometimes_fixed(double p, A a) { return sometimes_by(pure(Value::number(p)), a[0].transform, a[1].pattern); }

const std::vector<PatternFunction> kBuiltins = {
    // time
    {"fast", {P, P}, "speed up by a factor", [](A a) { return fast(a[0].pattern, a[1].pattern); }},
    {"slow", {P, P}, "slow down by a factor", [](A a) { return slow(a[0].pattern, a[1].pattern); }},
    {"early", {P, P}, "shift earlier by a number of cycles", [](A a) { return early(a[0].pattern, a[1].pattern); }},
    {"late", {P, P}, "shift later by a number of cycles", [](A a) { return late(a[0].pattern, a[1].pattern); }},
    {"rev", {P}, "reverse each cycle", [](A a) { return rev(a[0].pattern); }},
    {"iter", {P, P}, "start each cycle a step later", [](A a) { return iter(a[0].pattern, a[1].pattern); }},
    {"iterBack", {P, P}, "iter, backwards", [](A a) { return iter_back(a[0].pattern, a[1].pattern); }},
    {"palindrome", {P}, "every other cycle reversed", [](A a) { return palindrome(a[0].pattern); }},
    {"ply", {P, P}, "repeat each event n times within its span", [](A a) { return ply(a[0].pattern, a[1].pattern); }},
    {"segment", {P, P}, "sample n times per cycle", [](A a) { return segment(a[0].pattern, a[1].pattern); }},
    {"repeatCycles",
     {P, P},
     "repeat each cycle n times",
     [](A a) { return repeat_cycles(a[0].pattern, a[1].pattern); }},
    // conditional
    {"every",
     {P, T, P},
     "apply a function every n-th cycle (the first of n)",
     [](A a) { return first_of(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"firstOf",
     {P, T, P},
     "apply a function to the first of every n cycles",
     [](A a) { return first_of(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"lastOf",
     {P, T, P},
     "apply a function to the last of every n cycles",
     [](A a) { return last_of(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"whenmod",
     {P, P, T, P},
     "apply a function when the cycle modulo a is at least b",
     [](A a) { return whenmod(a[0].pattern, a[1].pattern, a[2].transform, a[3].pattern); }},
    {"chunk",
     {P, T, P},
     "apply a function to one of n parts, moving each cycle",
     [](A a) { return chunk(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"chunkBack",
     {P, T, P},
     "chunk, moving backwards",
     [](A a) { return chunk_back(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"off",
     {P, T, P},
     "stack with a shifted, transformed copy",
     [](A a) { return off(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"superimpose",
     {T, P},
     "stack with a transformed copy",
     [](A a) { return superimpose(a[0].transform, a[1].pattern); }},
    // structure
    {"struct", {P, P}, "take the rhythm of a boolean pattern", [](A a) { return struct_(a[0].pattern, a[1].pattern); }},
    {"mask",
     {P, P},
     "silence where a boolean pattern is false or absent",
     [](A a) { return mask(a[0].pattern, a[1].pattern); }},
    {"euclid",
     {P, P, P},
     "Euclidean rhythm of k pulses in n steps",
     [](A a) { return euclid(a[0].pattern, a[1].pattern, a[2].pattern); }},
    {"euclidRot",
     {P, P, P, P},
     "Euclidean rhythm rotated right by r steps",
     [](A a) { return euclid_rot(a[0].pattern, a[1].pattern, a[2].pattern, a[3].pattern); }},
    {"euclidFull",
     {P, P, P, P},
     "Euclidean rhythm, with a second pattern on the off steps",
     [](A a) { return euclid_full(a[0].pattern, a[1].pattern, a[2].pattern, a[3].pattern); }},
    // randomness
    {"degradeBy", {P, P}, "drop events with a probability", [](A a) { return degrade_by(a[0].pattern, a[1].pattern); }},
    {"degrade",
     {P},
     "drop half of the events at random",
     [](A a) { return degrade_by(pure(Value::number(0.5)), a[0].pattern); }},
    {"undegradeBy",
     {P, P},
     "keep exactly the events degradeBy would drop",
     [](A a) { return undegrade_by(a[0].pattern, a[1].pattern); }},
    {"sometimesBy",
     {P, T, P},
     "apply a function to events with a probability",
     [](A a) { return sometimes_by(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"sometimes", {T, P}, "sometimesBy 0.5", [](A a) { return sometimes_fixed(0.5, a); }},
    {"often", {T, P}, "sometimesBy 0.75", [](A a) { return sometimes_fixed(0.75, a); }},
    {"rarely", {T, P}, "sometimesBy 0.25", [](A a) { return sometimes_fixed(0.25, a); }},
    {"almostNever", {T, P}, "sometimesBy 0.1", [](A a) { return sometimes_fixed(0.1, a); }},
    {"almostAlways", {T, P}, "sometimesBy 0.9", [](A a) { return sometimes_fixed(0.9, a); }},
    {"always", {T, P}, "apply the function", [](A a) { return a[0].transform(a[1].pattern); }},
    {"never", {T, P}, "leave the pattern as it is", [](A a) { return a[1].pattern; }},
    {"someCyclesBy",
     {P, T, P},
     "apply a function to whole cycles with a probability",
     [](A a) { return some_cycles_by(a[0].pattern, a[1].transform, a[2].pattern); }},
    {"someCycles",
     {T, P},
     "someCyclesBy 0.5",
     [](A a) { return some_cycles_by(pure(Value::number(0.5)), a[0].transform, a[1].pattern); }},
    {"rand", {}, "continuous random numbers in [0, 1)", [](A) { return rand(); }},
    {"irand", {P}, "continuous random integers in [0, n)", [](A a) { return irand(a[0].pattern); }},
    {"perlin", {}, "continuous smooth noise in [0, 1)", [](A) { return perlin(); }},
    // continuous
    {"sine", {}, "sine wave from 0 to 1 each cycle", [](A) { return sine(); }},
    {"cosine", {}, "sine shifted by a quarter cycle", [](A) { return cosine(); }},
    {"saw", {}, "ramp from 0 to 1 each cycle", [](A) { return saw(); }},
    {"isaw", {}, "ramp from 1 to 0 each cycle", [](A) { return isaw(); }},
    {"tri", {}, "triangle from 0 to 1 and back each cycle", [](A) { return tri(); }},
    {"square", {}, "0 for the first half of each cycle, 1 for the second", [](A) { return square(); }},
    {"run", {P}, "0 to n-1 in n steps", [](A a) { return run(a[0].pattern); }},
    {"range",
     {P, P, P},
     "scale 0..1 values to lo..hi",
     [](A a) { return range(a[0].pattern, a[1].pattern, a[2].pattern); }},
    {"rangex",
     {P, P, P},
     "scale 0..1 values to lo..hi exponentially",
     [](A a) { return rangex(a[0].pattern, a[1].pattern, a[2].pattern); }},
    // arithmetic: the value pattern comes first, as in Strudel's add(n, pat)
    {"add", {P, P}, "add to each value", [](A a) { return arith(Arith::Add, a[1].pattern, a[0].pattern); }},
    {"sub", {P, P}, "subtract from each value", [](A a) { return arith(Arith::Sub, a[1].pattern, a[0].pattern); }},
    {"mul", {P, P}, "multiply each value", [](A a) { return arith(Arith::Mul, a[1].pattern, a[0].pattern); }},
    {"div", {P, P}, "divide each value", [](A a) { return arith(Arith::Div, a[1].pattern, a[0].pattern); }},
    {"mod",
     {P, P},
     "each value modulo n (always positive)",
     [](A a) { return arith(Arith::Mod, a[1].pattern, a[0].pattern); }},
    {"pow", {P, P}, "each value to a power", [](A a) { return arith(Arith::Pow, a[1].pattern, a[0].pattern); }},
    // combining
    {"stack", {Param::Patterns}, "play patterns at once", [](A a) { return stack(a[0].patterns); }},
    {"cat", {Param::Patterns}, "one pattern per cycle, in turn", [](A a) { return slowcat(a[0].patterns); }},
    {"slowcat", {Param::Patterns}, "same as cat", [](A a) { return slowcat(a[0].patterns); }},
    {"fastcat", {Param::Patterns}, "all patterns squeezed into one cycle", [](A a) { return fastcat(a[0].patterns); }},
    {"seq", {Param::Patterns}, "same as fastcat", [](A a) { return fastcat(a[0].patterns); }},
    // sound parameters
    {"set",
     {P, P},
     "Tidal's #: parameters from the first pattern, structure from the second",
     [](A a) { return set(a[0].pattern, a[1].pattern); }},
    {"jux",
     {T, P},
     "the pattern on the left, a transformed copy on the right",
     [](A a) { return jux(a[0].transform, a[1].pattern); }},
};

// The builtins, then one function per control (s, n, note, gain, ...).
std::vector<PatternFunction> all_functions() {
  std::vector<PatternFunction> out = kBuiltins;
  const auto& list = controls();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto id = static_cast<std::uint16_t>(i);
    out.push_back({list[i].name, {P}, list[i].meaning, [id](A a) { return control(id, a[0].pattern); }});
  }
  return out;
}

const std::vector<PatternFunction> kFunctions = all_functions();

}  // namespace

const std::vector<PatternFunction>& pattern_functions() { return kFunctions; }

const PatternFunction* find_pattern_function(std::string_view name) {
  for (const auto& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace tala
