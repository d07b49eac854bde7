// "Which events does this pattern play from cycle A for N cycles?" -- the
// question `tala events`, the conformance test and the wasm module all ask,
// answered in one place and in one JSON shape (the conformance corpus's).
#pragma once

#include <string>

#include "limits.hpp"
#include "pattern/pattern.hpp"

namespace tala {

struct EventQuery {
  std::string pattern;  // mini-notation
  Rational from{0};
  Rational cycles{1};
  bool from_given = false;  // echo "from" back only when it was asked for
};

// Onset events of the query, sorted as the corpus sorts them: whole begin,
// then value (as JSON text), whole end, part begin, part end.
Events onset_events(const Pattern& pat, const Rational& from, const Rational& cycles,
                    std::int64_t max_events = QueryBudget::kDefaultEvents);

// The onset events of a query's pattern, parsed and queried within `limits`.
Events onset_events(const EventQuery& q, const Limits& limits = {});

// [{"whole":["n/d","n/d"],"part":[...],"value":...},...]: events as the
// corpus writes them.
std::string events_json(const Events& events);

// One JSON line: {"pattern":...,"cycles":N,"events":[...]} or with "error"
// (then *ok is set to false).
std::string answer_json(const EventQuery& q, bool* ok = nullptr, const Limits& limits = {});

// Answers one request line {"pattern": "...", "cycles": N, "from": F};
// a malformed request is answered with an "error" line, never a throw.
std::string answer_request_line(const std::string& line, const Limits& limits = {});

// Exact "n/d" text of a cycle count given in a request (integers as numbers).
std::string number_text(const Rational& r);

}  // namespace tala
