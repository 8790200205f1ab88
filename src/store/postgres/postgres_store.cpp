#include "store/postgres/postgres_store.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <charconv>
#include <mutex>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "store/migrations.h"
#include "store/sql/dialect.h"
#include "store/sql/sql_store.h"

extern char** environ;

namespace kc::store::postgres {

namespace {

using core::FieldType;
using core::Value;

// The key of the advisory lock that serialises kcluster transactions on one database.
constexpr int64_t kWriteLockKey = 0x6b636c7573746572;  // "kcluster"

// Maps a libpqxx exception onto kcluster's errors (see store/sql/session.h).
Error ToError(const std::exception& e) {
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
        sql && sql->sqlstate() == "25006") {  // read_only_sql_transaction
        return Error::FailedPrecondition("a read-only transaction cannot write: " + message);
    }
    if (dynamic_cast<const pqxx::foreign_key_violation*>(&e)) {
        return Error::FailedPrecondition("a reference would dangle: " + message);
    }
    if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e)) {
        return Error::Conflict(message);
    }
    if (dynamic_cast<const pqxx::broken_connection*>(&e) ||
        dynamic_cast<const pqxx::transaction_rollback*>(&e) ||
        dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
        return Error::Unavailable("PostgreSQL: " + message);
    }
    return Error::Internal("PostgreSQL: " + message);
}

std::string ToText(const Value& value) {
    if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "1" : "0";
    if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        return nlohmann::json(*list).dump();
    }
    return {};
}

Value FromField(const pqxx::field& field, FieldType type) {
    if (field.is_null()) {
        if (type == FieldType::kList) return std::vector<std::string>{};
        if (type == FieldType::kBool) return false;
        return {};
    }
    std::string_view text(field.c_str(), field.size());
    switch (type) {
        case FieldType::kId:
        case FieldType::kRef:
        case FieldType::kInt:
        case FieldType::kYen:
        case FieldType::kFiscalYear: {
            int64_t value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size()) {
                // A numeric aggregate (SUM of bigint is numeric) or a real: round toward zero.
                return static_cast<int64_t>(std::strtod(std::string(text).c_str(), nullptr));
            }
            return value;
        }
        case FieldType::kBool:
            return text != "0" && text != "f" && text != "false";
        case FieldType::kDouble:
            return std::strtod(std::string(text).c_str(), nullptr);
        case FieldType::kList: {
            auto parsed = nlohmann::json::parse(text, nullptr, false);
            std::vector<std::string> items;
            if (parsed.is_array()) {
                for (const auto& item : parsed) {
                    if (item.is_string()) items.push_back(item.get<std::string>());
                }
            }
            return items;
        }
        default:
            return std::string(text);
    }
}

class PostgresSession final : public sql::Session {
  public:
    PostgresSession(pqxx::connection& connection, std::unique_lock<std::mutex> lock)
        : connection_(connection), lock_(std::move(lock)), work_(connection_) {}
    ~PostgresSession() override { Rollback(); }

    // Writers take the advisory lock; readers read one snapshot (REPEATABLE READ, so a count and
    // the page after it agree) and the server refuses their writes.
    Status Start(bool read_only) {
        try {
            if (read_only) {
                work_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
                open_ = true;
                return {};
            }
            work_.exec("BEGIN");
            open_ = true;
            work_.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kWriteLockKey));
        } catch (const std::exception& e) {
            return Fail(ToError(e));
        }
        return {};
    }

    Result<std::vector<sql::Row>> Query(const std::string& sql, std::span<const Value> params,
                                        std::span<const FieldType> columns) override {
        KC_ASSIGN_OR_RETURN(pqxx::result result, Run(sql, params));
        std::vector<sql::Row> rows;
        rows.reserve(result.size());
        for (const auto& tuple : result) {
            sql::Row row;
            row.reserve(columns.size());
            for (size_t i = 0; i < columns.size() && i < tuple.size(); ++i) {
                row.push_back(FromField(tuple[static_cast<pqxx::row::size_type>(i)], columns[i]));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    Status Execute(const std::string& sql, std::span<const Value> params) override {
        KC_ASSIGN_OR_RETURN(pqxx::result result, Run(sql, params));
        (void)result;
        return {};
    }

    Status ExecuteScript(const std::string& sql) override {
        return Guarded([&] { work_.exec(sql); });
    }

    Result<bool> HasTable(std::string_view name) override {
        std::array<Value, 1> params = {std::string(name)};
        std::array<FieldType, 1> types = {FieldType::kInt};
        KC_ASSIGN_OR_RETURN(auto rows,
                            Query("SELECT 1 FROM information_schema.tables WHERE table_schema = "
                                  "current_schema() AND table_name = ?1",
                                  params, types));
        return !rows.empty();
    }

    Status NoteExplicitId(std::string_view table, int64_t id) override {
        // Transactions run one at a time (the advisory lock), so reading the maximum is safe.
        const std::string quoted = fmt::format("\"{}\"", table);
        std::array<Value, 2> params = {quoted, id};
        return Execute(
            fmt::format("SELECT setval(pg_get_serial_sequence(?1, 'id'), "
                        "GREATEST(?2::bigint, (SELECT COALESCE(MAX(\"id\"), 1) FROM {})))",
                        quoted),
            params);
    }

    Status DeferReferences() override { return Execute("SET CONSTRAINTS ALL DEFERRED", {}); }

    Result<bool> DeferredReferencesHold() override {
        // Checking the deferred constraints now raises on the first violation; inside a
        // savepoint the transaction survives it (and stays deferred for later writes).
        auto checked = Execute("SET CONSTRAINTS ALL IMMEDIATE", {});
        if (!checked && checked.error().code != ErrorCode::kFailedPrecondition) {
            return Fail(checked.error());
        }
        KC_RETURN_IF_ERROR(Execute("SET CONSTRAINTS ALL DEFERRED", {}));
        return checked.has_value();
    }

    Status Commit() override {
        if (!open_) return Fail(Error::FailedPrecondition("transaction already finished"));
        open_ = false;
        try {
            work_.exec("COMMIT");
        } catch (const std::exception& e) {
            TryRollback();
            return Fail(ToError(e));
        }
        return {};
    }

    void Rollback() override {
        if (!open_) return;
        open_ = false;
        TryRollback();
    }

    std::string_view Dialect() const override { return "postgresql"; }

  private:
    void TryRollback() {
        try {
            work_.exec("ROLLBACK");
        } catch (const std::exception&) {  // a broken connection rolls back by itself
        }
    }

    // Runs `fn` inside a savepoint: if it fails, the statement's effects are undone and the
    // transaction stays usable (as a failed statement leaves a SQLite transaction).
    template <class Fn>
    Status Guarded(Fn&& fn) {
        if (!open_) return Fail(Error::FailedPrecondition("transaction already finished"));
        try {
            work_.exec("SAVEPOINT kc_statement");
        } catch (const std::exception& e) {
            return Fail(ToError(e));
        }
        try {
            fn();
            work_.exec("RELEASE SAVEPOINT kc_statement");
        } catch (const std::exception& e) {
            Error error = ToError(e);
            try {
                work_.exec("ROLLBACK TO SAVEPOINT kc_statement");
                work_.exec("RELEASE SAVEPOINT kc_statement");
            } catch (const std::exception& again) {
                return Fail(ToError(again));
            }
            return Fail(std::move(error));
        }
        return {};
    }

    Result<pqxx::result> Run(const std::string& sql, std::span<const Value> params) {
        std::vector<std::string> texts;
        texts.reserve(params.size());
        std::vector<const char*> pointers;
        pointers.reserve(params.size());
        for (const Value& value : params) texts.push_back(ToText(value));
        for (size_t i = 0; i < params.size(); ++i) {
            pointers.push_back(core::IsNull(params[i]) ? nullptr : texts[i].c_str());
        }
        const std::string text = sql::NumberedToDollarParams(sql);
        pqxx::result result;
        auto run = [&] {
            result = work_.exec_params(text, pqxx::prepare::make_dynamic_params(pointers));
        };
        // Reads need no savepoint, nor appends to the audit log (they cannot violate a
        // constraint): two round trips fewer for every audited write.
        if (sql.starts_with("SELECT") || sql.starts_with("INSERT INTO \"audit_log\" (")) {
            if (!open_) return Fail(Error::FailedPrecondition("transaction already finished"));
            try {
                run();
            } catch (const std::exception& e) {
                return Fail(ToError(e));
            }
            return result;
        }
        KC_RETURN_IF_ERROR(Guarded(run));
        return result;
    }

    pqxx::connection& connection_;
    std::unique_lock<std::mutex> lock_;
    pqxx::nontransaction work_;
    bool open_ = false;
};

class PostgresStore final : public sql::SqlStore {
  public:
    PostgresStore(std::unique_ptr<pqxx::connection> connection, std::string location)
        : connection_(std::move(connection)), location_(std::move(location)) {}

    Status Backup(const std::string& path) override {
        // pg_dump takes a consistent snapshot while the database stays in use.
        std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-owner",
                                         "--file=" + path, "--dbname=" + location_};
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ) != 0) {
            return Fail(
                Error::Unavailable("cannot run pg_dump: install postgresql-client (Debian package "
                                   "postgresql-client-15)"));
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            return Fail(Error::Internal(
                fmt::format("pg_dump of {} to {} failed (exit status {}); its message is above",
                            Describe(), path, WIFEXITED(status) ? WEXITSTATUS(status) : -1)));
        }
        return {};
    }

    std::string Describe() const override { return RedactPassword(location_); }

  protected:
    Result<std::unique_ptr<sql::Session>> OpenSession(Mode mode) override {
        auto session =
            std::make_unique<PostgresSession>(*connection_, std::unique_lock<std::mutex>(mutex_));
        KC_RETURN_IF_ERROR(session->Start(mode == Mode::kRead));
        return std::unique_ptr<sql::Session>(std::move(session));
    }

    Result<std::string> MigrationSql(const Migration& migration) const override {
        return sql::SqliteToPostgres(migration.sql);
    }

  private:
    std::mutex mutex_;  // guards connection_: one transaction at a time per Store
    std::unique_ptr<pqxx::connection> connection_;
    std::string location_;
};

}  // namespace

bool IsPostgresLocation(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://") ||
           location.starts_with("host=") || location.starts_with("dbname=") ||
           location.starts_with("user=") || location.starts_with("port=");
}

std::string RedactPassword(std::string_view location) {
    std::string text(location);
    // URI form: scheme://user:password@host → scheme://user:***@host
    static const std::regex uri_password(R"(^(postgres(?:ql)?://[^:/@]*):[^@]*@)");
    text = std::regex_replace(text, uri_password, "$1:***@");
    // Keyword form: password=secret → password=***
    static const std::regex keyword_password(R"(password\s*=\s*('[^']*'|\S+))");
    return std::regex_replace(text, keyword_password, "password=***");
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& location,
                                                 const OpenOptions& options) {
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = std::make_unique<pqxx::connection>(location);
    } catch (const std::exception& e) {
        return Fail(Error::Unavailable(
            fmt::format("cannot connect to {}: {}", RedactPassword(location), e.what())));
    }
    auto store = std::make_unique<PostgresStore>(std::move(connection), location);
    if (options.migrate && !options.read_only) {
        KC_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
        if (version != store->LatestSchemaVersion()) KC_RETURN_IF_ERROR(store->Migrate());
    }
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kc::store::postgres
