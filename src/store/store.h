#pragma once

// The storage interface in domain terms. A Store hands out Transactions; every read and change
// goes through one, and nothing is written unless Commit() succeeds (the destructor rolls back).
// Every change is validated against the entity's definition, checked for dangling references and
// illegal lifecycle transitions, stamped with created_at/updated_at, and recorded in the audit log
// with the actor, time, entity, id and the record before and after as JSON.
//
// Backends: SQLite (store/sqlite, the embedded default) and PostgreSQL (store/postgres), both
// over the shared SQL layer of store/sql (decision 0008). Thread safety: a Store may be shared
// (it runs one transaction at a time); a Transaction is used by one thread at a time.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/entities.h"
#include "core/record.h"
#include "core/schema.h"
#include "util/error.h"

namespace kc::store {

using core::Id;

// Who makes a change, as written to the audit log ("cli:alice", "import:seeds.csv", "demo").
struct Actor {
    std::string name;
};

struct Subquery;

// `field IN (values)` — a null among the values admits null too; no values admits nothing — or,
// with a subquery, `field IN (SELECT subquery.field FROM subquery.entity WHERE …)`.
struct InCondition {
    std::string field;
    std::vector<core::Value> values;
    std::shared_ptr<const Subquery> subquery;
};

struct Filter {
    // field = value conditions, all of which must hold. Values are compared as stored.
    std::vector<std::pair<std::string, core::Value>> equals;
    int64_t limit = 0;  // 0 = no limit
    int64_t offset = 0;
    // When not empty, a row must also meet one of these alternatives: every condition of it (an
    // alternative without conditions admits every row). How app/record_access.h puts the row-level
    // policy into the query, so that the database counts and pages only what a viewer may read.
    std::vector<std::vector<InCondition>> any_of;
    // Order by this field (nulls first; last when descending), then by id; empty = by id.
    std::string order_by;
    bool descending = false;

    // The first `n` rows in id order.
    [[nodiscard]] static Filter First(int64_t n) {
        Filter filter;
        filter.limit = n;
        return filter;
    }
};

struct Subquery {
    const core::EntityDef* entity = nullptr;
    std::string field = "id";
    Filter filter;  // its limit, offset and order are ignored
};

enum class RefCheck {
    kImmediate,  // every reference must exist when the record is written
    kAtCommit,   // references are checked when the transaction commits (bundles, cycles)
};

struct WriteOptions {
    RefCheck ref_check = RefCheck::kImmediate;
    // Keep created_at/updated_at given in the record (restoring a bundle) instead of now.
    bool keep_timestamps = false;
    // Write the change to the audit log (off only when copying a database, whose audit log is
    // copied as it is).
    bool audit = true;
};

// One broken invariant found by Store::CheckInvariants.
struct Violation {
    std::string check;  // short key, e.g. "conflicted_review"
    std::string entity;
    Id id = 0;
    std::string message;
};

struct AuditEntry {
    Id id = 0;
    std::string at;
    std::string actor;
    std::string action;  // insert | update | delete
    std::string entity;
    Id entity_id = 0;
    std::string before_json;
    std::string after_json;
};

// Platform records that are not domain entities (never listed, exported or imported as such):
// user accounts with their password hashes, sessions, login attempts. Times are Unix seconds.
struct UserRow {
    Id id = 0;
    std::string login;
    std::string password_hash;       // Argon2id string (libsodium)
    std::vector<std::string> roles;  // role names
    std::optional<Id> person_id;
    bool disabled = false;
    std::string created_at;
    std::string updated_at;
};

struct SessionRow {
    std::string token_hash;  // SHA-256 of the token, hex
    Id user_id = 0;
    std::string csrf_token;
    int64_t created = 0;
    int64_t last_seen = 0;
    int64_t expires = 0;  // idle expiry, moved on each use up to `absolute_expiry`
    int64_t absolute_expiry = 0;
    std::string client;
};

class Transaction {
  public:
    virtual ~Transaction() = default;

    // The record of `def` with `id`; NotFound if there is none.
    [[nodiscard]] virtual Result<core::Record> Get(const core::EntityDef& def, Id id) = 0;
    // Records matching `filter`, in id order. Unknown filter fields are InvalidArgument.
    [[nodiscard]] virtual Result<std::vector<core::Record>> List(const core::EntityDef& def,
                                                                 const Filter& filter) = 0;
    [[nodiscard]] virtual Result<int64_t> Count(const core::EntityDef& def,
                                                const Filter& filter) = 0;
    [[nodiscard]] virtual Result<bool> Exists(const core::EntityDef& def, Id id) = 0;
    // Ids of records whose name fields (EntityDef::name_fields) equal `name` exactly.
    [[nodiscard]] virtual Result<std::vector<Id>> FindByName(const core::EntityDef& def,
                                                             std::string_view name) = 0;
    // Inserts `record`; an id of 0 is assigned, a given id is kept (Conflict if taken).
    // Returns the id.
    [[nodiscard]] virtual Result<Id> Insert(core::Record record,
                                            const WriteOptions& options = {}) = 0;
    // Replaces the record with the same id. Fails with NotFound, InvalidArgument, or
    // FailedPrecondition for an illegal lifecycle transition.
    [[nodiscard]] virtual Status Update(core::Record record, const WriteOptions& options = {}) = 0;
    // Deletes a record; FailedPrecondition if other records still refer to it.
    [[nodiscard]] virtual Status Delete(const core::EntityDef& def, Id id) = 0;
    // The audit entries of one record (all records if id is 0), oldest first.
    [[nodiscard]] virtual Result<std::vector<AuditEntry>> Audit(std::string_view entity, Id id) = 0;
    // The whole audit log in id order, from the entry after `after_id`, at most `limit` entries
    // (0 = all).
    [[nodiscard]] virtual Result<std::vector<AuditEntry>> AuditLog(Id after_id, int64_t limit) = 0;
    // The id of the newest audit entry (0 when none): every audited change raises it, so it
    // tells a cache whether the data it computed from may have changed.
    [[nodiscard]] virtual Result<Id> LatestAuditId() = 0;
    // Appends an entry as it is (copying a database); an id of 0 is assigned.
    [[nodiscard]] virtual Status AppendAudit(const AuditEntry& entry) = 0;
    // Accounts (see UserRow). Changes are audited as entity "app_user" without the hash.
    [[nodiscard]] virtual Result<std::optional<UserRow>> FindUser(std::string_view login) = 0;
    [[nodiscard]] virtual Result<std::optional<UserRow>> GetUser(Id id) = 0;
    [[nodiscard]] virtual Result<std::vector<UserRow>> ListUsers() = 0;
    // Inserts a user (an id of 0 is assigned); Conflict if the login is taken. `audit` is off
    // only when copying a database, whose audit log is copied as it is.
    [[nodiscard]] virtual Result<Id> InsertUser(const UserRow& user, bool audit) = 0;
    [[nodiscard]] virtual Status UpdateUser(const UserRow& user) = 0;
    // Sessions, by the hash of their token.
    [[nodiscard]] virtual Status InsertSession(const SessionRow& session) = 0;
    [[nodiscard]] virtual Result<std::optional<SessionRow>> FindSession(
        std::string_view token_hash) = 0;
    [[nodiscard]] virtual Status TouchSession(std::string_view token_hash, int64_t last_seen,
                                              int64_t expires) = 0;
    [[nodiscard]] virtual Status DeleteSession(std::string_view token_hash) = 0;
    [[nodiscard]] virtual Status DeleteSessionsOf(Id user_id) = 0;
    // Removes sessions expired before `now` and login attempts older than `before`.
    [[nodiscard]] virtual Status PurgeExpired(int64_t now, int64_t attempts_before) = 0;
    // Login attempts, for rate limits.
    [[nodiscard]] virtual Status RecordLoginAttempt(std::string_view login, std::string_view client,
                                                    int64_t at, bool succeeded) = 0;
    // Failed attempts since `since` for the login (if `by_login`) or else the client address.
    [[nodiscard]] virtual Result<int64_t> CountLoginFailures(std::string_view key, bool by_login,
                                                             int64_t since) = 0;

    // Makes every change of the transaction durable at once.
    [[nodiscard]] virtual Status Commit() = 0;

    // While set, every record inserted is flagged sample = true (the demo replays workflows
    // whose rows are generated, not sourced). Backends honour it in Insert.
    void MarkInsertsAsSample(bool on) { mark_sample_ = on; }
    [[nodiscard]] bool marks_inserts_as_sample() const { return mark_sample_; }

    // Typed conveniences over the record interface.
    template <class T>
    [[nodiscard]] Result<T> Get(Id id) {
        KC_ASSIGN_OR_RETURN(core::Record record, Get(T::Def(), id));
        return core::FromRecord<T>(record);
    }
    template <class T>
    [[nodiscard]] Result<std::vector<T>> List(const Filter& filter = {}) {
        KC_ASSIGN_OR_RETURN(auto records, List(T::Def(), filter));
        std::vector<T> out;
        out.reserve(records.size());
        for (const auto& record : records) {
            KC_ASSIGN_OR_RETURN(T object, core::FromRecord<T>(record));
            out.push_back(std::move(object));
        }
        return out;
    }
    template <class T>
    [[nodiscard]] Result<Id> Add(const T& object, const WriteOptions& options = {}) {
        return Insert(core::ToRecord(object), options);
    }
    template <class T>
    [[nodiscard]] Status Save(const T& object, const WriteOptions& options = {}) {
        return Update(core::ToRecord(object), options);
    }

  private:
    bool mark_sample_ = false;
};

class Store {
  public:
    virtual ~Store() = default;

    // Starts a transaction whose changes are audited as made by `actor`. Write transactions take
    // the database's write lock at once, so they never fail half-way on a busy database.
    [[nodiscard]] virtual Result<std::unique_ptr<Transaction>> Begin(const Actor& actor) = 0;
    // Starts a read-only transaction: one consistent snapshot of the database that takes no
    // write lock, so reads run beside each other and beside a writer (SQLite in WAL mode: a
    // deferred transaction; PostgreSQL: REPEATABLE READ, READ ONLY, without the advisory lock).
    // Every write in it fails (FailedPrecondition on SQLite, the server's error on PostgreSQL)
    // and writes nothing.
    [[nodiscard]] virtual Result<std::unique_ptr<Transaction>> BeginRead() = 0;
    // Refreshes the query planner's statistics (ANALYZE): after a bulk load, and when a server
    // starts. Without them SQLite plans a filtered page of a large table by sorting every
    // matching row instead of walking the ids (0.3 s for `demo load --scale 10`).
    [[nodiscard]] virtual Status Analyze() = 0;
    // Runs every invariant check over the whole database; an empty list means healthy.
    [[nodiscard]] virtual Result<std::vector<Violation>> CheckInvariants() = 0;
    // Writes a consistent copy of the database to `path` while it stays in use.
    [[nodiscard]] virtual Status Backup(const std::string& path) = 0;
    // The number of the newest migration applied.
    [[nodiscard]] virtual Result<int> SchemaVersion() = 0;
    // The number of the newest migration built into this binary.
    [[nodiscard]] virtual int LatestSchemaVersion() const = 0;
    // Applies the pending migrations in order, each in its own transaction.
    [[nodiscard]] virtual Status Migrate() = 0;
    // A short description for messages: "sqlite:var/kcluster.db".
    [[nodiscard]] virtual std::string Describe() const = 0;
};

struct OpenOptions {
    bool create = false;  // create the database file if it does not exist
    bool migrate = true;  // apply pending migrations when opening
    bool read_only = false;
};

// Opens the store at `location`: a file path selects SQLite; a postgresql:// (or postgres://) URI
// or a libpq keyword string ("host=… dbname=…") selects PostgreSQL.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenStore(const std::string& location,
                                                       const OpenOptions& options);

}  // namespace kc::store
