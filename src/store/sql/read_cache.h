#pragma once

// Results of read-only list and count queries kept per data generation, shared by every store
// of this process open on one database. The generation is the id of the newest audit entry:
// every committed change of the data appends one in the same transaction (store.h), so a result
// read in a snapshot at generation G is the result of the same query in any later snapshot
// whose newest entry is still G. Only read transactions (Store::BeginRead) use the cache: they
// see committed data only, so a generation they read can never be rolled back and reused.
//
// A policy-filtered list (a coordinator's needs, a company's matches) costs a count and a page
// over thousands of rows; between two writes the same query is answered from here. Bounded:
// results of more than kMaxRows rows are not kept, and when the cache holds kMaxEntries the
// oldest half is dropped. Thread-safe. KC_READ_CACHE=0 in the environment turns it off (to
// measure the uncached cost).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/sql/session.h"

namespace kc::store::sql {

class ReadCache {
  public:
    static constexpr size_t kMaxEntries = 4096;
    static constexpr size_t kMaxRows = 500;

    // The cache of the database described by `location` (one per database in this process);
    // null when KC_READ_CACHE=0.
    [[nodiscard]] static std::shared_ptr<ReadCache> For(const std::string& location);

    // The key of one query: its text and its parameters.
    [[nodiscard]] static std::string KeyOf(const std::string& sql,
                                           std::span<const core::Value> params);

    [[nodiscard]] std::optional<std::vector<Row>> Find(const std::string& key, int64_t generation);
    void Put(const std::string& key, int64_t generation, const std::vector<Row>& rows);

  private:
    struct Entry {
        int64_t generation = 0;
        uint64_t stamp = 0;  // insertion order, to drop the oldest
        std::vector<Row> rows;
    };
    std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> entries_;  // GUARDED_BY(mutex_)
    uint64_t next_stamp_ = 0;                            // GUARDED_BY(mutex_)
};

}  // namespace kc::store::sql
