// `tala serve`'s file side, without a socket: which file a request target
// names under the served root (or which error status it earns), and the MIME
// type of a file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tala::serve {

// HTTP status codes the file side answers with.
enum Status { kStatusOk = 200, kStatusBadRequest = 400, kStatusForbidden = 403, kStatusNotFound = 404 };

struct Resolved {
  Status status = kStatusNotFound;
  std::filesystem::path file;  // canonical, inside the root; only when status is kStatusOk
};

// Decodes %XX escapes; nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text);

// Maps an origin-form target ("/a/b.js?x=1") to a regular file under `root`.
// 400: not origin-form or a bad escape. 403: a `..` segment, a backslash, a
// NUL byte, or a path (symlinks followed) that leaves the root. 404: no such
// file. `/` and directories name their index.html.
Resolved resolve_target(const std::filesystem::path& root, std::string_view target);

// "text/javascript" for a.js ...; "application/octet-stream" when unknown.
std::string_view mime_type(const std::filesystem::path& file);

}  // namespace tala::serve
