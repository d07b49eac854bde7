// Strict UTF-8 (RFC 3629), the rule nlohmann::json applies when it writes a
// string: text that passes here can go into a JSON graph and be dumped.
#pragma once

#include <cstddef>
#include <string_view>

namespace tala {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (a stray continuation byte, a truncated sequence, an overlong encoding, a
// surrogate, a code point past U+10FFFF), or npos when the text is valid.
std::size_t invalid_utf8_offset(std::string_view text);

}  // namespace tala
