// The text of the last failed call, shared by every entry point of the
// module: tala_last_error() returns it.
#pragma once

#include <exception>
#include <string>

#include "util/error.hpp"

namespace tala::wasm {

inline std::string& last_error() {
  static std::string text;
  return text;
}

// Runs `body` and returns what it returns; when it throws, the error becomes
// tala_last_error()'s text (one line: "error: ..." for bad input, "error:
// internal: ..." for a bug) and `failed` is returned. Nothing thrown may
// cross the C ABI: it would end the module.
template <typename Result, typename Body>
Result reporting_errors(Result failed, Body&& body) {
  try {
    return body();
  } catch (const Error& e) {
    last_error() = format_error(e);
  } catch (const std::exception& e) {
    last_error() = std::string("error: internal: ") + e.what();
  }
  return failed;
}

}  // namespace tala::wasm
