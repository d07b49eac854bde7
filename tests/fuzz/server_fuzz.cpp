// Fuzzes `tala serve` with the bytes a client may send: the real server
// (Boost.Beast, the same limits and file resolution) runs on a loopback port
// in this process, and each input is written to a fresh connection. The
// server must answer or close, never crash, and never send a file from
// outside its root (a file next to the root holds a marker that must not
// appear in any response).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "http_server.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kSecret = "TALA-FUZZ-SECRET-OUTSIDE-ROOT";

unsigned short start_server() {
  const fs::path base = fs::temp_directory_path() / ("tala-fuzz-server-" + std::to_string(getpid()));
  fs::create_directories(base / "root" / "sub");
  std::ofstream(base / "root" / "index.html") << "<!doctype html><title>tala</title>\n";
  std::ofstream(base / "root" / "sub" / "a.js") << "export const a = 1;\n";
  std::ofstream(base / "secret.txt") << kSecret << "\n";
  std::error_code ec;
  fs::create_symlink(base / "secret.txt", base / "root" / "link.txt", ec);
  // Never destroyed: its thread serves until the process exits.
  static auto* server = new tala::serve::HttpServer(base / "root", false);
  if (server->listen("127.0.0.1", 0)) __builtin_trap();
  std::thread([] { server->run(); }).detach();
  const std::string url = server->url();  // http://127.0.0.1:PORT/
  const auto colon = url.rfind(':');
  return static_cast<unsigned short>(std::stoi(url.substr(colon + 1)));
}

// A connection to the server. libFuzzer's once-a-second timer signal can
// interrupt connect(): then it starts again on a new socket.
int connect_to(unsigned short port) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{2, 0};  // the server's own idle timeout closes a stalled connection sooner
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
    const int error = errno;
    close(fd);
    if (error != EINTR) {
      std::fprintf(stderr, "server_fuzz: connect: %s\n", std::strerror(error));  // the server stopped listening
      __builtin_trap();
    }
  }
  return -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const unsigned short port = start_server();
  const int fd = connect_to(port);
  if (fd < 0) return 0;
  for (std::size_t sent = 0; sent < size;) {
    const ssize_t n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server closed early (a limit): fine
    sent += static_cast<std::size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  std::string response;
  char buffer[65536];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  if (response.find(kSecret) != std::string::npos) __builtin_trap();
  if (!response.empty() && response.rfind("HTTP/1.", 0) != 0) __builtin_trap();
  return 0;
}
