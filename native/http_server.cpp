#include "http_server.hpp"

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <iostream>

#include "static_files.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace tala::serve {

namespace {

// A client that says nothing for this long is dropped.
constexpr auto kIdleTimeout = std::chrono::seconds(30);
// After an error response the rest of the request is read and discarded for
// at most this long (or as many bytes as a request may have), so the client
// sees the response rather than a connection reset.
constexpr auto kLingerTimeout = std::chrono::seconds(2);

struct Site {
  std::filesystem::path root;
  bool log = false;
  // What a client may send (tala limits: request-*-bytes); beyond them the
  // server answers 431 (the request line and headers) or 413 (a body) and
  // closes the connection.
  std::size_t max_target = 0, max_header = 0, max_body = 0;
};

// The headers every response carries: cross-origin isolation (the page needs
// SharedArrayBuffer) and no stale copies of a page under development.
template <class Body>
void add_policy_headers(http::response<Body>& res) {
  res.set(http::field::server, "tala");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Embedder-Policy", "require-corp");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set(http::field::cache_control, "no-cache");
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Site& site) : stream_(std::move(socket)), site_(site) {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(site_.max_header));
    parser_->body_limit(site_.max_body);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::header_limit) return send_error(http::status::request_header_fields_too_large, true);
    if (ec == http::error::body_limit) return send_error(http::status::payload_too_large, true);
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec) return send_error(http::status::bad_request, true);
    handle(parser_->get());
  }

  void handle(const http::request<http::string_body>& req) {
    const bool close = !req.keep_alive();
    if (req.target().size() > site_.max_target) return send_error(http::status::request_header_fields_too_large, true);
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      return send_error(http::status::method_not_allowed, close);
    }
    const Resolved found = resolve_target(site_.root, {req.target().data(), req.target().size()});
    if (found.status != kStatusOk) return send_error(static_cast<http::status>(found.status), close);
    beast::error_code ec;
    http::file_body::value_type file;
    file.open(found.file.c_str(), beast::file_mode::scan, ec);
    if (ec) return send_error(http::status::not_found, close);
    const auto size = file.size();
    if (req.method() == http::verb::head) {
      return send_file(http::response<http::empty_body>{http::status::ok, req.version()}, found.file, size, close);
    }
    send_file(http::response<http::file_body>{std::piecewise_construct, std::make_tuple(std::move(file)),
                                              std::make_tuple(http::status::ok, req.version())},
              found.file, size, close);
  }

  // A file's body (GET) or only its headers (HEAD).
  template <class Body>
  void send_file(http::response<Body>&& res, const std::filesystem::path& file, std::uint64_t size, bool close) {
    res.set(http::field::content_type, std::string(mime_type(file)));
    res.content_length(size);
    send(std::move(res), close);
  }

  void send_error(http::status status, bool close) {
    http::response<http::string_body> res{status, 11};
    if (status == http::status::method_not_allowed) res.set(http::field::allow, "GET, HEAD");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() =
        std::to_string(static_cast<unsigned>(status)) + " " + std::string(http::obsolete_reason(status)) + "\n";
    res.prepare_payload();
    send(std::move(res), close);
  }

  template <class Body>
  void send(http::response<Body>&& res, bool close) {
    add_policy_headers(res);
    res.keep_alive(!close);
    log(res.result_int());
    auto kept = std::make_shared<http::response<Body>>(std::move(res));
    response_ = kept;
    http::async_write(stream_, *kept, [self = shared_from_this(), close](beast::error_code ec, std::size_t) {
      self->response_.reset();
      if (ec) return;
      if (close) return self->linger();
      self->read();
    });
  }

  void log(unsigned status) const {
    if (!site_.log) return;
    const auto& req = parser_->get();
    const bool known = parser_->is_header_done();
    std::cerr << (known ? std::string(req.method_string()) : "-") << " "
              << (known ? std::string(req.target().substr(0, 200)) : "-") << " " << status << "\n";
  }

  // Stops sending, then reads what the client still sends until it closes.
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTimeout);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > self->site_.max_header + self->site_.max_body) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  const Site& site_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<void> response_;  // the response being written
  std::array<char, 4096> scratch_{};
  std::size_t drained_ = 0;
};

}  // namespace

struct HttpServer::Impl {
  Site site;
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (!ec) std::make_shared<Session>(std::move(socket), site)->start();
      if (acceptor.is_open()) accept();
    });
  }
};

HttpServer::HttpServer(std::filesystem::path root, bool log, const Limits& limits) : impl_(std::make_unique<Impl>()) {
  impl_->site = {std::move(root), log, static_cast<std::size_t>(limits.request_target_bytes),
                 static_cast<std::size_t>(limits.request_header_bytes),
                 static_cast<std::size_t>(limits.request_body_bytes)};
}

HttpServer::~HttpServer() = default;

std::optional<std::string> HttpServer::listen(const std::string& host, unsigned short port) {
  beast::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return "--host must be an IP address such as 127.0.0.1 or ::1 (got '" + host + "')";
  const tcp::endpoint endpoint{address, port};
  auto& acceptor = impl_->acceptor;
  const std::string where = host + ":" + std::to_string(port);
  if (acceptor.open(endpoint.protocol(), ec)) return "cannot open a socket: " + ec.message();
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (acceptor.bind(endpoint, ec)) return "cannot listen on " + where + ": " + ec.message();
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return "cannot listen on " + where + ": " + ec.message();
  }
  return std::nullopt;
}

std::string HttpServer::url() const {
  const auto endpoint = impl_->acceptor.local_endpoint();
  const std::string host = endpoint.address().to_string();
  const bool v6 = endpoint.address().is_v6();
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(endpoint.port()) + "/";
}

void HttpServer::run() {
  asio::signal_set signals(impl_->ioc, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code, int) {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->ioc.stop();
  });
  impl_->accept();
  impl_->ioc.run();
}

}  // namespace tala::serve
