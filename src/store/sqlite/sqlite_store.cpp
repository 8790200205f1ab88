#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "store/migrations.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/connection.h"

namespace kc::store::sqlite {

namespace {

using core::FieldType;
using core::Value;

// How long a writer waits for the file's write lock in total (SQLite's busy handler waits
// up to 5 s per attempt; BEGIN IMMEDIATE is retried with a short pause until this deadline).
constexpr auto kLockDeadline = std::chrono::seconds(60);

// One lock per database file for the connections of this process. Their transactions take the
// file's write lock one at a time anyway (BEGIN IMMEDIATE); queueing them on a mutex first wakes
// the next one as soon as the previous commits, where SQLite's busy handler would sleep in steps
// of up to 100 ms — the tail latency of a web server with one connection per thread. Other
// processes still meet the busy handler.
std::shared_ptr<std::timed_mutex> FileLock(const std::string& path) {
    static std::mutex registry_mutex;
    static std::map<std::string, std::weak_ptr<std::timed_mutex>> registry;
    if (path.empty() || path == ":memory:") return std::make_shared<std::timed_mutex>();
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(path, ec);
    const std::string key = ec ? path : canonical.string();
    std::lock_guard guard(registry_mutex);
    auto& slot = registry[key];
    auto lock = slot.lock();
    if (!lock) {
        lock = std::make_shared<std::timed_mutex>();
        slot = lock;
    }
    return lock;
}

class SqliteSession final : public sql::Session {
  public:
    SqliteSession(Connection& connection, std::unique_lock<std::mutex> lock,
                  std::timed_mutex& file_mutex, bool read_only)
        : connection_(connection),
          lock_(std::move(lock)),
          file_lock_(file_mutex, std::defer_lock),
          read_only_(read_only) {}
    ~SqliteSession() override { Rollback(); }

    Status Start() {
        if (read_only_) {
            // A deferred transaction takes its snapshot at the first read and never the write
            // lock: in WAL mode readers run beside each other and beside one writer.
            KC_RETURN_IF_ERROR(connection_.Exec("BEGIN"));
            open_ = true;
            return {};
        }
        const auto deadline = std::chrono::steady_clock::now() + kLockDeadline;
        if (!file_lock_.try_lock_until(deadline)) {
            return Fail(Error{ErrorCode::kUnavailable,
                              "the database is busy: another transaction of this process held it "
                              "for 60 s",
                              {}});
        }
        auto pause = std::chrono::milliseconds(1);
        while (true) {
            auto begun = connection_.Exec("BEGIN IMMEDIATE");
            if (begun) break;
            if (begun.error().code != ErrorCode::kUnavailable ||
                std::chrono::steady_clock::now() > deadline) {
                file_lock_.unlock();
                return begun;
            }
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::milliseconds(50));
        }
        open_ = true;
        return {};
    }

    Result<std::vector<sql::Row>> Query(const std::string& sql, std::span<const Value> params,
                                        std::span<const FieldType> columns) override {
        KC_ASSIGN_OR_RETURN(Statement stmt, Prepared(sql, params));
        std::vector<sql::Row> rows;
        while (true) {
            KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
            if (!row) break;
            sql::Row values;
            values.reserve(columns.size());
            for (size_t i = 0; i < columns.size(); ++i) {
                values.push_back(stmt.ColumnValue(static_cast<int>(i), columns[i]));
            }
            rows.push_back(std::move(values));
        }
        return rows;
    }

    Status Execute(const std::string& sql, std::span<const Value> params) override {
        KC_ASSIGN_OR_RETURN(Statement stmt, Prepared(sql, params));
        return stmt.Run();
    }

    Status ExecuteScript(const std::string& sql) override {
        if (read_only_) return Fail(ReadOnlyError(sql));
        return connection_.Exec(sql);
    }

    Result<bool> HasTable(std::string_view name) override {
        std::array<Value, 1> params = {std::string(name)};
        std::array<FieldType, 1> types = {FieldType::kInt};
        KC_ASSIGN_OR_RETURN(
            auto rows,
            Query("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1", params, types));
        return !rows.empty();
    }

    Status NoteExplicitId(std::string_view, int64_t) override { return {}; }

    Status DeferReferences() override { return connection_.Exec("PRAGMA defer_foreign_keys=ON"); }

    Result<bool> DeferredReferencesHold() override {
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare("PRAGMA foreign_key_check"));
        KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
        return !row;
    }

    Status Commit() override {
        if (!open_) return Fail(Error::FailedPrecondition("transaction already finished"));
        KC_RETURN_IF_ERROR(connection_.Exec("COMMIT"));
        open_ = false;
        if (file_lock_.owns_lock()) file_lock_.unlock();
        return {};
    }

    void Rollback() override {
        if (open_) (void)connection_.Exec("ROLLBACK");
        open_ = false;
        if (file_lock_.owns_lock()) file_lock_.unlock();
    }

    std::string_view Dialect() const override { return "sqlite"; }

  private:
    Result<Statement> Prepared(const std::string& sql, std::span<const Value> params) {
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(sql));
        if (read_only_ && !sqlite3_stmt_readonly(stmt.raw())) return Fail(ReadOnlyError(sql));
        for (size_t i = 0; i < params.size(); ++i) stmt.Bind(static_cast<int>(i + 1), params[i]);
        return stmt;
    }

    static Error ReadOnlyError(std::string_view sql) {
        return Error::FailedPrecondition(
            fmt::format("a read-only transaction cannot write ({}…)", sql.substr(0, 40)));
    }

    Connection& connection_;
    std::unique_lock<std::mutex> lock_;
    std::unique_lock<std::timed_mutex> file_lock_;  // writers: held from BEGIN to COMMIT/ROLLBACK
    bool read_only_ = false;
    bool open_ = false;
};

class SqliteStore final : public sql::SqlStore {
  public:
    explicit SqliteStore(std::unique_ptr<Connection> connection)
        : connection_(std::move(connection)), file_mutex_(FileLock(connection_->path())) {}

    Status Backup(const std::string& path) override {
        std::lock_guard lock(mutex_);
        auto target = Connection::Open(path, /*create=*/true, /*read_only=*/false);
        if (!target) return Fail(target.error());
        sqlite3_backup* backup =
            sqlite3_backup_init((*target)->raw(), "main", connection_->raw(), "main");
        if (!backup) return Fail((*target)->LastError("starting backup to " + path));
        int rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            return Fail(
                Error::Internal(fmt::format("backup to {} failed: {}", path, sqlite3_errstr(rc))));
        }
        return {};
    }

    std::string Describe() const override { return "sqlite:" + connection_->path(); }

  protected:
    Result<std::unique_ptr<sql::Session>> OpenSession(Mode mode) override {
        auto session = std::make_unique<SqliteSession>(
            *connection_, std::unique_lock<std::mutex>(mutex_), *file_mutex_, mode == Mode::kRead);
        KC_RETURN_IF_ERROR(session->Start());
        return std::unique_ptr<sql::Session>(std::move(session));
    }

    Result<std::string> MigrationSql(const Migration& migration) const override {
        return std::string(migration.sql);  // migrations are written in SQLite's dialect
    }

  private:
    std::mutex mutex_;  // guards connection_: one transaction at a time per Store
    std::unique_ptr<Connection> connection_;
    std::shared_ptr<std::timed_mutex> file_mutex_;  // shared with this process's other stores
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const OpenOptions& options) {
    KC_ASSIGN_OR_RETURN(auto connection, Connection::Open(path, options.create, options.read_only));
    auto store = std::make_unique<SqliteStore>(std::move(connection));
    if (options.migrate && !options.read_only) {
        KC_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
        if (version != store->LatestSchemaVersion()) KC_RETURN_IF_ERROR(store->Migrate());
    }
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kc::store::sqlite
