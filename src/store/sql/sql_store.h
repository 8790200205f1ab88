#pragma once

// The Store of every SQL backend, written once: transactions, invariant checks and migrations
// over Sessions that the backend opens. Backends add how to open a session (with the write lock
// taken), how to back up, and how to describe themselves.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/sql/read_cache.h"
#include "store/sql/session.h"
#include "store/store.h"

namespace kc::store::sql {

class SqlStore : public Store {
  public:
    Result<std::unique_ptr<Transaction>> Begin(const Actor& actor) override;
    Result<std::unique_ptr<Transaction>> BeginRead() override;
    Result<std::vector<Violation>> CheckInvariants() override;
    Status Analyze() override;
    Result<int> SchemaVersion() override;
    int LatestSchemaVersion() const override;
    Status Migrate() override;

  protected:
    enum class Mode { kWrite, kRead };
    // A new session inside a new transaction: kWrite holds the database's write lock; kRead is a
    // read-only snapshot without it (see Store::BeginRead).
    [[nodiscard]] virtual Result<std::unique_ptr<Session>> OpenSession(Mode mode) = 0;
    // The SQL of `migration` in this backend's dialect.
    [[nodiscard]] virtual Result<std::string> MigrationSql(const Migration& migration) const = 0;

  private:
    static Result<int> ReadVersion(Session& session);

    std::once_flag read_cache_once_;
    std::shared_ptr<ReadCache> read_cache_;  // null when KC_READ_CACHE=0
};

// Every invariant check of `kcluster db check` (store/sql/invariants.cpp).
[[nodiscard]] Result<std::vector<Violation>> RunInvariantChecks(Session& session);

}  // namespace kc::store::sql
