#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <mutex>
#include <set>
#include <unordered_map>

#include "core/validate.h"
#include "core/value_io.h"
#include "store/migrations.h"
#include "store/sqlite/connection.h"
#include "util/date.h"

namespace kc::store::sqlite {

// Defined in invariants.cpp.
Result<std::vector<Violation>> RunInvariantChecks(Connection& connection);

namespace {

using core::EntityDef;
using core::FieldType;
using core::Record;
using core::Value;

std::string Quote(std::string_view name) { return fmt::format("\"{}\"", name); }

// SQL texts per entity, built once from the definition (identifiers only; values are always bound).
struct EntitySql {
    std::string select_columns;  // "id","title",...
    std::string insert;
    std::string update;
    std::string get;
    std::string exists;
    std::string remove;
};

const EntitySql& SqlFor(const EntityDef& def) {
    static std::mutex mutex;
    static std::unordered_map<const EntityDef*, EntitySql> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(&def);
    if (it != cache.end()) return it->second;
    EntitySql sql;
    std::string placeholders, assignments;
    for (size_t i = 0; i < def.fields.size(); ++i) {
        if (i) {
            sql.select_columns += ",";
            placeholders += ",";
        }
        sql.select_columns += Quote(def.fields[i].name);
        placeholders += "?";
        if (i > 0) {
            if (i > 1) assignments += ",";
            assignments += fmt::format("{}=?{}", Quote(def.fields[i].name), i + 1);
        }
    }
    std::string table = Quote(def.name);
    sql.insert =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", table, sql.select_columns, placeholders);
    sql.update = fmt::format("UPDATE {} SET {} WHERE \"id\"=?1", table, assignments);
    sql.get = fmt::format("SELECT {} FROM {} WHERE \"id\"=?1", sql.select_columns, table);
    sql.exists = fmt::format("SELECT 1 FROM {} WHERE \"id\"=?1", table);
    sql.remove = fmt::format("DELETE FROM {} WHERE \"id\"=?1", table);
    return cache.emplace(&def, std::move(sql)).first->second;
}

Record ReadRow(const EntityDef& def, const Statement& stmt) {
    Record record{&def, {}};
    record.values.reserve(def.fields.size());
    for (size_t i = 0; i < def.fields.size(); ++i) {
        record.values.push_back(stmt.ColumnValue(static_cast<int>(i), def.fields[i].type));
    }
    return record;
}

constexpr const char* kInsertAudit =
    "INSERT INTO \"audit_log\" (\"at\",\"actor\",\"action\",\"entity\",\"entity_id\","
    "\"before_json\",\"after_json\") VALUES (?1,?2,?3,?4,?5,?6,?7)";
constexpr const char* kSelectAudit =
    "SELECT \"id\",\"at\",\"actor\",\"action\",\"entity\",\"entity_id\",\"before_json\","
    "\"after_json\" FROM \"audit_log\" WHERE \"entity\"=?1 AND (?2=0 OR \"entity_id\"=?2) "
    "ORDER BY \"id\"";
constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS \"schema_version\" (\"version\" INTEGER PRIMARY KEY, "
    "\"name\" TEXT NOT NULL, \"applied_at\" TEXT NOT NULL)";
constexpr const char* kSelectVersion =
    "SELECT COALESCE(MAX(\"version\"),0) FROM \"schema_version\"";
constexpr const char* kInsertVersion =
    "INSERT INTO \"schema_version\" (\"version\",\"name\",\"applied_at\") VALUES (?1,?2,?3)";
constexpr const char* kHasVersionTable =
    "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'";

class SqliteTransaction final : public Transaction {
  public:
    SqliteTransaction(Connection& connection, std::unique_lock<std::mutex> lock, Actor actor)
        : connection_(connection),
          lock_(std::move(lock)),
          actor_(std::move(actor)),
          now_(NowTokyoIso()) {}

    ~SqliteTransaction() override {
        if (open_) (void)connection_.Exec("ROLLBACK");
    }

    Status Start() {
        KC_RETURN_IF_ERROR(connection_.Exec("BEGIN IMMEDIATE"));
        open_ = true;
        return {};
    }

    Result<Record> Get(const EntityDef& def, Id id) override {
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(SqlFor(def).get));
        stmt.BindInt(1, id);
        KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) return Fail(Error::NotFound(fmt::format("no {} with id {}", def.name, id)));
        return ReadRow(def, stmt);
    }

    Result<std::vector<Record>> List(const EntityDef& def, const Filter& filter) override {
        KC_ASSIGN_OR_RETURN(std::string where, WhereClause(def, filter));
        std::string sql = fmt::format("SELECT {} FROM {}{} ORDER BY \"id\"",
                                      SqlFor(def).select_columns, Quote(def.name), where);
        if (filter.limit > 0 || filter.offset > 0) {  // LIMIT -1: no limit, only an offset
            sql += fmt::format(" LIMIT {} OFFSET {}", filter.limit > 0 ? filter.limit : -1,
                               filter.offset);
        }
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(sql));
        BindFilter(stmt, filter);
        std::vector<Record> records;
        while (true) {
            KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
            if (!row) break;
            records.push_back(ReadRow(def, stmt));
        }
        return records;
    }

    Result<int64_t> Count(const EntityDef& def, const Filter& filter) override {
        KC_ASSIGN_OR_RETURN(std::string where, WhereClause(def, filter));
        KC_ASSIGN_OR_RETURN(
            Statement stmt,
            connection_.Prepare(fmt::format("SELECT count(*) FROM {}{}", Quote(def.name), where)));
        BindFilter(stmt, filter);
        KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
        return row ? stmt.ColumnInt(0) : 0;
    }

    Result<bool> Exists(const EntityDef& def, Id id) override {
        if (known_.contains({&def, id})) return true;
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(SqlFor(def).exists));
        stmt.BindInt(1, id);
        KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (row) known_.insert({&def, id});
        return row;
    }

    Result<std::vector<Id>> FindByName(const EntityDef& def, std::string_view name) override {
        std::vector<Id> ids;
        for (const auto& field : def.name_fields) {
            KC_ASSIGN_OR_RETURN(Statement stmt,
                                connection_.Prepare(fmt::format("SELECT \"id\" FROM {} WHERE {}=?1",
                                                                Quote(def.name), Quote(field))));
            stmt.BindText(1, name);
            while (true) {
                KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
                if (!row) break;
                Id id = stmt.ColumnInt(0);
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
            }
        }
        if (def.compound_name.size() == 2) {
            const std::string a = Quote(def.compound_name[0]), b = Quote(def.compound_name[1]);
            KC_ASSIGN_OR_RETURN(
                Statement stmt,
                connection_.Prepare(fmt::format(
                    "SELECT \"id\" FROM {0} WHERE {1}||COALESCE({2},'')=?1 OR "
                    "{1}||' '||COALESCE({2},'')=?1 OR {1}||'\u3000'||COALESCE({2},'')=?1",
                    Quote(def.name), a, b)));
            stmt.BindText(1, name);
            while (true) {
                KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
                if (!row) break;
                Id id = stmt.ColumnInt(0);
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
            }
        }
        return ids;
    }

    Result<Id> Insert(Record record, const WriteOptions& options) override {
        KC_CHECK(record.def != nullptr, "record without definition");
        const EntityDef& def = *record.def;
        if (core::IsNull(record.values[0])) record.values[0] = int64_t{0};
        Id id = record.GetId();
        if (id != 0) {
            KC_ASSIGN_OR_RETURN(bool taken, Exists(def, id));
            if (taken) {
                return Fail(Error::Conflict(fmt::format("{} id {} already exists", def.name, id)));
            }
        }
        if (marks_inserts_as_sample()) record.Set("sample", true);
        Stamp(record, options, /*created_at=*/now_);
        KC_RETURN_IF_ERROR(CheckAll(record, options));
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(SqlFor(def).insert));
        for (size_t i = 0; i < record.values.size(); ++i) {
            if (i == 0 && id == 0) {
                stmt.BindNull(1);
            } else {
                stmt.Bind(static_cast<int>(i + 1), record.values[i]);
            }
        }
        KC_RETURN_IF_ERROR(stmt.Run());
        if (id == 0) {
            id = connection_.LastInsertId();
            record.values[0] = id;
        }
        known_.insert({&def, id});
        KC_RETURN_IF_ERROR(WriteAudit("insert", def.name, id, nullptr, &record));
        return id;
    }

    Status Update(Record record, const WriteOptions& options) override {
        KC_CHECK(record.def != nullptr, "record without definition");
        const EntityDef& def = *record.def;
        Id id = record.GetId();
        KC_ASSIGN_OR_RETURN(Record before, Get(def, id));
        if (def.state_machine) {
            const std::string& field = def.state_machine->field;
            auto* from = std::get_if<std::string>(&before.Get(field));
            auto* to = std::get_if<std::string>(&record.Get(field));
            if (from && to) KC_RETURN_IF_ERROR(core::CheckTransition(def, *from, *to));
        }
        if (!options.keep_timestamps) record.Set("created_at", before.Get("created_at"));
        const auto* created = std::get_if<std::string>(&before.Get("created_at"));
        Stamp(record, options, created ? *created : now_);
        KC_RETURN_IF_ERROR(CheckAll(record, options));
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(SqlFor(def).update));
        for (size_t i = 0; i < record.values.size(); ++i) {
            stmt.Bind(static_cast<int>(i + 1), record.values[i]);
        }
        KC_RETURN_IF_ERROR(stmt.Run());
        return WriteAudit("update", def.name, id, &before, &record);
    }

    Status Delete(const EntityDef& def, Id id) override {
        KC_ASSIGN_OR_RETURN(Record before, Get(def, id));
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(SqlFor(def).remove));
        stmt.BindInt(1, id);
        if (auto status = stmt.Run(); !status) {
            if (status.error().code == ErrorCode::kFailedPrecondition) {
                return Fail(Error::FailedPrecondition(fmt::format(
                    "cannot delete {} {}: other records still refer to it", def.name, id)));
            }
            return status;
        }
        known_.erase({&def, id});
        return WriteAudit("delete", def.name, id, &before, nullptr);
    }

    Result<std::vector<AuditEntry>> Audit(std::string_view entity, Id id) override {
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(kSelectAudit));
        stmt.BindText(1, entity);
        stmt.BindInt(2, id);
        std::vector<AuditEntry> entries;
        while (true) {
            KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
            if (!row) break;
            entries.push_back({stmt.ColumnInt(0), stmt.ColumnText(1), stmt.ColumnText(2),
                               stmt.ColumnText(3), stmt.ColumnText(4), stmt.ColumnInt(5),
                               stmt.ColumnText(6), stmt.ColumnText(7)});
        }
        return entries;
    }

    Status Commit() override {
        if (!open_) return Fail(Error::FailedPrecondition("transaction already finished"));
        if (deferred_refs_) KC_RETURN_IF_ERROR(CheckDeferredReferences());
        KC_RETURN_IF_ERROR(connection_.Exec("COMMIT"));
        open_ = false;
        return {};
    }

  private:
    void Stamp(Record& record, const WriteOptions& options, const std::string& created_at) {
        bool keep = options.keep_timestamps;
        if (!keep || core::IsNull(record.Get("created_at"))) record.Set("created_at", created_at);
        if (!keep || core::IsNull(record.Get("updated_at"))) record.Set("updated_at", now_);
    }

    // Validation and reference checks, all errors together.
    Status CheckAll(const Record& record, const WriteOptions& options) {
        const EntityDef& def = *record.def;
        auto errors = core::ValidateRecord(record);
        if (options.ref_check == RefCheck::kAtCommit) {
            if (!deferred_refs_) {
                KC_RETURN_IF_ERROR(connection_.Exec("PRAGMA defer_foreign_keys=ON"));
                deferred_refs_ = true;
            }
        } else {
            for (size_t i = 0; i < def.fields.size(); ++i) {
                const auto& field = def.fields[i];
                if (field.type != FieldType::kRef) continue;
                auto* ref = std::get_if<int64_t>(&record.values[i]);
                if (!ref || *ref <= 0) continue;
                const EntityDef* target = core::FindEntity(field.ref_entity);
                KC_ASSIGN_OR_RETURN(bool exists, Exists(*target, *ref));
                if (!exists) {
                    errors.push_back({field.name,
                                      fmt::format("the id of an existing {}", target->name),
                                      fmt::format("{} (no such {})", *ref, target->name)});
                }
            }
        }
        if (errors.empty()) return {};
        return Fail(Error::Fields(fmt::format("invalid {}", def.name), std::move(errors)));
    }

    Status CheckDeferredReferences() {
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare("PRAGMA foreign_key_check"));
        std::vector<FieldError> errors;
        while (true) {
            KC_ASSIGN_OR_RETURN(bool row, stmt.Step());
            if (!row) break;
            std::string table = stmt.ColumnText(0);
            Id rowid = stmt.ColumnInt(1);
            std::string parent = stmt.ColumnText(2);
            if (errors.size() < 20) {
                errors.push_back({fmt::format("{}[{}]", table, rowid),
                                  fmt::format("references to existing {} records", parent),
                                  "a dangling reference"});
            }
        }
        if (errors.empty()) return {};
        return Fail(Error::Fields("dangling references", std::move(errors)));
    }

    Result<std::string> WhereClause(const EntityDef& def, const Filter& filter) {
        std::string where;
        int index = 1;
        for (const auto& [name, value] : filter.equals) {
            const core::FieldDef* field = def.Find(name);
            if (!field) {
                return Fail(Error::InvalidArgument(
                    fmt::format("{} has no field \"{}\" to filter on", def.name, name)));
            }
            where += where.empty() ? " WHERE " : " AND ";
            if (core::IsNull(value)) {
                where += fmt::format("{} IS NULL", Quote(name));
            } else {
                where += fmt::format("{}=?{}", Quote(name), index);
            }
            ++index;
        }
        return where;
    }

    static void BindFilter(Statement& stmt, const Filter& filter) {
        int index = 1;
        for (const auto& [name, value] : filter.equals) {
            if (!core::IsNull(value)) stmt.Bind(index, value);
            ++index;
        }
    }

    Status WriteAudit(const char* action, const std::string& entity, Id id, const Record* before,
                      const Record* after) {
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_.Prepare(kInsertAudit));
        stmt.BindText(1, now_);
        stmt.BindText(2, actor_.name);
        stmt.BindText(3, action);
        stmt.BindText(4, entity);
        stmt.BindInt(5, id);
        if (before) {
            stmt.BindText(6, core::RecordToJsonText(*before));
        } else {
            stmt.BindNull(6);
        }
        if (after) {
            stmt.BindText(7, core::RecordToJsonText(*after));
        } else {
            stmt.BindNull(7);
        }
        return stmt.Run();
    }

    Connection& connection_;
    std::unique_lock<std::mutex> lock_;
    Actor actor_;
    std::string now_;
    bool open_ = false;
    bool deferred_refs_ = false;
    std::set<std::pair<const EntityDef*, Id>> known_;
};

class SqliteStore final : public Store {
  public:
    explicit SqliteStore(std::unique_ptr<Connection> connection)
        : connection_(std::move(connection)) {}

    Result<std::unique_ptr<Transaction>> Begin(const Actor& actor) override {
        std::unique_lock lock(mutex_);
        auto transaction =
            std::make_unique<SqliteTransaction>(*connection_, std::move(lock), actor);
        KC_RETURN_IF_ERROR(transaction->Start());
        return std::unique_ptr<Transaction>(std::move(transaction));
    }

    Result<std::vector<Violation>> CheckInvariants() override {
        std::lock_guard lock(mutex_);
        return RunInvariantChecks(*connection_);
    }

    Status Backup(const std::string& path) override {
        std::lock_guard lock(mutex_);
        auto target = Connection::Open(path, /*create=*/true, /*read_only=*/false);
        if (!target) return Fail(target.error());
        sqlite3_backup* backup =
            sqlite3_backup_init((*target)->raw(), "main", connection_->raw(), "main");
        if (!backup) return Fail((*target)->LastError("starting backup to " + path));
        int rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            return Fail(
                Error::Internal(fmt::format("backup to {} failed: {}", path, sqlite3_errstr(rc))));
        }
        return {};
    }

    Result<int> SchemaVersion() override {
        std::lock_guard lock(mutex_);
        return ReadVersion();
    }

    int LatestSchemaVersion() const override { return SqliteMigrations().back().version; }

    Status Migrate() override {
        std::lock_guard lock(mutex_);
        KC_ASSIGN_OR_RETURN(int current, ReadVersion());
        if (current > LatestSchemaVersion()) {
            return Fail(Error::FailedPrecondition(fmt::format(
                "database schema version {} is newer than this kcluster ({}): upgrade kcluster",
                current, LatestSchemaVersion())));
        }
        for (const Migration& migration : SqliteMigrations()) {
            if (migration.version <= current) continue;
            KC_RETURN_IF_ERROR(connection_->Exec("BEGIN IMMEDIATE"));
            auto applied = [&]() -> Status {
                KC_RETURN_IF_ERROR(connection_->Exec(kCreateVersionTable));
                KC_RETURN_IF_ERROR(connection_->Exec(migration.sql));
                KC_ASSIGN_OR_RETURN(Statement stmt, connection_->Prepare(kInsertVersion));
                stmt.BindInt(1, migration.version);
                stmt.BindText(2, migration.name);
                stmt.BindText(3, NowTokyoIso());
                return stmt.Run();
            }();
            if (!applied) {
                (void)connection_->Exec("ROLLBACK");
                return Fail(Error::Internal(fmt::format("migration {} failed: {}", migration.name,
                                                        applied.error().message)));
            }
            KC_RETURN_IF_ERROR(connection_->Exec("COMMIT"));
        }
        return {};
    }

    std::string Describe() const override { return "sqlite:" + connection_->path(); }

  private:
    Result<int> ReadVersion() {
        KC_ASSIGN_OR_RETURN(Statement has, connection_->Prepare(kHasVersionTable));
        KC_ASSIGN_OR_RETURN(bool row, has.Step());
        if (!row || has.ColumnInt(0) == 0) return 0;
        KC_ASSIGN_OR_RETURN(Statement stmt, connection_->Prepare(kSelectVersion));
        KC_ASSIGN_OR_RETURN(bool got, stmt.Step());
        return got ? static_cast<int>(stmt.ColumnInt(0)) : 0;
    }

    std::mutex mutex_;  // guards connection_: one transaction at a time per Store
    std::unique_ptr<Connection> connection_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const OpenOptions& options) {
    KC_ASSIGN_OR_RETURN(auto connection, Connection::Open(path, options.create, options.read_only));
    auto store = std::make_unique<SqliteStore>(std::move(connection));
    if (options.migrate && !options.read_only) {
        KC_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
        if (version != store->LatestSchemaVersion()) KC_RETURN_IF_ERROR(store->Migrate());
    }
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kc::store::sqlite
