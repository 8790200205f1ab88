#pragma once

// The SQLite backend of store.h: one connection per Store in WAL mode with foreign keys on, a busy
// timeout, prepared statements only (cached per SQL text), and BEGIN IMMEDIATE transactions so a
// write never fails half-way on a busy file.

#include <memory>
#include <string>

#include "store/store.h"

namespace kc::store::sqlite {

// Opens (and optionally creates and migrates) the database file at `path`.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                             const OpenOptions& options);

}  // namespace kc::store::sqlite
