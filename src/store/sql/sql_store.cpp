#include "store/sql/sql_store.h"

#include <fmt/format.h>

#include <array>

#include "store/sql/sql_transaction.h"
#include "util/date.h"

namespace kc::store::sql {

namespace {

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS \"schema_version\" (\"version\" INTEGER PRIMARY KEY, "
    "\"name\" TEXT NOT NULL, \"applied_at\" TEXT NOT NULL)";
constexpr const char* kSelectVersion =
    "SELECT COALESCE(MAX(\"version\"),0) FROM \"schema_version\"";
constexpr const char* kInsertVersion =
    "INSERT INTO \"schema_version\" (\"version\",\"name\",\"applied_at\") VALUES (?1,?2,?3)";

}  // namespace

Result<std::unique_ptr<Transaction>> SqlStore::Begin(const Actor& actor) {
    KC_ASSIGN_OR_RETURN(auto session, OpenSession(Mode::kWrite));
    return std::unique_ptr<Transaction>(
        std::make_unique<SqlTransaction>(std::move(session), actor));
}

Result<std::unique_ptr<Transaction>> SqlStore::BeginRead() {
    // The stores of this process on one database share one cache, alive while any of them is.
    std::call_once(read_cache_once_, [this] { read_cache_ = ReadCache::For(Describe()); });
    KC_ASSIGN_OR_RETURN(auto session, OpenSession(Mode::kRead));
    return std::unique_ptr<Transaction>(
        std::make_unique<SqlTransaction>(std::move(session), Actor{"read"}, read_cache_));
}

Status SqlStore::Analyze() {
    KC_ASSIGN_OR_RETURN(auto session, OpenSession(Mode::kWrite));
    KC_RETURN_IF_ERROR(session->ExecuteScript("ANALYZE"));
    return session->Commit();
}

Result<std::vector<Violation>> SqlStore::CheckInvariants() {
    KC_ASSIGN_OR_RETURN(auto session, OpenSession(Mode::kRead));
    auto violations = RunInvariantChecks(*session);
    session->Rollback();
    return violations;
}

Result<int> SqlStore::ReadVersion(Session& session) {
    KC_ASSIGN_OR_RETURN(bool has, session.HasTable("schema_version"));
    if (!has) return 0;
    constexpr std::array kTypes = {core::FieldType::kInt};
    KC_ASSIGN_OR_RETURN(auto rows, session.Query(kSelectVersion, {}, kTypes));
    const auto* version = rows.empty() ? nullptr : std::get_if<int64_t>(&rows.front()[0]);
    return version ? static_cast<int>(*version) : 0;
}

Result<int> SqlStore::SchemaVersion() {
    KC_ASSIGN_OR_RETURN(auto session, OpenSession(Mode::kRead));
    auto version = ReadVersion(*session);
    session->Rollback();
    return version;
}

int SqlStore::LatestSchemaVersion() const { return SqliteMigrations().back().version; }

Status SqlStore::Migrate() {
    for (const Migration& migration : SqliteMigrations()) {
        // Each migration in its own transaction, the version read again under the write lock:
        // several instances starting at once on one database apply each migration once.
        KC_ASSIGN_OR_RETURN(auto session, OpenSession(Mode::kWrite));
        KC_ASSIGN_OR_RETURN(int current, ReadVersion(*session));
        if (current > LatestSchemaVersion()) {
            return Fail(Error::FailedPrecondition(fmt::format(
                "database schema version {} is newer than this kcluster ({}): upgrade kcluster",
                current, LatestSchemaVersion())));
        }
        if (migration.version <= current) continue;
        auto applied = [&]() -> Status {
            KC_ASSIGN_OR_RETURN(std::string sql, MigrationSql(migration));
            KC_RETURN_IF_ERROR(session->Execute(kCreateVersionTable));
            KC_RETURN_IF_ERROR(session->ExecuteScript(sql));
            std::array<core::Value, 3> params = {int64_t{migration.version},
                                                 std::string(migration.name), NowTokyoIso()};
            KC_RETURN_IF_ERROR(session->Execute(kInsertVersion, params));
            return session->Commit();
        }();
        if (!applied) {
            session->Rollback();
            return Fail(Error::Internal(
                fmt::format("migration {} failed: {}", migration.name, applied.error().message)));
        }
    }
    return {};
}

}  // namespace kc::store::sql
