// The API end to end: a real server on an ephemeral loopback port over a fresh SQLite database,
// spoken to over sockets.

#include "http/api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/accounts.h"
#include "app/records.h"
#include "http/plural.h"
#include "http/server.h"
#include "http/test_client.h"
#include "store/test_database.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;
using Headers = std::vector<std::pair<std::string, std::string>>;
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
    std::string cookie;  // "kc_session=..."
    std::string csrf;
    Headers Read() const { return {{"Cookie", cookie}}; }
    Headers Write() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

class ApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        store::OpenOptions open;
        open.create = true;
        auto store = store::OpenStore(db_.location(), open);
        ASSERT_TRUE(store) << store.error().ToString();
        auto& s = **store;
        auto add = [&](std::string entity, std::vector<std::string> values) {
            auto id = app::AddRecord(s, {"test"}, entity, values);
            EXPECT_TRUE(id) << entity << ": " << id.error().ToString();
            return id ? *id : 0;
        };
        company_a_ = add("organization", {"name_ja=甲社", "kind=company"});
        company_b_ = add("organization", {"name_ja=乙社", "kind=company"});
        auto person_a =
            add("person", {"family_name=甲野", "organization_id=" + std::to_string(company_a_)});
        auto person_b =
            add("person", {"family_name=乙野", "organization_id=" + std::to_string(company_b_)});
        private_need_b_ = add("need", {"organization_id=" + std::to_string(company_b_),
                                       "title=乙社の秘密", "field=it", "confidentiality=private"});
        public_need_b_ =
            add("need", {"organization_id=" + std::to_string(company_b_), "title=乙社の公開ニーズ",
                         "field=it", "confidentiality=public"});
        own_need_a_ = add("need", {"organization_id=" + std::to_string(company_a_),
                                   "title=甲社のニーズ", "field=it", "confidentiality=private"});
        auto user = [&](std::string login, core::Role role, std::optional<core::Id> person) {
            auto id = app::AddUser(s, {"test"}, {login, {role}, person, kPassword}, CheapPolicy());
            ASSERT_TRUE(id) << id.error().ToString();
        };
        user("admin1", core::Role::kAdmin, std::nullopt);
        user("researcher1", core::Role::kResearcher, std::nullopt);
        user("company-a", core::Role::kCompany, person_a);
        user("company-b", core::Role::kCompany, person_b);

        web_ = fs::temp_directory_path() / ("kc-api-web-" + std::to_string(::getpid()));
        fs::create_directories(web_ / "dist" / "assets");
        std::ofstream(web_ / "dist" / "index.html") << "<!doctype html><title>kcluster</title>";
        std::ofstream(web_ / "dist" / "assets" / "app-1a2b.js") << "export {}";
        std::ofstream(web_ / "secret.txt") << "TOP SECRET";

        auto pool = StorePool::Open(db_.location(), 2);
        ASSERT_TRUE(pool) << pool.error().ToString();
        pool_ = std::move(*pool);
        ApiOptions options;
        options.web_dir = web_ / "dist";
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
        fs::remove_all(web_);
    }

    Reply Get(const std::string& target, const Headers& headers = {}) {
        return Fetch(port_, "GET", target, headers);
    }
    Reply Send(const std::string& method, const std::string& target, const Headers& headers,
               const nlohmann::json& body) {
        Headers with_type = headers;
        with_type.emplace_back("Content-Type", "application/json");
        return Fetch(port_, method, target, with_type, body.is_null() ? "" : body.dump());
    }

    SessionCookie LogIn(const std::string& login) {
        auto reply =
            Send("POST", "/api/v1/session", {}, {{"login", login}, {"password", kPassword}});
        EXPECT_EQ(reply.status, 200) << reply.body;
        std::string cookie = reply.Header("set-cookie");
        return {cookie.substr(0, cookie.find(';')), reply.Json()["csrf_token"].get<std::string>()};
    }

    TestDatabase db_{Backend::kSqlite};
    fs::path web_;
    std::unique_ptr<StorePool> pool_;
    std::unique_ptr<Api> api_;
    std::unique_ptr<Server> server_;
    uint16_t port_ = 0;
    core::Id company_a_ = 0, company_b_ = 0;
    core::Id private_need_b_ = 0, public_need_b_ = 0, own_need_a_ = 0;
};

TEST_F(ApiTest, HealthzReadsTheDatabase) {
    auto reply = Get("/healthz");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.Json()["status"], "ok");
    EXPECT_TRUE(reply.Json()["db"].get<std::string>().starts_with("sqlite:")) << reply.body;
}

TEST_F(ApiTest, OpenApiDocumentIsInStepWithTheRouteTable) {
    auto reply = Get("/api/v1/openapi.json");
    ASSERT_EQ(reply.status, 200);
    auto doc = reply.Json();
    EXPECT_EQ(doc["openapi"], "3.0.3");
    size_t operations = 0;
    for (const auto& route : api_->Routes().Routes()) {
        std::string method = route.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        EXPECT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method))
            << route.method << " " << route.pattern;
    }
    for (const auto& [path, methods] : doc["paths"].items()) {
        for (const auto& [method, operation] : methods.items()) {
            ++operations;
            std::string upper = method;
            for (auto& c : upper) c = static_cast<char>(std::toupper(c));
            auto match = api_->Routes().Find(upper, path);
            ASSERT_NE(match.route, nullptr) << method << " " << path;
            EXPECT_EQ(match.route->pattern, path);
            EXPECT_EQ(operation["summary"], match.route->summary);
        }
    }
    EXPECT_EQ(operations, api_->Routes().Routes().size());
    // Every entity served, under its plural.
    for (const char* path : {"/api/v1/regions", "/api/v1/people/{id}", "/api/v1/matches",
                             "/api/v1/projects", "/api/v1/grants", "/api/v1/session"}) {
        EXPECT_TRUE(doc["paths"].contains(path)) << path;
    }
    // Users only through the account endpoints (api_platform.cpp), never as generic records.
    EXPECT_EQ(doc["paths"]["/api/v1/users"]["get"]["summary"], "User accounts (admin)");
    EXPECT_FALSE(doc["paths"].contains("/api/v1/sessions"));
}

TEST_F(ApiTest, AnonymousRequestsAreRefusedWith401) {
    for (const char* target :
         {"/api/v1/regions", "/api/v1/regions/1", "/api/v1/session", "/api/v1/nothing-here"}) {
        auto reply = Get(target);
        EXPECT_EQ(reply.status, 401) << target;
        EXPECT_EQ(reply.Header("content-type"), "application/problem+json") << target;
        EXPECT_EQ(reply.Json()["code"], "unauthenticated") << target;
    }
    EXPECT_EQ(Send("POST", "/api/v1/regions", {}, {{"name_ja", "x"}}).status, 401);
    EXPECT_EQ(Send("DELETE", "/api/v1/session", {}, nullptr).status, 401);
    auto bogus = Get("/api/v1/regions", {{"Cookie", "kc_session=forged"}});
    EXPECT_EQ(bogus.status, 401);
}

TEST_F(ApiTest, LoginSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
    auto reply =
        Send("POST", "/api/v1/session", {}, {{"login", "admin1"}, {"password", kPassword}});
    ASSERT_EQ(reply.status, 200) << reply.body;
    std::string cookie = reply.Header("set-cookie");
    EXPECT_TRUE(cookie.starts_with("kc_session=")) << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
    EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
    auto body = reply.Json();
    EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
    EXPECT_FALSE(body["expires_at"].get<std::string>().empty());
    EXPECT_EQ(body["user"]["login"], "admin1");
    EXPECT_EQ(body["user"]["roles"], nlohmann::json::array({"admin"}));

    auto behind_tls = Send("POST", "/api/v1/session", {{"X-Forwarded-Proto", "https"}},
                           {{"login", "admin1"}, {"password", kPassword}});
    EXPECT_NE(behind_tls.Header("set-cookie").find("; Secure"), std::string::npos);

    auto wrong = Send("POST", "/api/v1/session", {}, {{"login", "admin1"}, {"password", "nope"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_TRUE(wrong.Header("set-cookie").empty());

    auto who = Get("/api/v1/session", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
    EXPECT_EQ(who.status, 200) << who.body;
    EXPECT_EQ(who.Json()["user"]["login"], "admin1");
}

TEST_F(ApiTest, RepeatedFailedLoginsAreRateLimitedWith429) {
    int last = 0;
    for (int attempt = 0; attempt < 8 && last != 429; ++attempt) {
        last = Send("POST", "/api/v1/session", {}, {{"login", "researcher1"}, {"password", "no"}})
                   .status;
        if (last != 429) {
            EXPECT_EQ(last, 401);
        }
    }
    EXPECT_EQ(last, 429);
    auto limited =
        Send("POST", "/api/v1/session", {}, {{"login", "researcher1"}, {"password", kPassword}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.Json()["code"], "resource_exhausted");
}

TEST_F(ApiTest, MalformedJsonIsA400NamingTheProblem) {
    auto reply = Fetch(port_, "POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                       "{\"login\": ");
    EXPECT_EQ(reply.status, 400);
    auto body = reply.Json();
    ASSERT_EQ(body["errors"].size(), 1u) << reply.body;
    EXPECT_EQ(body["errors"][0]["path"], "body");
    EXPECT_NE(body["errors"][0]["got"].get<std::string>().find("parse error"), std::string::npos)
        << reply.body;
    auto not_object = Send("POST", "/api/v1/session", {}, nlohmann::json::array({1, 2}));
    EXPECT_EQ(not_object.status, 400);
    auto missing = Send("POST", "/api/v1/session", {}, {{"login", 7}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.Json()["errors"].size(), 2u) << missing.body;
}

TEST_F(ApiTest, StateChangingRequestsNeedTheCsrfToken) {
    auto admin = LogIn("admin1");
    nlohmann::json region = {{"name_ja", "信州"}};
    auto none = Send("POST", "/api/v1/regions", admin.Read(), region);
    EXPECT_EQ(none.status, 403) << none.body;
    EXPECT_EQ(none.Json()["code"], "permission_denied");
    auto wrong = Send("POST", "/api/v1/regions",
                      {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf + "x"}}, region);
    EXPECT_EQ(wrong.status, 403);
    auto right = Send("POST", "/api/v1/regions", admin.Write(), region);
    EXPECT_EQ(right.status, 201) << right.body;
    EXPECT_EQ(Send("DELETE", "/api/v1/session", admin.Read(), nullptr).status, 403);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
    auto admin = LogIn("admin1");
    EXPECT_EQ(Get("/api/v1/session", admin.Read()).status, 200);
    auto out = Send("DELETE", "/api/v1/session", admin.Write(), nullptr);
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(Get("/api/v1/session", admin.Read()).status, 401);
    EXPECT_EQ(Get("/api/v1/regions", admin.Read()).status, 401);
}

TEST_F(ApiTest, EntitiesCanBeCreatedListedChangedAndDeleted) {
    auto admin = LogIn("admin1");
    for (const char* name : {"信州", "浜松", "札幌", "富山"}) {
        auto created = Send("POST", "/api/v1/regions", admin.Write(),
                            {{"name_ja", name}, {"prefecture", "テスト県"}});
        ASSERT_EQ(created.status, 201) << created.body;
        EXPECT_EQ(created.Json()["name_ja"], name);
        EXPECT_TRUE(created.Header("location").starts_with("/api/v1/regions/"));
    }
    auto page = Get("/api/v1/regions?limit=2&offset=1&sort=-name_ja", admin.Read());
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = page.Json();
    EXPECT_EQ(body["total"], 4);
    EXPECT_EQ(body["limit"], 2);
    EXPECT_EQ(body["offset"], 1);
    ASSERT_EQ(body["items"].size(), 2u);
    EXPECT_GT(body["items"][0]["name_ja"].get<std::string>(),
              body["items"][1]["name_ja"].get<std::string>());

    auto filtered = Get("/api/v1/regions?name_ja=%E6%B5%9C%E6%9D%BE", admin.Read());
    ASSERT_EQ(filtered.status, 200) << filtered.body;
    ASSERT_EQ(filtered.Json()["total"], 1);
    const auto id = filtered.Json()["items"][0]["id"].get<int64_t>();
    const std::string item = "/api/v1/regions/" + std::to_string(id);

    EXPECT_EQ(Get(item, admin.Read()).Json()["name_ja"], "浜松");
    auto patched = Send("PATCH", item, admin.Write(), {{"name_en", "Hamamatsu"}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json()["name_en"], "Hamamatsu");

    // Audited as the web user.
    auto history = app::RecordHistory(**store::OpenStore(db_.location(), {}), "region", id);
    ASSERT_TRUE(history);
    ASSERT_FALSE(history->empty());
    EXPECT_EQ(history->back().actor, "web:admin1");

    EXPECT_EQ(Send("DELETE", item, admin.Write(), nullptr).status, 204);
    auto gone = Get(item, admin.Read());
    EXPECT_EQ(gone.status, 404);
    EXPECT_EQ(gone.Header("content-type"), "application/problem+json");
}

TEST_F(ApiTest, BadInputIsA400WithFieldErrors) {
    auto admin = LogIn("admin1");
    auto invalid = Send("POST", "/api/v1/needs", admin.Write(),
                        {{"title", "x"}, {"field", "astrology"}, {"colour", "red"}});
    ASSERT_EQ(invalid.status, 400) << invalid.body;
    auto body = invalid.Json();
    EXPECT_EQ(body["code"], "invalid_argument");
    std::set<std::string> paths;
    for (const auto& e : body["errors"]) {
        paths.insert(e["path"].get<std::string>());
        EXPECT_TRUE(e.contains("expected") && e.contains("got")) << e.dump();
    }
    EXPECT_TRUE(paths.contains("colour") || paths.contains("field")) << invalid.body;

    auto bad_id = Get("/api/v1/regions/abc", admin.Read());
    EXPECT_EQ(bad_id.status, 400);
    EXPECT_EQ(bad_id.Json()["errors"][0]["path"], "id");
    EXPECT_EQ(Get("/api/v1/regions/999999", admin.Read()).status, 404);
    auto bad_sort = Get("/api/v1/regions?sort=nonsense&limit=0", admin.Read());
    EXPECT_EQ(bad_sort.status, 400);
    auto bad_filter = Get("/api/v1/regions?nonsense=1", admin.Read());
    EXPECT_EQ(bad_filter.status, 400);
    EXPECT_EQ(bad_filter.Json()["errors"][0]["path"], "filter.nonsense") << bad_filter.body;
    EXPECT_EQ(Send("PUT", "/api/v1/regions", admin.Write(), nullptr).status, 405);
    EXPECT_EQ(Get("/api/v1/no-such-thing", admin.Read()).status, 404);
}

TEST_F(ApiTest, RowLevelPolicyHidesOtherCompaniesPrivateNeeds) {
    auto a = LogIn("company-a");
    auto list = Get("/api/v1/needs?limit=100", a.Read());
    ASSERT_EQ(list.status, 200) << list.body;
    std::set<int64_t> seen;
    const auto body = list.Json();
    for (const auto& need : body["items"]) seen.insert(need["id"].get<int64_t>());
    EXPECT_EQ(seen, (std::set<int64_t>{public_need_b_, own_need_a_}));
    EXPECT_EQ(list.Json()["total"], 2);
    EXPECT_EQ(Get("/api/v1/needs/" + std::to_string(private_need_b_), a.Read()).status, 404);
    EXPECT_EQ(Get("/api/v1/needs/" + std::to_string(own_need_a_), a.Read()).status, 200);

    auto admin = LogIn("admin1");
    EXPECT_EQ(Get("/api/v1/needs", admin.Read()).Json()["total"], 3);

    // Companies and researchers read; they do not write.
    auto write = Send("POST", "/api/v1/needs", a.Write(),
                      {{"organization_id", company_a_}, {"title", "t"}, {"field", "it"}});
    EXPECT_EQ(write.status, 403) << write.body;
    auto researcher = LogIn("researcher1");
    EXPECT_EQ(Send("POST", "/api/v1/regions", researcher.Write(), {{"name_ja", "x"}}).status, 403);
    EXPECT_EQ(Get("/api/v1/reviews", researcher.Read()).status, 403);
}

TEST_F(ApiTest, ServesTheWebUiWithoutEscapingItsDirectory) {
    auto index = Get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(index.Header("cache-control"), "no-cache");
    auto asset = Get("/assets/app-1a2b.js");
    EXPECT_EQ(asset.status, 200);
    EXPECT_EQ(asset.Header("cache-control"), "public, max-age=31536000, immutable");
    auto page = Get("/clusters/12");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<title>kcluster</title>"), std::string::npos);
    for (const char* target :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2e%2e/secret.txt",
          "/%2e%2e%2fsecret.txt", "/..%2f..%2fsecret.txt", "//secret.txt", "/%00",
          "/assets/..%5c..%5csecret.txt"}) {
        auto reply = Get(target);
        EXPECT_EQ(reply.body.find("TOP SECRET"), std::string::npos) << target;
    }
    EXPECT_EQ(Get("/%2e%2e/secret.txt").status, 404);
    EXPECT_EQ(Get("/%00").status, 400);
    EXPECT_EQ(Fetch(port_, "POST", "/", {}, "x").status, 405);
}

}  // namespace
}  // namespace kc::http
