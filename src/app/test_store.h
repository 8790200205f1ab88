#pragma once

// Test-only: a fresh SQLite store in its own temporary file, removed (with its WAL files) when
// the object dies. Shared by the app tests.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace kc::app::testing {

class TempStore {
  public:
    explicit TempStore(const std::string& prefix)
        : path_(std::filesystem::temp_directory_path() /
                (prefix + "-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db")) {
        Remove();
        store::OpenOptions options;
        options.create = true;
        auto opened = store::OpenStore(path_.string(), options);
        if (opened) {
            store_ = std::move(*opened);
        } else {
            ADD_FAILURE() << "cannot open a test store: " << opened.error().message;
        }
    }
    ~TempStore() {
        store_.reset();
        Remove();
    }
    TempStore(const TempStore&) = delete;
    TempStore& operator=(const TempStore&) = delete;

    [[nodiscard]] store::Store& operator*() const { return *store_; }
    [[nodiscard]] store::Store* operator->() const { return store_.get(); }
    [[nodiscard]] bool ok() const { return store_ != nullptr; }

  private:
    void Remove() const {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::error_code ec;
            std::filesystem::remove(path_.string() + suffix, ec);
        }
    }
    std::filesystem::path path_;
    std::unique_ptr<store::Store> store_;
};

}  // namespace kc::app::testing
