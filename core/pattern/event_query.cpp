#include "pattern/event_query.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "mini/mini.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

Events onset_events(const Pattern& pat, const Rational& from, const Rational& cycles, std::int64_t max_events) {
  if (cycles < Rational(0)) throw Error("the number of cycles cannot be negative");
  Events all = pat.query_span(from, from + cycles, max_events);
  Events onsets;
  std::vector<std::string> keys;
  for (Event& e : all) {
    if (e.has_onset()) onsets.push_back(std::move(e));
  }
  std::vector<std::size_t> order(onsets.size());
  keys.reserve(onsets.size());
  for (std::size_t i = 0; i < onsets.size(); ++i) {
    order[i] = i;
    keys.push_back(onsets[i].value.json());
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Event& x = onsets[a];
    const Event& y = onsets[b];
    if (int c = compare(x.whole->begin, y.whole->begin)) return c < 0;
    if (int c = keys[a].compare(keys[b])) return c < 0;
    if (int c = compare(x.whole->end, y.whole->end)) return c < 0;
    if (int c = compare(x.part.begin, y.part.begin)) return c < 0;
    return compare(x.part.end, y.part.end) < 0;
  });
  Events sorted;
  sorted.reserve(onsets.size());
  for (std::size_t i : order) sorted.push_back(std::move(onsets[i]));
  return sorted;
}

Events onset_events(const EventQuery& q, const Limits& limits) {
  return onset_events(parse_mini(q.pattern, limits), q.from, q.cycles, limits.events_per_query);
}

std::string number_text(const Rational& r) {
  if (r.is_integer()) return std::to_string(r.num());
  return js_number_text(r.to_double());
}

namespace {

// JSON string text; invalid UTF-8 is replaced rather than thrown on.
std::string quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_span(std::string& out, const TimeSpan& s) { out += "[\"" + s.begin.str() + "\",\"" + s.end.str() + "\"]"; }

std::string head_json(const EventQuery& q) {
  std::string out = "{\"pattern\":" + quote(q.pattern) + ",\"cycles\":" + number_text(q.cycles);
  if (q.from_given) out += ",\"from\":" + number_text(q.from);
  return out;
}

}  // namespace

std::string events_json(const Events& events) {
  std::string out = "[";
  for (const Event& e : events) {
    if (out.size() > 1) out += ',';
    out += "{\"whole\":";
    append_span(out, *e.whole);
    out += ",\"part\":";
    append_span(out, e.part);
    out += ",\"value\":";
    e.value.append_json(out);
    out += '}';
  }
  return out + "]";
}

std::string answer_json(const EventQuery& q, bool* ok, const Limits& limits) {
  if (ok) *ok = true;
  std::string out = head_json(q);
  try {
    out += ",\"events\":" + events_json(onset_events(q, limits)) + "}";
  } catch (const Error& e) {
    out = head_json(q) + ",\"error\":" + quote(format_error(e)) + "}";
    if (ok) *ok = false;
  }
  return out;
}

std::string answer_request_line(const std::string& line, const Limits& limits) {
  EventQuery q;
  try {
    const auto req = nlohmann::json::parse(line);
    if (!req.is_object()) throw Error("a request is a JSON object such as {\"pattern\": \"bd sd\", \"cycles\": 4}");
    if (!req.contains("pattern") || !req["pattern"].is_string()) throw Error("/pattern: expected a string");
    q.pattern = req["pattern"].get<std::string>();
    if (req.contains("cycles")) {
      if (!req["cycles"].is_number()) throw Error("/cycles: expected a number");
      q.cycles = Rational::from_double(req["cycles"].get<double>());
    }
    if (req.contains("from")) {
      if (!req["from"].is_number()) throw Error("/from: expected a number");
      q.from = Rational::from_double(req["from"].get<double>());
      q.from_given = true;
    }
  } catch (const nlohmann::json::exception& e) {
    return "{\"error\":" + quote("error: bad request: " + std::string(e.what())) + "}";
  } catch (const Error& e) {
    return "{\"error\":" + quote(format_error(e)) + "}";
  }
  return answer_json(q, nullptr, limits);
}

}  // namespace tala
