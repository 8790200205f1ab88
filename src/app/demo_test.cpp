#include "app/demo.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/demo_accounts.h"
#include "app/demo_corpus.h"
#include "app/hq.h"
#include "app/record_access.h"
#include "core/entities.h"
#include "store/store.h"

namespace kc::app {
namespace {

namespace fs = std::filesystem;
using core::Id;

// A database path in the temp directory, removed (with its WAL files) when done.
class TempDb {
  public:
    TempDb() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                fmt::format("kc_demo_test_{}_{}.db", static_cast<long>(::getpid()), counter++);
        Remove();
    }
    ~TempDb() { Remove(); }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;

    std::string path() const { return path_.string(); }

  private:
    void Remove() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            fs::remove(path_.string() + suffix, ec);
        }
    }
    fs::path path_;
};

std::unique_ptr<store::Store> OpenDb(const TempDb& db) {
    store::OpenOptions options;
    options.create = true;
    auto opened = store::OpenStore(db.path(), options);
    EXPECT_TRUE(opened.has_value()) << (opened ? "" : opened.error().ToString());
    if (!opened) return nullptr;
    return std::move(*opened);
}

template <class T>
std::vector<T> All(store::Store& store, store::Filter filter = {}) {
    auto tx = store.Begin(store::Actor{"test"});
    EXPECT_TRUE(tx.has_value()) << (tx ? "" : tx.error().ToString());
    if (!tx) return {};
    auto rows = (*tx)->List<T>(filter);
    EXPECT_TRUE(rows.has_value()) << (rows ? "" : rows.error().ToString());
    return rows ? std::move(*rows) : std::vector<T>{};
}

int64_t CountRows(store::Store& store, const core::EntityDef& def) {
    auto tx = store.Begin(store::Actor{"test"});
    if (!tx) return -1;
    auto count = (*tx)->Count(def, {});
    return count ? *count : -1;
}

std::vector<std::string> SeedTitles(store::Store& store) {
    std::vector<std::string> titles;
    for (const auto& seed : All<core::Seed>(store)) titles.push_back(seed.title);
    return titles;
}

// The scale-1 demo, loaded once for the suite.
class DemoScale1Test : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TempDb();
        store_ = OpenDb(*db_).release();
        ASSERT_NE(store_, nullptr);
        DemoOptions options;
        options.progress = [](int64_t done, int64_t total) {
            ++progress_calls_;
            EXPECT_LE(done, total);
            last_done_ = done;
            last_total_ = total;
        };
        auto start = std::chrono::steady_clock::now();
        auto summary = LoadDemo(*store_, options);
        auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
        summary_ = new DemoSummary(std::move(*summary));
        int64_t rows = 0;
        for (const auto& [name, count] : summary_->counts) rows += count;
        std::printf("scale 1: %lld rows in %.2f s\n", static_cast<long long>(rows), seconds);
    }
    static void TearDownTestSuite() {
        delete summary_;
        delete store_;
        delete db_;
        summary_ = nullptr;
        store_ = nullptr;
        db_ = nullptr;
    }

    static int64_t Summary(const std::string& entity) {
        for (const auto& [name, count] : summary_->counts) {
            if (name == entity) return count;
        }
        return 0;
    }

    static TempDb* db_;
    static store::Store* store_;
    static DemoSummary* summary_;
    static int progress_calls_;
    static int64_t last_done_, last_total_;
};

TempDb* DemoScale1Test::db_ = nullptr;
store::Store* DemoScale1Test::store_ = nullptr;
DemoSummary* DemoScale1Test::summary_ = nullptr;
int DemoScale1Test::progress_calls_ = 0;
int64_t DemoScale1Test::last_done_ = 0;
int64_t DemoScale1Test::last_total_ = 0;

TEST_F(DemoScale1Test, HasNoInvariantViolations) {
    auto violations = store_->CheckInvariants();
    ASSERT_TRUE(violations.has_value()) << violations.error().ToString();
    for (const auto& v : *violations) {
        ADD_FAILURE() << v.check << " " << v.entity << " " << v.id << ": " << v.message;
    }
    EXPECT_TRUE(violations->empty());
}

TEST_F(DemoScale1Test, OneProgrammeWithItsBudgets) {
    auto programs = All<core::Program>(*store_);
    ASSERT_EQ(programs.size(), 1u);
    EXPECT_EQ(programs[0].name_ja, "知的クラスター創成事業");
    EXPECT_EQ(programs[0].phase, "I");
    EXPECT_EQ(programs[0].start_fy.year, 2002);
    EXPECT_EQ(programs[0].end_fy.year, 2006);
    std::map<int, int64_t> budget;
    for (const auto& b : All<core::FiscalBudget>(*store_)) {
        budget[b.fiscal_year.year] = b.regular.value + b.supplementary.value;
        if (b.fiscal_year.year == 2003) {
            EXPECT_NE(b.note.find("69億円"), std::string::npos) << b.note;
        }
    }
    EXPECT_EQ(budget[2003], 7'500'000'000);
    EXPECT_EQ(budget[2004], 9'000'000'000);
    EXPECT_EQ(budget[2005], 10'000'000'000);
    EXPECT_EQ(budget[2006], 10'000'000'000);
    EXPECT_GT(budget[2002], 0);
}

TEST_F(DemoScale1Test, ThirtyFeasibilityStudies) {
    auto studies = All<core::FeasibilityStudy>(*store_);
    EXPECT_EQ(studies.size(), 30u);
    std::set<Id> regions;
    for (const auto& s : studies) {
        regions.insert(s.region_id);
        EXPECT_EQ(s.fiscal_year.year, 2001);
    }
    EXPECT_EQ(regions.size(), 30u);
}

TEST_F(DemoScale1Test, DecisionsOfTheFifteenthOfApril2002) {
    // 28 proposals from the 30 FS regions (two clusters of two regions proposed together): 10
    // full (12 regions), 6 trial, 12 rejected.
    std::map<std::string, int> outcomes;
    for (const auto& d : All<core::Decision>(*store_)) {
        if (d.decided_on == Date{2002, 4, 15}) ++outcomes[d.outcome];
    }
    EXPECT_EQ(outcomes["full"], 10);
    EXPECT_EQ(outcomes["trial"], 6);
    EXPECT_EQ(outcomes["rejected"], 12);
}

TEST_F(DemoScale1Test, ProposalsReachLegalFinalStates) {
    std::map<std::string, int> statuses;
    for (const auto& p : All<core::Proposal>(*store_)) {
        ++statuses[p.status];
        EXPECT_TRUE(p.submitted_on.has_value());
    }
    // 28 selection proposals (10 full, 3 promoted, 3 trial, 12 rejected) and 6 promotion-call
    // proposals (3 full, 3 trial).
    EXPECT_EQ(statuses["full"], 13);
    EXPECT_EQ(statuses["promoted"], 3);
    EXPECT_EQ(statuses["trial"], 6);
    EXPECT_EQ(statuses["rejected"], 12);
    EXPECT_EQ(statuses["submitted"] + statuses["under_review"] + statuses["draft"], 0);
}

TEST_F(DemoScale1Test, ClustersAfterThePromotion) {
    std::map<std::string, int> statuses;
    std::map<Id, std::string> status_of;
    for (const auto& c : All<core::Cluster>(*store_)) {
        ++statuses[c.status];
        status_of[c.id] = c.status;
        EXPECT_EQ(c.phase, "I");
        EXPECT_EQ(c.started_on, (Date{2002, 7, 1}));
    }
    EXPECT_EQ(statuses["full"], 13);
    EXPECT_EQ(statuses["trial"], 3);
    int full_regions = 0;
    int all_regions = 0;
    for (const auto& link : All<core::ClusterRegion>(*store_)) {
        ++all_regions;
        if (status_of[link.cluster_id] == "full") ++full_regions;
    }
    EXPECT_EQ(all_regions, 18);
    EXPECT_EQ(full_regions, 15);
}

TEST_F(DemoScale1Test, ThreePromotionsFundedBySupplementaryBudget) {
    auto promotions = All<core::Promotion>(*store_);
    ASSERT_EQ(promotions.size(), 3u);
    std::map<Id, std::string> names;
    for (const auto& c : All<core::Cluster>(*store_)) names[c.id] = c.name_ja;
    std::set<std::string> promoted;
    for (const auto& p : promotions) {
        EXPECT_EQ(p.decided_on.year, 2003);
        EXPECT_EQ(p.decided_on.month, 2);
        EXPECT_EQ(p.effective_fy.year, 2003);
        EXPECT_NE(p.funding_source.find("補正"), std::string::npos);
        promoted.insert(names[p.cluster_id]);
    }
    EXPECT_TRUE(promoted.contains("とやま医薬バイオクラスター"));
    EXPECT_TRUE(promoted.contains("愛知・名古屋ナノテクものづくりクラスター"));
    EXPECT_TRUE(promoted.contains("徳島健康・医療クラスター"));
}

TEST_F(DemoScale1Test, EachClusterHasItsHeadquarters) {
    std::map<Id, std::map<std::string, int>> roles;
    for (const auto& p : All<core::Position>(*store_)) ++roles[p.cluster_id][p.role];
    auto clusters = All<core::Cluster>(*store_);
    ASSERT_EQ(clusters.size(), 16u);
    for (const auto& c : clusters) {
        auto& r = roles[c.id];
        EXPECT_EQ(r["director"], 1) << c.name_ja;
        EXPECT_EQ(r["program_manager"], 1) << c.name_ja;
        EXPECT_GE(r["coordinator"], 2) << c.name_ja;
        EXPECT_LE(r["coordinator"], 7) << c.name_ja;
        EXPECT_GE(r["research_director"], 1) << c.name_ja;
        EXPECT_LE(r["research_director"], 2) << c.name_ja;
        EXPECT_GE(r["patent_attorney"], 1) << c.name_ja;
    }
}

TEST_F(DemoScale1Test, SeedsAndNeedsPerCluster) {
    std::map<Id, int> seeds, needs, english;
    int total = 0;
    for (const auto& s : All<core::Seed>(*store_)) {
        ASSERT_TRUE(s.cluster_id.has_value());
        ++seeds[*s.cluster_id];
        ++total;
        if (!s.title_en.empty()) ++english[0];
        EXPECT_FALSE(s.title.empty());
        EXPECT_TRUE(s.abstract.ends_with("。")) << s.abstract;
        EXPECT_GE(s.keywords.size(), 3u);
        ASSERT_TRUE(s.trl.has_value());
        EXPECT_GE(*s.trl, 2);
        EXPECT_LE(*s.trl, 7);
    }
    for (const auto& n : All<core::Need>(*store_)) {
        ASSERT_TRUE(n.cluster_id.has_value());
        ++needs[*n.cluster_id];
        EXPECT_TRUE(n.description.ends_with("。")) << n.description;
    }
    for (const auto& c : All<core::Cluster>(*store_)) {
        EXPECT_GE(seeds[c.id], 50) << c.name_ja;
        EXPECT_LE(seeds[c.id], 200) << c.name_ja;
        EXPECT_GE(needs[c.id], 20) << c.name_ja;
        EXPECT_LE(needs[c.id], 80) << c.name_ja;
    }
    // About 30% of the seeds have an English title.
    EXPECT_GT(english[0] * 100, total * 20);
    EXPECT_LT(english[0] * 100, total * 40);
}

TEST_F(DemoScale1Test, PatentMagnitudesOfFullClusters) {
    std::map<Id, Id> cluster_of_invention;
    for (const auto& i : All<core::Invention>(*store_)) cluster_of_invention[i.id] = i.cluster_id;
    std::map<Id, int> applications;
    int pct = 0;
    for (const auto& a : All<core::PatentApplication>(*store_)) {
        ++applications[cluster_of_invention[a.invention_id]];
        if (a.office == "pct") {
            ++pct;
            ASSERT_TRUE(a.priority_date.has_value());
            EXPECT_LE(*a.priority_date, a.filing_date);
        }
    }
    EXPECT_GT(pct, 0);
    for (const auto& c : All<core::Cluster>(*store_)) {
        if (c.status != "full") continue;
        EXPECT_GE(applications[c.id], 60) << c.name_ja;
        EXPECT_LE(applications[c.id], 220) << c.name_ja;
    }
    EXPECT_GT(CountRows(*store_, core::Licence::Def()), 0);
}

TEST_F(DemoScale1Test, MidTermEvaluationsOfFullClusters) {
    auto evaluations = All<core::ClusterEvaluation>(*store_);
    EXPECT_EQ(evaluations.size(), 13u);
    for (const auto& e : evaluations) {
        EXPECT_EQ(e.kind, "mid_term");
        EXPECT_EQ(e.stage, "graded");
        EXPECT_FALSE(e.overall_grade.empty());
    }
    EXPECT_EQ(CountRows(*store_, core::EvaluationGrade::Def()), 13 * 6);
}

TEST_F(DemoScale1Test, EveryPersonIsFictional) {
    std::set<std::string> full_names;
    for (const auto& p : All<core::Person>(*store_)) {
        full_names.insert(p.family_name + p.given_name);
        EXPECT_TRUE(p.meta.sample);
        EXPECT_FALSE(p.family_name_kana.empty());
        EXPECT_FALSE(p.name_en.empty());
    }
    for (const char* real :
         {"山本強", "白井汪芳", "柴田義文", "岸本忠三", "井村裕夫", "竹中修", "安浦寛人"}) {
        EXPECT_FALSE(full_names.contains(real)) << real;
    }
    for (std::string_view real : demo::RealPeopleNames()) {
        EXPECT_FALSE(full_names.contains(std::string(real))) << real;
    }
}

TEST_F(DemoScale1Test, SourcedRowsCarryTheirUrl) {
    for (const auto& r : All<core::Region>(*store_)) {
        if (!r.meta.sample) {
            EXPECT_TRUE(r.source.starts_with("http")) << r.name_ja;
        }
    }
    for (const auto& c : All<core::Cluster>(*store_)) {
        if (!c.meta.sample) {
            EXPECT_TRUE(c.source.starts_with("http")) << c.name_ja;
        }
    }
    int generated_not_sample = 0;
    for (const auto& s : All<core::Seed>(*store_)) generated_not_sample += s.meta.sample ? 0 : 1;
    EXPECT_EQ(generated_not_sample, 0);
}

TEST_F(DemoScale1Test, SummaryMatchesTheDatabase) {
    for (const char* entity : {"seed", "need", "person", "grant", "ledger_entry", "match"}) {
        EXPECT_EQ(Summary(entity), CountRows(*store_, *core::FindEntity(entity))) << entity;
    }
    EXPECT_GT(progress_calls_, 1);
    EXPECT_EQ(last_done_, last_total_);
}

TEST_F(DemoScale1Test, SameSeedSameDataOtherSeedOtherData) {
    std::vector<std::string> first = SeedTitles(*store_);
    ASSERT_FALSE(first.empty());
    {
        TempDb db;
        auto store = OpenDb(db);
        ASSERT_NE(store, nullptr);
        auto summary = LoadDemo(*store, DemoOptions{});
        ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
        EXPECT_EQ(SeedTitles(*store), first);
        EXPECT_EQ(summary->counts, summary_->counts);
    }
    {
        TempDb db;
        auto store = OpenDb(db);
        ASSERT_NE(store, nullptr);
        DemoOptions options;
        options.seed = 7;
        auto summary = LoadDemo(*store, options);
        ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
        EXPECT_NE(SeedTitles(*store), first);
        // The real skeleton does not depend on the seed.
        EXPECT_EQ(CountRows(*store, core::Cluster::Def()), 16);
        EXPECT_EQ(CountRows(*store, core::Promotion::Def()), 3);
    }
}

TEST(DemoTest, RefusesANonEmptyDatabaseAndWritesNothing) {
    TempDb db;
    auto store = OpenDb(db);
    ASSERT_NE(store, nullptr);
    {
        auto tx = store->Begin(store::Actor{"test"});
        ASSERT_TRUE(tx.has_value());
        core::Program program;
        program.name_ja = "既存の事業";
        program.start_fy = FiscalYear{2010};
        program.end_fy = FiscalYear{2012};
        ASSERT_TRUE((*tx)->Add(program).has_value());
        ASSERT_TRUE((*tx)->Commit().has_value());
    }
    auto summary = LoadDemo(*store, DemoOptions{});
    ASSERT_FALSE(summary.has_value());
    EXPECT_EQ(summary.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_TRUE(summary.error().message.starts_with("database is not empty"))
        << summary.error().message;
    EXPECT_EQ(CountRows(*store, core::Program::Def()), 1);
    EXPECT_EQ(CountRows(*store, core::Region::Def()), 0);
    EXPECT_EQ(CountRows(*store, core::Seed::Def()), 0);
}

TEST(DemoTest, RejectsABadScale) {
    TempDb db;
    auto store = OpenDb(db);
    ASSERT_NE(store, nullptr);
    DemoOptions options;
    options.scale = 0;
    auto summary = LoadDemo(*store, options);
    ASSERT_FALSE(summary.has_value());
    EXPECT_EQ(summary.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(CountRows(*store, core::Program::Def()), 0);
}

TEST(DemoTest, ScaleTwoIsNationalSizedAndHealthy) {
    TempDb db;
    auto store = OpenDb(db);
    ASSERT_NE(store, nullptr);
    DemoOptions options;
    options.scale = 2;
    auto start = std::chrono::steady_clock::now();
    auto summary = LoadDemo(*store, options);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
    int64_t seeds = CountRows(*store, core::Seed::Def());
    int64_t needs = CountRows(*store, core::Need::Def());
    int64_t people = CountRows(*store, core::Person::Def());
    std::printf("scale 2: %lld seeds, %lld needs, %lld people in %.2f s\n",
                static_cast<long long>(seeds), static_cast<long long>(needs),
                static_cast<long long>(people), seconds);
    EXPECT_GE(seeds, 19'000);
    EXPECT_LE(seeds, 25'000);
    EXPECT_GE(needs, 1'900);
    EXPECT_LE(needs, 3'000);
    EXPECT_GE(people, 1'900);
    EXPECT_LE(people, 4'000);
    // 16 phase-I clusters plus 2/2 + 18 synthetic ones.
    EXPECT_EQ(CountRows(*store, core::Cluster::Def()), 16 + 19);
    auto violations = store->CheckInvariants();
    ASSERT_TRUE(violations.has_value()) << violations.error().ToString();
    for (const auto& v : *violations) {
        ADD_FAILURE() << v.check << " " << v.entity << " " << v.id << ": " << v.message;
    }
}

TEST(DemoCorpusTest, NamesAreNeverRealPeople) {
    demo::Rng rng(1);
    demo::PersonName name;
    std::set<std::string_view> real(demo::RealPeopleNames().begin(), demo::RealPeopleNames().end());
    for (int i = 0; i < 20'000; ++i) {
        demo::RandomPersonName(rng, name);
        ASSERT_FALSE(real.contains(name.family + name.given)) << name.family << name.given;
        ASSERT_FALSE(name.romaji_family.empty());
    }
}

TEST(DemoCorpusTest, RngIsTheStandardEngine) {
    // std::mt19937_64's 10000th output is fixed by the standard: the generator never depends on
    // library-specific distributions.
    demo::Rng rng(5489u);
    uint64_t value = 0;
    for (int i = 0; i < 10'000; ++i) value = rng.Next();
    EXPECT_EQ(value, 9981545732273789042ULL);
}

TEST(DemoCorpusTest, EveryTopicBuildsTexts) {
    demo::Rng rng(3);
    demo::SeedText seed;
    demo::NeedText need;
    ASSERT_EQ(demo::Topics().size(), static_cast<size_t>(demo::kTopicCount));
    for (const auto& topic : demo::Topics()) {
        for (const auto& theme : topic.need_themes) {
            ASSERT_LT(static_cast<size_t>(theme.seed_theme), topic.seed_themes.size()) << topic.key;
        }
        for (int i = 0; i < 50; ++i) {
            demo::MakeSeedText(rng, topic, demo::PickSeed(rng, topic), 2 + i % 6, true, seed);
            EXPECT_FALSE(seed.title.empty());
            EXPECT_FALSE(seed.title_en.empty());
            EXPECT_TRUE((seed.title_en[0] >= 'A' && seed.title_en[0] <= 'Z') ||
                        (seed.title_en[0] >= '0' && seed.title_en[0] <= '9'))
                << seed.title_en;
            demo::MakeNeedText(rng, topic, demo::PickNeed(rng, topic), true, need);
            EXPECT_FALSE(need.title.empty());
            EXPECT_GE(need.keywords.size(), 2u);
        }
    }
}

}  // namespace
}  // namespace kc::app

namespace kc::app {
namespace {

TEST_F(DemoScale1Test, DemoAccountsSignInAsPeopleHoldingTheirRoles) {
    AccountPolicy cheap;
    cheap.ops_limit = 1;
    cheap.mem_limit = 8192;
    auto accounts = CreateDemoAccounts(*store_, cheap);
    ASSERT_TRUE(accounts.has_value()) << accounts.error().ToString();
    ASSERT_EQ(accounts->size(), 12u);
    std::set<std::string> passwords;
    for (const auto& account : *accounts) {
        passwords.insert(account.password);
        EXPECT_EQ(account.password.size(), 18u);
        auto session = Login(*store_, account.login, account.password, "127.0.0.1", cheap);
        ASSERT_TRUE(session.has_value()) << account.login << ": " << session.error().ToString();
        const core::Viewer& viewer = session->principal.viewer;
        EXPECT_TRUE(viewer.Has(account.role)) << account.login;
        switch (account.role) {
            case core::Role::kHqDirector:
            case core::Role::kCoordinator:
            case core::Role::kAdviser:
            case core::Role::kProgramManager:
            case core::Role::kResearchDirector:
                ASSERT_TRUE(account.person_id.has_value()) << account.login;
                EXPECT_FALSE(viewer.hq_clusters.empty())
                    << account.login << " holds no HQ post today";
                break;
            case core::Role::kReviewer:
                EXPECT_TRUE(account.person_id.has_value()) << account.login;
                break;
            case core::Role::kResearcher: {
                ASSERT_TRUE(account.person_id.has_value()) << account.login;
                int owned = 0;
                for (const auto& seed : All<core::Seed>(*store_)) {
                    owned += seed.owner_id == account.person_id ? 1 : 0;
                }
                EXPECT_GT(owned, 0)
                    << "the demo researcher (person " << *account.person_id << ") owns no seed";
                break;
            }
            case core::Role::kCompany: {
                ASSERT_TRUE(account.person_id.has_value()) << account.login;
                ASSERT_TRUE(viewer.organization_id.has_value());
                int confidential = 0;
                for (const auto& need : All<core::Need>(*store_)) {
                    confidential += need.organization_id == *viewer.organization_id &&
                                            need.confidentiality != "public"
                                        ? 1
                                        : 0;
                }
                EXPECT_GT(confidential, 0) << "the demo company has no confidential need";
                break;
            }
            default:
                break;
        }
    }
    EXPECT_EQ(passwords.size(), 12u) << "every password is drawn afresh";
}

}  // namespace
}  // namespace kc::app

namespace kc::app {
namespace {

// Every id of `entity` ListVisibleRecords gives the viewer, page by page.
std::vector<core::Id> ListedIds(store::Store& store, const core::Viewer& viewer,
                                const std::string& entity) {
    std::vector<core::Id> ids;
    RecordQuery query;
    query.limit = 1000;
    for (;;) {
        auto page = ListVisibleRecords(store, viewer, entity, query);
        EXPECT_TRUE(page.has_value()) << entity << ": " << page.error().ToString();
        if (!page) return ids;
        for (const auto& record : page->items) ids.push_back(record.GetId());
        query.offset += query.limit;
        if (query.offset >= page->total) return ids;
    }
}

// ListVisibleRecords puts the row-level policy into the query; ShowVisibleRecord (and the
// reference ReadableIdsRowByRow) decide row by row with core/policy.h. On the demo, for every
// account and for viewers built to own private rows, both must give exactly the same rows of every
// entity with a row rule.
TEST_F(DemoScale1Test, ListAgreesWithRowByRowPolicyForEveryAccount) {
    AccountPolicy cheap;
    cheap.ops_limit = 1;
    cheap.mem_limit = 8192;
    std::vector<std::pair<std::string, core::Viewer>> viewers;
    // The demo accounts as signing in makes them (another test of this process may have made
    // the accounts already).
    auto existing = ListUsers(*store_);
    ASSERT_TRUE(existing.has_value());
    if (existing->empty()) {
        ASSERT_TRUE(CreateDemoAccounts(*store_, cheap).has_value());
    }
    auto accounts = ListUsers(*store_);
    ASSERT_TRUE(accounts.has_value());
    for (const auto& account : *accounts) {
        auto viewer = ViewerOf(*store_, {account.roles.begin(), account.roles.end()},
                               account.person_id, TodayTokyo());
        ASSERT_TRUE(viewer.has_value()) << account.login;
        viewers.emplace_back(account.login, *viewer);
    }
    auto needs = All<core::Need>(*store_);
    auto inventors = All<core::Inventor>(*store_);
    auto conflicts = All<core::Conflict>(*store_);
    auto partners = All<core::ProjectPartner>(*store_);
    for (const auto& need : needs) {
        if (need.confidentiality == "public") continue;
        core::Viewer company;
        company.roles = {core::Role::kCompany};
        company.organization_id = need.organization_id;
        viewers.emplace_back("company owning a private need", company);
        core::Viewer coordinator;
        coordinator.roles = {core::Role::kCoordinator};
        if (need.cluster_id) coordinator.hq_clusters = {*need.cluster_id};
        viewers.emplace_back("coordinator of a private need's cluster", coordinator);
        break;
    }
    ASSERT_GE(viewers.size(), accounts->size() + 2) << "the demo has no private need";
    if (!inventors.empty()) {
        core::Viewer researcher;
        researcher.roles = {core::Role::kResearcher};
        researcher.person_id = inventors.front().person_id;
        viewers.emplace_back("an inventor", researcher);
    }
    if (!conflicts.empty()) {
        auto viewer = ViewerOf(*store_, {core::Role::kReviewer}, conflicts.front().person_id,
                               Date{2003, 1, 1});
        ASSERT_TRUE(viewer.has_value());
        viewers.emplace_back("a reviewer with a conflict", *viewer);
    }
    if (!partners.empty()) {
        core::Viewer partner;
        partner.roles = {core::Role::kCompany};
        partner.organization_id = partners.front().organization_id;
        viewers.emplace_back("a project partner", partner);
    }

    int compared = 0;
    for (const core::EntityDef* def : core::AllEntities()) {
        if (!ServedGenerically(*def)) continue;
        for (const auto& [who, viewer] : viewers) {
            auto reference = ReadableIdsRowByRow(*store_, viewer, def->name);
            if (!reference) {
                EXPECT_EQ(reference.error().code, ErrorCode::kPermissionDenied) << who;
                continue;
            }
            EXPECT_EQ(ListedIds(*store_, viewer, def->name), *reference)
                << def->name << " as " << who;
            ++compared;
        }
    }
    EXPECT_GT(compared, 100);
}

}  // namespace
}  // namespace kc::app
