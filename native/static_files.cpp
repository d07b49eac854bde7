#include "static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <system_error>
#include <utility>

namespace fs = std::filesystem;

namespace tala::serve {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kMimeTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript"},
    {".mjs", "text/javascript"},
    {".wasm", "application/wasm"},
    {".css", "text/css"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".tala", "text/plain; charset=utf-8"},
    {".wav", "audio/wav"},
    {".png", "image/png"},
    {".svg", "image/svg+xml"},
    {".txt", "text/plain; charset=utf-8"},
    {".ico", "image/x-icon"},
}};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True when a decoded path may be looked up at all: no NUL, no backslash, no `..` segment.
bool harmless(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (path.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

bool inside(const fs::path& root, const fs::path& path) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Resolved resolve_target(const fs::path& root, std::string_view target) {
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target[0] != '/') return {kStatusBadRequest, {}};
  const auto decoded = percent_decode(target);
  if (!decoded) return {kStatusBadRequest, {}};
  if (!harmless(*decoded)) return {kStatusForbidden, {}};

  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return {kStatusNotFound, {}};
  const std::size_t first = std::min(decoded->find_first_not_of('/'), decoded->size());
  fs::path file = fs::weakly_canonical(base / decoded->substr(first), ec);
  if (ec) return {kStatusNotFound, {}};
  if (!inside(base, file)) return {kStatusForbidden, {}};
  if (fs::is_directory(file, ec)) {
    file = fs::weakly_canonical(file / "index.html", ec);
    if (ec) return {kStatusNotFound, {}};
    if (!inside(base, file)) return {kStatusForbidden, {}};
  }
  if (!fs::is_regular_file(file, ec)) return {kStatusNotFound, {}};
  return {kStatusOk, file};
}

std::string_view mime_type(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [suffix, type] : kMimeTypes) {
    if (ext == suffix) return type;
  }
  return "application/octet-stream";
}

}  // namespace tala::serve
