#pragma once

// Generates SQLite DDL from entity definitions. Used to write the first migration and by the
// schema-consistency test; released migrations themselves are fixed files.

#include <string>

#include "core/schema.h"

namespace kc::store::sqlite {

// CREATE TABLE (and its reference indexes) for `def`.
[[nodiscard]] std::string TableDdl(const core::EntityDef& def);

// The SQLite column type that stores values of `type` ("INTEGER", "REAL" or "TEXT").
[[nodiscard]] const char* ColumnType(core::FieldType type);

// DDL of every entity plus the platform tables (schema_version, audit_log).
[[nodiscard]] std::string FullSchemaDdl();

}  // namespace kc::store::sqlite
