#pragma once

// A fixed set of open stores shared by the server's threads. A Store runs one transaction at a
// time, so one connection would serialise every request; the pool opens one per thread (SQLite
// in WAL mode serves several connections to one file; PostgreSQL one per connection) and lends
// them out. Thread-safe.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace kc::http {

class StorePool {
  public:
    // Opens `size` stores at `location` (migrating the first one only).
    [[nodiscard]] static Result<std::unique_ptr<StorePool>> Open(const std::string& location,
                                                                 int size);

    // A borrowed store, returned to the pool when the lease ends.
    class Lease {
      public:
        Lease(StorePool& pool, std::unique_ptr<store::Store> store)
            : pool_(&pool), store_(std::move(store)) {}
        ~Lease();
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        store::Store& operator*() const { return *store_; }
        store::Store* operator->() const { return store_.get(); }

      private:
        StorePool* pool_;
        std::unique_ptr<store::Store> store_;
    };

    // Waits for a free store.
    [[nodiscard]] Lease Acquire();
    [[nodiscard]] const std::string& Description() const { return description_; }
    // The location the stores were opened at (for jobs that open their own connection).
    [[nodiscard]] const std::string& Location() const { return location_; }
    [[nodiscard]] int Size() const { return size_; }

  private:
    StorePool() = default;
    void Release(std::unique_ptr<store::Store> store);

    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<store::Store>> free_;  // GUARDED_BY(mutex_)
    std::string description_;
    std::string location_;
    int size_ = 0;
};

}  // namespace kc::http
