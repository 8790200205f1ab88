#pragma once

// The PostgreSQL backend of store.h (libpqxx): one connection per Store, statements with bound
// parameters only, every statement of a write inside a savepoint so that a failed statement
// leaves the transaction usable exactly as on SQLite, and one transaction-scoped advisory lock
// so that transactions on one database run one at a time whichever instance starts them — the
// same serial semantics as SQLite's BEGIN IMMEDIATE, which the use cases' read-check-write
// rules (budgets, loads) rely on (decision 0008).

#include <memory>
#include <string>

#include "store/store.h"

namespace kc::store::postgres {

// Whether `location` names a PostgreSQL database: a postgresql:// or postgres:// URI, or a
// libpq keyword string such as "host=127.0.0.1 port=5432 dbname=kc user=kc".
[[nodiscard]] bool IsPostgresLocation(std::string_view location);

// Connects to the database at `location` and (unless told not to) applies pending migrations.
// options.create is ignored: the database itself must exist (createdb).
[[nodiscard]] Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& location,
                                                               const OpenOptions& options);

// `location` with any password replaced by "***", for messages and logs.
[[nodiscard]] std::string RedactPassword(std::string_view location);

}  // namespace kc::store::postgres
