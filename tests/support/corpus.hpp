// Reads conformance corpora (JSON lines) and compares tala's answers to them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tala::test {

struct CorpusCase {
  nlohmann::json request;  // the line as written (pattern or code, cycles, from, events|error)
  std::size_t line = 0;
};

std::vector<CorpusCase> read_corpus(const std::string& path);

// Empty when `answer` (a tala answer line) matches the case exactly: the same
// events in the same order, or an error where the corpus has one. Otherwise a
// one-line description of the first difference.
std::string compare_answer(const CorpusCase& c, const nlohmann::json& answer);

}  // namespace tala::test
