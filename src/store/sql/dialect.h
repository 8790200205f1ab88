#pragma once

// The two SQL dialects kcluster speaks. Migrations have one source of truth, the SQLite files of
// store/migrations/, written in a deliberately small subset (CREATE TABLE, CREATE INDEX, ALTER
// TABLE ADD COLUMN with INTEGER, REAL and TEXT columns, NOT NULL, DEFAULT, REFERENCES); the
// PostgreSQL text is derived from them here, and anything outside the subset is refused so a
// migration can never silently mean different things on the two backends (decision 0008).

#include <string>
#include <string_view>

#include "util/error.h"

namespace kc::store::sql {

// The PostgreSQL text of a migration written for SQLite: INTEGER → BIGINT (kcluster's integers
// are 64-bit), INTEGER PRIMARY KEY → an identity column, REAL → DOUBLE PRECISION, every
// REFERENCES made DEFERRABLE (for RefCheck::kAtCommit). InvalidArgument naming the line for any
// word outside the subset.
[[nodiscard]] Result<std::string> SqliteToPostgres(std::string_view sql);

// "… WHERE a=?1 AND b=?2" → "… WHERE a=$1 AND b=$2" (outside quotes and string literals).
[[nodiscard]] std::string NumberedToDollarParams(std::string_view sql);

}  // namespace kc::store::sql
