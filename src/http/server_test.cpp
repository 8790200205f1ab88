// The Beast server with a plain handler: keep-alive, limits, the access log and graceful stops.

#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "http/problem.h"
#include "http/test_client.h"

namespace kc::http {
namespace {

using namespace std::chrono_literals;
using testing::Exchange;
using testing::Fetch;
using testing::ParseReplies;
using testing::RequestText;

struct Echo {
    std::atomic<int> calls{0};
    Response operator()(Request& request) {
        ++calls;
        if (request.path == "/slow") std::this_thread::sleep_for(700ms);
        if (request.path == "/throw") throw std::runtime_error("boom");
        return Response::Json(
            200,
            {{"method", request.method}, {"path", request.path}, {"bytes", request.body.size()}});
    }
};

std::unique_ptr<Server> StartServer(Echo& echo, ServerOptions options = {}) {
    options.port = 0;
    options.threads = options.threads ? options.threads : 2;
    auto server = Server::Start(options, [&echo](Request& request) { return echo(request); });
    EXPECT_TRUE(server) << server.error().ToString();
    return server ? std::move(*server) : nullptr;
}

TEST(Server, AnswersAndKeepsConnectionsAlive) {
    Echo echo;
    auto server = StartServer(echo);
    ASSERT_TRUE(server);
    EXPECT_NE(server->Port(), 0);
    std::string two = RequestText("GET", "/one", {}, "", /*close=*/false) +
                      RequestText("POST", "/two", {}, "hello", /*close=*/true);
    auto replies = ParseReplies(Exchange(server->Port(), two));
    ASSERT_EQ(replies.size(), 2u);
    EXPECT_EQ(replies[0].status, 200);
    EXPECT_EQ(replies[0].Json()["path"], "/one");
    EXPECT_NE(replies[0].Header("connection"), "close");
    EXPECT_EQ(replies[1].Json()["method"], "POST");
    EXPECT_EQ(replies[1].Json()["bytes"], 5);
}

TEST(Server, RefusesOversizedBodiesAndHeaders) {
    Echo echo;
    ServerOptions options;
    options.body_limit = 1000;
    options.header_limit = 2000;
    auto server = StartServer(echo, options);
    ASSERT_TRUE(server);
    auto big = Fetch(server->Port(), "POST", "/x", {}, std::string(5000, 'x'));
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(big.Header("content-type"), "application/problem+json");
    auto headers = Fetch(server->Port(), "GET", "/x", {{"X-Big", std::string(4000, 'h')}});
    EXPECT_EQ(headers.status, 431);
    EXPECT_EQ(Fetch(server->Port(), "GET", "/x").status, 200);
    EXPECT_EQ(echo.calls, 1);
}

TEST(Server, AnswersGarbageWith400AndExceptionsWith500) {
    Echo echo;
    auto server = StartServer(echo);
    ASSERT_TRUE(server);
    auto garbage = ParseReplies(Exchange(server->Port(), "NOT HTTP AT ALL\r\n\r\n"));
    ASSERT_EQ(garbage.size(), 1u);
    EXPECT_EQ(garbage[0].status, 400);
    auto thrown = Fetch(server->Port(), "GET", "/throw");
    EXPECT_EQ(thrown.status, 500);
    EXPECT_EQ(thrown.Json()["status"], 500);
    EXPECT_EQ(Fetch(server->Port(), "GET", "/after").status, 200);
}

TEST(Server, ClosesIdleAndSlowConnectionsAfterTheTimeout) {
    Echo echo;
    ServerOptions options;
    options.timeout = 300ms;
    auto server = StartServer(echo, options);
    ASSERT_TRUE(server);
    auto started = std::chrono::steady_clock::now();
    // Half a request, then silence: the server gives up instead of waiting forever.
    auto raw = Exchange(server->Port(), "GET /never-finished HTTP/1.1\r\nHost: x\r\n", 10);
    auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_GE(waited, 250ms);
    EXPECT_LT(waited, 5s);
    EXPECT_EQ(echo.calls, 0);
    // A keep-alive connection idle after its answer is closed too.
    started = std::chrono::steady_clock::now();
    auto idle = ParseReplies(
        Exchange(server->Port(), RequestText("GET", "/once", {}, "", /*close=*/false), 10));
    ASSERT_EQ(idle.size(), 1u);
    EXPECT_EQ(idle[0].status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(Server, WritesOneJsonAccessLogLinePerRequest) {
    Echo echo;
    std::mutex mutex;
    std::vector<std::string> lines;
    ServerOptions options;
    options.access_log = [&](std::string_view line) {
        std::lock_guard lock(mutex);
        lines.emplace_back(line);
    };
    auto server = StartServer(echo, options);
    ASSERT_TRUE(server);
    ASSERT_EQ(Fetch(server->Port(), "GET", "/logged?secret=1").status, 200);
    server->Stop();
    server->Wait();
    std::lock_guard lock(mutex);
    ASSERT_EQ(lines.size(), 1u);
    auto line = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(line["method"], "GET");
    EXPECT_EQ(line["path"], "/logged");
    EXPECT_EQ(line["status"], 200);
    EXPECT_GT(line["bytes"].get<int>(), 0);
    EXPECT_GE(line["duration_ms"].get<double>(), 0.0);
    EXPECT_EQ(line["client"], "127.0.0.1");
    EXPECT_TRUE(line["time"].get<std::string>().ends_with("Z"));
}

TEST(Server, StopLetsTheRequestInFlightFinish) {
    Echo echo;
    auto server = StartServer(echo);
    ASSERT_TRUE(server);
    const uint16_t port = server->Port();
    auto slow = std::async(std::launch::async, [port] { return Fetch(port, "GET", "/slow"); });
    while (echo.calls == 0) std::this_thread::sleep_for(5ms);
    server->Stop();
    auto reply = slow.get();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.Json()["path"], "/slow");
    server->Wait();
    EXPECT_EQ(Fetch(port, "GET", "/late").status, 0) << "no longer accepting";
}

TEST(Server, SigtermStopsGracefullyWithTheRequestInFlightAnswered) {
    Echo echo;
    auto server = StartServer(echo);
    ASSERT_TRUE(server);
    server->StopOnSignals();
    const uint16_t port = server->Port();
    // An idle keep-alive connection must not hold the stop up.
    auto idle_reply = std::async(std::launch::async, [port] {
        return Exchange(port, RequestText("GET", "/idle", {}, "", /*close=*/false), 20);
    });
    auto slow = std::async(std::launch::async, [port] { return Fetch(port, "GET", "/slow"); });
    while (echo.calls < 2) std::this_thread::sleep_for(5ms);
    auto started = std::chrono::steady_clock::now();
    ::kill(::getpid(), SIGTERM);
    auto reply = slow.get();
    EXPECT_EQ(reply.status, 200);
    server->Wait();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
    auto idle_replies = ParseReplies(idle_reply.get());
    ASSERT_EQ(idle_replies.size(), 1u);
    EXPECT_EQ(idle_replies[0].status, 200);
}

}  // namespace
}  // namespace kc::http
