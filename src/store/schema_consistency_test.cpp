// The migrated SQLite schema matches the entity definitions (core/entity_defs.cpp) column by
// column, and the built-in migrations are well-formed.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/schema.h"
#include "store/migrations.h"
#include "store/sqlite/ddl.h"
#include "store/store.h"

namespace kc::store {
namespace {

struct Column {
    std::string name;
    std::string type;
    bool not_null = false;
    bool primary_key = false;
};

struct ForeignKey {
    std::string from;
    std::string table;
    std::string to;
};

// A read-only SQLite handle on a migrated database file.
class Database {
  public:
    explicit Database(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            sqlite3_close(db_);
            db_ = nullptr;
        }
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database() { sqlite3_close(db_); }

    [[nodiscard]] bool ok() const { return db_ != nullptr; }

    // Rows of `sql` as text columns.
    std::vector<std::vector<std::string>> Rows(const std::string& sql) const {
        std::vector<std::vector<std::string>> rows;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
            return rows;
        }
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const auto* text = sqlite3_column_text(stmt, i);
                row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
            }
            rows.push_back(std::move(row));
        }
        sqlite3_finalize(stmt);
        return rows;
    }

    std::vector<Column> Columns(const std::string& table) const {
        // cid, name, type, notnull, dflt_value, pk
        std::vector<Column> columns;
        for (const auto& row : Rows("PRAGMA table_info(\"" + table + "\")")) {
            columns.push_back({row[1], row[2], row[3] == "1", row[5] != "0"});
        }
        return columns;
    }

    std::vector<ForeignKey> ForeignKeys(const std::string& table) const {
        // id, seq, table, from, to, on_update, on_delete, match
        std::vector<ForeignKey> keys;
        for (const auto& row : Rows("PRAGMA foreign_key_list(\"" + table + "\")")) {
            keys.push_back({row[3], row[2], row[4]});
        }
        return keys;
    }

    std::set<std::string> Tables() const {
        std::set<std::string> tables;
        for (const auto& row :
             Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                  "'sqlite_%'")) {
            tables.insert(row[0]);
        }
        return tables;
    }

    std::set<std::string> Indexes(const std::string& table) const {
        std::set<std::string> indexes;
        for (const auto& row : Rows("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                    "tbl_name = '" +
                                    table + "'")) {
            indexes.insert(row[0]);
        }
        return indexes;
    }

  private:
    sqlite3* db_ = nullptr;
};

class SchemaConsistencyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = (std::filesystem::path(::testing::TempDir()) /
                 (std::string("kc_schema_test_") + info->name() + "_" + std::to_string(getpid()) +
                  ".db"))
                    .string();
        RemoveFiles();
        OpenOptions options;
        options.create = true;
        auto opened = OpenStore(path_, options);
        ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
        opened->reset();  // close it: the test reads the file directly
        db_ = std::make_unique<Database>(path_);
        ASSERT_TRUE(db_->ok());
    }

    void TearDown() override {
        db_.reset();
        RemoveFiles();
    }

    void RemoveFiles() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal", ".generated"}) {
            std::filesystem::remove(path_ + suffix, ec);
        }
    }

    std::string path_;
    std::unique_ptr<Database> db_;
};

TEST_F(SchemaConsistencyTest, EveryEntityHasATable) {
    std::set<std::string> tables = db_->Tables();
    // Platform tables besides the entities: versions, the audit log, and accounts (0007).
    std::set<std::string> expected = {"schema_version", "audit_log", "app_user", "user_session",
                                      "login_attempt"};
    for (const core::EntityDef* def : core::AllEntities()) {
        EXPECT_TRUE(tables.contains(def->name)) << "no table for " << def->name;
        expected.insert(def->name);
    }
    EXPECT_EQ(tables, expected) << "tables without an entity definition, or missing ones";
}

// Columns are matched by name: a later migration appends columns with ALTER TABLE ADD COLUMN,
// so the table's column order may differ from the definition's field order (every statement
// names its columns).
TEST_F(SchemaConsistencyTest, ColumnsMatchTheDefinitions) {
    for (const core::EntityDef* def : core::AllEntities()) {
        std::vector<Column> columns = db_->Columns(def->name);
        ASSERT_EQ(columns.size(), def->fields.size()) << def->name;
        for (const core::FieldDef& field : def->fields) {
            const std::string where = def->name + "." + field.name;
            auto found = std::find_if(columns.begin(), columns.end(),
                                      [&](const Column& c) { return c.name == field.name; });
            ASSERT_NE(found, columns.end()) << where << " has no column";
            const Column& column = *found;
            EXPECT_EQ(column.type, sqlite::ColumnType(field.type)) << where;
            if (field.type == core::FieldType::kId) {
                EXPECT_TRUE(column.primary_key) << where;
                EXPECT_EQ(column.type, "INTEGER") << where << " must alias the rowid";
                continue;
            }
            EXPECT_FALSE(column.primary_key) << where;
            bool always_set = field.type == core::FieldType::kBool || field.name == "created_at" ||
                              field.name == "updated_at";
            EXPECT_EQ(column.not_null, field.required || always_set)
                << where << (field.required ? " is required" : " is optional");
        }
    }
}

TEST_F(SchemaConsistencyTest, ReferencesAreForeignKeysToTheTargetId) {
    for (const core::EntityDef* def : core::AllEntities()) {
        std::vector<ForeignKey> keys = db_->ForeignKeys(def->name);
        size_t refs = 0;
        for (const auto& field : def->fields) {
            if (field.type != core::FieldType::kRef) continue;
            ++refs;
            bool found = false;
            for (const auto& key : keys) {
                if (key.from != field.name) continue;
                found = true;
                EXPECT_EQ(key.table, field.ref_entity) << def->name << "." << field.name;
                EXPECT_EQ(key.to, "id") << def->name << "." << field.name;
            }
            EXPECT_TRUE(found) << def->name << "." << field.name << " has no foreign key";
            std::string index = def->name + "_" + field.name + "_idx";
            EXPECT_TRUE(db_->Indexes(def->name).contains(index))
                << def->name << "." << field.name << " has no index " << index;
        }
        EXPECT_EQ(keys.size(), refs) << def->name << " has foreign keys on non-reference columns";
    }
}

TEST_F(SchemaConsistencyTest, PlatformTablesHaveTheirColumns) {
    std::vector<std::string> audit;
    for (const auto& column : db_->Columns("audit_log")) audit.push_back(column.name);
    EXPECT_EQ(audit, (std::vector<std::string>{"id", "at", "actor", "action", "entity", "entity_id",
                                               "before_json", "after_json"}));
    std::vector<std::string> version;
    for (const auto& column : db_->Columns("schema_version")) version.push_back(column.name);
    EXPECT_EQ(version, (std::vector<std::string>{"version", "name", "applied_at"}));
    auto names = [&](const char* table) {
        std::vector<std::string> out;
        for (const auto& column : db_->Columns(table)) out.push_back(column.name);
        return out;
    };
    EXPECT_EQ(names("app_user"),
              (std::vector<std::string>{"id", "login", "password_hash", "roles", "person_id",
                                        "disabled", "created_at", "updated_at"}));
    EXPECT_EQ(names("user_session"),
              (std::vector<std::string>{"id", "token_hash", "user_id", "csrf_token", "created",
                                        "last_seen", "expires", "absolute_expiry", "client"}));
    EXPECT_EQ(names("login_attempt"),
              (std::vector<std::string>{"id", "login", "client", "at", "succeeded"}));
    auto rows = db_->Rows("SELECT version, name FROM schema_version ORDER BY version");
    ASSERT_EQ(rows.size(), SqliteMigrations().size());
    for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i][0], std::to_string(SqliteMigrations()[i].version));
        EXPECT_EQ(rows[i][1], SqliteMigrations()[i].name);
    }
}

TEST_F(SchemaConsistencyTest, GeneratedDdlMatchesTheMigratedSchema) {
    // ddl.cpp (used to write new migrations) and the released migrations agree on every column.
    std::string generated_path = path_ + ".generated";
    std::filesystem::remove(generated_path);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(generated_path.c_str(), &raw), SQLITE_OK);
    char* message = nullptr;
    std::string ddl = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; " + sqlite::FullSchemaDdl();
    int rc = sqlite3_exec(raw, ddl.c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(raw);
    ASSERT_EQ(rc, SQLITE_OK) << text;
    {
        Database generated(generated_path);
        ASSERT_TRUE(generated.ok());
        for (const core::EntityDef* def : core::AllEntities()) {
            auto expected = generated.Columns(def->name);
            auto actual = db_->Columns(def->name);
            ASSERT_EQ(actual.size(), expected.size()) << def->name;
            auto by_name = [](std::vector<Column> columns) {
                std::sort(columns.begin(), columns.end(),
                          [](const Column& a, const Column& b) { return a.name < b.name; });
                return columns;
            };
            expected = by_name(std::move(expected));
            actual = by_name(std::move(actual));
            for (size_t i = 0; i < actual.size(); ++i) {
                EXPECT_EQ(actual[i].name, expected[i].name) << def->name;
                EXPECT_EQ(actual[i].type, expected[i].type) << def->name << "." << actual[i].name;
                EXPECT_EQ(actual[i].not_null, expected[i].not_null)
                    << def->name << "." << actual[i].name;
                EXPECT_EQ(actual[i].primary_key, expected[i].primary_key)
                    << def->name << "." << actual[i].name;
            }
            auto expected_keys = generated.ForeignKeys(def->name);
            auto actual_keys = db_->ForeignKeys(def->name);
            ASSERT_EQ(actual_keys.size(), expected_keys.size()) << def->name;
            for (size_t i = 0; i < actual_keys.size(); ++i) {
                EXPECT_EQ(actual_keys[i].from, expected_keys[i].from) << def->name;
                EXPECT_EQ(actual_keys[i].table, expected_keys[i].table) << def->name;
            }
        }
    }
    std::filesystem::remove(generated_path);
}

TEST(SqliteMigrations, HaveAscendingVersionsFromOne) {
    auto migrations = SqliteMigrations();
    ASSERT_FALSE(migrations.empty());
    for (size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1) << migrations[i].name;
    }
}

TEST(SqliteMigrations, AreNamedAfterTheirVersion) {
    const std::regex pattern("^([0-9]{4})_[a-z0-9_]+\\.sql$");
    for (const Migration& migration : SqliteMigrations()) {
        std::string name = migration.name;
        std::smatch match;
        ASSERT_TRUE(std::regex_match(name, match, pattern)) << name;
        EXPECT_EQ(std::stoi(match[1].str()), migration.version) << name;
        ASSERT_NE(migration.sql, nullptr) << name;
        EXPECT_FALSE(std::string(migration.sql).empty()) << name;
    }
    EXPECT_STREQ(SqliteMigrations().front().name, "0001_initial.sql");
}

}  // namespace
}  // namespace kc::store
