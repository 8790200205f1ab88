#pragma once

// Schema migrations built into the binary: the numbered SQL files of store/migrations/, applied
// in order and recorded in schema_version. A released migration is never edited; a schema
// change is a new numbered file (and the matching change in core/entity_defs.cpp).

#include <span>

namespace kc::store {

struct Migration {
    int version;
    const char* name;  // file name, e.g. "0001_initial.sql"
    const char* sql;
};

// The SQLite migrations, ascending by version.
[[nodiscard]] std::span<const Migration> SqliteMigrations();

}  // namespace kc::store
