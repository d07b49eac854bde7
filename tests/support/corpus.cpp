#include "support/corpus.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace tala::test {

std::vector<CorpusCase> read_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<CorpusCase> cases;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    cases.push_back(CorpusCase{nlohmann::json::parse(line), n});
  }
  return cases;
}

namespace {

// Values are equal as JSON, except that numbers may differ in the last bits:
// tala's sin/exp/log (glibc, musl) and V8's are not bit-identical.
bool same_value(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return x == y || std::abs(x - y) <= 1e-12 * std::max(1.0, std::abs(x));
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_value(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace

std::string compare_answer(const CorpusCase& c, const nlohmann::json& answer) {
  const bool want_error = c.request.contains("error");
  const bool got_error = answer.contains("error");
  if (want_error != got_error) {
    return want_error ? "Strudel gives an error, tala gives events"
                      : "tala gives an error: " + answer.value("error", std::string());
  }
  if (want_error) return {};
  const auto& want = c.request["events"];
  const auto& got = answer["events"];
  if (want.size() != got.size()) {
    return "Strudel gives " + std::to_string(want.size()) + " events, tala " + std::to_string(got.size());
  }
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i]["whole"] != got[i]["whole"] || want[i]["part"] != got[i]["part"] ||
        !same_value(want[i]["value"], got[i]["value"])) {
      return "event " + std::to_string(i) + ": Strudel " + want[i].dump() + ", tala " + got[i].dump();
    }
  }
  return {};
}

}  // namespace tala::test
