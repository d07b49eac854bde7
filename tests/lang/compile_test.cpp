// The tala language: what compiles to what, and every bad input's one-line,
// positioned error.
#define BOOST_TEST_MODULE lang_compile
#include "lang/compile.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>

#include "engine/program.hpp"
#include "graph/graph.hpp"
#include "lang/syntax.hpp"
#include "util/error.hpp"

using nlohmann::json;
using tala::lang::compile_program;

namespace {

std::string error_of(const std::string& source) {
  try {
    tala::Program::compile(tala::load_graph(compile_program(source)), {});
  } catch (const tala::Error& e) {
    return tala::format_error(e);
  }
  return "no error";
}

const json* node(const json& g, const std::string& id) {
  for (const auto& n : g["nodes"]) {
    if (n["id"] == id) return &n;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_pattern_bus_becomes_voices) {
  const json g = compile_program("d1: s \"bd sd\" # gain 0.9");
  BOOST_CHECK_EQUAL(g["format"], "tala-graph");
  BOOST_CHECK_EQUAL(g["version"], 1);
  BOOST_CHECK_EQUAL(g["cps"], 0.5);
  const json* v = node(g, "d1/voices1");
  BOOST_REQUIRE(v);
  BOOST_CHECK_EQUAL((*v)["type"], "voices");
  BOOST_CHECK_EQUAL((*v)["pattern"].dump(),
                    R"({"args":[{"args":[0.9],"call":"gain"},{"args":[{"mini":"bd sd"}],"call":"s"}],"call":"set"})");
  // Without an out line, the buses not named ~ are heard.
  BOOST_CHECK_EQUAL(g["outputs"]["out"], "d1/voices1");
}

BOOST_AUTO_TEST_CASE(tempo) {
  BOOST_CHECK_EQUAL(compile_program("cps 0.75\nd1: s \"x\"")["cps"], 0.75);
  BOOST_CHECK_EQUAL(compile_program("bpm 120\nd1: s \"x\"")["cps"], 0.5);
  // The graph's tempo range (kMinCps to kMaxCps), in bpm times 240; each end loads.
  for (const std::string tempo : {"cps 0.000001", "cps 1000", "bpm 0.00024", "bpm 240000"}) {
    BOOST_CHECK_NO_THROW(tala::load_graph(compile_program(tempo + "\nd1: s \"x\"")));
  }
  BOOST_CHECK_EQUAL(error_of("cps 0.00000099\nd1: s \"x\""),
                    "error: 1:5: cps takes a number of cycles per second from 0.000001 to 1000");
  BOOST_CHECK_EQUAL(error_of("cps 1000.0001"),
                    "error: 1:5: cps takes a number of cycles per second from 0.000001 to 1000");
  BOOST_CHECK_EQUAL(error_of("bpm 0.00023"),
                    "error: 1:5: bpm takes a number of beats per minute from 0.00024 to 240000");
  BOOST_CHECK_EQUAL(error_of("bpm 240001"),
                    "error: 1:5: bpm takes a number of beats per minute from 0.00024 to 240000");
}

BOOST_AUTO_TEST_CASE(function_application_dollar_and_partial_application) {
  const json g = compile_program("d1: every 4 (fast 2) $ s \"bd sd\"");
  BOOST_CHECK_EQUAL(node(g, "d1/voices1")->at("pattern").dump(),
                    R"({"args":[4,{"args":[2],"call":"fast"},{"args":[{"mini":"bd sd"}],"call":"s"}],"call":"every"})");
  const json h = compile_program("d1: jux (rev . (# speed 2)) $ s \"bd sd\"");
  BOOST_CHECK_EQUAL(node(h, "d1/voices1")->at("pattern")["args"][0].dump(),
                    R"({"compose":[{"call":"rev"},{"args":[{"args":[2],"call":"speed"}],"call":"set"}]})");
}

BOOST_AUTO_TEST_CASE(signals_mix_scale_and_take_effects) {
  const json g =
      compile_program("~lfo: range 300 3000 $ slow 4 sine\n~pad: sawosc \"55 82.5\" * 0.2 # lpf ~lfo 0.7\nout: ~pad");
  BOOST_CHECK_EQUAL(node(g, "~lfo/pattern_signal1")->at("type"), "pattern_signal");
  BOOST_CHECK_EQUAL(node(g, "~pad/sawosc1")->at("params")["freq"].dump(), R"({"pattern":{"mini":"55 82.5"}})");
  BOOST_CHECK_EQUAL(node(g, "~pad/mul1")->at("params").dump(), R"({"a":{"node":"~pad/sawosc1"},"b":0.2})");
  BOOST_CHECK_EQUAL(node(g, "~pad/lpf1")->at("params").dump(),
                    R"({"cutoff":{"node":"~lfo/pattern_signal1"},"in":{"node":"~pad/mul1"},"resonance":0.7})");
  BOOST_CHECK_EQUAL(g["outputs"].dump(), R"({"out":"~pad/lpf1"})");
}

BOOST_AUTO_TEST_CASE(delay_adds_the_dry_signal_and_delayed_does_not) {
  const json g = compile_program("out: sinosc 220 # delay 0.375 0.5");
  BOOST_CHECK_EQUAL(node(g, "out/delay1")->at("params").dump(),
                    R"({"feedback":0.5,"in":{"node":"out/sinosc1"},"time":0.375,"wet":0.5})");
  BOOST_CHECK_EQUAL(node(g, "out/add1")->at("params").dump(),
                    R"({"a":{"node":"out/sinosc1"},"b":{"node":"out/delay1"}})");
  const json h = compile_program("out: sinosc 220 # delayed 0.375 0.5");
  BOOST_CHECK(!node(h, "out/add1"));
}

BOOST_AUTO_TEST_CASE(more_outputs_and_the_default_mix) {
  const json g = compile_program("d1: s \"a\"\nd2: s \"b\"\n~x: sinosc 1");
  BOOST_CHECK_EQUAL(g["outputs"].dump(), R"({"out":"out/add1"})");
  BOOST_CHECK_EQUAL(node(g, "out/add1")->at("params").dump(),
                    R"({"a":{"node":"d1/voices1"},"b":{"node":"d2/voices1"}})");
  const json h = compile_program("out: sinosc 1\nout16: sinosc 2");
  BOOST_CHECK_EQUAL(h["outputs"].dump(), R"({"out":"out/sinosc1","out16":"out16/sinosc1"})");
}

BOOST_AUTO_TEST_CASE(the_same_line_keeps_its_ids_after_an_edit_elsewhere) {
  const json a = compile_program("d1: s \"bd\"\nout: d1 + sinosc 440 # lpf 800");
  const json b =
      compile_program("-- a new first line\nd0: s \"hh*8\" # gain 0.5\nout: d1 + sinosc 440 # lpf 800\nd1: s \"bd\"");
  for (const char* id : {"out/sinosc1", "out/add1", "out/lpf1", "d1/voices1"}) {
    BOOST_REQUIRE(node(a, id) && node(b, id));
    json x = *node(a, id), y = *node(b, id);
    x.erase("line"), y.erase("line");
    BOOST_CHECK_EQUAL(x.dump(), y.dump());
  }
}

BOOST_AUTO_TEST_CASE(negative_numbers_and_subtraction) {
  BOOST_CHECK_EQUAL(node(compile_program("d1: s \"bd\" # speed -1"), "d1/voices1")->at("pattern")["args"][0].dump(),
                    R"({"args":[-1],"call":"speed"})");
  BOOST_CHECK_EQUAL(node(compile_program("out: sinosc (440 - 1)"), "out/sinosc1")->at("params").dump(),
                    R"({"freq":439})");
  BOOST_CHECK_EQUAL(node(compile_program("out: sinosc (440-1)"), "out/sinosc1")->at("params").dump(),
                    R"({"freq":439})");
  // Application binds tighter: this is the signal minus 1.
  BOOST_CHECK_EQUAL(node(compile_program("out: sinosc 440 - 1"), "out/sub1")->at("params").dump(),
                    R"({"a":{"node":"out/sinosc1"},"b":1})");
}

BOOST_AUTO_TEST_CASE(comments_and_continued_lines) {
  const json g = compile_program("// a comment\nd1: s \"bd sd\" -- trailing\n   # gain 0.5\n");
  BOOST_CHECK_EQUAL(node(g, "d1/voices1")->at("pattern")["call"], "set");
}

BOOST_AUTO_TEST_CASE(positioned_errors) {
  BOOST_CHECK_EQUAL(error_of("d1: s \"bd\"\nout: d1 # lpff 800"),
                    "error: 2:11: unknown function 'lpff' (did you mean 'lpf'?)");
  BOOST_CHECK_EQUAL(error_of("out: ~lf0\n~lfo: sine"), "error: 1:6: unknown bus '~lf0' (did you mean '~lfo'?)");
  BOOST_CHECK_EQUAL(error_of("d1: s \"bd [sn\""), "error: 1:11: '[' is never closed");
  // A surrogate encoded in UTF-8's shape: the mini-notation refuses it, as
  // the JSON graph could not carry it (the language fuzzer's CI finding).
  BOOST_CHECK_EQUAL(error_of("d1: s \"bd \xed\xa0\x80\""), "error: 1:11: invalid UTF-8 in the pattern");
  BOOST_CHECK_EQUAL(error_of("out: sinosc 1\nout: sinosc 2"), "error: 2:1: 'out' is defined twice");
  BOOST_CHECK_EQUAL(
      error_of("d1: fast 2"),
      "error: 1:5: d1: expected a sound, a signal or a pattern, got a function (is an argument missing?)");
  BOOST_CHECK_EQUAL(error_of("d1: every 2 3 $ s \"bd\""),
                    "error: 1:13: every needs a function here (such as (fast 2), rev or (# speed 2)), got a number");
  BOOST_CHECK_EQUAL(error_of("d1: fast (sinosc 3) $ s \"bd\""),
                    "error: 1:11: fast needs a pattern or a number here, got a signal");
  BOOST_CHECK_EQUAL(
      error_of("out: sinosc 440 # s \"bd\""),
      "error: 1:19: after a signal, '#' takes an effect (lpf, hpf, bpf, notch, ladder, delay, room, comp, shape, "
      "crush, coarse, slew, sah, gain, pan), got a pattern");
  BOOST_CHECK_EQUAL(error_of("out: 1 2"), "error: 1:8: this is a number, not a function: it cannot take an argument");
  BOOST_CHECK_EQUAL(error_of("out: (sinosc 440"), "error: 1:6: '(' is never closed");
  BOOST_CHECK_EQUAL(error_of("out: sinosc 440)"), "error: 1:16: ')' has no matching '('");
  BOOST_CHECK_EQUAL(error_of("out: \"bd"), "error: 1:6: this string is never closed");
  BOOST_CHECK_EQUAL(error_of("out sinosc 440"),
                    "error: 1:1: expected a line such as 'd1: s \"bd sd\"', 'out: ...' or 'cps 0.5', found 'out'");
  BOOST_CHECK_EQUAL(error_of("fast: s \"bd\""),
                    "error: 1:1: 'fast' is the name of a function; choose another bus name");
  BOOST_CHECK_EQUAL(error_of("cps fast"), "error: 1:5: cps takes a number of cycles per second from 0.000001 to 1000");
  BOOST_CHECK_EQUAL(error_of("out: sinosc 440 ; 1"), "error: 1:17: unexpected ';'");
}

// What the graph loader or the engine would refuse is found by the language,
// at the value's line and column, with the loader's and the engine's words.
BOOST_AUTO_TEST_CASE(later_errors_have_the_source_position) {
  std::string error;
  try {
    compile_program("out: sinosc 440\n~a: ~b # lpf 300\n~b: ~a * 0.5");  // without loading the graph
  } catch (const tala::Error& e) {
    error = tala::format_error(e);
  }
  BOOST_CHECK_EQUAL(
      error, "error: 2:1: feedback loop without a delay: ~a/lpf1 -> ~b/mul1 -> ~a/lpf1 (put a delay in the loop)");
  BOOST_CHECK_EQUAL(error_of("out: sinosc 1\n~a: ~a * 0.5"),
                    "error: 2:1: feedback loop without a delay: ~a/mul1 -> ~a/mul1 (put a delay in the loop)");
  // Through a delay (`# delayed`) the loop is fine.
  BOOST_CHECK_EQUAL(error_of("out: ~a\n~a: sinosc 440 + ~b\n~b: ~a # delayed 0.1 0.5"), "no error");
  // A long chain of buses is searched without recursion.
  std::string chain = "~b0: sinosc 440\n";
  for (int i = 1; i < 20000; ++i) chain += "~b" + std::to_string(i) + ": ~b" + std::to_string(i - 1) + " * 0.5\n";
  BOOST_CHECK_EQUAL(error_of(chain + "out: ~b19999"), "no error");
  BOOST_CHECK_EQUAL(error_of(chain + "out: ~b19999\n~x: ~x + ~b5"),
                    "error: 20002:1: feedback loop without a delay: ~x/add1 -> ~x/add1 (put a delay in the loop)");

  // Node parameters against the node registry's ranges, at the number.
  BOOST_CHECK_EQUAL(error_of("out: sinosc 30000 * 0.5"),
                    "error: 1:13: sinosc freq: expected a number from 0 to 20000, got 30000");
  BOOST_CHECK_EQUAL(error_of("out: sinosc 440 # lpf 800 2"),
                    "error: 1:27: lpf resonance: expected a number from 0 to 1, got 2");
  BOOST_CHECK_EQUAL(error_of("out: sinosc 440 * 1e10"),
                    "error: 1:19: mul b: expected a number from -1000000000 to 1000000000, got 10000000000");
  // `lpf 30000` is also the sound parameter, which takes any number: on a pattern it is one.
  BOOST_CHECK_EQUAL(error_of("d1: s \"bd\" # lpf 30000"), "no error");

  // Pattern functions refuse their constant arguments as they would when the graph loads.
  BOOST_CHECK_EQUAL(error_of("d1: every 0 (fast 2) $ s \"bd\""),
                    "error: 1:5: every/firstOf needs a whole number from 1 to 65536, got 0");
  BOOST_CHECK_EQUAL(error_of("d1: s \"bd\" # gain 0.5\nd2: sometimes (lastOf 0 rev) $ s \"hh\""),
                    "error: 2:16: lastOf needs a whole number from 1 to 65536, got 0");
  BOOST_CHECK_EQUAL(error_of("d1: every \"<0 2>\" (fast 2) $ every 2 (every 3 rev) $ s \"bd\""), "no error");
}

BOOST_AUTO_TEST_CASE(a_caret_points_at_the_column) {
  try {
    compile_program("d1: s \"bd\" # lpff 800");
    BOOST_FAIL("expected an error");
  } catch (const tala::Error& e) {
    BOOST_CHECK_EQUAL(
        tala::format_error(e, "d1: s \"bd\" # lpff 800"),
        "error: 1:14: unknown function 'lpff' (did you mean 'lpf'?)\n  d1: s \"bd\" # lpff 800\n               ^");
  }
}

BOOST_AUTO_TEST_CASE(huge_and_deep_programs_are_bounded) {
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "~b" + std::to_string(i) + ": sinosc " + std::to_string(100 + i % 50) + "\n";
  many += "out: ~b0\n";
  const auto start = std::chrono::steady_clock::now();
  const json g = compile_program(many);
  BOOST_CHECK_EQUAL(g["nodes"].size(), 100000u);
  BOOST_TEST_MESSAGE("100,000-line program compiled in "
                     << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s");
  const std::string deep = "out: " + std::string(10000, '(') + "sinosc 440" + std::string(10000, ')');
  BOOST_CHECK_EQUAL(error_of(deep), "error: 1:262: the expression nests deeper than 256 levels");
  std::string chain = "out: sinosc 1";
  for (int i = 0; i < 2000; ++i) chain += " $ fast 2";
  BOOST_CHECK(error_of(chain).find("deeper than 256 levels") != std::string::npos);
  // A long line of operators or arguments nests to the left: bounded too (it overflowed the stack).
  std::string sum = "out: sinosc 440";
  for (int i = 0; i < 20000; ++i) sum += " + 0";
  BOOST_CHECK_EQUAL(error_of(sum), "error: 1:4113: a chain of more than 1024 operands (split it over buses)");
  std::string args = "out: sinosc";
  for (int i = 0; i < 20000; ++i) args += " 1";
  BOOST_CHECK(error_of(args).find("a chain of more than 1024 operands") != std::string::npos);
  // At the limit it compiles: a sum of 1024 oscillators on one line.
  std::string oscillators = "out: sinosc 1";
  for (int i = 1; i < tala::Limits{}.chain_operands; ++i) oscillators += " + sinosc 1";
  BOOST_CHECK_EQUAL(compile_program(oscillators)["nodes"].size(), 2u * 1024 - 1);
}
