#include "app/db_copy.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "core/value_io.h"

namespace kc::app {

namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

class Fnv1a {
  public:
    void Add(std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash_ ^= c;
            hash_ *= kFnvPrime;
        }
        Add('\n');
    }
    [[nodiscard]] std::string Hex() const { return fmt::format("{:016x}", hash_); }

  private:
    void Add(char c) {
        hash_ ^= static_cast<unsigned char>(c);
        hash_ *= kFnvPrime;
    }
    uint64_t hash_ = kFnvOffset;
};

std::string AuditText(const store::AuditEntry& entry) {
    return nlohmann::json::array({entry.id, entry.at, entry.actor, entry.action, entry.entity,
                                  entry.entity_id, entry.before_json, entry.after_json})
        .dump();
}

TableDigest Digest(const std::string& table, const std::vector<core::Record>& records) {
    Fnv1a hash;
    for (const auto& record : records) hash.Add(core::RecordToJsonText(record));
    return {table, static_cast<int64_t>(records.size()), hash.Hex()};
}

TableDigest Digest(const std::vector<store::UserRow>& users) {
    Fnv1a hash;
    for (const auto& user : users) {
        hash.Add(nlohmann::json::array(
                     {user.id, user.login, user.password_hash, user.roles,
                      user.person_id ? nlohmann::json(*user.person_id) : nlohmann::json(),
                      user.disabled, user.created_at, user.updated_at})
                     .dump());
    }
    return {"app_user", static_cast<int64_t>(users.size()), hash.Hex()};
}

TableDigest Digest(const std::vector<store::AuditEntry>& entries) {
    Fnv1a hash;
    for (const auto& entry : entries) hash.Add(AuditText(entry));
    return {"audit_log", static_cast<int64_t>(entries.size()), hash.Hex()};
}

}  // namespace

bool CopyReport::verified() const {
    for (const auto& table : tables) {
        if (!table.matches()) return false;
    }
    return !tables.empty();
}

Result<std::vector<TableDigest>> DigestDatabase(store::Store& store) {
    KC_ASSIGN_OR_RETURN(auto tx, store.Begin(store::Actor{"db-digest"}));
    std::vector<TableDigest> digests;
    for (const core::EntityDef* def : core::AllEntities()) {
        KC_ASSIGN_OR_RETURN(auto records, tx->List(*def, {}));
        digests.push_back(Digest(def->name, records));
    }
    KC_ASSIGN_OR_RETURN(auto users, tx->ListUsers());
    digests.push_back(Digest(users));
    KC_ASSIGN_OR_RETURN(auto audit, tx->AuditLog(0, 0));
    digests.push_back(Digest(audit));
    return digests;
}

Result<CopyReport> CopyDatabase(store::Store& source, store::Store& target,
                                const CopyProgressFn& progress) {
    CopyReport report;
    report.source = source.Describe();
    report.target = target.Describe();
    KC_ASSIGN_OR_RETURN(int source_version, source.SchemaVersion());
    KC_ASSIGN_OR_RETURN(int target_version, target.SchemaVersion());
    if (source_version != target_version) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "schema versions differ: {} is at {}, {} at {}; run `kcluster db migrate` on both",
            report.source, source_version, report.target, target_version)));
    }

    // Read everything from one snapshot of the source.
    std::vector<std::vector<core::Record>> tables;
    std::vector<store::AuditEntry> audit;
    std::vector<store::UserRow> users;
    {
        KC_ASSIGN_OR_RETURN(auto read, source.Begin(store::Actor{"db-copy"}));
        for (const core::EntityDef* def : core::AllEntities()) {
            KC_ASSIGN_OR_RETURN(auto records, read->List(*def, {}));
            tables.push_back(std::move(records));
        }
        KC_ASSIGN_OR_RETURN(users, read->ListUsers());
        KC_ASSIGN_OR_RETURN(audit, read->AuditLog(0, 0));
    }
    std::vector<TableDigest> source_digests;
    for (size_t i = 0; i < tables.size(); ++i) {
        source_digests.push_back(Digest(core::AllEntities()[i]->name, tables[i]));
    }
    source_digests.push_back(Digest(users));
    source_digests.push_back(Digest(audit));
    int64_t total = static_cast<int64_t>(audit.size() + users.size());
    for (const auto& records : tables) total += static_cast<int64_t>(records.size());

    {
        KC_ASSIGN_OR_RETURN(auto write, target.Begin(store::Actor{"db-copy"}));
        for (const core::EntityDef* def : core::AllEntities()) {
            KC_ASSIGN_OR_RETURN(int64_t existing, write->Count(*def, {}));
            if (existing > 0) {
                return Fail(Error::FailedPrecondition(fmt::format(
                    "the target {} is not empty: table {} holds {} records; copy into a new "
                    "database (`kcluster --db TARGET db init`)",
                    report.target, def->name, existing)));
            }
        }
        KC_ASSIGN_OR_RETURN(auto existing_audit, write->AuditLog(0, 1));
        if (!existing_audit.empty()) {
            return Fail(Error::FailedPrecondition(
                fmt::format("the target {} is not empty: its audit log has entries; copy into a "
                            "new database",
                            report.target)));
        }
        store::WriteOptions options;
        options.ref_check = store::RefCheck::kAtCommit;  // tables are copied in definition order
        options.keep_timestamps = true;
        options.audit = false;  // the audit log is copied as it is
        int64_t done = 0;
        for (auto& records : tables) {
            for (auto& record : records) {
                const std::string entity = record.def->name;
                const core::Id id = record.GetId();
                if (auto inserted = write->Insert(std::move(record), options); !inserted) {
                    Error error = inserted.error();
                    error.message = fmt::format("copying {} {}: {}", entity, id, error.message);
                    return Fail(std::move(error));
                }
                if (progress && ++done % 500 == 0) progress(done, total);
            }
        }
        KC_ASSIGN_OR_RETURN(auto existing_users, write->ListUsers());
        if (!existing_users.empty()) {
            return Fail(Error::FailedPrecondition(fmt::format(
                "the target {} is not empty: it has user accounts; copy into a new database",
                report.target)));
        }
        for (const auto& user : users) {
            KC_ASSIGN_OR_RETURN(core::Id id, write->InsertUser(user, /*audit=*/false));
            (void)id;
            ++done;
        }
        for (const auto& entry : audit) {
            KC_RETURN_IF_ERROR(write->AppendAudit(entry));
            if (progress && ++done % 500 == 0) progress(done, total);
        }
        KC_RETURN_IF_ERROR(write->Commit());
        if (progress) progress(total, total);
    }
    report.rows = total;

    // Verify: the digest of the snapshot read against a fresh read of the target.
    KC_ASSIGN_OR_RETURN(auto target_digests, DigestDatabase(target));
    for (size_t i = 0; i < source_digests.size() && i < target_digests.size(); ++i) {
        report.tables.push_back({source_digests[i].table, source_digests[i], target_digests[i]});
    }
    if (!report.verified()) {
        std::string differing;
        for (const auto& table : report.tables) {
            if (table.matches()) continue;
            differing += fmt::format("{}{} ({} vs {} rows)", differing.empty() ? "" : ", ",
                                     table.table, table.source.rows, table.target.rows);
        }
        return Fail(Error::Internal(fmt::format("the copy from {} to {} does not verify: {} differ",
                                                report.source, report.target, differing)));
    }
    return report;
}

}  // namespace kc::app
