// Every ```tala block of docs/language.md compiles and builds a program.
#define BOOST_TEST_MODULE language_doc
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "engine/program.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "util/error.hpp"

BOOST_AUTO_TEST_CASE(every_example_in_the_language_reference_compiles) {
  std::ifstream in(std::string(TALA_TEST_DATA) + "/../../docs/language.md");
  BOOST_REQUIRE(in);
  std::string line, block;
  bool inside = false;
  int blocks = 0, start = 0, n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!inside && line == "```tala") {
      inside = true, block.clear(), start = n;
    } else if (inside && line == "```") {
      inside = false;
      ++blocks;
      try {
        tala::Program::compile(tala::load_graph(tala::lang::compile_program(block)), {});
      } catch (const tala::Error& e) {
        BOOST_ERROR("docs/language.md block at line " << start << ": " << tala::format_error(e, block));
      }
    } else if (inside) {
      block += line + "\n";
    }
  }
  BOOST_TEST_MESSAGE(blocks << " examples compiled");
  BOOST_CHECK_GE(blocks, 10);
}
