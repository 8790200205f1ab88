// The collaboration-network endpoints over a real server on an ephemeral port, on the demo
// programme (loaded once per suite): the drawn graph and metrics, the exports, bad parameters, who
// may ask, and that the graph holds only what the caller may read (the same ties as
// app::ClusterNetwork for that viewer).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "app/accounts.h"
#include "app/demo.h"
#include "app/demo_accounts.h"
#include "app/network.h"
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

app::AccountPolicy CheapPolicy() {
    app::AccountPolicy policy;
    policy.ops_limit = 1;
    policy.mem_limit = 8 * 1024 * 1024;
    return policy;
}

void RemoveDb(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        fs::remove(path + suffix, ec);
    }
}

std::unique_ptr<store::Store> OpenFile(const std::string& path, bool create) {
    store::OpenOptions open;
    open.create = create;
    auto store = store::OpenStore(path, open);
    EXPECT_TRUE(store) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
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

// Ties as "a|b" (a < b) → weight.
using TieSet = std::map<std::string, double>;

std::string TieKey(std::string a, std::string b) {
    if (b < a) std::swap(a, b);
    return a + "|" + b;
}

TieSet TiesOf(const nlohmann::json& graph) {
    TieSet ties;
    for (const auto& tie : graph["ties"]) {
        ties[TieKey(tie["source"].get<std::string>(), tie["target"].get<std::string>())] =
            tie["weight"].get<double>();
    }
    return ties;
}

TieSet TiesOf(const app::NetworkReport& report) {
    TieSet ties;
    const auto& g = report.graph;
    for (const auto& edge : g.Edges()) {
        ties[TieKey(g.NodeAt(edge.source).key, g.NodeAt(edge.target).key)] = edge.weight;
    }
    return ties;
}

class NetworkApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        path_ = new std::string(
            (fs::temp_directory_path() / ("kc-api-network-" + std::to_string(::getpid()) + ".db"))
                .string());
        RemoveDb(*path_);
        passwords_ = new std::map<std::string, std::string>();
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
            auto tx = store->Begin({"test"});
            ASSERT_TRUE(tx);
            auto clusters = (*tx)->List<core::Cluster>();
            auto positions = (*tx)->List<core::Position>();
            ASSERT_TRUE(clusters && positions);
            std::set<Id> hq_clusters;
            for (const auto& position : *positions) {
                if (account_people.contains(position.person_id)) {
                    hq_clusters.insert(position.cluster_id);
                }
            }
            ASSERT_FALSE(hq_clusters.empty());
            own_ = *hq_clusters.begin();
            for (const auto& cluster : *clusters) {
                if (!hq_clusters.contains(cluster.id)) {
                    other_ = cluster.id;
                    break;
                }
            }
            ASSERT_NE(other_, 0);
        }
        auto pool = StorePool::Open(*path_, 2);
        ASSERT_TRUE(pool) << pool.error().ToString();
        pool_ = pool->release();
        ApiOptions options;
        options.account_policy = CheapPolicy();
        api_ = new Api(*pool_, options);
        ServerOptions server_options;
        server_options.port = 0;
        server_options.threads = 2;
        auto server =
            Server::Start(server_options, [](Request& request) { return api_->Handle(request); });
        ASSERT_TRUE(server) << server.error().ToString();
        server_ = server->release();
        cookies_ = new std::map<std::string, std::string>();
        for (const auto& [login, password] : *passwords_) {
            nlohmann::json body = {{"login", login}, {"password", password}};
            auto reply = Fetch(server_->Port(), "POST", "/api/v1/session",
                               {{"Content-Type", "application/json"}}, body.dump());
            ASSERT_EQ(reply.status, 200) << login << ": " << reply.body;
            std::string cookie = reply.Header("set-cookie");
            (*cookies_)[login] = cookie.substr(0, cookie.find(';'));
        }
    }
    static void TearDownTestSuite() {
        delete server_;
        delete api_;
        delete pool_;
        delete cookies_;
        delete passwords_;
        if (path_) RemoveDb(*path_);
        delete path_;
        server_ = nullptr;
    }

    static Reply Get(const std::string& login, const std::string& target) {
        Headers headers;
        if (!login.empty()) headers.emplace_back("Cookie", cookies_->at(login));
        return Fetch(server_->Port(), "GET", target, headers);
    }
    static std::string Network(Id cluster, const std::string& query = "") {
        return "/api/v1/clusters/" + std::to_string(cluster) + "/network" + query;
    }

    // The viewer of a demo account, as the API resolves it.
    static core::Viewer ViewerOf(store::Store& store, const std::string& login) {
        auto session = app::Login(store, login, passwords_->at(login), "test", CheapPolicy());
        EXPECT_TRUE(session) << session.error().ToString();
        return session ? session->principal.viewer : core::Viewer{};
    }

    static std::string* path_;
    static std::map<std::string, std::string>* passwords_;
    static std::map<std::string, std::string>* cookies_;
    static StorePool* pool_;
    static Api* api_;
    static Server* server_;
    static Id own_, other_;
};

std::string* NetworkApiTest::path_ = nullptr;
std::map<std::string, std::string>* NetworkApiTest::passwords_ = nullptr;
std::map<std::string, std::string>* NetworkApiTest::cookies_ = nullptr;
StorePool* NetworkApiTest::pool_ = nullptr;
Api* NetworkApiTest::api_ = nullptr;
Server* NetworkApiTest::server_ = nullptr;
Id NetworkApiTest::own_ = 0;
Id NetworkApiTest::other_ = 0;

TEST_F(NetworkApiTest, DrawsTheDemoClustersNetworkWithItsMetrics) {
    auto reply = Get("demo-coordinator", Network(own_, "?fy=2006&mode=organizations"));
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto json = reply.Json();
    EXPECT_EQ(json["cluster_id"], own_);
    EXPECT_EQ(json["fiscal_year"], 2006);
    EXPECT_EQ(json["mode"], "organizations");
    const auto& summary = json["summary"];
    EXPECT_GT(summary["nodes"].get<size_t>(), 2u);
    EXPECT_GT(summary["edges"].get<size_t>(), 0u);
    EXPECT_TRUE(json["ties"].contains("inside_share"));
    EXPECT_TRUE(json["ties"].contains("university_company_share"));
    EXPECT_FALSE(json["top_brokers"].empty());
    EXPECT_FALSE(json["growth"].empty());
    EXPECT_EQ(json["growth"].back()["fiscal_year"], 2006);

    const auto& graph = json["graph"];
    EXPECT_EQ(graph["total_nodes"], summary["nodes"]);
    EXPECT_EQ(graph["total_ties"], summary["edges"]);
    EXPECT_EQ(graph["max_nodes"], 300);
    std::set<std::string> keys;
    for (const auto& node : graph["nodes"]) {
        keys.insert(node["key"].get<std::string>());
        for (const char* field : {"label", "kind", "community", "degree", "betweenness"}) {
            EXPECT_TRUE(node.contains(field)) << field;
        }
        EXPECT_TRUE(node["attributes"].is_object());
    }
    EXPECT_EQ(keys.size(), graph["nodes"].size());
    for (const auto& tie : graph["ties"]) {
        EXPECT_TRUE(keys.contains(tie["source"].get<std::string>()));
        EXPECT_TRUE(keys.contains(tie["target"].get<std::string>()));
        EXPECT_GE(tie["weight"].get<double>(), 1);
    }

    // A cap below the size keeps the nodes of highest degree and says so.
    auto capped = Get("demo-coordinator", Network(own_, "?fy=2006&max_nodes=2")).Json();
    ASSERT_TRUE(capped.contains("graph")) << capped.dump();
    EXPECT_EQ(capped["graph"]["shown_nodes"], 2);
    EXPECT_TRUE(capped["graph"]["capped"].get<bool>());
    EXPECT_NE(capped["graph"]["note"].get<std::string>().find("highest degree"), std::string::npos);
    size_t max_degree = 0;
    for (const auto& node : graph["nodes"]) {
        max_degree = std::max(max_degree, node["degree"].get<size_t>());
    }
    size_t capped_max = 0;
    for (const auto& node : capped["graph"]["nodes"]) {
        capped_max = std::max(capped_max, node["degree"].get<size_t>());
    }
    EXPECT_EQ(capped_max, max_degree);

    // Modes and a weight threshold.
    for (const char* mode : {"people", "coordination"}) {
        auto other = Get("demo-officer", Network(own_, std::string("?fy=2006&mode=") + mode));
        ASSERT_EQ(other.status, 200) << other.body;
        EXPECT_EQ(other.Json()["mode"], mode);
    }
    auto heavy = Get("demo-coordinator", Network(own_, "?fy=2006&min_weight=2")).Json();
    EXPECT_LE(heavy["summary"]["edges"].get<size_t>(), summary["edges"].get<size_t>());
    for (const auto& tie : heavy["graph"]["ties"]) EXPECT_GE(tie["weight"].get<double>(), 2);
}

TEST_F(NetworkApiTest, ExportsGraphMlAndGexfAsAttachments) {
    auto graphml =
        Get("demo-coordinator", Network(own_, "/export?fy=2006&mode=organizations&format=graphml"));
    ASSERT_EQ(graphml.status, 200) << graphml.body;
    EXPECT_NE(graphml.Header("content-type").find("application/graphml+xml"), std::string::npos);
    EXPECT_EQ(graphml.Header("content-disposition"), "attachment; filename=\"cluster-" +
                                                         std::to_string(own_) +
                                                         "-organizations-fy2006.graphml\"");
    EXPECT_NE(graphml.body.find("<graphml"), std::string::npos);

    auto gexf = Get("demo-officer", Network(own_, "/export?fy=2005&mode=people&format=gexf"));
    ASSERT_EQ(gexf.status, 200) << gexf.body;
    EXPECT_NE(gexf.Header("content-type").find("application/gexf+xml"), std::string::npos);
    EXPECT_NE(gexf.Header("content-disposition").find("people-fy2005.gexf"), std::string::npos);
    EXPECT_NE(gexf.body.find("<gexf"), std::string::npos);
}

TEST_F(NetworkApiTest, BadParametersAreNamed) {
    const std::pair<std::string, std::string> cases[] = {
        {Network(own_, "?fy=someday"), "fy"},
        {Network(own_, "?mode=friends"), "mode"},
        {Network(own_, "?min_weight=-1"), "min_weight"},
        {Network(own_, "?min_weight=heavy"), "min_weight"},
        {Network(own_, "?max_nodes=0"), "max_nodes"},
        {Network(own_, "?max_nodes=99999"), "max_nodes"},
        {Network(own_, "/export?format=pdf"), "format"},
        {Network(own_, "/export?mode=x&format=gexf"), "mode"},
    };
    for (const auto& [target, field] : cases) {
        auto reply = Get("demo-coordinator", target);
        EXPECT_EQ(reply.status, 400) << target << ": " << reply.body;
        EXPECT_TRUE(FieldsOf(reply).contains(field)) << target << ": " << reply.body;
    }
}

TEST_F(NetworkApiTest, OnlyHqOfTheClusterAndProgrammeStaffMayAsk) {
    for (const std::string& suffix : {std::string("?fy=2004"), std::string("/export?fy=2004")}) {
        EXPECT_EQ(Get("", Network(own_, suffix)).status, 401);
        EXPECT_EQ(Get("demo-admin", Network(own_, suffix)).status, 200);
        EXPECT_EQ(Get("demo-officer", Network(other_, suffix)).status, 200);
        EXPECT_EQ(Get("demo-coordinator", Network(own_, suffix)).status, 200);
        EXPECT_EQ(Get("demo-adviser", Network(own_, suffix)).status, 200);
        EXPECT_EQ(Get("demo-coordinator", Network(other_, suffix)).status, 404);
        EXPECT_EQ(Get("demo-director", Network(other_, suffix)).status, 404);
        for (const char* login : {"demo-researcher", "demo-company", "demo-reviewer",
                                  "demo-government", "demo-public"}) {
            EXPECT_EQ(Get(login, Network(own_, suffix)).status, 403) << login << suffix;
        }
        EXPECT_EQ(Get("demo-admin", Network(999999, suffix)).status, 404);
    }
}

TEST_F(NetworkApiTest, TiesAreThoseTheViewerMayRead) {
    // A programme officer may ask but may not read unpublished inventions (core/policy.h), so the
    // co-inventor ties of those are missing from their people network and present in the admin's.
    auto store = OpenFile(*path_, false);
    ASSERT_NE(store, nullptr);
    const FiscalYear fy{2006};
    app::NetworkOptions options;
    options.mode = app::NetworkMode::kPeople;
    options.growth = false;
    const std::string query = "?fy=2006&mode=people&max_nodes=5000";
    TieSet expected_by[2];
    int index = 0;
    for (const char* login : {"demo-officer", "demo-admin"}) {
        auto report = app::ClusterNetwork(*store, ViewerOf(*store, login), own_, fy, options);
        ASSERT_TRUE(report) << report.error().ToString();
        auto reply = Get(login, Network(own_, query));
        ASSERT_EQ(reply.status, 200) << reply.body;
        auto json = reply.Json();
        ASSERT_FALSE(json["graph"]["capped"].get<bool>());
        EXPECT_EQ(TiesOf(json["graph"]), TiesOf(*report)) << login;
        expected_by[index++] = TiesOf(*report);
    }
    const TieSet& officer = expected_by[0];
    const TieSet& admin = expected_by[1];
    EXPECT_LE(officer.size(), admin.size());  // never more than the admin sees
    size_t hidden = 0;
    for (const auto& [key, weight] : admin) {
        auto it = officer.find(key);
        if (it == officer.end() || it->second < weight) ++hidden;
    }
    EXPECT_GT(hidden, 0u) << "the demo's unpublished inventions should hide some ties";
    for (const auto& [key, weight] : officer) {
        ASSERT_TRUE(admin.contains(key)) << key;
        EXPECT_LE(weight, admin.at(key)) << key;
    }
}

}  // namespace
}  // namespace kc::http
