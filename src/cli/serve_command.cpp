#include "cli/serve_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "http/api.h"
#include "http/server.h"
#include "http/store_pool.h"

namespace kc::cli {

namespace {

struct ServeOptions {
    uint16_t port = 8080;
    std::string bind = "127.0.0.1";
    int threads = 0;
    std::string web;
    std::string access_log = "-";
    bool secure_cookies = false;
};

// web/dist of the working directory, else of the source tree this binary was built from.
std::string DefaultWebDir() {
    for (const std::filesystem::path& candidate :
         {std::filesystem::path("web/dist"), std::filesystem::path(KC_SOURCE_DIR) / "web/dist"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate / "index.html", ec)) {
            return candidate.string();
        }
    }
    return {};
}

int RunServe(const Globals& g, const ServeOptions& options) {
    const int threads = options.threads > 0
                            ? options.threads
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // One store per thread: a store runs one transaction at a time.
    auto pool = http::StorePool::Open(g.db, threads);
    if (!pool) return Report(g, pool.error());

    std::FILE* log = stderr;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> log_file(nullptr, &std::fclose);
    if (options.access_log != "-" && !options.access_log.empty()) {
        log_file.reset(std::fopen(options.access_log.c_str(), "a"));
        if (!log_file) {
            return Report(g, Error::Fields("cannot open the access log",
                                           {{"--access-log", "a file kcluster may append to",
                                             options.access_log}}));
        }
        log = log_file.get();
    }

    http::ApiOptions api_options;
    api_options.web_dir = options.web.empty() ? DefaultWebDir() : options.web;
    api_options.secure_cookies = options.secure_cookies;
    if (!options.web.empty() && !std::filesystem::is_directory(options.web)) {
        return Report(g, Error::Fields("invalid option", {{"--web",
                                                           "a directory with the built "
                                                           "web UI (index.html)",
                                                           options.web}}));
    }
    http::Api api(**pool, api_options);

    http::ServerOptions server_options;
    server_options.bind = options.bind;
    server_options.port = options.port;
    server_options.threads = threads;
    server_options.access_log = [log](std::string_view line) {
        std::fprintf(log, "%.*s\n", static_cast<int>(line.size()), line.data());
        std::fflush(log);
    };
    auto server = http::Server::Start(
        server_options, [&api](http::Request& request) { return api.Handle(request); });
    if (!server) return Report(g, server.error());
    (*server)->StopOnSignals();
    WriteOut(
        fmt::format("kcluster serving {} at http://{}:{}/ ({} threads{})\n", (*pool)->Description(),
                    options.bind, (*server)->Port(), (*server)->Threads(),
                    api_options.web_dir.empty() ? ", no web UI"
                                                : ", web UI from " + api_options.web_dir.string()));
    (*server)->Wait();
    std::fprintf(stderr, "kcluster: stopped\n");
    return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, Globals& g, int& status) {
    auto options = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand(
        "serve",
        "Serve the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json) and the web UI until "
        "SIGINT/SIGTERM (requests in flight finish).\nExample: kcluster --db var/kcluster.db "
        "serve --port 8080\nExample: kcluster --db postgresql://kc@db/kcluster serve --port 0  "
        "# prints the port chosen");
    serve->add_option("--port", options->port, "TCP port; 0 picks a free one")
        ->capture_default_str();
    serve->add_option("--bind", options->bind, "Address to listen on")->capture_default_str();
    serve
        ->add_option("--threads", options->threads,
                     "Worker threads and database connections (default: the number of cores)")
        ->check(CLI::Range(0, 256));
    serve->add_option("--web", options->web,
                      "Directory of the built web UI (default web/dist if present)");
    serve->add_option("--access-log", options->access_log,
                      "File to append the JSON access log to (default -: stderr)");
    serve->add_flag("--secure-cookies", options->secure_cookies,
                    "Mark the session cookie Secure (when served behind TLS)");
    serve->callback([&g, &status, options] { status = RunServe(g, *options); });
}

}  // namespace kc::cli
