// The served files of `tala serve`, without a socket: a root with a page, a
// sub-folder, a secret beside the root and symlinks in and out of it; every
// way out of the root is refused with 403, missing files are 404, folders
// name their index.html, and MIME types follow the extension.
#define BOOST_TEST_MODULE static_files
#include "static_files.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace tala::serve;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// tmp/root/{index.html, app.js, sub/index.html, sub/x.wasm, out -> ../secret.txt, in -> app.js, up -> ..}
// and tmp/secret.txt outside the root.
struct Site {
  fs::path tmp = fs::temp_directory_path() / ("tala_static_files_" + std::to_string(::getpid()));
  fs::path root = tmp / "root";
  Site() {
    fs::remove_all(tmp);
    write(root / "index.html", "<p>tala</p>");
    write(root / "app.js", "1");
    write(root / "sub" / "index.html", "sub");
    write(root / "sub" / "x.wasm", "wasm");
    write(tmp / "secret.txt", "secret");
    fs::create_symlink("../secret.txt", root / "out");
    fs::create_symlink("app.js", root / "in");
    fs::create_directory_symlink("..", root / "up");
  }
  ~Site() { fs::remove_all(tmp); }
  Resolved get(const std::string& target) const { return resolve_target(root, target); }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(files_under_the_root, Site) {
  const auto app = get("/app.js");
  BOOST_TEST(app.status == kStatusOk);
  BOOST_TEST(app.file == fs::canonical(root / "app.js"));
  BOOST_TEST(get("/app.js?v=3#top").file == fs::canonical(root / "app.js"));
  BOOST_TEST(get("/%61pp.js").file == fs::canonical(root / "app.js"));
  BOOST_TEST(get("/sub/x.wasm").status == kStatusOk);
  BOOST_TEST(get("/./sub/../app.js").status == kStatusForbidden);  // any `..` segment, even one that stays inside
  BOOST_TEST(get("/in").file == fs::canonical(root / "app.js"));   // a symlink that stays inside
}

BOOST_FIXTURE_TEST_CASE(folders_name_their_index, Site) {
  BOOST_TEST(get("/").file == fs::canonical(root / "index.html"));
  BOOST_TEST(get("/sub/").file == fs::canonical(root / "sub" / "index.html"));
  BOOST_TEST(get("/sub").file == fs::canonical(root / "sub" / "index.html"));
  fs::remove(root / "sub" / "index.html");
  BOOST_TEST(get("/sub/").status == kStatusNotFound);
}

BOOST_FIXTURE_TEST_CASE(traversal_is_refused, Site) {
  for (const std::string target : {"/../etc/passwd", "/%2e%2e/x", "/%2E%2E/x", "/a/../../x", "/..%2f..%2fetc/passwd",
                                   "/..", "/sub/..", "/app.js%00.html", "/%00", "/sub%5c..%5capp.js", "/sub\\x.wasm"}) {
    BOOST_TEST_CONTEXT(target) { BOOST_TEST(get(target).status == kStatusForbidden); }
  }
}

BOOST_FIXTURE_TEST_CASE(symlinks_out_of_the_root_are_refused, Site) {
  BOOST_TEST(get("/out").status == kStatusForbidden);
  BOOST_TEST(get("/up/secret.txt").status == kStatusForbidden);
  BOOST_TEST(get("/up/").status == kStatusForbidden);
  BOOST_TEST(get("/up/missing").status == kStatusForbidden);
}

BOOST_FIXTURE_TEST_CASE(missing_and_malformed, Site) {
  BOOST_TEST(get("/nope.js").status == kStatusNotFound);
  BOOST_TEST(get("/sub/nope/deeper.js").status == kStatusNotFound);
  BOOST_TEST(get("/app.js/").status == kStatusNotFound);
  BOOST_TEST(get("app.js").status == kStatusBadRequest);
  BOOST_TEST(get("http://example.com/app.js").status == kStatusBadRequest);
  BOOST_TEST(get("/%zz").status == kStatusBadRequest);
  BOOST_TEST(get("/%4").status == kStatusBadRequest);
  BOOST_TEST(get("/%").status == kStatusBadRequest);
}

BOOST_AUTO_TEST_CASE(percent_decoding) {
  BOOST_TEST(*percent_decode("/a%20b%2Fc") == "/a b/c");
  BOOST_TEST(*percent_decode("%e2%99%aa") == "\xe2\x99\xaa");
  BOOST_TEST(percent_decode("%0").has_value() == false);
  BOOST_TEST(percent_decode("%g0").has_value() == false);
}

BOOST_AUTO_TEST_CASE(mime_types) {
  const std::pair<const char*, const char*> expected[] = {
      {"index.html", "text/html; charset=utf-8"},
      {"a.js", "text/javascript"},
      {"a.mjs", "text/javascript"},
      {"tala.wasm", "application/wasm"},
      {"a.css", "text/css"},
      {"a.json", "application/json"},
      {"a.js.map", "application/json"},
      {"demo.tala", "text/plain; charset=utf-8"},
      {"kick.wav", "audio/wav"},
      {"a.png", "image/png"},
      {"a.svg", "image/svg+xml"},
      {"A.WASM", "application/wasm"},
      {"a.bin", "application/octet-stream"},
      {"Makefile", "application/octet-stream"},
  };
  for (const auto& [file, type] : expected) {
    BOOST_TEST_CONTEXT(file) { BOOST_TEST(mime_type(file) == type); }
  }
}
