// The value an event carries: a number, a word, a boolean, a short list of
// those (`bd:3` is ["bd", 3]), or a set of sound parameters (controls).
// Fixed size; only controls live on the heap, shared by reference count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tala {

class ControlMap;

// Words are interned once (when a pattern is parsed) and compared by address.
const std::string* intern(std::string_view word);

struct Atom {
  enum class Kind : std::uint8_t { Number, Word, Bool };
  Kind kind = Kind::Number;
  union {                     // 16 bytes in all: events are copied a lot
    double number = 0;        // Number
    const std::string* word;  // Word
    bool flag;                // Bool
  };

  static Atom of_number(double x) {
    Atom a;
    a.number = x;
    return a;
  }
  static Atom of_word(const std::string* w) {
    Atom a;
    a.kind = Kind::Word;
    a.word = w;
    return a;
  }
  static Atom of_bool(bool b) {
    Atom a;
    a.kind = Kind::Bool;
    a.flag = b;
    return a;
  }
  friend bool operator==(const Atom& a, const Atom& b);
};

class Value {
 public:
  static constexpr int kMaxListSize = 4;

  Value() = default;
  Value(Atom a) : size_(1) { items_[0] = a; }  // NOLINT: an atom is a value
  // Takes over one reference to `map`.
  static Value of_controls(const ControlMap* map);
  Value(const Value& other);
  Value& operator=(const Value& other);
  ~Value();
  static Value number(double x) { return Value(Atom::of_number(x)); }
  static Value word(std::string_view w) { return Value(Atom::of_word(intern(w))); }
  static Value boolean(bool b) { return Value(Atom::of_bool(b)); }

  // [a..., b] as mini-notation's `a:b` builds it; throws past kMaxListSize.
  static Value append(const Value& a, const Value& b);

  bool is_list() const { return list_; }
  int size() const { return size_; }
  const Atom& operator[](int i) const { return items_[i]; }
  const Atom& atom() const { return items_[0]; }

  bool is_number() const { return !list_ && !controls_ && items_[0].kind == Atom::Kind::Number; }
  // Sound parameters, or null for a plain value.
  const ControlMap* controls() const { return controls_; }
  // The number this value stands for, as JavaScript's Number() reads it.
  std::optional<double> as_number() const;
  bool truthy() const;  // JavaScript truthiness

  // JSON.stringify(value): the text the conformance corpus compares.
  std::string json() const;
  void append_json(std::string& out) const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  Atom items_[kMaxListSize];
  const ControlMap* controls_ = nullptr;
  std::uint8_t size_ = 1;
  bool list_ = false;
};

}  // namespace tala
