#pragma once

// The seam between the backend-independent SQL layer (SqlTransaction, SqlStore, the invariant
// checks, migrations) and one database backend. A Session is one connection inside one open
// transaction that already holds the database's write lock; it runs SQL written with numbered
// parameters (?1, ?2, ...) in the common subset of SQLite and PostgreSQL that kcluster uses, and
// maps the backend's errors onto kcluster's error codes:
//   foreign-key violation → FailedPrecondition, other constraint violations → Conflict,
//   busy / lock / serialisation failures and lost connections → Unavailable, anything else →
//   Internal with the backend's message.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/schema.h"
#include "util/error.h"

namespace kc::store::sql {

using Row = std::vector<core::Value>;

class Session {
  public:
    virtual ~Session() = default;

    // Runs one statement and reads its rows, column i as a value of columns[i] (NULL reads as
    // the type's empty value, as for records: an empty list, false, or null).
    [[nodiscard]] virtual Result<std::vector<Row>> Query(
        const std::string& sql, std::span<const core::Value> params,
        std::span<const core::FieldType> columns) = 0;
    // Runs one statement, ignoring any rows.
    [[nodiscard]] virtual Status Execute(const std::string& sql,
                                         std::span<const core::Value> params = {}) = 0;
    // Runs a script of several statements without parameters (migrations).
    [[nodiscard]] virtual Status ExecuteScript(const std::string& sql) = 0;
    // Whether a table exists (before the first migration there is no schema_version).
    [[nodiscard]] virtual Result<bool> HasTable(std::string_view name) = 0;
    // After a row was inserted with an explicit id: PostgreSQL moves the table's identity past
    // it so that later generated ids do not collide. SQLite needs nothing.
    [[nodiscard]] virtual Status NoteExplicitId(std::string_view table, int64_t id) = 0;
    // Makes the database check references only at commit (RefCheck::kAtCommit).
    [[nodiscard]] virtual Status DeferReferences() = 0;
    // Whether every deferred reference holds now (one cheap check by the database; the
    // transaction stays usable either way). When false, SqlTransaction finds and names them.
    [[nodiscard]] virtual Result<bool> DeferredReferencesHold() = 0;
    [[nodiscard]] virtual Status Commit() = 0;
    // Rolls back if the transaction is still open; also done by the destructor.
    virtual void Rollback() = 0;
    // "sqlite" or "postgresql".
    [[nodiscard]] virtual std::string_view Dialect() const = 0;
};

}  // namespace kc::store::sql
