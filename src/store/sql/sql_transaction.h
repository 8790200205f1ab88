#pragma once

// The Transaction of every SQL backend, written once over a Session: validation, reference and
// lifecycle checks, timestamps, the audit log and the SQL texts per entity live here; the
// backends only run statements (store/sqlite, store/postgres).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "store/sql/read_cache.h"
#include "store/sql/session.h"
#include "store/store.h"

namespace kc::store::sql {

// "name" → "\"name\"" (identifiers only; values are always bound as parameters).
[[nodiscard]] std::string Quote(std::string_view name);

class SqlTransaction final : public Transaction {
  public:
    // `read_cache`: set for read-only transactions only (see read_cache.h).
    SqlTransaction(std::unique_ptr<Session> session, Actor actor,
                   std::shared_ptr<ReadCache> read_cache = nullptr);
    ~SqlTransaction() override;

    Result<core::Record> Get(const core::EntityDef& def, Id id) override;
    Result<std::vector<core::Record>> List(const core::EntityDef& def,
                                           const Filter& filter) override;
    Result<int64_t> Count(const core::EntityDef& def, const Filter& filter) override;
    Result<bool> Exists(const core::EntityDef& def, Id id) override;
    Result<std::vector<Id>> FindByName(const core::EntityDef& def, std::string_view name) override;
    Result<Id> Insert(core::Record record, const WriteOptions& options) override;
    Status Update(core::Record record, const WriteOptions& options) override;
    Status Delete(const core::EntityDef& def, Id id) override;
    Result<std::vector<AuditEntry>> Audit(std::string_view entity, Id id) override;
    Result<std::vector<AuditEntry>> AuditLog(Id after_id, int64_t limit) override;
    Result<Id> LatestAuditId() override;
    Status AppendAudit(const AuditEntry& entry) override;
    Result<std::optional<UserRow>> FindUser(std::string_view login) override;
    Result<std::optional<UserRow>> GetUser(Id id) override;
    Result<std::vector<UserRow>> ListUsers() override;
    Result<Id> InsertUser(const UserRow& user, bool audit) override;
    Status UpdateUser(const UserRow& user) override;
    Status InsertSession(const SessionRow& session) override;
    Result<std::optional<SessionRow>> FindSession(std::string_view token_hash) override;
    Status TouchSession(std::string_view token_hash, int64_t last_seen, int64_t expires) override;
    Status DeleteSession(std::string_view token_hash) override;
    Status DeleteSessionsOf(Id user_id) override;
    Status PurgeExpired(int64_t now, int64_t attempts_before) override;
    Status RecordLoginAttempt(std::string_view login, std::string_view client, int64_t at,
                              bool succeeded) override;
    Result<int64_t> CountLoginFailures(std::string_view key, bool by_login, int64_t since) override;
    Status Commit() override;

  private:
    Result<std::vector<UserRow>> SelectUsers(const std::string& where,
                                             std::span<const core::Value> params);
    Status AuditUser(const char* action, const UserRow* before, const UserRow* after);
    void Stamp(core::Record& record, const WriteOptions& options, const std::string& created_at);
    Status CheckAll(const core::Record& record, const WriteOptions& options);
    void TrackReferences(const core::Record& record);
    Status FlushExplicitIds(const std::string& table);
    Status CheckDeferredReferences();
    Status WriteAudit(const char* action, const std::string& entity, Id id,
                      const core::Record* before, const core::Record* after);

    // A reference written under RefCheck::kAtCommit, checked when the transaction commits.
    struct PendingRef {
        const core::EntityDef* def;
        Id id;
        std::string field;
        const core::EntityDef* target;
    };

    // Runs a list or count query, through the read cache when this transaction has one.
    Result<std::vector<Row>> ReadQuery(const std::string& sql,
                                       const std::vector<core::Value>& params,
                                       std::span<const core::FieldType> types);

    std::unique_ptr<Session> session_;
    Actor actor_;
    std::shared_ptr<ReadCache> read_cache_;
    std::optional<int64_t> generation_;  // of the snapshot, read at the first cached query
    std::string now_;
    bool open_ = true;
    bool deferred_refs_ = false;
    std::vector<PendingRef> pending_refs_;
    std::set<std::pair<const core::EntityDef*, Id>> known_;
    // The highest explicit id inserted per table, for Session::NoteExplicitId at commit.
    std::map<std::string, Id> explicit_ids_;
};

}  // namespace kc::store::sql
