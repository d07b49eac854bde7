#include "pattern/value.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_set>

#include "pattern/controls.hpp"
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
    case Atom::Kind::Number:
      return a.number == b.number;
    case Atom::Kind::Word:
      return a.word == b.word;
    case Atom::Kind::Bool:
      return a.flag == b.flag;
  }
  return false;
}

Value Value::of_controls(const ControlMap* map) {
  Value v;
  v.controls_ = map;
  return v;
}

Value::Value(const Value& other) : controls_(other.controls_), size_(other.size_), list_(other.list_) {
  std::copy(other.items_, other.items_ + kMaxListSize, items_);
  if (controls_) controls_->retain();
}

Value& Value::operator=(const Value& other) {
  if (this == &other) return *this;
  if (other.controls_) other.controls_->retain();
  if (controls_) controls_->release();
  std::copy(other.items_, other.items_ + kMaxListSize, items_);
  controls_ = other.controls_;
  size_ = other.size_;
  list_ = other.list_;
  return *this;
}

Value::~Value() {
  if (controls_) controls_->release();
}

bool operator==(const Value& a, const Value& b) {
  if (a.controls_ || b.controls_) {
    if (!a.controls_ || !b.controls_) return false;
    const auto& x = a.controls_->entries();
    const auto& y = b.controls_->entries();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].id != y[i].id || !(x[i].value == y[i].value)) return false;
    }
    return true;
  }
  if (a.list_ != b.list_ || a.size_ != b.size_) return false;
  for (int i = 0; i < a.size_; ++i) {
    if (!(a.items_[i] == b.items_[i])) return false;
  }
  return true;
}

Value Value::append(const Value& a, const Value& b) {
  if (a.controls_ || b.controls_) throw Error("':' cannot join sound parameters");
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
  if (list_ || controls_) return std::nullopt;
  const Atom& a = items_[0];
  switch (a.kind) {
    case Atom::Kind::Number:
      return a.number;
    case Atom::Kind::Bool:
      return a.flag ? 1.0 : 0.0;
    case Atom::Kind::Word:
      return js_number(*a.word);
  }
  return std::nullopt;
}

bool Value::truthy() const {
  if (list_ || controls_) return true;
  const Atom& a = items_[0];
  switch (a.kind) {
    case Atom::Kind::Number:
      return a.number != 0 && !std::isnan(a.number);
    case Atom::Kind::Bool:
      return a.flag;
    case Atom::Kind::Word:
      return !a.word->empty();
  }
  return false;
}

namespace {

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
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
    case Atom::Kind::Bool:
      out += a.flag ? "true" : "false";
      break;
    case Atom::Kind::Word:
      append_json_string(out, *a.word);
      break;
  }
}

}  // namespace

void Value::append_json(std::string& out) const {
  if (controls_) {
    out += '{';
    bool first = true;
    for (const auto& e : controls_->entries()) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, std::string(tala::controls()[e.id].name));
      out += ':';
      append_atom_json(out, e.value);
    }
    out += '}';
    return;
  }
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
