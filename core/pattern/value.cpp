#include "pattern/value.hpp"

#include <cmath>
#include <mutex>
#include <unordered_set>

#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

const std::string* intern(std::string_view word) {
  // Node-based set: the strings never move, so their addresses are stable and
  // readers need no lock.
  static std::mutex mutex;
  static std::unordered_set<std::string> words;
  std::lock_guard<std::mutex> lock(mutex);
  return &*words.emplace(word).first;
}

bool operator==(const Atom& a, const Atom& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Atom::Kind::Number: return a.number == b.number;
    case Atom::Kind::Word: return a.word == b.word;
    case Atom::Kind::Bool: return a.flag == b.flag;
  }
  return false;
}

bool operator==(const Value& a, const Value& b) {
  if (a.list_ != b.list_ || a.size_ != b.size_) return false;
  for (int i = 0; i < a.size_; ++i) {
    if (!(a.items_[i] == b.items_[i])) return false;
  }
  return true;
}

Value Value::append(const Value& a, const Value& b) {
  Value out = a;
  out.list_ = true;
  if (b.list_) {
    // JavaScript nests a list appended to a list; tala keeps values flat.
    throw Error("a ':' list cannot hold another list");
  }
  if (out.size_ >= kMaxListSize) {
    throw Error("a ':' list holds at most " + std::to_string(kMaxListSize) + " values");
  }
  out.items_[out.size_++] = b.items_[0];
  return out;
}

std::optional<double> Value::as_number() const {
  if (list_) return std::nullopt;
  const Atom& a = items_[0];
  switch (a.kind) {
    case Atom::Kind::Number: return a.number;
    case Atom::Kind::Bool: return a.flag ? 1.0 : 0.0;
    case Atom::Kind::Word: return js_number(*a.word);
  }
  return std::nullopt;
}

bool Value::truthy() const {
  if (list_) return true;
  const Atom& a = items_[0];
  switch (a.kind) {
    case Atom::Kind::Number: return a.number != 0 && !std::isnan(a.number);
    case Atom::Kind::Bool: return a.flag;
    case Atom::Kind::Word: return !a.word->empty();
  }
  return false;
}

namespace {

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_atom_json(std::string& out, const Atom& a) {
  switch (a.kind) {
    case Atom::Kind::Number:
      // JSON.stringify writes NaN and the infinities as null.
      out += std::isfinite(a.number) ? js_number_text(a.number) : "null";
      break;
    case Atom::Kind::Bool: out += a.flag ? "true" : "false"; break;
    case Atom::Kind::Word: append_json_string(out, *a.word); break;
  }
}

}  // namespace

void Value::append_json(std::string& out) const {
  if (!list_) {
    append_atom_json(out, items_[0]);
    return;
  }
  out += '[';
  for (int i = 0; i < size_; ++i) {
    if (i > 0) out += ',';
    append_atom_json(out, items_[i]);
  }
  out += ']';
}

std::string Value::json() const {
  std::string out;
  append_json(out);
  return out;
}

}  // namespace tala
