#pragma once

// Thin RAII layer over the SQLite C API used by the SQLite store: a connection that owns its
// prepared statements, and a statement wrapper that binds kcluster values.

#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/record.h"
#include "core/schema.h"
#include "util/error.h"

namespace kc::store::sqlite {

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// A prepared statement borrowed from the connection's cache; reset when the wrapper dies.
class Statement {
  public:
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
    ~Statement();

    void Bind(int index, const core::Value& value);
    void BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
    void BindText(int index, std::string_view text);
    void BindNull(int index) { sqlite3_bind_null(stmt_, index); }

    // Steps once: true while a row is available, false when done; errors carry SQLite's message.
    [[nodiscard]] Result<bool> Step();
    // Steps to completion, ignoring rows.
    [[nodiscard]] Status Run();

    [[nodiscard]] int64_t ColumnInt(int index) const { return sqlite3_column_int64(stmt_, index); }
    [[nodiscard]] std::string ColumnText(int index) const;
    [[nodiscard]] bool ColumnIsNull(int index) const {
        return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
    }
    // Reads column `index` as a value of `type`.
    [[nodiscard]] core::Value ColumnValue(int index, core::FieldType type) const;
    [[nodiscard]] sqlite3_stmt* raw() const { return stmt_; }

  private:
    sqlite3_stmt* stmt_;
};

class Connection {
  public:
    static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create,
                                                    bool read_only);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // A cached prepared statement for `sql`.
    [[nodiscard]] Result<Statement> Prepare(const std::string& sql);
    // Executes one or more statements without parameters (DDL, BEGIN, COMMIT).
    [[nodiscard]] Status Exec(const std::string& sql);
    [[nodiscard]] int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_.get()); }
    [[nodiscard]] sqlite3* raw() const { return db_.get(); }
    [[nodiscard]] const std::string& path() const { return path_; }

    // Turns the connection's last error into an Error with `context`.
    [[nodiscard]] Error LastError(std::string_view context) const;

  private:
    Connection(DbPtr db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
    DbPtr db_;
    std::string path_;
    std::map<std::string, StmtPtr, std::less<>> cache_;
};

}  // namespace kc::store::sqlite
