#include "store/sqlite/connection.h"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

namespace kc::store::sqlite {

Statement::~Statement() {
    if (stmt_) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
}

void Statement::BindText(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void Statement::Bind(int index, const core::Value& value) {
    if (core::IsNull(value)) {
        sqlite3_bind_null(stmt_, index);
    } else if (auto* i = std::get_if<int64_t>(&value)) {
        sqlite3_bind_int64(stmt_, index, *i);
    } else if (auto* d = std::get_if<double>(&value)) {
        sqlite3_bind_double(stmt_, index, *d);
    } else if (auto* s = std::get_if<std::string>(&value)) {
        BindText(index, *s);
    } else if (auto* b = std::get_if<bool>(&value)) {
        sqlite3_bind_int64(stmt_, index, *b ? 1 : 0);
    } else if (auto* list = std::get_if<std::vector<std::string>>(&value)) {
        BindText(index, nlohmann::json(*list).dump());
    }
}

Result<bool> Statement::Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    int extended = sqlite3_extended_errcode(db);
    std::string message = sqlite3_errmsg(db);
    if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Fail(Error::FailedPrecondition("a reference would dangle: " + message));
    }
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return Fail(Error::Conflict(message));
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        return Fail(Error::Unavailable("database is busy: " + message));
    }
    return Fail(Error::Internal("SQLite: " + message));
}

Status Statement::Run() {
    while (true) {
        KC_ASSIGN_OR_RETURN(bool row, Step());
        if (!row) return {};
    }
}

std::string Statement::ColumnText(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, index)));
}

core::Value Statement::ColumnValue(int index, core::FieldType type) const {
    using core::FieldType;
    if (ColumnIsNull(index)) {
        if (type == FieldType::kList) return std::vector<std::string>{};
        if (type == FieldType::kBool) return false;
        return {};
    }
    switch (type) {
        case FieldType::kId:
        case FieldType::kRef:
        case FieldType::kInt:
        case FieldType::kYen:
        case FieldType::kFiscalYear:
            return ColumnInt(index);
        case FieldType::kBool:
            return ColumnInt(index) != 0;
        case FieldType::kDouble:
            return sqlite3_column_double(stmt_, index);
        case FieldType::kList: {
            auto parsed = nlohmann::json::parse(ColumnText(index), nullptr, false);
            std::vector<std::string> items;
            if (parsed.is_array()) {
                for (const auto& item : parsed) {
                    if (item.is_string()) items.push_back(item.get<std::string>());
                }
            }
            return items;
        }
        default:
            return ColumnText(index);
    }
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create,
                                                     bool read_only) {
    std::error_code ec;
    if (!create && !std::filesystem::exists(path, ec)) {
        return Fail(Error::NotFound(fmt::format(
            "database {} does not exist: create it with `kcluster db init` (or `kcluster demo "
            "load`), or pass --db PATH",
            path)));
    }
    if (create) {
        auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    }
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK) {
        return Fail(Error::Unavailable(fmt::format("cannot open database {}: {}", path,
                                                   raw ? sqlite3_errmsg(raw) : "out of memory")));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    std::unique_ptr<Connection> connection(new Connection(std::move(db), path));
    // The first statement reads the header: a file that is not SQLite fails here, clearly.
    // A 256 MiB page cache (allocated only as used) keeps large transactions such as a
    // million-row import from spilling pages to the WAL and reading them back.
    std::string pragmas =
        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; "
        "PRAGMA temp_store=MEMORY;";
    if (!read_only) pragmas = "PRAGMA journal_mode=WAL; " + pragmas;
    if (auto status = connection->Exec(pragmas); !status) {
        return Fail(Error::Unavailable(
            fmt::format("cannot use {} as a kcluster database: {}", path, status.error().message)));
    }
    return connection;
}

Result<Statement> Connection::Prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(db_.get(), sql.c_str(), static_cast<int>(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            return Fail(LastError("preparing SQL"));
        }
        it = cache_.emplace(sql, StmtPtr(stmt)).first;
    }
    return Statement(it->second.get());
}

Status Connection::Exec(const std::string& sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        if ((rc & 0xff) == SQLITE_BUSY)
            return Fail(Error::Unavailable("database is busy: " + text));
        return Fail(Error::Internal("SQLite: " + text));
    }
    return {};
}

Error Connection::LastError(std::string_view context) const {
    return Error::Internal(fmt::format("{}: {}", context, sqlite3_errmsg(db_.get())));
}

}  // namespace kc::store::sqlite
