// Server-side search: Japanese and English queries, ranking, snippets, the row policy (nothing
// unreadable is found or counted) and validation naming each bad parameter.

#include "app/search.h"

#include <gtest/gtest.h>

#include "app/test_cluster.h"
#include "app/test_store.h"

namespace kc::app {
namespace {

using core::Id;
using core::Role;
using core::Viewer;

class SearchTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(store_.ok());
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx);
        Id program = testing::AddTestProgram(**tx);
        auto x = testing::AddTestCluster(**tx, program);
        auto y = testing::AddTestCluster(**tx, program);
        cluster_x_ = x.cluster;
        cluster_y_ = y.cluster;
        company_a_ = x.company;
        company_b_ = y.company;
        university_ = x.university;

        auto seed = [&](Id cluster, Id org, std::string title, std::string abstract,
                        std::string visibility) {
            core::Seed s;
            s.cluster_id = cluster;
            s.organization_id = org;
            s.title = std::move(title);
            s.abstract = std::move(abstract);
            s.field = "energy";
            s.visibility = std::move(visibility);
            s.ip_status = "none";
            auto id = (*tx)->Add(s);
            EXPECT_TRUE(id) << id.error().ToString();
            return id ? *id : 0;
        };
        auto need = [&](Id cluster, Id org, std::string title, std::string description,
                        std::string confidentiality) {
            core::Need n;
            n.cluster_id = cluster;
            n.organization_id = org;
            n.title = std::move(title);
            n.description = std::move(description);
            n.field = "energy";
            n.confidentiality = std::move(confidentiality);
            auto id = (*tx)->Add(n);
            EXPECT_TRUE(id) << id.error().ToString();
            return id ? *id : 0;
        };
        fuel_seed_ = seed(cluster_x_, university_, "固体高分子形燃料電池の白金代替触媒",
                          "家庭用の燃料電池に使える安価な電極触媒を開発した。耐久性は従来の二倍。",
                          "public");
        english_seed_ =
            seed(cluster_x_, university_, "Proton exchange membranes",
                 "Membranes for proton exchange fuel cells that run at 120 degrees.", "public");
        other_seed_ =
            seed(cluster_x_, university_, "希少糖の大量生産", "酵素で希少糖を作る。", "public");
        private_seed_ =
            seed(cluster_y_, company_b_, "乙社の燃料電池スタック", "社外秘の燃料電池", "private");
        private_need_b_ = need(cluster_y_, company_b_, "燃料電池の劣化診断",
                               "乙社の燃料電池の秘密の課題", "private");
        cluster_need_b_ = need(cluster_y_, company_b_, "燃料電池の量産技術",
                               "クラスター内だけの燃料電池の課題", "cluster");
        public_need_a_ =
            need(cluster_x_, company_a_, "燃料電池車向けセンサ", "水素の漏れを検知", "public");
        ASSERT_TRUE((*tx)->Commit());
    }

    Viewer Company(Id org) const {
        Viewer viewer;
        viewer.roles = {Role::kCompany};
        viewer.organization_id = org;
        return viewer;
    }
    Viewer Coordinator(Id cluster) const {
        Viewer viewer;
        viewer.roles = {Role::kCoordinator};
        viewer.hq_clusters = {cluster};
        return viewer;
    }

    std::set<std::pair<std::string, Id>> Found(const Viewer& viewer, const std::string& text,
                                               SearchQuery query = {}) {
        query.text = text;
        query.limit = 100;
        auto result = Search(*store_, viewer, query);
        EXPECT_TRUE(result) << result.error().ToString();
        std::set<std::pair<std::string, Id>> out;
        if (!result) return out;
        for (const auto& hit : result->items) out.insert({hit.type, hit.id});
        EXPECT_EQ(result->total, static_cast<int64_t>(result->items.size()));
        return out;
    }

    testing::TempStore store_{"kc-search"};
    Id cluster_x_ = 0, cluster_y_ = 0, company_a_ = 0, company_b_ = 0, university_ = 0;
    Id fuel_seed_ = 0, english_seed_ = 0, other_seed_ = 0, private_seed_ = 0;
    Id private_need_b_ = 0, cluster_need_b_ = 0, public_need_a_ = 0;
    Id proposal_ = 0;
};

TEST_F(SearchTest, AJapaneseWordFindsTheSeedWithASnippetAroundIt) {
    SearchQuery query;
    query.text = "燃料電池";
    query.types = {"seed"};
    auto result = Search(*store_, Company(company_a_), query);
    ASSERT_TRUE(result) << result.error().ToString();
    ASSERT_FALSE(result->items.empty());
    const SearchHit& best = result->items.front();
    EXPECT_EQ(best.type, "seed");
    EXPECT_EQ(best.id, fuel_seed_);
    EXPECT_EQ(best.title, "固体高分子形燃料電池の白金代替触媒");
    EXPECT_NE(best.snippet.find("燃料電池"), std::string::npos) << best.snippet;
    EXPECT_GT(best.score, 0);
    for (const auto& hit : result->items) {
        EXPECT_NE(hit.id, other_seed_) << "希少糖 has nothing to do with fuel cells";
        EXPECT_NE(hit.id, private_seed_) << "another company's private seed";
    }
}

TEST_F(SearchTest, EnglishWordsAreStemmed) {
    SearchQuery query;
    query.types = {"seed"};
    auto found = Found(Company(company_a_), "fuel cell membrane", query);
    EXPECT_TRUE(found.contains({"seed", english_seed_}));
    EXPECT_FALSE(found.contains({"seed", other_seed_}));
}

TEST_F(SearchTest, NeedsFollowTheirConfidentiality) {
    const std::pair<std::string, Id> private_b{"need", private_need_b_};
    const std::pair<std::string, Id> cluster_b{"need", cluster_need_b_};
    const std::pair<std::string, Id> public_a{"need", public_need_a_};
    auto a = Found(Company(company_a_), "燃料電池");
    EXPECT_FALSE(a.contains(private_b)) << "company A sees company B's private need";
    EXPECT_FALSE(a.contains(cluster_b));
    EXPECT_TRUE(a.contains(public_a));
    auto b = Found(Company(company_b_), "燃料電池");
    EXPECT_TRUE(b.contains(private_b));
    EXPECT_TRUE(b.contains(cluster_b));
    EXPECT_TRUE(b.contains({"seed", private_seed_})) << "its own private seed";
    auto x = Found(Coordinator(cluster_x_), "燃料電池");
    EXPECT_FALSE(x.contains(cluster_b)) << "a coordinator of X sees Y's cluster-only need";
    EXPECT_FALSE(x.contains(private_b));
    EXPECT_FALSE(x.contains({"seed", private_seed_}));
    auto y = Found(Coordinator(cluster_y_), "燃料電池");
    EXPECT_TRUE(y.contains(cluster_b));
    EXPECT_TRUE(y.contains(private_b));
    auto admin = Found(testing::AdminViewer(), "燃料電池");
    EXPECT_TRUE(admin.contains(private_b));
}

TEST_F(SearchTest, TheTotalCountsOnlyReadableRecords) {
    SearchQuery query;
    query.text = "燃料電池";
    query.limit = 1;
    auto company = Search(*store_, Company(company_a_), query);
    auto admin = Search(*store_, testing::AdminViewer(), query);
    ASSERT_TRUE(company && admin);
    EXPECT_EQ(company->items.size(), 1u);
    // Readable to company A: the fuel seed and its public need; the admin also sees B's records.
    EXPECT_EQ(company->total, 2);
    EXPECT_EQ(admin->total, 5);
}

TEST_F(SearchTest, ClusterAndTypeFiltersNarrowTheHits) {
    SearchQuery query;
    query.cluster_id = cluster_x_;
    auto found = Found(testing::AdminViewer(), "燃料電池", query);
    EXPECT_TRUE(found.contains({"seed", fuel_seed_}));
    EXPECT_TRUE(found.contains({"need", public_need_a_}));
    EXPECT_FALSE(found.contains({"need", private_need_b_}));
    query = {};
    query.types = {"need"};
    found = Found(testing::AdminViewer(), "燃料電池", query);
    for (const auto& [type, id] : found) EXPECT_EQ(type, "need");
    query = {};
    query.types = {"organization"};
    found = Found(testing::AdminViewer(), "テスト大学", query);
    EXPECT_TRUE(found.contains({"organization", university_}));
}

TEST_F(SearchTest, ProposalsOnlyForThoseWhoMayReadThem) {
    {
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx);
        core::Call call;
        auto programs = (*tx)->List<core::Program>();
        ASSERT_TRUE(programs && !programs->empty());
        call.program_id = programs->front().id;
        call.title_ja = "公募";
        call.fiscal_year = FiscalYear{2002};
        call.kind = "selection";
        call.status = "open";
        auto call_id = (*tx)->Add(call);
        ASSERT_TRUE(call_id) << call_id.error().ToString();
        core::Proposal proposal;
        proposal.call_id = *call_id;
        proposal.title_ja = "燃料電池クラスター構想";
        proposal.field = "energy";
        proposal.status = "submitted";
        auto id = (*tx)->Add(proposal);
        ASSERT_TRUE(id) << id.error().ToString();
        proposal_ = *id;
        ASSERT_TRUE((*tx)->Commit());
    }
    SearchQuery query;
    query.types = {"proposal"};
    EXPECT_TRUE(Found(Company(company_a_), "燃料電池", query).empty());
    EXPECT_TRUE(Found(testing::AdminViewer(), "燃料電池", query)
                    .contains(std::pair<std::string, Id>{"proposal", proposal_}));
}

TEST_F(SearchTest, BadQueriesNameEveryParameter) {
    SearchQuery query;
    query.text = " \u3000 ";
    query.types = {"seed", "planet"};
    query.limit = 101;
    query.cluster_id = 999;
    auto result = Search(*store_, Company(company_a_), query);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& field : result.error().fields) fields.insert(field.path);
    EXPECT_EQ(fields, (std::set<std::string>{"q", "types", "limit", "cluster_id"}))
        << result.error().ToString();
    query = {};
    query.text = std::string(501, 'a');
    result = Search(*store_, Company(company_a_), query);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().fields.at(0).path, "q");
    query.text = "the of and";  // only stop words: nothing to look for, nothing found
    result = Search(*store_, Company(company_a_), query);
    ASSERT_TRUE(result) << result.error().ToString();
    EXPECT_EQ(result->total, 0);
}

}  // namespace
}  // namespace kc::app
