// `tala serve`'s network side: a small HTTP/1.1 server (Boost.Beast over
// Asio, one thread) that answers GET and HEAD with files under a root, every
// response cross-origin isolated, until SIGINT or SIGTERM.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "limits.hpp"

namespace tala::serve {

class HttpServer {
 public:
  // `log`: one line per request on stderr (method, target, status).
  // `limits`: the request-*-bytes limits on what a client may send.
  HttpServer(std::filesystem::path root, bool log, const Limits& limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens on host:port (port 0: one the system picks); the error
  // text when that fails.
  std::optional<std::string> listen(const std::string& host, unsigned short port);

  // "http://127.0.0.1:8080/", with the port actually bound; after listen().
  std::string url() const;

  // Serves until SIGINT or SIGTERM arrives.
  void run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tala::serve
