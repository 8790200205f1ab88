// The only translation unit that includes Boost.Beast/Asio (see dependencies.md).
#include "http/server.h"

#include <fmt/format.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cmath>
#include <ctime>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>  // before any Asio header: std::exchange under C++23
#include <vector>

#include "http/problem.h"

namespace kc::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

std::string NowIso() {
    auto now = std::chrono::system_clock::now();
    auto seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch() %
                                                                        std::chrono::seconds(1))
                      .count();
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                       utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

class Connection;

}  // namespace

struct Server::Impl {
    ServerOptions options;
    RequestHandler handler;
    net::io_context io;
    tcp::acceptor acceptor;
    net::signal_set signals;
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    std::mutex log_mutex;
    std::mutex connections_mutex;
    std::list<std::weak_ptr<Connection>> connections;  // GUARDED_BY(connections_mutex)
    std::once_flag joined;
    uint16_t port = 0;  // the bound port, fixed at Start

    explicit Impl(int thread_count)
        : io(thread_count), acceptor(net::make_strand(io)), signals(io) {}

    void Accept();
    void Log(std::string_view line) {
        if (!options.access_log) return;
        std::lock_guard lock(log_mutex);
        options.access_log(line);
    }
    void BeginStop();
};

namespace {

// One TCP connection: read a request, handle it, write the answer, repeat while keep-alive.
class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(tcp::socket socket, Server::Impl& server)
        : stream_(std::move(socket)), server_(server) {
        beast::error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        client_ = ec ? "" : endpoint.address().to_string();
    }

    void Start() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&Connection::Read, shared_from_this()));
    }

    // Called on stop from any thread: an idle connection (waiting for a request) is closed; one
    // handling a request finishes it and then closes.
    void Shutdown() {
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->idle_) {
                beast::error_code ec;
                self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
                self->stream_.socket().close(ec);
            }
        });
    }

  private:
    void Read() {
        if (server_.stopping) return Close();
        parser_.emplace();
        parser_->body_limit(server_.options.body_limit);
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
        stream_.expires_after(server_.options.timeout);
        idle_ = true;
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
    }

    void OnRead(beast::error_code ec, std::size_t) {
        idle_ = false;
        started_ = std::chrono::steady_clock::now();
        if (ec == bhttp::error::body_limit) {
            return Refuse(413, fmt::format("the request body is larger than {} bytes",
                                           server_.options.body_limit));
        }
        if (ec == bhttp::error::header_limit) {
            return Refuse(431, fmt::format("the request headers are larger than {} bytes",
                                           server_.options.header_limit));
        }
        if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
            ec == net::error::operation_aborted || ec == net::error::eof ||
            ec == net::error::connection_reset) {
            return Close();
        }
        if (ec) {
            // Malformed HTTP: answer 400 when the peer can still read it, then close.
            return Refuse(400, fmt::format("malformed HTTP request: {}", ec.message()));
        }
        auto message = parser_->release();
        Request request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        for (const auto& field : message) {
            std::string name(field.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
            if (!inserted) it->second += ", " + std::string(field.value());
        }
        request.body = std::move(message.body());
        request.client = client_;
        ParseTarget(request);
        Response response;
        try {
            response = server_.handler(request);
        } catch (const std::exception& e) {
            response = Problem(500, fmt::format("unexpected failure: {}", e.what()));
        } catch (...) {
            response = Problem(500, "unexpected failure");
        }
        const bool keep_alive = message.keep_alive() && !server_.stopping;
        Write(request.method, request.path.empty() ? request.target : request.path,
              message.version(), std::move(response), keep_alive);
    }

    void Refuse(int status, std::string detail) {
        Write("-", "-", 11, Problem(status, detail), false);
    }

    void Write(std::string method, std::string path, unsigned version, Response response,
               bool keep_alive) {
        auto reply = std::make_shared<bhttp::response<bhttp::string_body>>(
            static_cast<bhttp::status>(response.status), version);
        reply->set(bhttp::field::server, "kcluster");
        for (auto& [name, value] : response.headers) reply->insert(name, value);
        reply->body() = std::move(response.body);
        reply->keep_alive(keep_alive);
        reply->prepare_payload();
        if (method == "HEAD") reply->body().clear();
        const auto bytes = reply->body().size();
        const auto status = response.status;
        stream_.expires_after(server_.options.timeout);
        bhttp::async_write(
            stream_, *reply,
            [self = shared_from_this(), reply, keep_alive, method = std::move(method),
             path = std::move(path), bytes, status](beast::error_code ec, std::size_t) {
                self->LogRequest(method, path, status, bytes);
                if (ec || !keep_alive) return self->Close();
                self->Read();
            });
    }

    void LogRequest(std::string_view method, std::string_view path, int status, size_t bytes) {
        if (!server_.options.access_log) return;
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
                .count();
        nlohmann::json line = {{"time", NowIso()}, {"method", method},
                               {"path", path},     {"status", status},
                               {"bytes", bytes},   {"duration_ms", std::round(ms * 1000) / 1000},
                               {"client", client_}};
        server_.Log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }

    void Close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    Server::Impl& server_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::string client_;
    std::chrono::steady_clock::time_point started_;
    std::atomic<bool> idle_{false};
};

}  // namespace

void Server::Impl::Accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (stopping || !acceptor.is_open()) return;
        if (!ec) {
            auto connection = std::make_shared<Connection>(std::move(socket), *this);
            {
                std::lock_guard lock(connections_mutex);
                connections.remove_if([](const auto& weak) { return weak.expired(); });
                connections.push_back(connection);
            }
            connection->Start();
        }
        Accept();
    });
}

void Server::Impl::BeginStop() {
    if (stopping.exchange(true)) return;
    net::post(acceptor.get_executor(), [this] {
        beast::error_code ec;
        acceptor.close(ec);
        signals.cancel(ec);
    });
    std::lock_guard lock(connections_mutex);
    for (auto& weak : connections) {
        if (auto connection = weak.lock()) connection->Shutdown();
    }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
    Stop();
    Wait();
}

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                              RequestHandler handler) {
    int threads = options.threads > 0
                      ? options.threads
                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto impl = std::make_unique<Impl>(threads);
    impl->options = options;
    impl->handler = std::move(handler);
    beast::error_code ec;
    auto address = net::ip::make_address(options.bind, ec);
    if (ec) {
        return Fail(Error::Fields("invalid option", {{"--bind", "an IP address such as 127.0.0.1",
                                                      fmt::format("\"{}\"", options.bind)}}));
    }
    tcp::endpoint endpoint(address, options.port);
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) impl->acceptor.bind(endpoint, ec);
    if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return Fail(Error::Unavailable(
            fmt::format("cannot listen on {}:{}: {}", options.bind, options.port, ec.message())));
    }
    impl->port = impl->acceptor.local_endpoint(ec).port();
    impl->Accept();
    for (int i = 0; i < threads; ++i) {
        impl->threads.emplace_back([io = &impl->io] { io->run(); });
    }
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::Port() const { return impl_->port; }

int Server::Threads() const { return static_cast<int>(impl_->threads.size()); }

void Server::Stop() { impl_->BeginStop(); }

void Server::StopOnSignals() {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([impl = impl_.get()](beast::error_code ec, int) {
        if (!ec) impl->BeginStop();
    });
}

void Server::Wait() {
    std::call_once(impl_->joined, [this] {
        for (auto& thread : impl_->threads) thread.join();
    });
}

}  // namespace kc::http
