// Unit tests of the Beast-free parts: plurals, targets, the router, problems and static files.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/schema.h"
#include "http/message.h"
#include "http/plural.h"
#include "http/problem.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "http/static_files.h"

namespace kc::http {
namespace {

namespace fs = std::filesystem;

TEST(Plural, NamesEveryEntityLikeEnglish) {
    struct Case {
        const char* singular;
        const char* plural;
    };
    for (const auto& c : std::vector<Case>{{"region", "regions"},
                                           {"match", "matches"},
                                           {"person", "people"},
                                           {"project", "projects"},
                                           {"grant", "grants"},
                                           {"feasibility_study", "feasibility_studies"},
                                           {"activity", "activities"},
                                           {"criterion", "criteria"},
                                           {"advice", "advice"},
                                           {"licence", "licences"},
                                           {"evaluation_grade", "evaluation_grades"},
                                           {"publication_author", "publication_authors"},
                                           {"kpi_target", "kpi_targets"},
                                           {"ledger_entry", "ledger_entries"},
                                           {"proposal_government", "proposal_governments"}}) {
        EXPECT_EQ(Plural(c.singular), c.plural) << c.singular;
    }
}

TEST(Plural, IsDistinctForEveryEntity) {
    std::set<std::string> seen;
    for (const auto* def : core::AllEntities()) {
        EXPECT_TRUE(seen.insert(Plural(def->name)).second) << def->name;
    }
}

TEST(ParseTarget, DecodesPathAndQuery) {
    Request request;
    request.target = "/api/v1/seeds%2Fx?limit=5&title=%E5%B8%8C+%E5%B0%91&flag";
    ParseTarget(request);
    EXPECT_TRUE(request.path_ok);
    EXPECT_EQ(request.path, "/api/v1/seeds/x");
    EXPECT_EQ(request.Query("limit"), "5");
    EXPECT_EQ(request.Query("title"), "希 少");
    EXPECT_EQ(request.Query("flag"), "");
    EXPECT_FALSE(request.Query("nothing"));

    for (const char* bad : {"/a%00b", "/a%zz", "/a%4"}) {
        Request broken;
        broken.target = bad;
        ParseTarget(broken);
        EXPECT_FALSE(broken.path_ok) << bad;
    }
}

TEST(Request, ReadsCookies) {
    Request request;
    request.headers["cookie"] = "a=1; kc_session=abc.def ; other=x";
    EXPECT_EQ(request.Cookie("kc_session"), "abc.def");
    EXPECT_EQ(request.Cookie("a"), "1");
    EXPECT_EQ(request.Cookie("missing"), "");
}

TEST(Router, MatchesParamsAndReportsAllowedMethods) {
    Router router;
    auto ok = [](const Request&, const Context&) -> Result<Response> { return Response{}; };
    router.Add({"GET", "/api/v1/seeds", "list", Auth::kSession, ok, "", {}});
    router.Add({"POST", "/api/v1/seeds", "add", Auth::kSession, ok, "", {}});
    router.Add({"GET", "/api/v1/seeds/{id}", "show", Auth::kSession, ok, "", {}});

    auto show = router.Find("GET", "/api/v1/seeds/42");
    ASSERT_NE(show.route, nullptr);
    EXPECT_EQ(show.route->summary, "show");
    EXPECT_EQ(show.params.at("id"), "42");

    auto put = router.Find("PUT", "/api/v1/seeds");
    EXPECT_EQ(put.route, nullptr);
    EXPECT_EQ(put.allowed, (std::vector<std::string>{"GET", "POST"}));

    EXPECT_EQ(router.Find("GET", "/api/v1/seeds/42/x").route, nullptr);
    EXPECT_EQ(router.Find("GET", "/api/v1/seeds/").route, nullptr);
    EXPECT_TRUE(router.Find("GET", "/api/v1/needs").allowed.empty());
}

TEST(Problem, MapsEveryErrorCodeToOneStatus) {
    EXPECT_EQ(HttpStatus(ErrorCode::kInvalidArgument), 400);
    EXPECT_EQ(HttpStatus(ErrorCode::kUnauthenticated), 401);
    EXPECT_EQ(HttpStatus(ErrorCode::kPermissionDenied), 403);
    EXPECT_EQ(HttpStatus(ErrorCode::kNotFound), 404);
    EXPECT_EQ(HttpStatus(ErrorCode::kConflict), 409);
    EXPECT_EQ(HttpStatus(ErrorCode::kFailedPrecondition), 409);
    EXPECT_EQ(HttpStatus(ErrorCode::kResourceExhausted), 429);
    EXPECT_EQ(HttpStatus(ErrorCode::kUnavailable), 503);
    EXPECT_EQ(HttpStatus(ErrorCode::kInternal), 500);
}

TEST(Problem, CarriesFieldErrors) {
    Response response =
        ProblemResponse(Error::Fields("invalid seed", {{"trl", "an integer 1..9", "\"ten\""}}));
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["status"], 400);
    EXPECT_EQ(body["title"], "Bad Request");
    EXPECT_EQ(body["code"], "invalid_argument");
    EXPECT_TRUE(body["type"].get<std::string>().ends_with("/invalid_argument"));
    EXPECT_NE(body["detail"].get<std::string>().find("invalid seed"), std::string::npos);
    ASSERT_EQ(body["errors"].size(), 1u);
    EXPECT_EQ(body["errors"][0]["path"], "trl");
    EXPECT_EQ(body["errors"][0]["expected"], "an integer 1..9");
    EXPECT_EQ(body["errors"][0]["got"], "\"ten\"");
}

// A web/dist with index.html, a hashed asset, a file outside it and a symlink pointing out.
class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() / ("kc-static-" + std::to_string(::getpid()));
        fs::remove_all(base_);
        fs::create_directories(base_ / "dist" / "assets");
        Write(base_ / "dist" / "index.html", "<!doctype html><title>kc</title>");
        Write(base_ / "dist" / "assets" / "index-3f2a.js", "console.log(1)");
        Write(base_ / "dist" / "assets" / "style-9c.css", "body{}");
        Write(base_ / "dist" / "logo.svg", "<svg/>");
        Write(base_ / "secret.txt", "TOP SECRET");
        fs::create_symlink(base_ / "secret.txt", base_ / "dist" / "leak.txt");
        fs::create_directory_symlink(base_, base_ / "dist" / "up");
    }
    void TearDown() override { fs::remove_all(base_); }
    static void Write(const fs::path& path, const std::string& text) {
        std::ofstream(path) << text;
    }
    fs::path base_;
};

TEST_F(StaticFilesTest, ServesTypesAndCacheHeaders) {
    StaticFiles files(base_ / "dist");
    auto index = files.Serve("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->Header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(index->Header("Cache-Control"), "no-cache");
    auto js = files.Serve("/assets/index-3f2a.js");
    ASSERT_TRUE(js);
    EXPECT_EQ(js->body, "console.log(1)");
    EXPECT_EQ(js->Header("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(js->Header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(files.Serve("/assets/style-9c.css")->Header("Content-Type"),
              "text/css; charset=utf-8");
    EXPECT_EQ(files.Serve("/logo.svg")->Header("Content-Type"), "image/svg+xml");
}

TEST_F(StaticFilesTest, FallsBackToIndexForUnknownPagesButNotAssets) {
    StaticFiles files(base_ / "dist");
    auto page = files.Serve("/clusters/3/needs");
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find("<title>kc</title>"), std::string::npos);
    EXPECT_EQ(page->Header("Cache-Control"), "no-cache");
    EXPECT_FALSE(files.Serve("/assets/missing-1234.js"));
}

TEST_F(StaticFilesTest, NoPathEscapesTheDirectory) {
    StaticFiles files(base_ / "dist");
    for (const char* path :
         {"/../secret.txt", "/assets/../../secret.txt", "/./index.html", "/..", "/leak.txt",
          "/up/secret.txt", "/up/dist/index.html", "/..\\secret.txt", "/a\\..\\..\\secret.txt"}) {
        auto served = files.Serve(path);
        if (served) {
            EXPECT_EQ(served->body.find("TOP SECRET"), std::string::npos) << path;
        }
    }
    EXPECT_FALSE(files.Serve("/leak.txt")) << "a symlink out of the directory";
    EXPECT_FALSE(files.Serve("/../secret.txt"));
    // An absolute path is just a path under the root (and then the UI's fallback).
    auto absolute = files.Serve((base_ / "secret.txt").string());
    ASSERT_TRUE(absolute);
    EXPECT_EQ(absolute->body.find("TOP SECRET"), std::string::npos);
}

TEST(StaticFiles, DisabledWithoutDirectory) {
    StaticFiles files("/nonexistent/kc/web/dist");
    EXPECT_FALSE(files.Enabled());
    EXPECT_FALSE(files.Serve("/"));
}

}  // namespace
}  // namespace kc::http

namespace kc::http {
namespace {

TEST(ResponseCache, AnswersOnlyAtTheGenerationItWasComputedAndStaysBounded) {
    ResponseCache cache(4);
    EXPECT_FALSE(cache.Find("kpis/1/2004", 7).has_value());
    cache.Put("kpis/1/2004", 7, "{\"a\":1}");
    EXPECT_EQ(cache.Find("kpis/1/2004", 7).value_or(""), "{\"a\":1}");
    EXPECT_FALSE(cache.Find("kpis/1/2004", 8).has_value()) << "a newer change invalidates it";
    EXPECT_FALSE(cache.Find("kpis/1/2005", 7).has_value());
    cache.Put("kpis/1/2004", 8, "{\"a\":2}");
    EXPECT_EQ(cache.Find("kpis/1/2004", 8).value_or(""), "{\"a\":2}");
    for (int i = 0; i < 10; ++i) cache.Put("k" + std::to_string(i), 8, "x");
    EXPECT_TRUE(cache.Find("k9", 8).has_value()) << "the newest entry survives eviction";
    EXPECT_FALSE(cache.Find("k0", 8).has_value()) << "the oldest entries are dropped";
}

}  // namespace
}  // namespace kc::http
