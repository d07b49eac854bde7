#include "util/js_number.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tala {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<double> radix_integer(std::string_view digits, int radix) {
  if (digits.empty()) return std::nullopt;
  double value = 0;
  for (char c : digits) {
    int d = -1;
    if (is_digit(c))
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    if (d < 0 || d >= radix) return std::nullopt;
    value = value * radix + d;
  }
  return value;
}

// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
bool is_decimal_literal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<double> js_number(std::string_view text) {
  const char* ws = " \t\n\r\v\f";
  const auto first = text.find_first_not_of(ws);
  if (first == std::string_view::npos) return 0.0;
  text = text.substr(first, text.find_last_not_of(ws) - first + 1);

  if (text.size() > 2 && text[0] == '0') {
    const char p = text[1];
    if (p == 'x' || p == 'X') return radix_integer(text.substr(2), 16);
    if (p == 'o' || p == 'O') return radix_integer(text.substr(2), 8);
    if (p == 'b' || p == 'B') return radix_integer(text.substr(2), 2);
  }
  std::string_view body = text;
  double sign = 1;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    if (body[0] == '-') sign = -1;
    body = body.substr(1);
  }
  if (body == "Infinity") return sign * INFINITY;
  if (!is_decimal_literal(text)) return std::nullopt;
  const std::string copy(text);
  return std::strtod(copy.c_str(), nullptr);
}

std::string js_number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x == 0) return "0";

  // Shortest digit string that reads back to x.
  char buf[40];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  std::string digits;
  const char* p = buf;
  const bool negative = *p == '-';
  if (negative) ++p;
  for (; *p && *p != 'e'; ++p) {
    if (*p != '.') digits += *p;
  }
  const int exponent = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // position of the decimal point
  std::string out = negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(-n, '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 >= 0) ? "e+" : "e-";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace tala
