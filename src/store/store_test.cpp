#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/entities.h"
#include "store/migrations.h"
#include "store/test_database.h"

namespace kc::store {
namespace {

using core::Organization;
using core::Person;
using core::Program;
using core::Proposal;
using core::Record;
using core::Region;
using core::Seed;
using core::Value;
using testing::Backend;
using testing::TestDatabase;

#define KC_TEST_CONCAT_INNER(a, b) a##b
#define KC_TEST_CONCAT(a, b) KC_TEST_CONCAT_INNER(a, b)

// `ASSERT_OK_AND_ASSIGN(auto x, Compute());` declares x from a Result or fails the test.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
    ASSERT_OK_AND_ASSIGN_IMPL(KC_TEST_CONCAT(result_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr)                            \
    auto tmp = (expr);                                                       \
    ASSERT_TRUE(tmp.has_value()) << #expr << ": " << tmp.error().ToString(); \
    lhs = std::move(*tmp)

#define ASSERT_OK(expr)                                                                        \
    do {                                                                                       \
        auto&& kc_status_ = (expr);                                                            \
        ASSERT_TRUE(kc_status_.has_value()) << #expr << ": " << kc_status_.error().ToString(); \
    } while (0)

constexpr const char* kMorning = "2026-04-01T09:00:00+09:00";
constexpr const char* kLater = "2026-05-02T17:30:00+09:00";

std::string UniqueDbPath(std::string_view suffix = "") {
    static int counter = 0;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("kc_store_test_") + info->test_suite_name() + "_" +
                       info->name() + "_" + std::to_string(getpid()) + "_" +
                       std::to_string(++counter) + std::string(suffix) + ".db";
    std::replace(name.begin(), name.end(), '/', '_');  // Sqlite/SqliteStoreTest.X/Sqlite
    return (std::filesystem::path(::testing::TempDir()) / name).string();
}

void RemoveDb(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path + suffix, ec);
    }
}

std::string QueryText(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::string value;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
            value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

Region MakeRegion(std::string name_ja, std::string name_en = "") {
    Region region;
    region.name_ja = std::move(name_ja);
    region.name_en = std::move(name_en);
    region.prefecture = "北海道";
    return region;
}

Organization MakeOrganization(std::string name_ja, core::OptId region_id = std::nullopt) {
    Organization organization;
    organization.name_ja = std::move(name_ja);
    organization.kind = "university";
    organization.region_id = region_id;
    return organization;
}

Seed MakeSeed(core::Id organization_id, std::string title, std::string field = "it") {
    Seed seed;
    seed.organization_id = organization_id;
    seed.title = std::move(title);
    seed.field = std::move(field);
    seed.ip_status = "none";
    seed.visibility = "cluster";
    return seed;
}

// Record values without the store's timestamps, to compare what was written with what is read.
std::vector<Value> WithoutTimestamps(Record record) {
    record.Set("created_at", Value{});
    record.Set("updated_at", Value{});
    return record.values;
}

const FieldError* FindField(const Error& error, std::string_view path) {
    for (const auto& field : error.fields) {
        if (field.path == path) return &field;
    }
    return nullptr;
}

// The contract suite: every TEST_P of StoreTest runs on SQLite and on PostgreSQL.
class StoreTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        unsetenv("KC_FIXED_NOW");
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (HasFailure()) return;
        if (!db_->available()) GTEST_SKIP() << testing::kNoPgMessage;
        path_ = db_->location();
        OpenOptions options;
        options.create = true;
        auto opened = OpenStore(path_, options);
        ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
        store_ = std::move(*opened);
    }

    void TearDown() override {
        store_.reset();
        db_.reset();
        for (const auto& extra : extra_paths_) RemoveDb(extra);
        unsetenv("KC_FIXED_NOW");
    }

    std::unique_ptr<Transaction> Begin(std::string actor = "test") {
        auto tx = store_->Begin(Actor{std::move(actor)});
        EXPECT_TRUE(tx.has_value()) << tx.error().ToString();
        return tx ? std::move(*tx) : nullptr;
    }

    // Inserts and commits one region, one organization in it and one person there.
    void AddBasics() {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(region_id_, tx->Add(MakeRegion("札幌", "Sapporo")));
        ASSERT_OK_AND_ASSIGN(organization_id_, tx->Add(MakeOrganization("北海道大学", region_id_)));
        Person person;
        person.family_name = "山田";
        person.given_name = "太郎";
        person.name_en = "Taro Yamada";
        person.organization_id = organization_id_;
        ASSERT_OK_AND_ASSIGN(person_id_, tx->Add(person));
        ASSERT_OK(tx->Commit());
    }

    // A programme, a call and a draft proposal (committed).
    void AddProposal() {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        Program program;
        program.name_ja = "知的クラスター創成事業";
        program.start_fy = FiscalYear{2002};
        program.end_fy = FiscalYear{2006};
        ASSERT_OK_AND_ASSIGN(core::Id program_id, tx->Add(program));
        core::Call call;
        call.program_id = program_id;
        call.fiscal_year = FiscalYear{2002};
        call.title_ja = "平成14年度 事業実施地域の選定";
        call.kind = "selection";
        call.status = "open";
        ASSERT_OK_AND_ASSIGN(core::Id call_id, tx->Add(call));
        Proposal proposal;
        proposal.call_id = call_id;
        proposal.title_ja = "札幌ITカロッツェリア";
        proposal.field = "it";
        proposal.status = "draft";
        ASSERT_OK_AND_ASSIGN(proposal_id_, tx->Add(proposal));
        ASSERT_OK(tx->Commit());
    }

    int64_t CountOf(const core::EntityDef& def) {
        auto tx = Begin();
        if (!tx) return -1;
        auto count = tx->Count(def, {});
        EXPECT_TRUE(count.has_value()) << count.error().ToString();
        return count.value_or(-1);
    }

    std::unique_ptr<TestDatabase> db_;
    std::string path_;
    std::vector<std::string> extra_paths_;
    std::unique_ptr<Store> store_;
    core::Id region_id_ = 0;
    core::Id organization_id_ = 0;
    core::Id person_id_ = 0;
    core::Id proposal_id_ = 0;
};

// SQLite-file behaviour (creating, reopening, copying files), on SQLite only.
class SqliteStoreTest : public StoreTest {};

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values(Backend::kSqlite),
                         testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(Backend::kPostgres),
                         testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteStoreTest, ::testing::Values(Backend::kSqlite),
                         testing::BackendName);

// ---------------------------------------------------------------------------------------------
// Opening and migrations

TEST_P(StoreTest, MigratesAnEmptyDatabaseToTheLatestVersion) {
    ASSERT_FALSE(SqliteMigrations().empty());
    EXPECT_EQ(store_->LatestSchemaVersion(), SqliteMigrations().back().version);
    ASSERT_OK_AND_ASSIGN(int version, store_->SchemaVersion());
    EXPECT_EQ(version, store_->LatestSchemaVersion());
    EXPECT_GE(version, 1);
    EXPECT_NE(store_->Describe().find(path_), std::string::npos) << store_->Describe();
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM schema_version"),
              static_cast<int64_t>(SqliteMigrations().size()));
    EXPECT_EQ(CountOf(Region::Def()), 0);
}

TEST_P(SqliteStoreTest, ReopeningDoesNotMigrateAgain) {
    store_.reset();
    RemoveDb(path_);
    setenv("KC_FIXED_NOW", kMorning, 1);
    OpenOptions options;
    options.create = true;
    auto created = OpenStore(path_, options);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
    store_ = std::move(*created);
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    store_.reset();

    setenv("KC_FIXED_NOW", kLater, 1);
    options.create = false;
    auto reopened = OpenStore(path_, options);
    ASSERT_TRUE(reopened.has_value()) << reopened.error().ToString();
    store_ = std::move(*reopened);
    ASSERT_OK_AND_ASSIGN(int version, store_->SchemaVersion());
    EXPECT_EQ(version, store_->LatestSchemaVersion());
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM schema_version"),
              static_cast<int64_t>(SqliteMigrations().size()));
    EXPECT_EQ(QueryText(path_, "SELECT applied_at FROM schema_version WHERE version = 1"),
              kMorning);
    EXPECT_EQ(CountOf(Region::Def()), 1);
    ASSERT_OK(store_->Migrate());  // nothing pending: a no-op
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM schema_version"),
              static_cast<int64_t>(SqliteMigrations().size()));
}

TEST_P(SqliteStoreTest, OpensWithoutMigratingWhenAskedAndMigratesLater) {
    std::string other = UniqueDbPath("_nomigrate");
    extra_paths_.push_back(other);
    OpenOptions options;
    options.create = true;
    options.migrate = false;
    auto opened = OpenStore(other, options);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    std::unique_ptr<Store> fresh = std::move(*opened);
    ASSERT_OK_AND_ASSIGN(int before, fresh->SchemaVersion());
    EXPECT_EQ(before, 0);
    ASSERT_OK(fresh->Migrate());
    ASSERT_OK_AND_ASSIGN(int after, fresh->SchemaVersion());
    EXPECT_EQ(after, fresh->LatestSchemaVersion());
}

TEST_P(StoreTest, RefusesADatabaseNewerThanThisBinary) {
    store_.reset();
    ASSERT_EQ(db_->ExecRaw("INSERT INTO schema_version (version, name, applied_at) VALUES "
                           "(9999, '9999_future.sql', '2030-01-01T00:00:00+09:00')"),
              "");
    OpenOptions options;
    auto opened = OpenStore(path_, options);
    ASSERT_FALSE(opened.has_value()) << "a newer schema must not be opened for writing";
    EXPECT_EQ(opened.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(opened.error().message.find("upgrade kcluster"), std::string::npos)
        << opened.error().message;

    options.migrate = false;
    auto unmigrated = OpenStore(path_, options);
    ASSERT_TRUE(unmigrated.has_value()) << unmigrated.error().ToString();
    store_ = std::move(*unmigrated);
    ASSERT_OK_AND_ASSIGN(int version, store_->SchemaVersion());
    EXPECT_EQ(version, 9999);
    auto migrated = store_->Migrate();
    ASSERT_FALSE(migrated.has_value());
    EXPECT_EQ(migrated.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(SqliteStoreTest, MissingFileWithoutCreateIsNotFound) {
    std::string missing = UniqueDbPath("_missing");
    extra_paths_.push_back(missing);
    OpenOptions options;
    auto opened = OpenStore(missing, options);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
    EXPECT_NE(opened.error().message.find("kcluster db init"), std::string::npos)
        << opened.error().message;
    EXPECT_FALSE(std::filesystem::exists(missing)) << "opening must not create the file";
}

TEST_P(SqliteStoreTest, FileThatIsNotSqliteIsAnErrorNotACrash) {
    std::string bogus = UniqueDbPath("_bogus");
    extra_paths_.push_back(bogus);
    {
        std::ofstream out(bogus, std::ios::binary);
        out << "hello";
    }
    for (bool create : {false, true}) {
        OpenOptions options;
        options.create = create;
        auto opened = OpenStore(bogus, options);
        ASSERT_FALSE(opened.has_value()) << "create=" << create;
        EXPECT_NE(opened.error().code, ErrorCode::kNotFound) << opened.error().message;
        EXPECT_NE(opened.error().message.find(bogus), std::string::npos) << opened.error().message;
    }
    // The file is left as it was.
    std::ifstream in(bogus, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, "hello");
}

TEST(OpenStoreTest, UnreachablePostgresIsUnavailableAndHidesThePassword) {
    OpenOptions options;
    for (const char* uri : {"postgresql://kc:s3cret@127.0.0.1:1/kcluster",
                            "host=127.0.0.1 port=1 dbname=kc user=kc password=s3cret"}) {
        auto opened = OpenStore(uri, options);
        ASSERT_FALSE(opened.has_value()) << uri;
        EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << uri;
        EXPECT_EQ(opened.error().message.find("s3cret"), std::string::npos)
            << opened.error().message;
        EXPECT_NE(opened.error().message.find("***"), std::string::npos) << opened.error().message;
    }
    EXPECT_FALSE(std::filesystem::exists("postgresql:"));
}

TEST(OpenStoreTest, EmptyLocationIsInvalidArgument) {
    OpenOptions options;
    options.create = true;
    auto opened = OpenStore("", options);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Insert and read

TEST_P(StoreTest, InsertAssignsIdsAndGetReadsThemBack) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(core::Id first, tx->Add(MakeRegion("札幌", "Sapporo")));
    ASSERT_OK_AND_ASSIGN(core::Id second, tx->Add(MakeRegion("仙台", "Sendai")));
    EXPECT_EQ(first, 1);
    EXPECT_EQ(second, 2);
    ASSERT_OK(tx->Commit());
    tx.reset();

    tx = Begin();
    ASSERT_OK_AND_ASSIGN(Region region, tx->Get<Region>(second));
    EXPECT_EQ(region.id, second);
    EXPECT_EQ(region.name_ja, "仙台");
    EXPECT_EQ(region.name_en, "Sendai");
    EXPECT_EQ(region.prefecture, "北海道");
    EXPECT_FALSE(region.meta.created_at.empty());
    EXPECT_EQ(region.meta.created_at, region.meta.updated_at);
}

TEST_P(StoreTest, InsertKeepsAGivenId) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Region region = MakeRegion("富山");
    region.id = 42;
    ASSERT_OK_AND_ASSIGN(core::Id given, tx->Add(region));
    EXPECT_EQ(given, 42);
    ASSERT_OK_AND_ASSIGN(core::Id next, tx->Add(MakeRegion("高岡")));
    EXPECT_EQ(next, 43);
    ASSERT_OK_AND_ASSIGN(Region back, tx->Get<Region>(42));
    EXPECT_EQ(back.name_ja, "富山");
}

TEST_P(StoreTest, InsertOfATakenIdIsConflict) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Region region = MakeRegion("富山");
    region.id = 7;
    ASSERT_OK(tx->Add(region));
    ASSERT_OK(tx->Commit());
    tx.reset();

    tx = Begin();
    Region duplicate = MakeRegion("金沢");
    duplicate.id = 7;
    auto inserted = tx->Add(duplicate);
    ASSERT_FALSE(inserted.has_value());
    EXPECT_EQ(inserted.error().code, ErrorCode::kConflict);
    EXPECT_NE(inserted.error().message.find("7"), std::string::npos) << inserted.error().message;
    ASSERT_OK_AND_ASSIGN(Region kept, tx->Get<Region>(7));
    EXPECT_EQ(kept.name_ja, "富山");
}

TEST_P(StoreTest, InsertWithADanglingReferenceNamesTheField) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    auto inserted = tx->Add(MakeSeed(999, "光触媒"));
    ASSERT_FALSE(inserted.has_value());
    EXPECT_EQ(inserted.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(inserted.error().fields.size(), 1u) << inserted.error().ToString();
    EXPECT_EQ(inserted.error().fields[0].path, "organization_id");
    EXPECT_NE(inserted.error().fields[0].got.find("999"), std::string::npos)
        << inserted.error().fields[0].got;
    ASSERT_OK_AND_ASSIGN(int64_t count, tx->Count(Seed::Def(), {}));
    EXPECT_EQ(count, 0);
}

TEST_P(StoreTest, InsertReportsValidationAndReferenceErrorsTogether) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Seed seed = MakeSeed(organization_id_, "");
    seed.trl = 12;
    seed.cluster_id = 77;  // no such cluster
    seed.visibility = "secret";
    auto inserted = tx->Add(seed);
    ASSERT_FALSE(inserted.has_value());
    EXPECT_EQ(inserted.error().code, ErrorCode::kInvalidArgument);
    const Error& error = inserted.error();
    EXPECT_NE(FindField(error, "title"), nullptr) << error.ToString();
    EXPECT_NE(FindField(error, "trl"), nullptr) << error.ToString();
    EXPECT_NE(FindField(error, "visibility"), nullptr) << error.ToString();
    EXPECT_NE(FindField(error, "cluster_id"), nullptr) << error.ToString();
    EXPECT_EQ(error.fields.size(), 4u) << error.ToString();
    ASSERT_OK_AND_ASSIGN(int64_t count, tx->Count(Seed::Def(), {}));
    EXPECT_EQ(count, 0);
}

TEST_P(StoreTest, TypedSeedRoundTripsThroughTheStore) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    Seed seed = MakeSeed(organization_id_, "高効率光触媒", "nanotech_materials");
    seed.owner_id = person_id_;
    seed.title_en = "Efficient photocatalyst";
    seed.abstract = "Line one.\nLine two — 可視光応答型.";
    seed.keywords = {"光触媒", "TiO2", "visible light"};
    seed.trl = 4;
    seed.ip_status = "filed";
    seed.meta.sample = true;
    core::Id id = 0;
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(id, tx->Add(seed));
        ASSERT_OK(tx->Commit());
    }
    seed.id = id;
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(Seed back, tx->Get<Seed>(id));
    EXPECT_EQ(back.keywords, seed.keywords);
    EXPECT_EQ(back.trl, std::optional<int64_t>{4});
    EXPECT_EQ(back.owner_id, core::OptId{person_id_});
    EXPECT_EQ(back.cluster_id, std::nullopt);
    EXPECT_TRUE(back.meta.sample);
    EXPECT_EQ(WithoutTimestamps(core::ToRecord(back)), WithoutTimestamps(core::ToRecord(seed)));
}

TEST_P(StoreTest, YenDatesAndFiscalYearsRoundTrip) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Program program;
    program.name_ja = "知的クラスター創成事業";
    program.start_fy = FiscalYear{2002};
    program.end_fy = FiscalYear{2006};
    ASSERT_OK_AND_ASSIGN(core::Id program_id, tx->Add(program));
    core::Cluster cluster;
    cluster.program_id = program_id;
    cluster.name_ja = "札幌ITカロッツェリアクラスター";
    cluster.field = "it";
    cluster.status = "full";
    cluster.started_on = Date{2002, 4, 1};
    ASSERT_OK_AND_ASSIGN(core::Id cluster_id, tx->Add(cluster));
    core::Grant grant;
    grant.cluster_id = cluster_id;
    grant.organization_id = organization_id_;
    grant.fiscal_year = FiscalYear{2003};
    grant.amount = Yen{750'000'000};
    grant.kind = "regular";
    grant.decided_on = Date{2003, 4, 1};
    ASSERT_OK_AND_ASSIGN(core::Id grant_id, tx->Add(grant));
    ASSERT_OK_AND_ASSIGN(core::Grant back, tx->Get<core::Grant>(grant_id));
    EXPECT_EQ(back.fiscal_year, FiscalYear{2003});
    EXPECT_EQ(back.amount, Yen{750'000'000});
    EXPECT_EQ(back.decided_on, core::OptDate(Date{2003, 4, 1}));
    ASSERT_OK_AND_ASSIGN(core::Cluster cluster_back, tx->Get<core::Cluster>(cluster_id));
    EXPECT_EQ(cluster_back.started_on, core::OptDate(Date{2002, 4, 1}));
    EXPECT_EQ(cluster_back.ended_on, std::nullopt);
}

TEST_P(StoreTest, GetOfAMissingRecordIsNotFound) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    auto region = tx->Get<Region>(5);
    ASSERT_FALSE(region.has_value());
    EXPECT_EQ(region.error().code, ErrorCode::kNotFound);
    EXPECT_NE(region.error().message.find("region"), std::string::npos);
    ASSERT_OK_AND_ASSIGN(bool exists, tx->Exists(Region::Def(), 5));
    EXPECT_FALSE(exists);
}

TEST_P(StoreTest, ListFiltersCountsAndPagesInIdOrder) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(core::Id a, tx->Add(MakeSeed(organization_id_, "A", "it")));
    ASSERT_OK_AND_ASSIGN(core::Id b, tx->Add(MakeSeed(organization_id_, "B", "energy")));
    Seed owned = MakeSeed(organization_id_, "C", "it");
    owned.owner_id = person_id_;
    ASSERT_OK_AND_ASSIGN(core::Id c, tx->Add(owned));

    ASSERT_OK_AND_ASSIGN(auto all, tx->List<Seed>());
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, a);
    EXPECT_EQ(all[1].id, b);
    EXPECT_EQ(all[2].id, c);

    Filter it;
    it.equals = {{"field", Value{std::string("it")}}};
    ASSERT_OK_AND_ASSIGN(auto it_seeds, tx->List<Seed>(it));
    ASSERT_EQ(it_seeds.size(), 2u);
    EXPECT_EQ(it_seeds[0].title, "A");
    EXPECT_EQ(it_seeds[1].title, "C");
    ASSERT_OK_AND_ASSIGN(int64_t it_count, tx->Count(Seed::Def(), it));
    EXPECT_EQ(it_count, 2);

    Filter two_conditions;
    two_conditions.equals = {{"field", Value{std::string("it")}}, {"owner_id", Value{person_id_}}};
    ASSERT_OK_AND_ASSIGN(auto owned_it, tx->List<Seed>(two_conditions));
    ASSERT_EQ(owned_it.size(), 1u);
    EXPECT_EQ(owned_it[0].id, c);

    Filter no_owner;
    no_owner.equals = {{"owner_id", Value{}}};
    ASSERT_OK_AND_ASSIGN(int64_t unowned, tx->Count(Seed::Def(), no_owner));
    EXPECT_EQ(unowned, 2);

    Filter page;
    page.limit = 1;
    page.offset = 1;
    ASSERT_OK_AND_ASSIGN(auto second_page, tx->List<Seed>(page));
    ASSERT_EQ(second_page.size(), 1u);
    EXPECT_EQ(second_page[0].id, b);

    Filter skip_first;
    skip_first.offset = 1;  // an offset without a limit still skips rows
    ASSERT_OK_AND_ASSIGN(auto after_first, tx->List<Seed>(skip_first));
    ASSERT_EQ(after_first.size(), 2u);
    EXPECT_EQ(after_first[0].id, b);
    EXPECT_EQ(after_first[1].id, c);

    Filter nothing;
    nothing.equals = {{"field", Value{std::string("energy")}}, {"title", Value{std::string("A")}}};
    ASSERT_OK_AND_ASSIGN(auto none, tx->List<Seed>(nothing));
    EXPECT_TRUE(none.empty());
}

// The row-level policy's form in a query: alternatives of IN lists (a null admits null, none
// admits nothing) and subqueries, with an order by any field — the same on both backends.
TEST_P(StoreTest, ListFiltersByAlternativesAndSubqueriesAndSorts) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(core::Id a, tx->Add(MakeSeed(organization_id_, "B-seed", "it")));
    ASSERT_OK_AND_ASSIGN(core::Id b, tx->Add(MakeSeed(organization_id_, "A-seed", "energy")));
    Seed owned = MakeSeed(organization_id_, "C-seed", "life_science");
    owned.owner_id = person_id_;
    ASSERT_OK_AND_ASSIGN(core::Id c, tx->Add(owned));
    auto ids = [&](const Filter& filter) {
        std::vector<core::Id> out;
        auto seeds = tx->List<Seed>(filter);
        EXPECT_TRUE(seeds.has_value()) << seeds.error().ToString();
        if (seeds) {
            for (const auto& seed : *seeds) out.push_back(seed.id);
        }
        return out;
    };
    using store::InCondition;
    Filter either;  // field = energy OR owned by the person
    either.any_of = {{InCondition{"field", {Value{std::string("energy")}}, nullptr}},
                     {InCondition{"owner_id", {Value{person_id_}}, nullptr}}};
    EXPECT_EQ(ids(either), (std::vector<core::Id>{b, c}));
    ASSERT_OK_AND_ASSIGN(int64_t counted, tx->Count(Seed::Def(), either));
    EXPECT_EQ(counted, 2);

    Filter both;  // field in (it, bio) AND owner null
    both.any_of = {
        {InCondition{"field", {Value{std::string("it")}, Value{std::string("life_science")}}, {}},
         InCondition{"owner_id", {Value{}}, nullptr}}};
    EXPECT_EQ(ids(both), (std::vector<core::Id>{a}));

    Filter none;
    none.any_of = {{InCondition{"id", {}, nullptr}}};
    EXPECT_TRUE(ids(none).empty());
    Filter everything;
    everything.any_of = {{}, {InCondition{"id", {}, nullptr}}};
    EXPECT_EQ(ids(everything).size(), 3u);

    // Seeds of organisations called like ours: a subquery on another entity.
    auto sub = std::make_shared<store::Subquery>();
    sub->entity = &Organization::Def();
    sub->filter.equals = {{"id", Value{organization_id_}}};
    Filter of_org;
    of_org.any_of = {{InCondition{"organization_id", {}, sub}}};
    EXPECT_EQ(ids(of_org).size(), 3u);
    sub->filter.equals = {{"id", Value{organization_id_ + 1000}}};
    EXPECT_TRUE(ids(of_org).empty());

    Filter by_title;
    by_title.order_by = "title";
    EXPECT_EQ(ids(by_title), (std::vector<core::Id>{b, a, c}));
    by_title.descending = true;
    by_title.limit = 2;
    EXPECT_EQ(ids(by_title), (std::vector<core::Id>{c, a}));
    Filter by_owner;  // nulls first ascending, last descending; ties by id
    by_owner.order_by = "owner_id";
    EXPECT_EQ(ids(by_owner), (std::vector<core::Id>{a, b, c}));
    by_owner.descending = true;
    EXPECT_EQ(ids(by_owner), (std::vector<core::Id>{c, a, b}));

    Filter unknown;
    unknown.order_by = "colour";
    auto refused = tx->List(Seed::Def(), unknown);
    ASSERT_FALSE(refused.has_value());
    EXPECT_NE(refused.error().message.find("colour"), std::string::npos);
}

TEST_P(StoreTest, ListFiltersOnBooleans) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Organization company = MakeOrganization("株式会社テスト");
    company.kind = "company";
    company.sme = true;
    ASSERT_OK_AND_ASSIGN(core::Id company_id, tx->Add(company));
    Filter sme;
    sme.equals = {{"sme", Value{true}}};
    ASSERT_OK_AND_ASSIGN(auto smes, tx->List<Organization>(sme));
    ASSERT_EQ(smes.size(), 1u);
    EXPECT_EQ(smes[0].id, company_id);
    sme.equals = {{"sme", Value{false}}};
    ASSERT_OK_AND_ASSIGN(auto others, tx->List<Organization>(sme));
    ASSERT_EQ(others.size(), 1u);
    EXPECT_EQ(others[0].id, organization_id_);
}

TEST_P(StoreTest, ListByAnUnknownFieldIsInvalidArgument) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Filter filter;
    filter.equals = {{"colour", Value{std::string("red")}}};
    auto listed = tx->List(Seed::Def(), filter);
    ASSERT_FALSE(listed.has_value());
    EXPECT_EQ(listed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(listed.error().message.find("colour"), std::string::npos);
    auto counted = tx->Count(Seed::Def(), filter);
    ASSERT_FALSE(counted.has_value());
    EXPECT_EQ(counted.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreTest, ExistsAndFindByName) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(bool exists, tx->Exists(Organization::Def(), organization_id_));
    EXPECT_TRUE(exists);
    ASSERT_OK_AND_ASSIGN(bool missing, tx->Exists(Organization::Def(), organization_id_ + 100));
    EXPECT_FALSE(missing);

    ASSERT_OK_AND_ASSIGN(auto by_japanese, tx->FindByName(Region::Def(), "札幌"));
    EXPECT_EQ(by_japanese, (std::vector<core::Id>{region_id_}));
    ASSERT_OK_AND_ASSIGN(auto by_english, tx->FindByName(Region::Def(), "Sapporo"));
    EXPECT_EQ(by_english, (std::vector<core::Id>{region_id_}));
    ASSERT_OK_AND_ASSIGN(auto none, tx->FindByName(Region::Def(), "sapporo"));
    EXPECT_TRUE(none.empty()) << "names match exactly";
    ASSERT_OK_AND_ASSIGN(auto person, tx->FindByName(Person::Def(), "Taro Yamada"));
    EXPECT_EQ(person, (std::vector<core::Id>{person_id_}));

    ASSERT_OK_AND_ASSIGN(core::Id twin, tx->Add(MakeRegion("札幌")));
    ASSERT_OK_AND_ASSIGN(auto both, tx->FindByName(Region::Def(), "札幌"));
    EXPECT_EQ(both, (std::vector<core::Id>{region_id_, twin}));
}

// ---------------------------------------------------------------------------------------------
// Update and delete

TEST_P(StoreTest, UpdateReplacesTheRecord) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(Region region, tx->Get<Region>(region_id_));
        region.name_en = "Sapporo City";
        region.prefecture = "";
        ASSERT_OK(tx->Save(region));
        ASSERT_OK(tx->Commit());
    }
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(Region back, tx->Get<Region>(region_id_));
    EXPECT_EQ(back.name_ja, "札幌");
    EXPECT_EQ(back.name_en, "Sapporo City");
    EXPECT_EQ(back.prefecture, "");
}

TEST_P(StoreTest, UpdateOfAMissingRecordIsNotFound) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Region region = MakeRegion("どこにもない");
    region.id = 99;
    auto status = tx->Save(region);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(int64_t count, tx->Count(Region::Def(), {}));
    EXPECT_EQ(count, 0);
}

TEST_P(StoreTest, UpdateEnforcesTheLifecycle) {
    ASSERT_NO_FATAL_FAILURE(AddProposal());
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(Proposal proposal, tx->Get<Proposal>(proposal_id_));
        proposal.status = "full";
        proposal.title_en = "Changed along with an illegal transition";
        auto status = tx->Save(proposal);
        ASSERT_FALSE(status.has_value());
        EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
        EXPECT_NE(status.error().message.find("from draft it can go to submitted"),
                  std::string::npos)
            << status.error().message;
        ASSERT_OK_AND_ASSIGN(Proposal unchanged, tx->Get<Proposal>(proposal_id_));
        EXPECT_EQ(unchanged.status, "draft");
        EXPECT_EQ(unchanged.title_en, "");
        ASSERT_OK_AND_ASSIGN(auto audit, tx->Audit("proposal", proposal_id_));
        EXPECT_EQ(audit.size(), 1u) << "only the insert is audited";
        ASSERT_OK(tx->Commit());
    }
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(Proposal proposal, tx->Get<Proposal>(proposal_id_));
        EXPECT_EQ(proposal.status, "draft");
        proposal.status = "submitted";
        proposal.submitted_on = Date{2002, 5, 31};
        ASSERT_OK(tx->Save(proposal));
        ASSERT_OK(tx->Commit());
    }
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(Proposal submitted, tx->Get<Proposal>(proposal_id_));
    EXPECT_EQ(submitted.status, "submitted");
    EXPECT_EQ(submitted.submitted_on, core::OptDate(Date{2002, 5, 31}));
}

TEST_P(StoreTest, UpdateWithInvalidValuesChangesNothing) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(Organization organization, tx->Get<Organization>(organization_id_));
    organization.kind = "castle";
    organization.region_id = 555;
    auto status = tx->Save(organization);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(FindField(status.error(), "kind"), nullptr) << status.error().ToString();
    EXPECT_NE(FindField(status.error(), "region_id"), nullptr) << status.error().ToString();
    ASSERT_OK_AND_ASSIGN(Organization unchanged, tx->Get<Organization>(organization_id_));
    EXPECT_EQ(unchanged.kind, "university");
    EXPECT_EQ(unchanged.region_id, core::OptId{region_id_});
}

TEST_P(StoreTest, UpdateKeepsCreatedAtAndStampsUpdatedAt) {
    setenv("KC_FIXED_NOW", kMorning, 1);
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(Region region, tx->Get<Region>(region_id_));
        EXPECT_EQ(region.meta.created_at, kMorning);
        EXPECT_EQ(region.meta.updated_at, kMorning);
    }
    setenv("KC_FIXED_NOW", kLater, 1);
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(Region region, tx->Get<Region>(region_id_));
        region.name_en = "Sapporo City";
        region.meta.created_at = "1999-01-01T00:00:00+09:00";  // ignored: the store keeps its own
        region.meta.updated_at = "";
        ASSERT_OK(tx->Save(region));
        ASSERT_OK(tx->Commit());
    }
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(Region back, tx->Get<Region>(region_id_));
    EXPECT_EQ(back.meta.created_at, kMorning);
    EXPECT_EQ(back.meta.updated_at, kLater);
    ASSERT_OK_AND_ASSIGN(Organization untouched, tx->Get<Organization>(organization_id_));
    EXPECT_EQ(untouched.meta.updated_at, kMorning);
}

TEST_P(StoreTest, KeepTimestampsRestoresTheGivenTimes) {
    setenv("KC_FIXED_NOW", kLater, 1);
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    Region region = MakeRegion("札幌");
    region.meta.created_at = "2002-04-01T10:00:00+09:00";
    region.meta.updated_at = "2003-01-15T12:00:00+09:00";
    WriteOptions keep;
    keep.keep_timestamps = true;
    ASSERT_OK_AND_ASSIGN(core::Id id, tx->Add(region, keep));
    ASSERT_OK_AND_ASSIGN(Region back, tx->Get<Region>(id));
    EXPECT_EQ(back.meta.created_at, "2002-04-01T10:00:00+09:00");
    EXPECT_EQ(back.meta.updated_at, "2003-01-15T12:00:00+09:00");

    Region stamped = MakeRegion("仙台");
    stamped.meta.created_at = "2002-04-01T10:00:00+09:00";
    ASSERT_OK_AND_ASSIGN(core::Id stamped_id, tx->Add(stamped));
    ASSERT_OK_AND_ASSIGN(Region stamped_back, tx->Get<Region>(stamped_id));
    EXPECT_EQ(stamped_back.meta.created_at, kLater);
    EXPECT_EQ(stamped_back.meta.updated_at, kLater);
}

TEST_P(StoreTest, DeleteRemovesTheRecord) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Actor{"test"}));
    ASSERT_OK_AND_ASSIGN(core::Id extra, tx->Add(MakeRegion("仙台")));
    ASSERT_OK(tx->Delete(Region::Def(), extra));
    auto gone = tx->Get<Region>(extra);
    ASSERT_FALSE(gone.has_value());
    EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
    ASSERT_OK_AND_ASSIGN(bool exists, tx->Exists(Region::Def(), extra));
    EXPECT_FALSE(exists);
    auto again = tx->Delete(Region::Def(), extra);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
    ASSERT_OK(tx->Commit());
    tx.reset();
    EXPECT_EQ(CountOf(Region::Def()), 1);
}

TEST_P(StoreTest, DeleteOfAReferencedRecordIsFailedPrecondition) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(core::Id seed_id, tx->Add(MakeSeed(organization_id_, "光触媒")));
    ASSERT_OK(tx->Commit());
    tx.reset();

    tx = Begin();
    auto refused = tx->Delete(Organization::Def(), organization_id_);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(refused.error().message.find("organization"), std::string::npos)
        << refused.error().message;
    ASSERT_OK_AND_ASSIGN(bool still_there, tx->Exists(Organization::Def(), organization_id_));
    EXPECT_TRUE(still_there);
    ASSERT_OK_AND_ASSIGN(auto audit, tx->Audit("organization", organization_id_));
    EXPECT_EQ(audit.size(), 1u) << "a refused delete is not audited";

    // The person refers to the organisation too; once nothing does, it can go.
    ASSERT_OK(tx->Delete(Seed::Def(), seed_id));
    ASSERT_OK(tx->Delete(Person::Def(), person_id_));
    ASSERT_OK(tx->Delete(Organization::Def(), organization_id_));
    ASSERT_OK(tx->Commit());
    tx.reset();
    EXPECT_EQ(CountOf(Organization::Def()), 0);
}

// ---------------------------------------------------------------------------------------------
// Transactions

TEST_P(StoreTest, TransactionDestroyedWithoutCommitLeavesNothing) {
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK(tx->Add(MakeRegion("札幌")));
        ASSERT_OK(tx->Add(MakeRegion("仙台")));
        ASSERT_OK_AND_ASSIGN(int64_t inside, tx->Count(Region::Def(), {}));
        EXPECT_EQ(inside, 2) << "changes are visible inside the transaction";
    }
    EXPECT_EQ(CountOf(Region::Def()), 0);
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM audit_log"), 0);
}

TEST_P(StoreTest, FailedInsertMidwayThenDestructionLeavesNothing) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK(tx->Add(MakeSeed(organization_id_, "first")));
        EXPECT_FALSE(tx->Add(MakeSeed(999, "dangling")).has_value());
        ASSERT_OK(tx->Add(MakeSeed(organization_id_, "third")));
    }
    EXPECT_EQ(CountOf(Seed::Def()), 0);
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM audit_log WHERE entity = 'seed'"), 0);
}

TEST_P(StoreTest, CommitAfterAFailedInsertKeepsOnlyTheGoodRows) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK(tx->Add(MakeSeed(organization_id_, "first")));
        Seed duplicate = MakeSeed(organization_id_, "duplicate");
        duplicate.id = 1;
        EXPECT_FALSE(tx->Add(duplicate).has_value());
        EXPECT_FALSE(tx->Add(MakeSeed(organization_id_, "")).has_value());
        ASSERT_OK(tx->Add(MakeSeed(organization_id_, "fourth")));
        ASSERT_OK(tx->Commit());
    }
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(auto seeds, tx->List<Seed>());
    ASSERT_EQ(seeds.size(), 2u);
    EXPECT_EQ(seeds[0].title, "first");
    EXPECT_EQ(seeds[1].title, "fourth");
}

TEST_P(StoreTest, CommitTwiceFails) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK(tx->Add(MakeRegion("札幌")));
    ASSERT_OK(tx->Commit());
    auto again = tx->Commit();
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    tx.reset();
    EXPECT_EQ(CountOf(Region::Def()), 1);
}

TEST_P(StoreTest, ReadTransactionRefusesWritesAndWritesNothing) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    const int64_t audited = db_->QueryInt("SELECT count(*) FROM audit_log");
    {
        ASSERT_OK_AND_ASSIGN(auto tx, store_->BeginRead());
        ASSERT_OK_AND_ASSIGN(int64_t regions, tx->Count(Region::Def(), {}));
        EXPECT_EQ(regions, 1);
        auto added = tx->Add(MakeRegion("仙台"));
        ASSERT_FALSE(added.has_value()) << "a read-only transaction accepted an insert";
        EXPECT_EQ(added.error().code, ErrorCode::kFailedPrecondition) << added.error().ToString();
    }
    EXPECT_EQ(CountOf(Region::Def()), 1);
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM audit_log"), audited);
}

TEST_P(StoreTest, ReadTransactionKeepsItsSnapshotWhileAnotherConnectionWrites) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    ASSERT_OK_AND_ASSIGN(auto other, OpenStore(path_, OpenOptions{}));
    ASSERT_OK_AND_ASSIGN(auto reader, store_->BeginRead());
    ASSERT_OK_AND_ASSIGN(int64_t before, reader->Count(Region::Def(), {}));
    EXPECT_EQ(before, 1);
    {
        // A reader holding the write lock would make this wait (and fail after a minute).
        ASSERT_OK_AND_ASSIGN(auto writer, other->Begin(Actor{"test"}));
        ASSERT_OK(writer->Add(MakeRegion("仙台")));
        ASSERT_OK(writer->Commit());
    }
    {
        ASSERT_OK_AND_ASSIGN(auto second_reader, other->BeginRead());
        ASSERT_OK_AND_ASSIGN(int64_t seen, second_reader->Count(Region::Def(), {}));
        EXPECT_EQ(seen, 2);
    }
    ASSERT_OK_AND_ASSIGN(int64_t still, reader->Count(Region::Def(), {}));
    EXPECT_EQ(still, 1) << "a read transaction sees one snapshot";
    ASSERT_OK(reader->Commit());
    reader.reset();
    ASSERT_OK_AND_ASSIGN(auto fresh, store_->BeginRead());
    ASSERT_OK_AND_ASSIGN(int64_t after, fresh->Count(Region::Def(), {}));
    EXPECT_EQ(after, 2);
}

TEST_P(StoreTest, AnalyzeRecordsPlannerStatistics) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    ASSERT_OK(store_->Analyze());
    const bool sqlite = GetParam() == Backend::kSqlite;
    EXPECT_GT(db_->QueryInt(sqlite ? "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'person'"
                                   : "SELECT count(*) FROM pg_stats WHERE tablename = 'person'"),
              0);
    EXPECT_EQ(CountOf(Person::Def()), 1) << "analysing changes no data";
}

// Read transactions answer repeated lists and counts from a cache kept per data generation
// (store/sql/read_cache.h): every committed insert, update and delete must show at once.
TEST_P(StoreTest, ReadResultsFollowEveryCommittedChange) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    Filter named;
    named.equals.emplace_back("name_ja", Value{std::string("仙台")});
    auto read = [&](int64_t& all, int64_t& sendai, std::vector<std::string>& names) {
        auto tx = store_->BeginRead();
        ASSERT_TRUE(tx.has_value()) << tx.error().ToString();
        for (int repeat = 0; repeat < 2; ++repeat) {  // the second time from the cache
            ASSERT_OK_AND_ASSIGN(all, (*tx)->Count(Region::Def(), {}));
            ASSERT_OK_AND_ASSIGN(sendai, (*tx)->Count(Region::Def(), named));
            ASSERT_OK_AND_ASSIGN(auto regions, (*tx)->List<Region>());
            names.clear();
            for (const auto& region : regions) names.push_back(region.name_ja);
        }
    };
    int64_t all = 0, sendai = 0;
    std::vector<std::string> names;
    ASSERT_NO_FATAL_FAILURE(read(all, sendai, names));
    EXPECT_EQ(all, 1);
    EXPECT_EQ(sendai, 0);

    core::Id added = 0;
    {
        auto tx = Begin();
        ASSERT_OK_AND_ASSIGN(added, tx->Add(MakeRegion("仙台", "Sendai")));
        ASSERT_OK(tx->Commit());
    }
    ASSERT_NO_FATAL_FAILURE(read(all, sendai, names));
    EXPECT_EQ(all, 2);
    EXPECT_EQ(sendai, 1);
    EXPECT_EQ(names, (std::vector<std::string>{"札幌", "仙台"}));

    {
        auto tx = Begin();
        ASSERT_OK_AND_ASSIGN(auto region, tx->Get<Region>(added));
        region.name_ja = "福岡";
        ASSERT_OK(tx->Save(region));
        ASSERT_OK(tx->Commit());
    }
    ASSERT_NO_FATAL_FAILURE(read(all, sendai, names));
    EXPECT_EQ(sendai, 0);
    EXPECT_EQ(names, (std::vector<std::string>{"札幌", "福岡"}));

    {
        auto tx = Begin();
        ASSERT_OK(tx->Delete(Region::Def(), added));
        ASSERT_OK(tx->Commit());
    }
    ASSERT_NO_FATAL_FAILURE(read(all, sendai, names));
    EXPECT_EQ(all, 1);
    EXPECT_EQ(names, (std::vector<std::string>{"札幌"}));

    {  // a change rolled back leaves the cached answers right
        auto tx = Begin();
        ASSERT_OK(tx->Add(MakeRegion("仙台")));
    }
    ASSERT_NO_FATAL_FAILURE(read(all, sendai, names));
    EXPECT_EQ(all, 1);
    EXPECT_EQ(sendai, 0);
}

// ---------------------------------------------------------------------------------------------
// Audit log

TEST_P(StoreTest, AuditRecordsEveryChangeWithActorAndBeforeAfter) {
    setenv("KC_FIXED_NOW", kMorning, 1);
    core::Id id = 0;
    {
        auto tx = Begin("cli:alice");
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(id, tx->Add(MakeRegion("札幌", "Sapporo")));
        ASSERT_OK(tx->Commit());
    }
    {
        auto tx = Begin("cli:bob");
        ASSERT_NE(tx, nullptr);
        ASSERT_OK_AND_ASSIGN(Region region, tx->Get<Region>(id));
        region.name_en = "Sapporo City";
        ASSERT_OK(tx->Save(region));
        ASSERT_OK(tx->Commit());
    }
    {
        auto tx = Begin("import:regions.csv");
        ASSERT_NE(tx, nullptr);
        ASSERT_OK(tx->Delete(Region::Def(), id));
        ASSERT_OK(tx->Commit());
    }
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(auto entries, tx->Audit("region", id));
    ASSERT_EQ(entries.size(), 3u);

    EXPECT_EQ(entries[0].action, "insert");
    EXPECT_EQ(entries[0].actor, "cli:alice");
    EXPECT_EQ(entries[0].entity, "region");
    EXPECT_EQ(entries[0].entity_id, id);
    EXPECT_EQ(entries[0].at, kMorning);
    EXPECT_TRUE(entries[0].before_json.empty());
    auto inserted = nlohmann::json::parse(entries[0].after_json, nullptr, false);
    ASSERT_TRUE(inserted.is_object()) << entries[0].after_json;
    EXPECT_EQ(inserted["id"], id);
    EXPECT_EQ(inserted["name_ja"], "札幌");
    EXPECT_EQ(inserted["name_en"], "Sapporo");
    EXPECT_EQ(inserted["created_at"], kMorning);

    EXPECT_EQ(entries[1].action, "update");
    EXPECT_EQ(entries[1].actor, "cli:bob");
    auto before = nlohmann::json::parse(entries[1].before_json, nullptr, false);
    auto after = nlohmann::json::parse(entries[1].after_json, nullptr, false);
    ASSERT_TRUE(before.is_object()) << entries[1].before_json;
    ASSERT_TRUE(after.is_object()) << entries[1].after_json;
    EXPECT_EQ(before["name_en"], "Sapporo");
    EXPECT_EQ(after["name_en"], "Sapporo City");

    EXPECT_EQ(entries[2].action, "delete");
    EXPECT_EQ(entries[2].actor, "import:regions.csv");
    auto deleted = nlohmann::json::parse(entries[2].before_json, nullptr, false);
    ASSERT_TRUE(deleted.is_object()) << entries[2].before_json;
    EXPECT_EQ(deleted["name_en"], "Sapporo City");
    EXPECT_TRUE(entries[2].after_json.empty());

    EXPECT_LT(entries[0].id, entries[1].id);
    EXPECT_LT(entries[1].id, entries[2].id);
}

TEST_P(StoreTest, AuditOfIdZeroListsEveryRecordOfTheEntity) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_OK_AND_ASSIGN(core::Id second, tx->Add(MakeRegion("仙台")));
    ASSERT_OK_AND_ASSIGN(auto regions, tx->Audit("region", 0));
    ASSERT_EQ(regions.size(), 2u);
    EXPECT_EQ(regions[0].entity_id, region_id_);
    EXPECT_EQ(regions[1].entity_id, second);
    ASSERT_OK_AND_ASSIGN(auto one, tx->Audit("region", second));
    EXPECT_EQ(one.size(), 1u);
    ASSERT_OK_AND_ASSIGN(auto people, tx->Audit("person", 0));
    EXPECT_EQ(people.size(), 1u);
    ASSERT_OK_AND_ASSIGN(auto none, tx->Audit("seed", 0));
    EXPECT_TRUE(none.empty());
}

// ---------------------------------------------------------------------------------------------
// Deferred reference checks

TEST_P(StoreTest, RefCheckAtCommitAllowsForwardReferences) {
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        WriteOptions deferred;
        deferred.ref_check = RefCheck::kAtCommit;
        Seed seed = MakeSeed(50, "先に書くシーズ");
        ASSERT_OK(tx->Add(seed, deferred));
        Organization organization = MakeOrganization("後から書く大学");
        organization.id = 50;
        ASSERT_OK(tx->Add(organization, deferred));
        ASSERT_OK(tx->Commit());
    }
    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(auto seeds, tx->List<Seed>());
    ASSERT_EQ(seeds.size(), 1u);
    EXPECT_EQ(seeds[0].organization_id, 50);
}

TEST_P(StoreTest, RefCheckAtCommitFailsListingADanglingReference) {
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        WriteOptions deferred;
        deferred.ref_check = RefCheck::kAtCommit;
        ASSERT_OK(tx->Add(MakeRegion("札幌"), deferred));
        ASSERT_OK(tx->Add(MakeSeed(999, "宙に浮いたシーズ"), deferred));
        auto committed = tx->Commit();
        ASSERT_FALSE(committed.has_value());
        EXPECT_EQ(committed.error().code, ErrorCode::kInvalidArgument);
        ASSERT_EQ(committed.error().fields.size(), 1u) << committed.error().ToString();
        EXPECT_NE(committed.error().fields[0].path.find("seed"), std::string::npos)
            << committed.error().fields[0].path;
        EXPECT_NE(committed.error().fields[0].expected.find("organization"), std::string::npos)
            << committed.error().fields[0].expected;
    }
    EXPECT_EQ(CountOf(Seed::Def()), 0);
    EXPECT_EQ(CountOf(Region::Def()), 0);
}

TEST_P(StoreTest, RefCheckAtCommitStillValidates) {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    WriteOptions deferred;
    deferred.ref_check = RefCheck::kAtCommit;
    auto inserted = tx->Add(MakeSeed(50, ""), deferred);
    ASSERT_FALSE(inserted.has_value());
    EXPECT_EQ(inserted.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(FindField(inserted.error(), "title"), nullptr) << inserted.error().ToString();
    EXPECT_EQ(FindField(inserted.error(), "organization_id"), nullptr)
        << "references wait for the commit";
}

// ---------------------------------------------------------------------------------------------
// Backup

TEST_P(SqliteStoreTest, BackupWritesACopyWithTheSameRows) {
    ASSERT_NO_FATAL_FAILURE(AddBasics());
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        Seed seed = MakeSeed(organization_id_, "光触媒");
        seed.keywords = {"TiO2"};
        ASSERT_OK(tx->Add(seed));
        ASSERT_OK(tx->Commit());
    }
    std::string copy = UniqueDbPath("_backup");
    extra_paths_.push_back(copy);
    RemoveDb(copy);
    ASSERT_OK(store_->Backup(copy));
    ASSERT_TRUE(std::filesystem::exists(copy));

    // Change the original after the backup: the copy must not see it.
    {
        auto tx = Begin();
        ASSERT_NE(tx, nullptr);
        ASSERT_OK(tx->Add(MakeRegion("仙台")));
        ASSERT_OK(tx->Commit());
    }

    OpenOptions options;
    auto opened = OpenStore(copy, options);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    std::unique_ptr<Store> backup = std::move(*opened);
    ASSERT_OK_AND_ASSIGN(int version, backup->SchemaVersion());
    EXPECT_EQ(version, backup->LatestSchemaVersion());

    ASSERT_OK_AND_ASSIGN(auto copy_tx, backup->Begin(Actor{"test"}));
    ASSERT_OK_AND_ASSIGN(auto copied_seeds, copy_tx->List(Seed::Def(), {}));
    ASSERT_OK_AND_ASSIGN(auto copied_regions, copy_tx->List(Region::Def(), {}));
    ASSERT_OK_AND_ASSIGN(auto copied_people, copy_tx->List(Person::Def(), {}));
    ASSERT_OK_AND_ASSIGN(auto copied_audit, copy_tx->Audit("seed", 0));
    copy_tx.reset();

    auto tx = Begin();
    ASSERT_OK_AND_ASSIGN(auto seeds, tx->List(Seed::Def(), {}));
    ASSERT_OK_AND_ASSIGN(auto people, tx->List(Person::Def(), {}));
    ASSERT_EQ(copied_seeds.size(), 1u);
    EXPECT_EQ(copied_seeds[0].values, seeds[0].values);
    ASSERT_EQ(copied_people.size(), 1u);
    EXPECT_EQ(copied_people[0].values, people[0].values);
    EXPECT_EQ(copied_regions.size(), 1u) << "the region added after the backup is not in it";
    EXPECT_EQ(copied_audit.size(), 1u);
}

}  // namespace
}  // namespace kc::store
