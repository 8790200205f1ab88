#pragma once

// An asynchronous HTTP/1.1 server (Boost.Beast, behind this Beast-free header): a pool of threads
// running one io_context, keep-alive, limits on header and body size and a read/idle timeout,
// one JSON access-log line per request, and a graceful stop (stop accepting, close idle
// connections, let requests being handled finish and answer them with Connection: close).
//
// The handler is called on a pool thread, one request of a connection at a time, concurrently
// for different connections; it must be thread-safe. Exceptions escaping it become a 500.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.h"
#include "util/error.h"

namespace kc::http {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    uint16_t port = 8080;  // 0 picks a free port (see Server::Port)
    // Threads running the io_context and the handler; 0 = the number of cores. Each handler
    // call blocks its thread (database work), so this is also the request concurrency.
    int threads = 0;
    size_t body_limit = 8u * 1024 * 1024;                          // larger bodies → 413
    size_t header_limit = 16u * 1024;                              // larger headers → 431
    std::chrono::milliseconds timeout = std::chrono::seconds(30);  // read and idle keep-alive
    // Receives each access-log line (one JSON object, no newline); empty = no access log.
    // Called from pool threads, one call at a time.
    std::function<void(std::string_view line)> access_log;
};

using RequestHandler = std::function<Response(Request&)>;

class Server {
  public:
    // Binds, listens and starts the threads. Unavailable if the address cannot be bound.
    [[nodiscard]] static Result<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                               RequestHandler handler);
    ~Server();  // Stop() and Wait()
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The port listened on (the chosen one when options.port was 0).
    [[nodiscard]] uint16_t Port() const;
    [[nodiscard]] int Threads() const;
    // Starts a graceful stop and returns at once. Thread-safe; further calls do nothing.
    void Stop();
    // Makes SIGINT and SIGTERM call Stop() (while the server runs).
    void StopOnSignals();
    // Blocks until the stop has finished: no connection left and every thread joined.
    void Wait();

    // The implementation (server.cpp); public only so that its connection objects can reach it.
    struct Impl;

  private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kc::http
