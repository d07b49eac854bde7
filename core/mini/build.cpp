// Turns a mini-notation tree into a pattern, as Strudel's patternifyAST does.
#include <cmath>

#include "limits.hpp"
#include "mini/mini.hpp"
#include "mini/parser.hpp"
#include "pattern/library.hpp"
#include "pattern/random.hpp"
#include "util/error.hpp"
#include "util/js_number.hpp"

namespace tala {

namespace {

using mini::Alignment;
using mini::Node;
using mini::Op;

// Strudel writes `weight || 1`: a zero weight counts as one.
Rational weight_of(double w) { return Rational::from_double(w == 0 || std::isnan(w) ? 1 : w); }

// The number of steps a sequence spans, for `< >` and `{ }`.
Rational steps_of(const Node& seq) {
  if (seq.kind != Node::Kind::Group || seq.alignment != Alignment::Sequence) return Rational(1);
  Rational total(0);
  for (const auto& element : seq.children) total += weight_of(element->weight);
  return total;
}

Pattern number_range(const Value& a, const Value& b) {
  const auto start = a.as_number(), stop = b.as_number();
  if (!start || !stop) return silence();  // JavaScript: a NaN length is an empty range
  const double length = std::floor(std::abs(*stop - *start) + 1);
  if (!(length >= 1)) return silence();
  if (length > kMaxWholeArgument) {
    throw Error("a '..' range has more than " + std::to_string(kMaxWholeArgument) + " values");
  }
  // Built lazily: a range inside a pattern of ranges is built per event, and
  // `[22 12 ..3 ..5 ..9312 ...]` built 9,310 patterns each time (a fuzz input
  // ran 4 s natively, 208 s under the sanitizers, making few events).
  const double first = *start, step = *start < *stop ? 1.0 : -1.0;
  return fastcat_values(static_cast<std::int64_t>(length),
                        [first, step](std::int64_t i) { return Value::number(first + step * static_cast<double>(i)); });
}

// Errors raised while querying (a bad euclid count, a list too long) get the
// position of the step they come from, unless a deeper step already gave one.
Pattern located(const Pattern& pat, std::shared_ptr<const std::string> text, std::size_t offset) {
  return Pattern([pat, text = std::move(text), offset](const State& state, Events& out) {
    try {
      pat.query(state, out);
    } catch (const Error& e) {
      if (e.pos().line > 0) throw;
      throw Error(e.what(), pos_of_offset(*text, offset));
    }
  });
}

class Builder {
 public:
  explicit Builder(std::string_view text) : text_(std::make_shared<const std::string>(text)) {}

  Pattern build(const Node& node) {
    switch (node.kind) {
      case Node::Kind::Atom:
        return atom(node);
      case Node::Kind::Element:
        return build(*node.body);
      case Node::Kind::Group:
        return group(node);
    }
    return silence();
  }

 private:
  std::shared_ptr<const std::string> text_;  // for positions, computed only on errors

  Pattern atom(const Node& node) {
    if (node.text == "~" || node.text == "-") return silence();
    if (auto x = js_number(node.text)) return pure(Value::number(*x));
    return pure(Value::word(node.text));
  }

  Pattern with_ops(const Node& element, Pattern pat) {
    for (const Op& op : element.ops) {
      switch (op.kind) {
        case Op::Kind::Fast:
          pat = fast(build(*op.a), pat);
          break;
        case Op::Kind::Slow:
          pat = slow(build(*op.a), pat);
          break;
        case Op::Kind::Replicate: {
          // As in Strudel, `a!0` (and below) is a silent step.
          const Rational n = Rational::from_double(*op.amount);
          pat = n <= Rational(0) ? silence() : pat.repeat_cycles(n).fast(n);
          break;
        }
        case Op::Kind::Euclid:
          pat = op.c ? euclid_rot(build(*op.a), build(*op.b), build(*op.c), pat)
                     : euclid(build(*op.a), build(*op.b), pat);
          break;
        case Op::Kind::Degrade:
          pat = degrade_by_with(rand().early(seed_offset(op.seed)), op.amount.value_or(0.5), pat);
          break;
        case Op::Kind::Tail:
          pat = pat.app_left(
              build(*op.a), [](const Value& a, const Value& b) -> std::optional<Value> { return Value::append(a, b); });
          break;
        case Op::Kind::Range: {
          const Pattern stops = build(*op.a);
          pat = pat.squeeze_bind(
              [stops](const Value& a) { return stops.bind([a](const Value& b) { return number_range(a, b); }); });
          break;
        }
      }
    }
    return pat;
  }

  Pattern group(const Node& node) {
    std::vector<Pattern> children;
    children.reserve(node.children.size());
    for (const auto& child : node.children) {
      Pattern p = build(*child);
      if (child->kind == Node::Kind::Element) {
        try {
          p = located(with_ops(*child, std::move(p)), text_, child->offset);
        } catch (const Error& e) {
          if (e.pos().line > 0) throw;
          throw Error(e.what(), pos_of_offset(*text_, child->offset));
        }
      }
      children.push_back(std::move(p));
    }
    switch (node.alignment) {
      case Alignment::Stack:
        return stack(std::move(children));
      case Alignment::Feet:
        return fastcat(std::move(children));
      case Alignment::Choose:
        return choose_in_with(rand().early(seed_offset(node.seed)).segment(Rational(1)), std::move(children));
      case Alignment::SlowSequence: {
        for (std::size_t i = 0; i < children.size(); ++i) children[i] = children[i].slow(steps_of(*node.children[i]));
        return stack(std::move(children));
      }
      case Alignment::Polymeter: {
        // Strudel maps the steps pattern to fractions, which loses its
        // "pure" mark: every child is then fast()-ed through an inner join.
        const Pattern steps = (node.steps_per_cycle ? build(*node.steps_per_cycle)
                                                    : pure(Value::number(steps_of(*node.children[0]).to_double())))
                                  .with_value([](const Value& v) { return v; });
        for (std::size_t i = 0; i < children.size(); ++i) {
          const Rational own = steps_of(*node.children[i]);
          const Pattern child = children[i];
          children[i] = steps.inner_bind([own, child](const Value& v) {
            const Rational f = to_rational(v) / own;
            if (f == Rational(0)) throw Error("'{ }%0': zero steps per cycle");
            return f < Rational(0) ? silence() : child.fast(f);
          });
        }
        return stack(std::move(children));
      }
      case Alignment::Sequence: {
        std::vector<std::pair<Rational, Pattern>> weighted;
        weighted.reserve(children.size());
        for (std::size_t i = 0; i < children.size(); ++i) {
          weighted.emplace_back(weight_of(node.children[i]->weight), std::move(children[i]));
        }
        return timecat(std::move(weighted));
      }
    }
    return silence();
  }
};

}  // namespace

Pattern parse_mini(std::string_view text, const Limits& limits) {
  const mini::NodePtr root = mini::parse(text, limits);
  return Builder(text).build(*root);
}

}  // namespace tala
