// The cluster-HQ, "me" and search endpoints over a real server on an ephemeral port: a small
// two-cluster fixture for the flows (suggest → accept / decline → funnel, search, gates, me), and
// the demo programme (loaded once per suite) for the security matrix, the KPIs against the annual
// report and the IP deadlines.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "app/accounts.h"
#include "app/demo.h"
#include "app/demo_accounts.h"
#include "app/jobs.h"
#include "app/report.h"
#include "app/test_cluster.h"
#include "http/api.h"
#include "http/server.h"
#include "http/test_client.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;
using core::Id;
using Headers = std::vector<std::pair<std::string, std::string>>;
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
    nlohmann::json user;
    Headers Read() const { return {{"Cookie", cookie}}; }
    Headers Write() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

// A database file, a pool, the Api and a server on an ephemeral port.
class Served {
  public:
    explicit Served(std::string path) : path_(std::move(path)) {}
    ~Served() { Stop(); }

    ::testing::AssertionResult Start() {
        auto pool = StorePool::Open(path_, 2);
        if (!pool) return ::testing::AssertionFailure() << pool.error().ToString();
        pool_ = std::move(*pool);
        ApiOptions options;
        options.account_policy = CheapPolicy();
        api_ = std::make_unique<Api>(*pool_, options);
        ServerOptions server_options;
        server_options.port = 0;
        server_options.threads = 2;
        auto server = Server::Start(server_options,
                                    [this](Request& request) { return api_->Handle(request); });
        if (!server) return ::testing::AssertionFailure() << server.error().ToString();
        server_ = std::move(*server);
        return ::testing::AssertionSuccess();
    }
    void Stop() {
        server_.reset();
        api_.reset();
        pool_.reset();
    }

    Reply Get(const std::string& target, const Headers& headers = {}) const {
        return Fetch(server_->Port(), "GET", target, headers);
    }
    Reply Send(const std::string& method, const std::string& target, const Headers& headers,
               const nlohmann::json& body) const {
        Headers with_type = headers;
        with_type.emplace_back("Content-Type", "application/json");
        return Fetch(server_->Port(), method, target, with_type, body.is_null() ? "" : body.dump());
    }
    SessionCookie LogIn(const std::string& login, const std::string& password) const {
        auto reply =
            Send("POST", "/api/v1/session", {}, {{"login", login}, {"password", password}});
        EXPECT_EQ(reply.status, 200) << login << ": " << reply.body;
        if (reply.status != 200) return {};
        std::string cookie = reply.Header("set-cookie");
        return {cookie.substr(0, cookie.find(';')), reply.Json()["csrf_token"].get<std::string>(),
                reply.Json()["user"]};
    }
    const Api& api() const { return *api_; }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    std::unique_ptr<StorePool> pool_;
    std::unique_ptr<Api> api_;
    std::unique_ptr<Server> server_;
};

std::unique_ptr<store::Store> OpenFile(const std::string& path, bool create) {
    store::OpenOptions open;
    open.create = create;
    auto store = store::OpenStore(path, open);
    EXPECT_TRUE(store) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
}

void RemoveDb(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        fs::remove(path + suffix, ec);
    }
}

// The field names of a problem's errors.
std::set<std::string> FieldsOf(const Reply& reply) {
    std::set<std::string> fields;
    auto json = reply.Json();
    if (json.is_object() && json.contains("errors")) {
        for (const auto& error : json["errors"]) {
            for (const char* key : {"path", "field"}) {
                if (error.contains(key)) fields.insert(error[key].get<std::string>());
            }
        }
    }
    return fields;
}

// Waits for a job to finish, reading it from the database as any instance would.
core::Job WaitForJob(store::Store& store, Id id) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    core::Job job;
    while (std::chrono::steady_clock::now() < deadline) {
        auto read = app::GetJob(store, id);
        EXPECT_TRUE(read) << read.error().ToString();
        if (!read) break;
        job = *read;
        if (job.state != "queued" && job.state != "running") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
}

// ---------------------------------------------------------------------------------------------
// A small two-cluster programme: X (our coordinator's) and Y.

class HqApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = (fs::temp_directory_path() /
                 ("kc-api-hq-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                    .string();
        RemoveDb(path_);
        auto store = OpenFile(path_, true);
        ASSERT_NE(store, nullptr);
        {
            auto tx = store->Begin({"test"});
            ASSERT_TRUE(tx);
            auto& t = **tx;
            Id program = app::testing::AddTestProgram(t);
            auto x = app::testing::AddTestCluster(t, program);
            auto y = app::testing::AddTestCluster(t, program);
            cluster_x_ = x.cluster;
            cluster_y_ = y.cluster;
            company_a_ = x.company;
            company_b_ = y.company;
            coordinator_x_ = app::testing::AddTestPerson(t, x.university, "目利", "一郎");
            coordinator_y_ = app::testing::AddTestPerson(t, y.university, "目利", "二郎");
            person_a_ = app::testing::AddTestPerson(t, company_a_, "甲野", "太郎");
            person_b_ = app::testing::AddTestPerson(t, company_b_, "乙野", "花子");
            for (auto [cluster, person] :
                 {std::pair{cluster_x_, coordinator_x_}, std::pair{cluster_y_, coordinator_y_}}) {
                core::Position position;
                position.cluster_id = cluster;
                position.person_id = person;
                position.role = "coordinator";
                position.from_date = Date{2000, 4, 1};
                ASSERT_TRUE(t.Add(position));
            }
            auto seed = [&](Id cluster, Id org, const char* title, const char* abstract,
                            const char* visibility) {
                core::Seed s;
                s.cluster_id = cluster;
                s.organization_id = org;
                s.title = title;
                s.abstract = abstract;
                s.field = "energy";
                s.visibility = visibility;
                s.ip_status = "none";
                auto id = t.Add(s);
                EXPECT_TRUE(id) << id.error().ToString();
                return id ? *id : 0;
            };
            auto need = [&](Id cluster, Id org, const char* title, const char* description,
                            const char* confidentiality) {
                core::Need n;
                n.cluster_id = cluster;
                n.organization_id = org;
                n.title = title;
                n.description = description;
                n.field = "energy";
                n.confidentiality = confidentiality;
                auto id = t.Add(n);
                EXPECT_TRUE(id) << id.error().ToString();
                return id ? *id : 0;
            };
            fuel_seed_ = seed(cluster_x_, x.university, "固体高分子形燃料電池の白金代替触媒",
                              "家庭用の燃料電池に使える安価な電極触媒。", "public");
            seed(cluster_x_, x.university, "燃料電池用の高分子電解質膜",
                 "高温で動く燃料電池の電解質膜。", "public");
            seed(cluster_x_, x.university, "希少糖の酵素生産", "酵素で希少糖を大量に作る。",
                 "public");
            need_a_ = need(cluster_x_, company_a_, "燃料電池の電極触媒を探している",
                           "白金を使わない燃料電池の触媒", "public");
            private_need_b_ = need(cluster_y_, company_b_, "燃料電池の劣化診断",
                                   "乙社の燃料電池の秘密の課題", "private");
            core::Project project;
            project.cluster_id = cluster_x_;
            project.title = "燃料電池触媒の共同研究";
            project.lead_organization_id = company_a_;
            project.stage = "planned";
            project_x_ = *t.Add(project);
            project.cluster_id = cluster_y_;
            project.title = "劣化診断の共同研究";
            project.lead_organization_id = company_b_;
            project_y_ = *t.Add(project);
            core::Milestone milestone;
            milestone.project_id = project_x_;
            milestone.title = "試作";
            milestone.gate_decision = "pending";
            milestone_x_ = *t.Add(milestone);
            milestone.project_id = project_y_;
            milestone_y_ = *t.Add(milestone);
            ASSERT_TRUE(t.Commit());
        }
        {
            auto user = [&](std::string login, core::Role role, std::optional<Id> person) {
                auto id = app::AddUser(*store, {"test"}, {login, {role}, person, kPassword},
                                       CheapPolicy());
                ASSERT_TRUE(id) << id.error().ToString();
            };
            user("admin1", core::Role::kAdmin, std::nullopt);
            user("coord-x", core::Role::kCoordinator, coordinator_x_);
            user("coord-y", core::Role::kCoordinator, coordinator_y_);
            user("company-a", core::Role::kCompany, person_a_);
            user("company-b", core::Role::kCompany, person_b_);
        }
        store.reset();
        served_ = std::make_unique<Served>(path_);
        ASSERT_TRUE(served_->Start());
    }
    void TearDown() override {
        served_.reset();
        RemoveDb(path_);
    }

    SessionCookie LogIn(const std::string& login) { return served_->LogIn(login, kPassword); }
    std::string Cluster(Id id, const std::string& rest) {
        return "/api/v1/clusters/" + std::to_string(id) + rest;
    }
    int64_t FunnelCount(const SessionCookie& who, const std::string& key) {
        auto reply = served_->Get(Cluster(cluster_x_, "/funnel"), who.Read());
        EXPECT_EQ(reply.status, 200) << reply.body;
        const nlohmann::json json = reply.Json();
        for (const auto& stage : json["funnel"]["stages"]) {
            if (stage["stage"] == key) return stage["count"].get<int64_t>();
        }
        ADD_FAILURE() << "no funnel stage " << key << " in " << reply.body;
        return -1;
    }

    std::string path_;
    std::unique_ptr<Served> served_;
    Id cluster_x_ = 0, cluster_y_ = 0, company_a_ = 0, company_b_ = 0;
    Id coordinator_x_ = 0, coordinator_y_ = 0, person_a_ = 0, person_b_ = 0;
    Id fuel_seed_ = 0, need_a_ = 0, private_need_b_ = 0;
    Id project_x_ = 0, project_y_ = 0, milestone_x_ = 0, milestone_y_ = 0;
};

TEST_F(HqApiTest, ACoordinatorSuggestsAcceptsAndDeclinesAndTheFunnelMoves) {
    auto coordinator = LogIn("coord-x");
    EXPECT_EQ(FunnelCount(coordinator, "matches"), 0);
    EXPECT_EQ(FunnelCount(coordinator, "introductions"), 0);

    auto started = served_->Send("POST", Cluster(cluster_x_, "/match_suggestions"),
                                 coordinator.Write(), {{"top", 2}});
    ASSERT_EQ(started.status, 202) << started.body;
    auto job = started.Json()["job"];
    const Id job_id = job["id"].get<Id>();
    EXPECT_EQ(started.Header("location"), "/api/v1/jobs/" + std::to_string(job_id));
    EXPECT_EQ(job["kind"], "match_suggestions");
    EXPECT_EQ(job["started_by"], "web:coord-x");
    auto store = OpenFile(path_, false);
    ASSERT_NE(store, nullptr);
    core::Job done = WaitForJob(*store, job_id);
    ASSERT_EQ(done.state, "succeeded") << done.result;
    EXPECT_DOUBLE_EQ(done.progress, 1.0);
    auto result = nlohmann::json::parse(done.result);
    ASSERT_EQ(result.size(), 2u) << done.result;  // two fuel-cell seeds for the one need
    for (const auto& suggestion : result) {
        EXPECT_EQ(suggestion["need_id"], need_a_);
        EXPECT_FALSE(suggestion["terms"].empty());
    }
    EXPECT_EQ(result[0]["seed_id"], fuel_seed_) << "the catalyst seed ranks first";

    auto listed =
        served_->Get(Cluster(cluster_x_, "/matches?status=suggested"), coordinator.Read());
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto items = listed.Json()["items"];
    ASSERT_EQ(items.size(), 2u) << listed.body;
    EXPECT_EQ(items[0]["need_title"], "燃料電池の電極触媒を探している");
    const Id first = items[0]["id"].get<Id>(), second = items[1]["id"].get<Id>();
    EXPECT_EQ(FunnelCount(coordinator, "matches"), 2);

    auto explanation = served_->Get("/api/v1/matches/" + std::to_string(first) + "/explanation",
                                    coordinator.Read());
    ASSERT_EQ(explanation.status, 200) << explanation.body;
    EXPECT_EQ(explanation.Json()["source"], "stored");
    EXPECT_FALSE(explanation.Json()["terms"].empty());

    auto accepted = served_->Send("POST", "/api/v1/matches/" + std::to_string(first) + "/accept",
                                  coordinator.Write(), nullptr);
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.Json()["status"], "contacted");
    auto declined = served_->Send("POST", "/api/v1/matches/" + std::to_string(second) + "/decline",
                                  coordinator.Write(), {{"reason", "技術の成熟度が合わない"}});
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(declined.Json()["status"], "declined");
    EXPECT_EQ(declined.Json()["decline_reason"], "技術の成熟度が合わない");
    EXPECT_EQ(FunnelCount(coordinator, "introductions"), 1);
    auto suggested =
        served_->Get(Cluster(cluster_x_, "/matches?status=suggested"), coordinator.Read());
    EXPECT_TRUE(suggested.Json()["items"].empty()) << suggested.body;

    // Both changes audited as the signed-in user.
    int by_web = 0;
    {
        auto audit_tx = store->Begin({"test"});  // released at once: it holds the write lock
        ASSERT_TRUE(audit_tx);
        auto audit = (*audit_tx)->AuditLog(0, 10000);
        ASSERT_TRUE(audit);
        for (const auto& entry : *audit) {
            if (entry.actor == "web:coord-x" && entry.entity == "match") ++by_web;
        }
    }
    EXPECT_GE(by_web, 4) << "two suggested, one accepted, one declined";

    // Bad input names the field; other people are kept out.
    auto no_reason = served_->Send("POST", "/api/v1/matches/" + std::to_string(first) + "/decline",
                                   coordinator.Write(), nlohmann::json::object());
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_TRUE(FieldsOf(no_reason).contains("reason")) << no_reason.body;
    auto again = served_->Send("POST", "/api/v1/matches/" + std::to_string(second) + "/accept",
                               coordinator.Write(), nullptr);
    EXPECT_GE(again.status, 400) << "a declined match cannot be accepted: " << again.body;
    auto company = LogIn("company-a");
    EXPECT_EQ(served_
                  ->Send("POST", "/api/v1/matches/" + std::to_string(first) + "/accept",
                         company.Write(), nullptr)
                  .status,
              403)
        << "company A may read the match of its public need but not act on it";
    auto other = LogIn("coord-y");
    EXPECT_EQ(served_->Get(Cluster(cluster_x_, "/matches"), other.Read()).status, 404);
    EXPECT_EQ(served_
                  ->Send("POST", Cluster(cluster_x_, "/match_suggestions"), other.Write(),
                         nlohmann::json::object())
                  .status,
              404);
}

TEST_F(HqApiTest, SuggestionRunsRejectBadOptionsNamingEachField) {
    auto coordinator = LogIn("coord-x");
    auto reply =
        served_->Send("POST", Cluster(cluster_x_, "/match_suggestions"), coordinator.Write(),
                      {{"top", 0}, {"scope", "everywhere"}, {"bogus", 1}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(FieldsOf(reply), (std::set<std::string>{"top", "scope", "bogus"})) << reply.body;
    reply = served_->Send("POST", Cluster(cluster_x_, "/match_suggestions"), coordinator.Write(),
                          {{"need_id", private_need_b_}, {"seed_id", fuel_seed_}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(FieldsOf(reply), (std::set<std::string>{"need_id", "seed_id"})) << reply.body;
    reply = served_->Send("POST", Cluster(cluster_x_, "/match_suggestions"), coordinator.Write(),
                          nullptr);
    EXPECT_EQ(reply.status, 400);
    EXPECT_TRUE(FieldsOf(reply).contains("body")) << reply.body;
    // Without the CSRF token nothing starts.
    reply = served_->Send("POST", Cluster(cluster_x_, "/match_suggestions"), coordinator.Read(),
                          nlohmann::json::object());
    EXPECT_EQ(reply.status, 403);
}

TEST_F(HqApiTest, SearchFindsASeedByAJapaneseWordButNeverAnotherCompanysPrivateNeed) {
    auto company = LogIn("company-a");
    auto reply = served_->Get("/api/v1/search?q=%E7%87%83%E6%96%99%E9%9B%BB%E6%B1%A0",  // 燃料電池
                              company.Read());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto json = reply.Json();
    std::set<std::pair<std::string, Id>> found;
    for (const auto& item : json["items"]) {
        found.insert({item["type"].get<std::string>(), item["id"].get<Id>()});
        EXPECT_NE(item["snippet"].get<std::string>().find("燃料電池"), std::string::npos)
            << item.dump();
        EXPECT_GT(item["score"].get<double>(), 0);
    }
    EXPECT_TRUE(found.contains({"seed", fuel_seed_})) << reply.body;
    EXPECT_TRUE(found.contains({"need", need_a_})) << "its own need";
    EXPECT_FALSE(found.contains({"need", private_need_b_})) << "company B's private need leaked";
    EXPECT_EQ(json["total"].get<size_t>(), json["items"].size());

    auto owner = LogIn("company-b");
    reply = served_->Get(
        "/api/v1/search?q=%E5%8A%A3%E5%8C%96%E8%A8%BA%E6%96%AD&types=need",  // 劣化診断
        owner.Read());
    ASSERT_EQ(reply.status, 200) << reply.body;
    ASSERT_EQ(reply.Json()["items"].size(), 1u) << reply.body;
    EXPECT_EQ(reply.Json()["items"][0]["id"], private_need_b_);
    reply = served_->Get("/api/v1/search?q=%E5%8A%A3%E5%8C%96%E8%A8%BA%E6%96%AD&types=need",
                         company.Read());
    EXPECT_TRUE(reply.Json()["items"].empty()) << reply.body;
    EXPECT_EQ(reply.Json()["total"], 0);

    // English, a type filter and a cluster filter.
    reply = served_->Get("/api/v1/search?q=catalyst&types=seed,need&cluster_id=" +
                             std::to_string(cluster_x_) + "&limit=5",
                         company.Read());
    EXPECT_EQ(reply.status, 200) << reply.body;

    // Bad parameters, each named.
    reply = served_->Get("/api/v1/search?types=planet&limit=0&cluster_id=abc", company.Read());
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(FieldsOf(reply), (std::set<std::string>{"q", "types", "limit", "cluster_id"}))
        << reply.body;
    reply = served_->Get("/api/v1/search?q=x&limit=101", company.Read());
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(FieldsOf(reply), (std::set<std::string>{"limit"})) << reply.body;
    reply = served_->Get("/api/v1/search?q=x&cluster_id=999", company.Read());
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(FieldsOf(reply), (std::set<std::string>{"cluster_id"})) << reply.body;
    EXPECT_EQ(served_->Get("/api/v1/search?q=x").status, 401);
}

TEST_F(HqApiTest, MeListsOnlyTheSignedInCompanysRecords) {
    auto company = LogIn("company-a");
    auto needs = served_->Get("/api/v1/me/needs", company.Read());
    ASSERT_EQ(needs.status, 200) << needs.body;
    ASSERT_EQ(needs.Json()["items"].size(), 1u) << needs.body;
    EXPECT_EQ(needs.Json()["items"][0]["id"], need_a_);
    auto projects = served_->Get("/api/v1/me/projects", company.Read());
    ASSERT_EQ(projects.status, 200);
    ASSERT_EQ(projects.Json()["items"].size(), 1u) << projects.body;
    EXPECT_EQ(projects.Json()["items"][0]["id"], project_x_);
    auto seeds = served_->Get("/api/v1/me/seeds", company.Read());
    ASSERT_EQ(seeds.status, 200);
    EXPECT_TRUE(seeds.Json()["items"].empty()) << seeds.body;
    auto other = LogIn("company-b");
    needs = served_->Get("/api/v1/me/needs", other.Read());
    ASSERT_EQ(needs.Json()["items"].size(), 1u);
    EXPECT_EQ(needs.Json()["items"][0]["id"], private_need_b_);
    auto admin = LogIn("admin1");  // no person: nothing of their own
    EXPECT_TRUE(served_->Get("/api/v1/me/needs", admin.Read()).Json()["items"].empty());
    EXPECT_EQ(served_->Get("/api/v1/me/needs").status, 401);
}

TEST_F(HqApiTest, GateDecisionsByTheClusterHqOnly) {
    auto coordinator = LogIn("coord-x");
    const std::string gates = "/api/v1/projects/" + std::to_string(project_x_) + "/gates";
    auto bad = served_->Send("POST", gates, coordinator.Write(),
                             {{"milestone_id", milestone_y_}, {"decision", "maybe"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(FieldsOf(bad), (std::set<std::string>{"milestone_id", "decision"})) << bad.body;
    bad = served_->Send("POST", gates, coordinator.Write(),
                        {{"milestone_id", milestone_x_}, {"decision", "go"}, {"date", "soon"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(FieldsOf(bad), (std::set<std::string>{"date"})) << bad.body;
    auto company = LogIn("company-a");
    EXPECT_EQ(served_
                  ->Send("POST", gates, company.Write(),
                         {{"milestone_id", milestone_x_}, {"decision", "go"}})
                  .status,
              403);
    auto other = LogIn("coord-y");
    EXPECT_EQ(served_
                  ->Send("POST", gates, other.Write(),
                         {{"milestone_id", milestone_x_}, {"decision", "go"}})
                  .status,
              404);
    auto decided =
        served_->Send("POST", gates, coordinator.Write(),
                      {{"milestone_id", milestone_x_}, {"decision", "go"}, {"date", "2004-06-01"}});
    ASSERT_EQ(decided.status, 200) << decided.body;
    auto summary =
        served_->Get("/api/v1/projects/" + std::to_string(project_x_) + "/summary", company.Read());
    ASSERT_EQ(summary.status, 200) << summary.body;
    EXPECT_EQ(summary.Json()["stage"], "active") << summary.body;
    auto twice = served_->Send("POST", gates, coordinator.Write(),
                               {{"milestone_id", milestone_x_}, {"decision", "stop"}});
    EXPECT_GE(twice.status, 400) << "a gate is decided once";
    EXPECT_LT(twice.status, 500) << twice.body;
}

TEST_F(HqApiTest, EveryEndpointRefusesAnonymousRequests) {
    const std::string x = std::to_string(cluster_x_);
    for (const auto& route : served_->api().Routes().Routes()) {
        bool mine = route.tag == "hq" || route.tag == "me" || route.tag == "search";
        if (!mine) continue;
        std::string target = route.pattern;
        if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, x);
        auto reply = route.method == "GET"
                         ? served_->Get(target)
                         : served_->Send(route.method, target, {}, nlohmann::json::object());
        EXPECT_EQ(reply.status, 401) << route.method << " " << target;
    }
}

// ---------------------------------------------------------------------------------------------
// The demo programme with its accounts, loaded once for the suite (slow under Debug + ASan).

class HqDemoTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        path_ = new std::string(
            (fs::temp_directory_path() / ("kc-api-hq-demo-" + std::to_string(::getpid()) + ".db"))
                .string());
        RemoveDb(*path_);
        passwords_ = new std::map<std::string, std::string>();
        facts_ = new Facts();
        {
            auto store = OpenFile(*path_, true);
            ASSERT_NE(store, nullptr);
            auto summary = app::LoadDemo(*store, app::DemoOptions{});
            ASSERT_TRUE(summary) << summary.error().ToString();
            auto accounts = app::CreateDemoAccounts(*store, CheapPolicy());
            ASSERT_TRUE(accounts) << accounts.error().ToString();
            std::set<Id> account_people;
            for (const auto& account : *accounts) {
                (*passwords_)[account.login] = account.password;
                if (account.person_id) account_people.insert(*account.person_id);
            }
            ASSERT_TRUE(FindFacts(*store, account_people));
        }
        served_ = new Served(*path_);
        ASSERT_TRUE(served_->Start());
        sessions_ = new std::map<std::string, SessionCookie>();
        for (const auto& [login, password] : *passwords_) {
            (*sessions_)[login] = served_->LogIn(login, password);
        }
    }
    static void TearDownTestSuite() {
        delete served_;
        delete sessions_;
        delete facts_;
        delete passwords_;
        if (path_) RemoveDb(*path_);
        delete path_;
        served_ = nullptr;
    }

    // Records the matrix needs: the demo accounts' cluster ("own") and another ("other"), an
    // unpublished invention and a match on a private need in each, none tied to a demo account.
    struct Facts {
        Id own = 0, other = 0;
        Id own_invention = 0, other_invention = 0, published_invention = 0;
        Id own_match = 0, other_match = 0;
        Id other_project = 0, other_milestone = 0;
    };

    static ::testing::AssertionResult FindFacts(store::Store& store,
                                                const std::set<Id>& account_people) {
        auto tx = store.Begin({"test"});
        if (!tx) return ::testing::AssertionFailure() << tx.error().ToString();
        auto clusters = (*tx)->List<core::Cluster>();
        auto positions = (*tx)->List<core::Position>();
        auto inventions = (*tx)->List<core::Invention>();
        auto inventors = (*tx)->List<core::Inventor>();
        auto needs = (*tx)->List<core::Need>();
        auto matches = (*tx)->List<core::Match>();
        auto projects = (*tx)->List<core::Project>();
        auto milestones = (*tx)->List<core::Milestone>();
        auto people = (*tx)->List<core::Person>();
        if (!clusters || !positions || !inventions || !inventors || !needs || !matches ||
            !projects || !milestones || !people) {
            return ::testing::AssertionFailure() << "cannot read the demo";
        }
        Facts& f = *facts_;
        f.own = clusters->front().id;
        std::set<Id> hq_clusters;  // clusters where any demo account holds a post
        for (const auto& position : *positions) {
            if (account_people.contains(position.person_id))
                hq_clusters.insert(position.cluster_id);
        }
        for (const auto& cluster : *clusters) {
            if (!hq_clusters.contains(cluster.id)) {
                f.other = cluster.id;
                break;
            }
        }
        std::set<Id> account_orgs;
        for (const auto& person : *people) {
            if (account_people.contains(person.id) && person.organization_id) {
                account_orgs.insert(*person.organization_id);
            }
        }
        std::set<Id> invented_by_accounts;
        for (const auto& inventor : *inventors) {
            if (account_people.contains(inventor.person_id)) {
                invented_by_accounts.insert(inventor.invention_id);
            }
        }
        for (const auto& invention : *inventions) {
            if (invented_by_accounts.contains(invention.id)) continue;
            if (invention.published && !f.published_invention) {
                f.published_invention = invention.id;
            }
            if (invention.published) continue;
            if (invention.cluster_id == f.own && !f.own_invention) f.own_invention = invention.id;
            if (invention.cluster_id == f.other && !f.other_invention) {
                f.other_invention = invention.id;
            }
        }
        std::map<Id, const core::Need*> need_of;
        for (const auto& need : *needs) need_of[need.id] = &need;
        for (const auto& match : *matches) {
            const core::Need* need = need_of[match.need_id];
            if (!need || need->confidentiality != "private" ||
                account_orgs.contains(need->organization_id)) {
                continue;
            }
            if (need->cluster_id == f.own && !f.own_match) f.own_match = match.id;
            if (need->cluster_id == f.other && !f.other_match) f.other_match = match.id;
        }
        for (const auto& milestone : *milestones) {
            for (const auto& project : *projects) {
                if (project.id == milestone.project_id && project.cluster_id == f.other &&
                    milestone.gate_decision == "pending" && !f.other_milestone) {
                    f.other_project = project.id;
                    f.other_milestone = milestone.id;
                }
            }
        }
        if (!f.other || !f.own_invention || !f.other_invention || !f.published_invention ||
            !f.own_match || !f.other_match || !f.other_project) {
            return ::testing::AssertionFailure()
                   << "the demo lacks a fact: other " << f.other << " inventions "
                   << f.own_invention << "/" << f.other_invention << "/" << f.published_invention
                   << " matches " << f.own_match << "/" << f.other_match << " project "
                   << f.other_project;
        }
        return ::testing::AssertionSuccess();
    }

    static const SessionCookie& As(const std::string& login) { return sessions_->at(login); }

    static std::string* path_;
    static std::map<std::string, std::string>* passwords_;
    static std::map<std::string, SessionCookie>* sessions_;
    static Facts* facts_;
    static Served* served_;
};

std::string* HqDemoTest::path_ = nullptr;
std::map<std::string, std::string>* HqDemoTest::passwords_ = nullptr;
std::map<std::string, SessionCookie>* HqDemoTest::sessions_ = nullptr;
HqDemoTest::Facts* HqDemoTest::facts_ = nullptr;
Served* HqDemoTest::served_ = nullptr;

// Who is who in the matrix.
enum class Kind { kStaff, kHq, kOther };
struct Account {
    const char* login;
    Kind kind;
};
constexpr Account kAccounts[] = {
    {"demo-admin", Kind::kStaff},          {"demo-officer", Kind::kStaff},
    {"demo-director", Kind::kHq},          {"demo-manager", Kind::kHq},
    {"demo-research-director", Kind::kHq}, {"demo-coordinator", Kind::kHq},
    {"demo-adviser", Kind::kHq},           {"demo-reviewer", Kind::kOther},
    {"demo-government", Kind::kOther},     {"demo-researcher", Kind::kOther},
    {"demo-company", Kind::kOther},        {"demo-public", Kind::kOther},
};

TEST_F(HqDemoTest, SecurityMatrixOfTheHqEndpoints) {
    const Facts& f = *facts_;
    auto id = [](Id value) { return std::to_string(value); };
    struct Row {
        std::string method, path;
        nlohmann::json body;  // for POST
        // Expected status per kind of account, for the own and the other cluster.
        std::function<int(const Account&)> expected;
    };
    // Cluster-only things: staff 200, HQ of the cluster 200, HQ of another 404, others 403.
    auto dashboard = [](bool own, int ok = 200) {
        return [own, ok](const Account& a) {
            if (a.kind == Kind::kStaff) return ok;
            if (a.kind == Kind::kHq) return own ? ok : 404;
            return 403;
        };
    };
    auto everyone = [](const Account&) { return 200; };
    // An unpublished invention: admin, HQ of its cluster (advisers included); others 404.
    auto unpublished = [](bool own) {
        return [own](const Account& a) {
            if (std::string(a.login) == "demo-admin") return 200;
            if (a.kind == Kind::kHq && own) return 200;
            return 404;
        };
    };
    // A match on a private need: readable by staff and HQ of its cluster, 404 for the rest.
    auto private_match = [](bool own) {
        return [own](const Account& a) {
            if (a.kind == Kind::kStaff) return 200;
            if (a.kind == Kind::kHq && own) return 200;
            return 404;
        };
    };
    const nlohmann::json kCheapRun = {{"field", "no-such-field"}, {"record", false}};
    std::vector<Row> rows;
    for (bool own : {true, false}) {
        const std::string c = "/api/v1/clusters/" + id(own ? f.own : f.other);
        rows.push_back({"GET", c + "/kpis?fy=2004", nullptr, dashboard(own)});
        rows.push_back({"GET", c + "/funnel?fy=2004", nullptr, dashboard(own)});
        rows.push_back({"GET", c + "/ledger?fy=2004", nullptr, dashboard(own)});
        rows.push_back({"GET", c + "/forums", nullptr, dashboard(own)});
        rows.push_back({"GET", c + "/roster?date=2004-04-01", nullptr, dashboard(own)});
        rows.push_back(
            {"GET", c + "/ip_deadlines?within=1y&today=2004-10-01", nullptr, dashboard(own)});
        rows.push_back({"GET", c + "/matches?status=suggested", nullptr, dashboard(own)});
        rows.push_back({"POST", c + "/match_suggestions", kCheapRun, dashboard(own, 202)});
        rows.push_back({"GET", c + "/projects", nullptr, everyone});
        rows.push_back(
            {"GET", "/api/v1/inventions/" + id(own ? f.own_invention : f.other_invention) + "/view",
             nullptr, unpublished(own)});
        rows.push_back({"GET",
                        "/api/v1/matches/" + id(own ? f.own_match : f.other_match) + "/explanation",
                        nullptr, private_match(own)});
    }
    rows.push_back(
        {"GET", "/api/v1/inventions/" + id(f.published_invention) + "/view", nullptr,
         [](const Account& a) { return std::string(a.login) == "demo-public" ? 404 : 200; }});
    rows.push_back(
        {"GET", "/api/v1/projects/" + id(f.other_project) + "/summary", nullptr, everyone});
    for (const char* mine : {"needs", "seeds", "projects"}) {
        rows.push_back({"GET", std::string("/api/v1/me/") + mine, nullptr, everyone});
    }
    rows.push_back({"GET", "/api/v1/search?q=%E7%B3%96&limit=5", nullptr, everyone});  // 糖

    int checked = 0;
    for (const auto& account : kAccounts) {
        const SessionCookie& session = As(account.login);
        for (const auto& row : rows) {
            const int expected = row.expected(account);
            Reply reply = row.method == "GET"
                              ? served_->Get(row.path, session.Read())
                              : served_->Send(row.method, row.path, session.Write(), row.body);
            ++checked;
            EXPECT_EQ(reply.status, expected)
                << "role " << account.login << ": " << row.method << " " << row.path << " expected "
                << expected << ", got " << reply.status << " " << reply.body;
        }
    }
    // Writes whose success would change the demo: only the refusals are exercised.
    for (const auto& account : kAccounts) {
        if (account.kind == Kind::kStaff) continue;
        const SessionCookie& session = As(account.login);
        struct Write {
            std::string path;
            nlohmann::json body;
            int expected;
        };
        const bool hq = account.kind == Kind::kHq;
        const Write writes[] = {
            // Another cluster's private-need match: unreadable, so 404 for everyone but staff.
            {"/api/v1/matches/" + id(f.other_match) + "/accept", nlohmann::json::object(), 404},
            {"/api/v1/matches/" + id(f.other_match) + "/decline", {{"reason", "x"}}, 404},
            {"/api/v1/matches/" + id(f.own_match) + "/accept", nlohmann::json::object(),
             hq ? 0 : 404},
            {"/api/v1/projects/" + id(f.other_project) + "/gates",
             {{"milestone_id", f.other_milestone}, {"decision", "go"}},
             hq ? 404 : 403},
        };
        for (const auto& write : writes) {
            if (write.expected == 0) continue;  // allowed: would change the demo
            auto reply = served_->Send("POST", write.path, session.Write(), write.body);
            ++checked;
            EXPECT_EQ(reply.status, write.expected)
                << "role " << account.login << ": POST " << write.path << " expected "
                << write.expected << ", got " << reply.status << " " << reply.body;
        }
    }
    EXPECT_GT(checked, 300);
}

TEST_F(HqDemoTest, KpisAreTheAnnualReportsTargetsAndActuals) {
    const Facts& f = *facts_;
    auto reply = served_->Get("/api/v1/clusters/" + std::to_string(f.own) + "/kpis?fy=2004",
                              As("demo-director").Read());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto json = reply.Json();
    EXPECT_EQ(json["fiscal_year"], 2004);
    auto store = OpenFile(*path_, false);
    ASSERT_NE(store, nullptr);
    auto report = app::BuildAnnualReport(*store, f.own, FiscalYear{2004});
    ASSERT_TRUE(report) << report.error().ToString();
    ASSERT_EQ(json["kpis"].size(), report->kpis.size());
    auto same = [](const nlohmann::json& value, const std::optional<int64_t>& expected) {
        return expected ? value.is_number_integer() && value.get<int64_t>() == *expected
                        : value.is_null();
    };
    int with_target = 0, with_actual = 0;
    for (size_t i = 0; i < report->kpis.size(); ++i) {
        const auto& kpi = json["kpis"][i];
        const auto& expected = report->kpis[i];
        EXPECT_EQ(kpi["code"], expected.kpi);
        EXPECT_TRUE(same(kpi["target"], expected.target)) << kpi.dump();
        EXPECT_TRUE(same(kpi["actual"], expected.actual)) << kpi.dump();
        EXPECT_TRUE(same(kpi["cumulative_target"], expected.cumulative_target)) << kpi.dump();
        EXPECT_TRUE(same(kpi["cumulative_actual"], expected.cumulative_actual)) << kpi.dump();
        EXPECT_FALSE(kpi["name_ja"].get<std::string>().empty());
        EXPECT_FALSE(kpi["unit"].get<std::string>().empty());
        with_target += expected.target ? 1 : 0;
        with_actual += expected.actual ? 1 : 0;
    }
    EXPECT_GT(with_target, 0) << "the demo has KPI targets for FY2004";
    EXPECT_GT(with_actual, 0);
    ASSERT_EQ(json["history"].size(), report->history.size());
    EXPECT_EQ(json["history"].back()["fiscal_year"], 2004);

    auto bad = served_->Get("/api/v1/clusters/" + std::to_string(f.own) + "/kpis?fy=abc",
                            As("demo-director").Read());
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(FieldsOf(bad), (std::set<std::string>{"fy"})) << bad.body;
    EXPECT_EQ(served_->Get("/api/v1/clusters/abc/kpis", As("demo-director").Read()).status, 400);
    EXPECT_EQ(served_->Get("/api/v1/clusters/99999/kpis?fy=2004", As("demo-admin").Read()).status,
              404);
}

TEST_F(HqDemoTest, DashboardsNameTheirBadParameters) {
    const std::string c = "/api/v1/clusters/" + std::to_string(facts_->own);
    const auto& director = As("demo-director");
    struct Case {
        std::string target, field;
    };
    const Case cases[] = {
        {c + "/funnel?fy=abc", "fy"},
        {c + "/ledger?fy=FY1800", "fy"},
        {c + "/forums?fy=x", "fy"},
        {c + "/roster?date=yesterday", "date"},
        {c + "/ip_deadlines?within=soon", "within"},
        {c + "/ip_deadlines?today=x", "today"},
        {c + "/matches?status=maybe", "status"},
    };
    for (const auto& test : cases) {
        auto reply = served_->Get(test.target, director.Read());
        EXPECT_EQ(reply.status, 400) << test.target << " " << reply.body;
        EXPECT_EQ(FieldsOf(reply), (std::set<std::string>{test.field}))
            << test.target << " " << reply.body;
    }
    auto funnel = served_->Get(c + "/funnel?fy=2004", director.Read());
    ASSERT_EQ(funnel.status, 200);
    EXPECT_EQ(funnel.Json()["fiscal_year"], 2004) << funnel.body.substr(0, 300);
    auto ledger = served_->Get(c + "/ledger", director.Read());
    ASSERT_EQ(ledger.status, 200);
    EXPECT_GT(ledger.Json()["years"].size(), 1u) << "every fiscal year without fy";
    EXPECT_FALSE(ledger.Json()["carry_over"]["rule_ja"].get<std::string>().empty());
    auto roster = served_->Get(c + "/roster", director.Read());
    ASSERT_EQ(roster.status, 200);
    EXPECT_FALSE(roster.Json()["items"].empty()) << "the director holds a post today";
}

TEST_F(HqDemoTest, IpDeadlinesComeMostUrgentFirst) {
    const std::string c = "/api/v1/clusters/" + std::to_string(facts_->own);
    auto reply =
        served_->Get(c + "/ip_deadlines?within=1y&today=2004-10-01", As("demo-adviser").Read());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto json = reply.Json();
    EXPECT_EQ(json["today"], "2004-10-01");
    EXPECT_EQ(json["within_days"], 365);
    const auto& items = json["items"];
    ASSERT_GE(items.size(), 2u) << "the demo's applications have deadlines within a year";
    const std::vector<std::string> order = {"overdue", "critical", "urgent", "soon", "later"};
    auto rank = [&](const std::string& urgency) {
        return std::find(order.begin(), order.end(), urgency) - order.begin();
    };
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        EXPECT_LT(rank(item["urgency"].get<std::string>()), 5) << item.dump();
        EXPECT_EQ(item["cluster_id"], facts_->own);
        if (i == 0) continue;
        const auto& before = items[i - 1];
        EXPECT_LE(before["days_left"].get<int64_t>(), item["days_left"].get<int64_t>())
            << before.dump() << " before " << item.dump();
        EXPECT_LE(rank(before["urgency"].get<std::string>()),
                  rank(item["urgency"].get<std::string>()));
    }
}

}  // namespace
}  // namespace kc::http
