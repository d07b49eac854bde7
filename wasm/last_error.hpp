// The text of the last failed call, shared by every entry point of the
// module: tala_last_error() returns it.
#pragma once

#include <string>

namespace tala::wasm {

inline std::string& last_error() {
  static std::string text;
  return text;
}

}  // namespace tala::wasm
