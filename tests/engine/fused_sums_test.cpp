// Chains of adds become one `sum` node (core/engine/fused_sums.cpp): which
// adds are taken in, and that the sum gives the floats the chain would.
#define BOOST_TEST_MODULE engine_fused_sums
#include "engine/fused_sums.hpp"

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "engine/program.hpp"
#include "lang/compile.hpp"

namespace {

tala::GraphDef graph(const std::string& source) { return tala::load_graph(tala::lang::compile_program(source)); }

const tala::NodeDef* find(const tala::GraphDef& g, const std::string& id) {
  for (const auto& n : g.nodes) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

// The terms of a node, as node ids or numbers.
std::string terms(const tala::NodeDef& n) {
  std::string s;
  for (const auto& p : n.params) {
    if (!s.empty()) s += " ";
    s += p->kind == tala::ParamDef::Kind::Node ? p->node : std::to_string(p->number);
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_left_chain_of_adds_becomes_one_sum_in_order) {
  const auto g = tala::fuse_sums(graph("out: sinosc 1 + sinosc 2 + sinosc 3 + 0.5 + sinosc 4"));
  const tala::NodeDef* sum = find(g, "out/add4");
  BOOST_REQUIRE(sum);
  BOOST_CHECK_EQUAL(sum->spec->type, "sum");
  BOOST_CHECK_EQUAL(terms(*sum), "out/sinosc1 out/sinosc2 out/sinosc3 0.500000 out/sinosc4");
  BOOST_CHECK(!find(g, "out/add1") && !find(g, "out/add2") && !find(g, "out/add3"));
}

BOOST_AUTO_TEST_CASE(adds_read_elsewhere_keep_their_nodes) {
  // ~mix is an output's node and is read twice; `b + c` is a second term
  // (a + (b + c) is not ((a + b) + c) in floats); out2's add is an output.
  const auto g =
      tala::fuse_sums(graph("~mix: sinosc 1 + sinosc 2\n"
                            "out: ~mix + ~mix + sinosc 3\n"
                            "out1: sinosc 4 + (sinosc 5 + sinosc 6)\n"
                            "out2: sinosc 7 + sinosc 8"));
  BOOST_REQUIRE(find(g, "~mix/add1"));
  BOOST_CHECK_EQUAL(find(g, "~mix/add1")->spec->type, "add");
  BOOST_REQUIRE(find(g, "out/add2"));
  BOOST_CHECK_EQUAL(terms(*find(g, "out/add2")), "~mix/add1 ~mix/add1 out/sinosc1");
  BOOST_CHECK_EQUAL(find(g, "out1/add2")->spec->type, "add");  // right-nested: two adds
  BOOST_CHECK_EQUAL(find(g, "out1/add1")->spec->type, "add");
  BOOST_CHECK_EQUAL(find(g, "out2/add1")->spec->type, "add");
}

BOOST_AUTO_TEST_CASE(the_sum_gives_the_chains_floats) {
  // Terms of every kind (mono, stereo, noise, a pattern, a number) are also
  // outputs themselves, so the chain's sum can be formed here in floats.
  const std::string source =
      "~a: sinosc 110\n~b: sawosc 220 * 0.5 # pan 0.2\n~c: noise * 0.1\n~d: sinosc \"<300 310>\"\n"
      "out: ~a + ~b + ~c + 0.25 + ~d\nout1: ~a\nout2: ~b\nout3: ~c\nout4: ~d";
  auto program = tala::Program::compile(graph(source), tala::ProgramConfig{});
  tala::BlockContext ctx;
  ctx.frames = 128;
  ctx.cycles_per_frame = tala::Rational(1, 96000);
  int compared = 0;
  for (int block = 0; block < 50; ++block) {
    ctx.cycle_begin = tala::Rational(block * 128) * ctx.cycles_per_frame;
    ctx.cycle_end = ctx.cycle_at(ctx.frames);
    program->process(ctx);
    const tala::Signal out = program->output("out"), a = program->output("out1"), b = program->output("out2"),
                       c = program->output("out3"), d = program->output("out4");
    for (int i = 0; i < ctx.frames; ++i) {
      for (int ch = 0; ch < 2; ++ch) {
        auto at = [&](const tala::Signal& s) { return ch ? s.right[i] : s.left[i]; };
        const float want = (((at(a) + at(b)) + at(c)) + 0.25f) + at(d);
        const float got = at(out);
        BOOST_REQUIRE_MESSAGE(std::memcmp(&want, &got, sizeof got) == 0, "block " << block << " frame " << i
                                                                                  << " channel " << ch << ": " << got
                                                                                  << " != " << want);
        ++compared;
      }
    }
  }
  BOOST_CHECK_EQUAL(compared, 50 * 128 * 2);
  bool one_sum = false;
  for (const auto& t : program->profile()) one_sum |= t.type == "sum" && t.id == "out/add4";
  BOOST_CHECK(one_sum);
}
