// The policy-simulator endpoints over a real server on an ephemeral loopback port and a fresh
// SQLite database: the default scenario, a scenario run as a job (shape, determinism per seed,
// levers moving results the expected way, cancellation), field-naming 400s and who may ask.
// Sample data written for these tests (fictional clusters and people).

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "app/accounts.h"
#include "app/test_cluster.h"
#include "http/api.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/test_client.h"
#include "store/test_database.h"

namespace kc::http {
namespace {

using core::Id;
using Headers = std::vector<std::pair<std::string, std::string>>;
using nlohmann::json;
using store::testing::Backend;
using store::testing::TestDatabase;
using testing::Fetch;
using testing::Reply;

constexpr const char* kPassword = "correct horse battery";

app::AccountPolicy CheapPolicy() {
    app::AccountPolicy policy;
    policy.ops_limit = 1;
    policy.mem_limit = 8 * 1024 * 1024;
    return policy;
}

struct SessionCookie {
    std::string cookie;
    std::string csrf;
    Headers Read() const { return {{"Cookie", cookie}}; }
    Headers Write() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

std::set<std::string> ErrorPaths(const Reply& reply) {
    std::set<std::string> paths;
    auto body = reply.Json();
    if (body.is_object() && body.contains("errors")) {
        for (const auto& e : body["errors"]) paths.insert(e["path"].get<std::string>());
    }
    return paths;
}

class SimulationApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        store::OpenOptions open;
        open.create = true;
        auto opened = store::OpenStore(db_.location(), open);
        ASSERT_TRUE(opened) << opened.error().ToString();
        store_ = std::move(*opened);
        Seed();
        if (HasFatalFailure()) return;
        auto user = [&](std::string login, core::Role role, std::optional<Id> person) {
            auto id =
                app::AddUser(*store_, {"test"}, {login, {role}, person, kPassword}, CheapPolicy());
            ASSERT_TRUE(id) << id.error().ToString();
        };
        user("officer1", core::Role::kProgramOfficer, std::nullopt);
        user("coordinator1", core::Role::kCoordinator, coordinator_);
        user("coordinator2", core::Role::kCoordinator, other_coordinator_);
        user("researcher1", core::Role::kResearcher, std::nullopt);

        auto pool = StorePool::Open(db_.location(), 2);
        ASSERT_TRUE(pool) << pool.error().ToString();
        pool_ = std::move(*pool);
        ApiOptions options;
        options.account_policy = CheapPolicy();
        api_ = std::make_unique<Api>(*pool_, options);
        ServerOptions server_options;
        server_options.port = 0;
        server_options.threads = 2;
        auto server = Server::Start(server_options,
                                    [this](Request& request) { return api_->Handle(request); });
        ASSERT_TRUE(server) << server.error().ToString();
        server_ = std::move(*server);
        port_ = server_->Port();
    }

    void TearDown() override {
        server_.reset();
        api_.reset();
        pool_.reset();
        store_.reset();
    }

    // Two clusters, each with a coordinator holding a post from FY2002.
    void Seed() {
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx);
        auto& t = **tx;
        const Id program = app::testing::AddTestProgram(t);
        auto first = app::testing::AddTestCluster(t, program);
        auto second = app::testing::AddTestCluster(t, program);
        cluster_ = first.cluster;
        other_cluster_ = second.cluster;
        coordinator_ = app::testing::AddTestPerson(t, first.university, "試験", "一郎");
        other_coordinator_ = app::testing::AddTestPerson(t, second.university, "試験", "二郎");
        app::testing::AddTestPost(t, cluster_, coordinator_, "coordinator", Date{2002, 4, 1});
        app::testing::AddTestPost(t, other_cluster_, other_coordinator_, "coordinator",
                                  Date{2002, 4, 1});
        ASSERT_TRUE(t.Commit());
    }

    Reply Get(const std::string& target, const Headers& headers = {}) {
        return Fetch(port_, "GET", target, headers);
    }
    Reply Post(const std::string& target, const Headers& headers, const json& body) {
        Headers with_type = headers;
        with_type.emplace_back("Content-Type", "application/json");
        return Fetch(port_, "POST", target, with_type, body.dump());
    }
    SessionCookie LogIn(const std::string& login) {
        auto reply = Post("/api/v1/session", {}, {{"login", login}, {"password", kPassword}});
        EXPECT_EQ(reply.status, 200) << login << ": " << reply.body;
        std::string cookie = reply.Header("set-cookie");
        auto body = reply.Json();
        return {cookie.substr(0, cookie.find(';')),
                body.contains("csrf_token") ? body["csrf_token"].get<std::string>() : ""};
    }

    json WaitForJob(const SessionCookie& who, const std::string& location) {
        json job;
        for (int i = 0; i < 1200; ++i) {
            auto reply = Get(location, who.Read());
            EXPECT_EQ(reply.status, 200) << reply.body;
            if (reply.status != 200) break;
            job = reply.Json();
            const auto state = job["state"].get<std::string>();
            if (state != "queued" && state != "running") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return job;
    }

    // Runs a scenario to its end; the job's result.
    json Run(const SessionCookie& who, const json& body) {
        auto reply = Post("/api/v1/simulations", who.Write(), body);
        EXPECT_EQ(reply.status, 202) << reply.body;
        if (reply.status != 202) return {};
        EXPECT_EQ(reply.Json()["job"]["kind"], "simulation");
        const std::string location = reply.Header("location");
        EXPECT_TRUE(location.starts_with("/api/v1/jobs/")) << location;
        json job = WaitForJob(who, location);
        EXPECT_EQ(job["state"], "succeeded") << job.dump();
        return job["result"];
    }

    static double Total(const json& result, const char* kpi) {
        return result["kpis"][kpi]["total"]["mean"].get<double>();
    }

    TestDatabase db_{Backend::kSqlite};
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<StorePool> pool_;
    std::unique_ptr<Api> api_;
    std::unique_ptr<Server> server_;
    uint16_t port_ = 0;
    Id cluster_ = 0, other_cluster_ = 0, coordinator_ = 0, other_coordinator_ = 0;
};

TEST_F(SimulationApiTest, DefaultGivesConfigTomlLeversAndKpis) {
    auto officer = LogIn("officer1");
    auto reply = Get("/api/v1/simulations/default", officer.Read());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto body = reply.Json();
    EXPECT_EQ(body["config"]["start_fy"], 2002);
    EXPECT_EQ(body["config"]["clusters"].size(), 18u);
    EXPECT_NE(body["config_toml"].get<std::string>().find("[model]"), std::string::npos);
    ASSERT_EQ(body["levers"].size(), 11u);
    std::map<std::string, json> levers;
    for (const auto& lever : body["levers"]) levers[lever["name"]] = lever;
    EXPECT_EQ(levers["budget_per_year"]["unit"], "yen");
    EXPECT_EQ(levers["budget_per_year"]["default"], 500'000'000.0);
    EXPECT_EQ(levers["funded_years"]["default"], 5.0);
    EXPECT_EQ(levers["trial_regions"]["default"], 6.0);
    EXPECT_EQ(levers["trial_regions"]["max"], 18.0);
    EXPECT_FALSE(levers["coordinators"]["uniform"].get<bool>());  // Hamamatsu 7, Sapporo 2, …
    EXPECT_FALSE(levers["match_threshold"]["meaning"].get<std::string>().empty());
    EXPECT_EQ(body["kpis"].size(), 10u);
}

TEST_F(SimulationApiTest, ScenarioRunsAsAJobAndIsDeterministicPerSeed) {
    auto officer = LogIn("officer1");
    json a = Run(officer, {{"runs", 20}, {"seed", 7}});
    ASSERT_TRUE(a.is_object());
    EXPECT_EQ(a["runs"], 20);
    EXPECT_EQ(a["seed"], 7);
    EXPECT_EQ(a["start_fy"], 2002);
    EXPECT_EQ(a["fiscal_years"], 5);
    EXPECT_EQ(a["clusters"], 18);
    EXPECT_NE(a["config_toml"].get<std::string>().find("funded_years"), std::string::npos);
    EXPECT_EQ(a["lever_values"]["funded_years"], 5.0);
    const auto& joint = a["kpis"]["joint_research"];
    ASSERT_EQ(joint["by_fiscal_year"].size(), 5u);
    for (const auto& year : joint["by_fiscal_year"]) {
        EXPECT_LE(year["p05"].get<double>(), year["mean"].get<double>());
        EXPECT_LE(year["mean"].get<double>(), year["p95"].get<double>());
    }
    EXPECT_EQ(joint["by_fiscal_year"][0]["fiscal_year"], 2002);
    EXPECT_GT(Total(a, "joint_research"), 0);

    json again = Run(officer, {{"runs", 20}, {"seed", 7}});
    EXPECT_EQ(again["kpis"], a["kpis"]);
    json other = Run(officer, {{"runs", 20}, {"seed", 8}});
    EXPECT_NE(other["kpis"], a["kpis"]);
}

TEST_F(SimulationApiTest, LeversAndTomlMoveResultsTheExpectedWay) {
    auto officer = LogIn("officer1");
    json low = Run(officer, {{"runs", 20}, {"seed", 3}, {"levers", {{"budget_per_year", 2e8}}}});
    json high = Run(officer, {{"runs", 20}, {"seed", 3}, {"levers", {{"budget_per_year", 8e8}}}});
    EXPECT_EQ(low["levers"]["budget_per_year"], 2e8);
    EXPECT_EQ(high["lever_values"]["budget_per_year"], 8e8);
    EXPECT_GT(Total(high, "joint_research"), Total(low, "joint_research"));
    EXPECT_GT(Total(high, "spend_yen"), Total(low, "spend_yen"));

    json no_coordinators =
        Run(officer, {{"runs", 20}, {"seed", 3}, {"levers", {{"coordinators", 0}}}});
    EXPECT_LT(Total(no_coordinators, "introductions"), Total(low, "introductions"));

    // A TOML config: a shorter horizon gives fewer fiscal years.
    json toml = Run(officer, {{"runs", 5}, {"config_toml", "months = 24\n"}});
    EXPECT_EQ(toml["fiscal_years"], 2);
}

TEST_F(SimulationApiTest, BadRequestsNameTheField) {
    auto officer = LogIn("officer1");
    auto no_runs = Post("/api/v1/simulations", officer.Write(), json::object());
    EXPECT_EQ(no_runs.status, 400);
    EXPECT_TRUE(ErrorPaths(no_runs).contains("runs")) << no_runs.body;

    auto too_many = Post("/api/v1/simulations", officer.Write(), {{"runs", 2001}});
    EXPECT_EQ(too_many.status, 400);
    EXPECT_TRUE(ErrorPaths(too_many).contains("runs")) << too_many.body;

    auto bad_toml =
        Post("/api/v1/simulations", officer.Write(), {{"runs", 5}, {"config_toml", "months = \n"}});
    EXPECT_EQ(bad_toml.status, 400);
    EXPECT_TRUE(ErrorPaths(bad_toml).contains("config_toml")) << bad_toml.body;
    EXPECT_NE(bad_toml.body.find("config_toml:1"), std::string::npos) << bad_toml.body;

    auto bad_key = Post("/api/v1/simulations", officer.Write(),
                        {{"runs", 5}, {"config_toml", "start_fy = 2002\nmonthz = 3\n"}});
    EXPECT_EQ(bad_key.status, 400);
    EXPECT_NE(bad_key.body.find("config_toml:2"), std::string::npos) << bad_key.body;
    EXPECT_NE(bad_key.body.find("monthz"), std::string::npos) << bad_key.body;

    auto bad_levers = Post(
        "/api/v1/simulations", officer.Write(),
        {{"runs", 5}, {"levers", {{"coordinators", -1}, {"budget", 1}, {"funded_years", "5"}}}});
    EXPECT_EQ(bad_levers.status, 400);
    auto paths = ErrorPaths(bad_levers);
    EXPECT_TRUE(paths.contains("levers.coordinators")) << bad_levers.body;
    EXPECT_TRUE(paths.contains("levers.budget")) << bad_levers.body;
    EXPECT_TRUE(paths.contains("levers.funded_years")) << bad_levers.body;

    auto unknown = Post("/api/v1/simulations", officer.Write(), {{"runs", 5}, {"run", 5}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_TRUE(ErrorPaths(unknown).contains("run")) << unknown.body;
}

TEST_F(SimulationApiTest, WhoMayRunAndFromWhichCluster) {
    EXPECT_EQ(Get("/api/v1/simulations/default").status, 401);
    auto researcher = LogIn("researcher1");
    EXPECT_EQ(Get("/api/v1/simulations/default", researcher.Read()).status, 403);
    EXPECT_EQ(Post("/api/v1/simulations", researcher.Write(), {{"runs", 5}}).status, 403);

    auto coordinator = LogIn("coordinator1");
    EXPECT_EQ(Get("/api/v1/simulations/default", coordinator.Read()).status, 200);
    json own = Run(coordinator, {{"runs", 5}, {"from_cluster", cluster_}, {"on", "2004-04-01"}});
    EXPECT_EQ(own["clusters"], 1);
    EXPECT_EQ(own["from_cluster"], cluster_);
    EXPECT_EQ(own["start_fy"], 2004);

    auto other = Post("/api/v1/simulations", coordinator.Write(),
                      {{"runs", 5}, {"from_cluster", other_cluster_}});
    EXPECT_EQ(other.status, 404) << other.body;
    auto missing =
        Post("/api/v1/simulations", coordinator.Write(), {{"runs", 5}, {"from_cluster", 99999}});
    EXPECT_EQ(missing.status, 404) << missing.body;

    auto officer = LogIn("officer1");
    json any = Run(officer, {{"runs", 5}, {"from_cluster", other_cluster_}, {"on", "2004-04-01"}});
    EXPECT_EQ(any["clusters"], 1);
}

TEST_F(SimulationApiTest, CancelStopsTheJob) {
    auto officer = LogIn("officer1");
    auto reply = Post("/api/v1/simulations", officer.Write(), {{"runs", 2000}, {"seed", 1}});
    ASSERT_EQ(reply.status, 202) << reply.body;
    const std::string location = reply.Header("location");
    auto cancel = Post(location + "/cancel", officer.Write(), json::object());
    EXPECT_EQ(cancel.status, 200) << cancel.body;
    json job = WaitForJob(officer, location);
    EXPECT_EQ(job["state"], "cancelled") << job.dump();
}

}  // namespace
}  // namespace kc::http
