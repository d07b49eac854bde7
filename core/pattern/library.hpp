// Pattern functions with Tidal's and Strudel's names and meanings. Arguments
// are patterns themselves ("patterned"), as in Strudel: a constant argument
// takes a fast path, a changing one is sampled per event (an inner join).
#pragma once

#include <functional>
#include <vector>

#include "pattern/pattern.hpp"

namespace tala {

using Transform = std::function<Pattern(const Pattern&)>;

// Applies f to the values of constant arguments directly, or else for each
// event of the first argument with the others sampled at it (Strudel's
// register(): appLeft over the arguments, then innerJoin).
Pattern patternify(const std::vector<Pattern>& args, std::function<Pattern(const std::vector<Value>&)> f);

// The number a value stands for in arithmetic: numbers, numeric words and
// note names (c3 = 48), as Strudel's parseNumeral. Throws otherwise.
double numeral(const Value& v);

// --- time ---
Pattern fast(const Pattern& factor, const Pattern& pat);
Pattern slow(const Pattern& factor, const Pattern& pat);
Pattern early(const Pattern& offset, const Pattern& pat);
Pattern late(const Pattern& offset, const Pattern& pat);
Pattern rev(const Pattern& pat);
Pattern iter(const Pattern& n, const Pattern& pat);
Pattern iter_back(const Pattern& n, const Pattern& pat);
Pattern palindrome(const Pattern& pat);
Pattern ply(const Pattern& n, const Pattern& pat);
Pattern segment(const Pattern& n, const Pattern& pat);
Pattern repeat_cycles(const Pattern& n, const Pattern& pat);

// --- conditional ---
Pattern first_of(const Pattern& n, const Transform& f, const Pattern& pat);  // also `every`
Pattern last_of(const Pattern& n, const Transform& f, const Pattern& pat);
Pattern whenmod(const Pattern& a, const Pattern& b, const Transform& f, const Pattern& pat);
Pattern chunk(const Pattern& n, const Transform& f, const Pattern& pat);
Pattern chunk_back(const Pattern& n, const Transform& f, const Pattern& pat);
Pattern off(const Pattern& time, const Transform& f, const Pattern& pat);
Pattern superimpose(const Transform& f, const Pattern& pat);
Pattern when(const Pattern& condition, const Transform& f, const Pattern& pat);

// --- structure ---
Pattern struct_(const Pattern& bools, const Pattern& pat);  // structure from bools
Pattern mask(const Pattern& bools, const Pattern& pat);     // structure kept, gaps cut
Pattern euclid(const Pattern& pulses, const Pattern& steps, const Pattern& pat);
Pattern euclid_rot(const Pattern& pulses, const Pattern& steps, const Pattern& rotation, const Pattern& pat);
Pattern euclid_full(const Pattern& pulses, const Pattern& steps, const Pattern& pat, const Pattern& off_pat);
std::vector<bool> bjorklund(double pulses, double steps);  // throws on bad counts

// --- randomness ---
Pattern rand();
Pattern irand(const Pattern& n);
Pattern perlin();
Pattern degrade_by_with(const Pattern& randoms, double amount, const Pattern& pat);
Pattern degrade_by(const Pattern& amount, const Pattern& pat);
Pattern undegrade_by(const Pattern& amount, const Pattern& pat);
Pattern sometimes_by(const Pattern& amount, const Transform& f, const Pattern& pat);
Pattern some_cycles_by(const Pattern& amount, const Transform& f, const Pattern& pat);
Pattern choose_in_with(const Pattern& chooser, std::vector<Pattern> options);

// --- continuous signals (0..1 per cycle) ---
Pattern sine();
Pattern cosine();
Pattern saw();
Pattern isaw();
Pattern tri();
Pattern square();
Pattern run(const Pattern& n);
Pattern range(const Pattern& lo, const Pattern& hi, const Pattern& pat);
Pattern rangex(const Pattern& lo, const Pattern& hi, const Pattern& pat);

// --- sound parameters (controls) ---
// A pattern of values -> a pattern of {name: value} (`s "bd sd"`).
Pattern control(std::uint16_t id, const Pattern& values);
// Tidal's `#` (`|>`): structure from pat, parameters from other (other wins).
Pattern set(const Pattern& other, const Pattern& pat);
// Plays pat on the left and f(pat) on the right (pan 0 and 1 around any pan).
Pattern jux(const Transform& f, const Pattern& pat);

// --- arithmetic (structure from the left pattern, as Strudel's `.add`) ---
enum class Arith { Add, Sub, Mul, Div, Mod, Pow };
Pattern arith(Arith op, const Pattern& pat, const Pattern& other);

}  // namespace tala
