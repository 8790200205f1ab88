// The demo programme on PostgreSQL through the binary: it loads and passes `db check`, `db copy`
// moves it to SQLite and back with verified counts and checksums, every copy shows the same
// overview, and `db backup` writes a pg_dump archive. Skipped with a message without KC_TEST_PG.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/test_support.h"
#include "store/test_database.h"

namespace kc::testing {
namespace {

using store::testing::Backend;
using store::testing::TestDatabase;

TEST(PostgresCli, DemoLoadsChecksCopiesBothWaysAndBacksUp) {
    TestDatabase pg(Backend::kPostgres);
    if (!pg.available()) GTEST_SKIP() << store::testing::kNoPgMessage;
    TestDatabase pg_again(Backend::kPostgres);
    ScratchDir dir;

    auto loaded = RunKcluster({"--db", pg.location(), "demo", "load"});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    auto checked = RunKcluster({"--db", pg.location(), "db", "check"});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;

    // PostgreSQL → SQLite, verified.
    const std::string sqlite = dir.Path("copy.db").string();
    auto to_sqlite = RunKcluster({"--json", "db", "copy", "--from", pg.location(), "--to", sqlite});
    ASSERT_EQ(to_sqlite.exit_code, 0) << to_sqlite.err;
    auto report = nlohmann::json::parse(to_sqlite.out, nullptr, false);
    ASSERT_TRUE(report.is_object()) << to_sqlite.out;
    EXPECT_TRUE(report["verified"].get<bool>());
    EXPECT_GT(report["rows"].get<int64_t>(), 20'000);
    int64_t seeds = 0;
    for (const auto& table : report["tables"]) {
        EXPECT_EQ(table["source_rows"], table["target_rows"]) << table.dump();
        EXPECT_EQ(table["source_checksum"], table["target_checksum"]) << table.dump();
        if (table["table"] == "seed") seeds = table["target_rows"].get<int64_t>();
    }
    EXPECT_GT(seeds, 0);

    // SQLite → a second PostgreSQL database, verified, and it too passes db check.
    auto to_pg =
        RunKcluster({"--json", "db", "copy", "--from", sqlite, "--to", pg_again.location()});
    ASSERT_EQ(to_pg.exit_code, 0) << to_pg.err;
    EXPECT_TRUE(nlohmann::json::parse(to_pg.out, nullptr, false)["verified"].get<bool>());
    auto checked_again = RunKcluster({"--db", pg_again.location(), "db", "check"});
    EXPECT_EQ(checked_again.exit_code, 0) << checked_again.out << checked_again.err;

    // The same programme whichever backend holds it.
    auto overview = [](const std::string& db) {
        auto result = RunKcluster({"--db", db, "--json", "overview"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    };
    const std::string expected = overview(pg.location());
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(overview(sqlite), expected);
    EXPECT_EQ(overview(pg_again.location()), expected);

    // Copying into a database that is not empty is refused, naming a table, and changes nothing.
    auto again = RunKcluster({"db", "copy", "--from", sqlite, "--to", pg_again.location()});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;

    // pg_dump archive of the live database.
    const std::string dump = dir.Path("kc.dump").string();
    auto backed_up = RunKcluster({"--db", pg.location(), "db", "backup", dump});
    ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
    EXPECT_GT(std::filesystem::file_size(dump), 10'000u);
}

}  // namespace
}  // namespace kc::testing
