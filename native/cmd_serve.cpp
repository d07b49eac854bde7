// `tala serve`: the browser page (or any folder) over HTTP on this machine,
// with the headers that make it cross-origin isolated.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <system_error>

#include "cli.hpp"
#include "cli_args.hpp"
#include "cli_limits.hpp"
#include "http_server.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace tala::cli {

namespace {

const char* kHelp =
    "usage: tala serve [DIR] [options]\n"
    "\n"
    "Serves DIR (default: the built browser page, build/web, or $TALA_WEB_DIR) over HTTP with the\n"
    "cross-origin isolation headers the page needs. Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
    "  --port N         port, 0..65535; 0 picks a free one (default 8080)\n"
    "  --host ADDR      address to listen on (default 127.0.0.1: this machine only)\n"
    "  --quiet          no request log on stderr\n"
    "  --limit NAME=VALUE  lower a limit on requests (request-*-bytes), or raise it up to its\n"
    "                   maximum; repeatable (tala limits)\n"
    "\n"
    "Prints one line, `tala: serving DIR at http://HOST:PORT/`, once it listens.\n"
    "Exit codes: 0 stopped by a signal, 2 bad input (no such DIR, bad or busy port), 1 internal error.\n";

int bad(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return kBadInput;
}

// build/web, two levels above build/release/native/tala.
fs::path default_page() {
  if (const char* dir = std::getenv("TALA_WEB_DIR"); dir && *dir) return dir;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fs::path("build") / "web";
  return (exe.parent_path() / ".." / ".." / "web").lexically_normal();
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("port", po::value<long long>()->default_value(8080))(
      "host", po::value<std::string>()->default_value("127.0.0.1"))("quiet", "");
  add_limit_option(options);
  po::variables_map vm;
  if (const auto code = parse_args(args, options, "dir", "serve", kHelp, vm)) return *code;
  Limits limits;
  if (const auto code = read_limits(vm, limits)) return *code;

  const long long port = vm["port"].as<long long>();
  if (port < 0 || port > 65535) return bad("--port must be in 0..65535 (got " + std::to_string(port) + ")");
  std::error_code ec;
  fs::path dir;
  if (vm.count("dir")) {
    dir = vm["dir"].as<std::string>();
    if (!fs::exists(dir, ec)) return bad(dir.string() + ": no such directory");
    if (!fs::is_directory(dir, ec)) return bad(dir.string() + ": not a directory");
  } else {
    dir = default_page();
    if (!fs::is_directory(dir, ec)) {
      return bad("no page to serve at " + dir.string() + " (build it with: npm run build, or give DIR)");
    }
  }

  serve::HttpServer server(fs::weakly_canonical(dir, ec), !vm.count("quiet"), limits);
  if (const auto error = server.listen(vm["host"].as<std::string>(), static_cast<unsigned short>(port))) {
    return bad(*error);
  }
  std::cout << "tala: serving " << dir.string() << " at " << server.url() << std::endl;
  server.run();
  return kOk;
}

}  // namespace tala::cli
