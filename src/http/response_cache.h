#pragma once

// Answers of expensive read-only endpoints (the programme overview, a cluster's KPIs) kept
// per data generation: the id of the newest audit entry. Every change of the data is audited
// (store.h), so an answer computed at generation G is still right while the newest entry is G;
// one cheap query replaces the computation. Access is checked before the cache is consulted.
// Thread-safe; bounded (the oldest half is dropped when full).

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "store/store.h"

namespace kc::http {

class ResponseCache {
  public:
    explicit ResponseCache(size_t capacity = 512) : capacity_(capacity) {}

    // The body cached for `key` at `generation`, if any.
    [[nodiscard]] std::optional<std::string> Find(const std::string& key, int64_t generation);
    void Put(const std::string& key, int64_t generation, std::string body);

  private:
    struct Entry {
        int64_t generation = 0;
        uint64_t stamp = 0;  // insertion order, to drop the oldest
        std::string body;
    };
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
    uint64_t next_stamp_ = 0;               // GUARDED_BY(mutex_)
    size_t capacity_;
};

// The current data generation of the store (the newest audit entry's id).
[[nodiscard]] Result<int64_t> DataGeneration(store::Store& store);

}  // namespace kc::http
