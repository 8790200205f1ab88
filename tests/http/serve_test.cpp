// `kcluster serve` as a process: it prints the URL it listens on, answers, stops on SIGTERM, and
// several instances on one PostgreSQL database share sessions (issue 6: a request may land on
// any instance).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "http/test_client.h"
#include "store/test_database.h"

extern char** environ;

namespace kc::http {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;
using store::testing::Backend;
using store::testing::TestDatabase;
using testing::Fetch;

constexpr const char* kPassword = "correct horse battery";

// A `kcluster serve --port 0` child process; SIGTERM and reaped at destruction.
class ServeProcess {
  public:
    explicit ServeProcess(const std::vector<std::string>& args) {
        int out[2];
        if (::pipe(out) != 0) return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::vector<std::string> argv_strings = {KC_BINARY};
        argv_strings.insert(argv_strings.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& arg : argv_strings) argv.push_back(arg.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, KC_BINARY, &actions, nullptr, argv.data(), environ) != 0) pid_ = 0;
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        // The first line of stdout names the URL.
        std::string line;
        pollfd poll_fd{out[0], POLLIN, 0};
        while (pid_ && line.find('\n') == std::string::npos && ::poll(&poll_fd, 1, 60000) > 0) {
            char buffer[256];
            ssize_t n = ::read(out[0], buffer, sizeof buffer);
            if (n <= 0) break;
            line.append(buffer, static_cast<size_t>(n));
        }
        ::close(out[0]);
        first_line_ = line;
        std::smatch match;
        if (std::regex_search(line, match, std::regex(R"(http://[0-9.]+:([0-9]+)/)"))) {
            port_ = static_cast<uint16_t>(std::stoi(match[1]));
        }
    }
    ~ServeProcess() { Stop(); }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    [[nodiscard]] uint16_t port() const { return port_; }
    [[nodiscard]] const std::string& first_line() const { return first_line_; }

    // SIGTERM, then the exit status (-1 if it did not exit normally).
    int Stop() {
        if (!pid_) return exit_code_;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = 0;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return exit_code_;
    }

  private:
    pid_t pid_ = 0;
    uint16_t port_ = 0;
    std::string first_line_;
    int exit_code_ = -1;
};

app::AccountPolicy CheapPolicy() {
    app::AccountPolicy policy;
    policy.ops_limit = 1;
    policy.mem_limit = 8 * 1024 * 1024;
    return policy;
}

void AddAdmin(const std::string& location) {
    store::OpenOptions options;
    options.create = true;
    auto store = store::OpenStore(location, options);
    ASSERT_TRUE(store) << store.error().ToString();
    auto id =
        app::AddUser(**store, {"test"}, {"admin1", {core::Role::kAdmin}, std::nullopt, kPassword},
                     CheapPolicy());
    ASSERT_TRUE(id) << id.error().ToString();
}

TEST(Serve, PrintsItsUrlAnswersAndStopsOnSigterm) {
    TestDatabase db(Backend::kSqlite);
    AddAdmin(db.location());
    const auto log = std::filesystem::temp_directory_path() /
                     ("kc-serve-access-" + std::to_string(::getpid()) + ".log");
    std::filesystem::remove(log);
    ServeProcess server({"--db", db.location(), "serve", "--port", "0", "--threads", "2",
                         "--access-log", log.string()});
    ASSERT_NE(server.port(), 0) << server.first_line();
    auto health = Fetch(server.port(), "GET", "/healthz");
    EXPECT_EQ(health.status, 200) << health.body;
    EXPECT_EQ(health.Json()["status"], "ok");
    EXPECT_EQ(server.Stop(), 0);
    std::ifstream in(log);
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    auto entry = nlohmann::json::parse(line, nullptr, false);
    EXPECT_EQ(entry["path"], "/healthz") << line;
    EXPECT_EQ(entry["status"], 200) << line;
    std::filesystem::remove(log);
}

TEST(PostgresServe, TwoInstancesOnOneDatabaseShareSessions) {
    TestDatabase pg(Backend::kPostgres);
    if (!pg.available()) GTEST_SKIP() << store::testing::kNoPgMessage;
    AddAdmin(pg.location());
    ServeProcess a({"--db", pg.location(), "serve", "--port", "0", "--threads", "2"});
    ServeProcess b({"--db", pg.location(), "serve", "--port", "0", "--threads", "2"});
    ASSERT_NE(a.port(), 0) << a.first_line();
    ASSERT_NE(b.port(), 0) << b.first_line();
    ASSERT_NE(a.port(), b.port());
    EXPECT_TRUE(
        Fetch(a.port(), "GET", "/healthz").Json()["db"].get<std::string>().starts_with("postgres"));

    // Log in on A.
    auto login = Fetch(a.port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                       R"({"login":"admin1","password":"correct horse battery"})");
    ASSERT_EQ(login.status, 200) << login.body;
    std::string cookie = login.Header("set-cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    const std::string csrf = login.Json()["csrf_token"].get<std::string>();
    const Headers write = {
        {"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}};

    // Create on B with A's session, read back on A.
    auto created =
        Fetch(b.port(), "POST", "/api/v1/regions", write, R"({"name_ja":"二台目で作った地域"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto id = created.Json()["id"].get<int64_t>();
    auto read =
        Fetch(a.port(), "GET", "/api/v1/regions/" + std::to_string(id), {{"Cookie", cookie}});
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.Json()["name_ja"], "二台目で作った地域");

    // Log out on B: A refuses the session.
    auto out = Fetch(b.port(), "DELETE", "/api/v1/session", write);
    EXPECT_EQ(out.status, 204) << out.body;
    auto refused = Fetch(a.port(), "GET", "/api/v1/session", {{"Cookie", cookie}});
    EXPECT_EQ(refused.status, 401) << refused.body;
    EXPECT_EQ(a.Stop(), 0);
    EXPECT_EQ(b.Stop(), 0);
}

}  // namespace
}  // namespace kc::http
