#pragma once

// Copying a whole kcluster database between backends (SQLite ↔ PostgreSQL, or SQLite → SQLite)
// and proving the copy: every record of every entity keeps its id, timestamps and sample flag,
// user accounts keep their password hashes (sessions and login attempts are not copied: users
// sign in again), the audit log is copied as it is, and afterwards the row count and a checksum of
// every table are computed on both sides and compared.
//
// The copy is one transaction on the target: it lands whole or not at all. The target must be
// empty (freshly created or migrated); the source is read in one transaction, so it is a
// consistent snapshot even while others use it.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace kc::app {

// Row count and checksum of one table: FNV-1a (64 bit) over the canonical JSON of each record
// (or audit entry) in id order, as 16 hex digits. Equal on both backends for equal contents.
struct TableDigest {
    std::string table;
    int64_t rows = 0;
    std::string checksum;
};

struct CopyTableReport {
    std::string table;
    TableDigest source;
    TableDigest target;
    [[nodiscard]] bool matches() const {
        return source.rows == target.rows && source.checksum == target.checksum;
    }
};

struct CopyReport {
    std::string source;  // Store::Describe() of each side (passwords hidden)
    std::string target;
    std::vector<CopyTableReport> tables;  // every entity table, then app_user and audit_log
    int64_t rows = 0;                     // records and audit entries copied
    [[nodiscard]] bool verified() const;
};

using CopyProgressFn = std::function<void(int64_t done, int64_t total)>;

// The digest of every entity table, the user accounts and the audit log of `store`.
[[nodiscard]] Result<std::vector<TableDigest>> DigestDatabase(store::Store& store);

// Copies everything from `source` into the empty `target`, then verifies. FailedPrecondition if
// the target holds any record (naming the table) or the two schema versions differ; Internal
// naming the tables that differ if the verification fails.
[[nodiscard]] Result<CopyReport> CopyDatabase(store::Store& source, store::Store& target,
                                              const CopyProgressFn& progress = {});

}  // namespace kc::app
