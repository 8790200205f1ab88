#include "store/sqlite/ddl.h"

#include <fmt/format.h>

namespace kc::store::sqlite {

const char* ColumnType(core::FieldType type) {
    using core::FieldType;
    switch (type) {
        case FieldType::kId:
        case FieldType::kRef:
        case FieldType::kInt:
        case FieldType::kYen:
        case FieldType::kFiscalYear:
        case FieldType::kBool:
            return "INTEGER";
        case FieldType::kDouble:
            return "REAL";
        default:
            return "TEXT";
    }
}

std::string TableDdl(const core::EntityDef& def) {
    using core::FieldType;
    std::string sql = fmt::format("CREATE TABLE \"{}\" (\n", def.name);
    std::string indexes;
    for (size_t i = 0; i < def.fields.size(); ++i) {
        const auto& field = def.fields[i];
        std::string column = fmt::format("    \"{}\" {}", field.name, ColumnType(field.type));
        if (field.type == FieldType::kId) {
            column += " PRIMARY KEY";
        } else if (field.type == FieldType::kBool) {
            column += " NOT NULL DEFAULT 0";
        } else if (field.required || field.name == "created_at" || field.name == "updated_at") {
            column += " NOT NULL";
        }
        if (field.type == FieldType::kRef) {
            column += fmt::format(" REFERENCES \"{}\"(\"id\")", field.ref_entity);
            indexes += fmt::format("CREATE INDEX \"{0}_{1}_idx\" ON \"{0}\"(\"{1}\");\n", def.name,
                                   field.name);
        }
        sql += column;
        sql += i + 1 < def.fields.size() ? ",\n" : "\n";
    }
    sql += ");\n";
    for (const auto& name : def.name_fields) {
        indexes +=
            fmt::format("CREATE INDEX \"{0}_{1}_name_idx\" ON \"{0}\"(\"{1}\");\n", def.name, name);
    }
    return sql + indexes;
}

std::string FullSchemaDdl() {
    std::string sql;
    for (const core::EntityDef* def : core::AllEntities()) {
        sql += TableDdl(*def);
        sql += "\n";
    }
    sql +=
        "CREATE TABLE \"audit_log\" (\n"
        "    \"id\" INTEGER PRIMARY KEY,\n"
        "    \"at\" TEXT NOT NULL,\n"
        "    \"actor\" TEXT NOT NULL,\n"
        "    \"action\" TEXT NOT NULL,\n"
        "    \"entity\" TEXT NOT NULL,\n"
        "    \"entity_id\" INTEGER NOT NULL,\n"
        "    \"before_json\" TEXT,\n"
        "    \"after_json\" TEXT\n"
        ");\n"
        "CREATE INDEX \"audit_log_entity_idx\" ON \"audit_log\"(\"entity\", \"entity_id\");\n";
    return sql;
}

}  // namespace kc::store::sqlite
