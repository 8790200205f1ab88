#pragma once

// Test-only: a fresh, empty database on either backend, for the contract tests that run the
// same suite on SQLite and PostgreSQL. SQLite: a temporary file. PostgreSQL: a new database
// created on the server named by KC_TEST_PG (scripts/with-postgres.sh starts a throwaway one and
// sets it; `make test` does so by itself) and dropped afterwards. Without KC_TEST_PG the
// PostgreSQL instances are skipped with a message saying so.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>

namespace kc::store::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

inline const char* TestPgServer() {
    const char* server = std::getenv("KC_TEST_PG");
    return server && *server ? server : nullptr;
}

inline constexpr const char* kNoPgMessage =
    "PostgreSQL tests need KC_TEST_PG (a postgresql:// URI of a server the tests may create "
    "databases on); `make test` and scripts/with-postgres.sh start a throwaway server and set it";

// `server` (a URI or a libpq keyword string) pointing at database `name` instead.
inline std::string WithDatabase(const std::string& server, const std::string& name) {
    if (server.starts_with("postgres")) {
        size_t authority = server.find("://") + 3;
        size_t slash = server.find('/', authority);
        size_t query = server.find('?', authority);
        std::string base = server.substr(0, std::min(slash, query));
        std::string rest = query == std::string::npos ? "" : server.substr(query);
        return base + "/" + name + rest;
    }
    return server + " dbname=" + name;  // the last keyword wins in libpq
}

class TestDatabase {
  public:
    explicit TestDatabase(Backend backend) : backend_(backend) {
        static std::atomic<int> counter{0};
        const std::string test =
            ::testing::UnitTest::GetInstance()->current_test_info()
                ? ::testing::UnitTest::GetInstance()->current_test_info()->name()
                : "test";
        const std::string unique =
            std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
        if (backend_ == Backend::kSqlite) {
            std::string safe;
            for (char c : test) safe += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
            location_ = (std::filesystem::temp_directory_path() /
                         ("kc-store-" + safe + "-" + unique + ".db"))
                            .string();
            RemoveSqlite();
            available_ = true;
            return;
        }
        const char* server = TestPgServer();
        if (!server) return;
        name_ = "kc_t_" + unique;
        try {
            pqxx::connection admin(server);
            pqxx::nontransaction work(admin);
            work.exec("CREATE DATABASE \"" + name_ + "\"");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "cannot create a PostgreSQL test database on " << server << ": "
                          << e.what();
            return;
        }
        location_ = WithDatabase(server, name_);
        available_ = true;
    }

    ~TestDatabase() {
        if (backend_ == Backend::kSqlite) {
            RemoveSqlite();
        } else if (available_) {
            try {
                pqxx::connection admin(TestPgServer());
                pqxx::nontransaction work(admin);
                work.exec("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
            } catch (const std::exception&) {  // the throwaway server goes anyway
            }
        }
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    [[nodiscard]] bool available() const { return available_; }
    [[nodiscard]] const std::string& location() const { return location_; }
    [[nodiscard]] Backend backend() const { return backend_; }

    // Runs SQL behind kcluster's back with reference checks off, to plant broken data.
    // Returns an empty string on success, else the database's message.
    std::string ExecRaw(const std::string& sql) const {
        if (backend_ == Backend::kSqlite) {
            sqlite3* db = nullptr;
            if (sqlite3_open_v2(location_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
                SQLITE_OK) {
                sqlite3_close(db);
                return "cannot open " + location_;
            }
            char* message = nullptr;
            int rc = sqlite3_exec(db, ("PRAGMA foreign_keys=OFF; " + sql).c_str(), nullptr, nullptr,
                                  &message);
            std::string error = rc == SQLITE_OK ? "" : (message ? message : "error");
            sqlite3_free(message);
            sqlite3_close(db);
            return error;
        }
        try {
            pqxx::connection connection(location_);
            pqxx::nontransaction work(connection);
            work.exec("SET session_replication_role = replica; " + sql);
        } catch (const std::exception& e) {
            return e.what();
        }
        return {};
    }

    // The first column of the first row of `sql` as an integer (-1 on any error).
    int64_t QueryInt(const std::string& sql) const {
        if (backend_ == Backend::kSqlite) {
            sqlite3* db = nullptr;
            int64_t value = -1;
            if (sqlite3_open_v2(location_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
                SQLITE_OK) {
                sqlite3_stmt* stmt = nullptr;
                if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
                    sqlite3_step(stmt) == SQLITE_ROW) {
                    value = sqlite3_column_int64(stmt, 0);
                }
                sqlite3_finalize(stmt);
            }
            sqlite3_close(db);
            return value;
        }
        try {
            pqxx::connection connection(location_);
            pqxx::nontransaction work(connection);
            auto result = work.exec(sql);
            if (result.empty() || result[0][0].is_null()) return -1;
            return result[0][0].as<int64_t>();
        } catch (const std::exception&) {
            return -1;
        }
    }

  private:
    void RemoveSqlite() const {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::error_code ec;
            std::filesystem::remove(location_ + suffix, ec);
        }
    }

    Backend backend_;
    std::string location_;
    std::string name_;
    bool available_ = false;
};

}  // namespace kc::store::testing
