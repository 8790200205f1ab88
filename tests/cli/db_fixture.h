#pragma once

// A test fixture with one database in a scratch directory, seeded by importing a JSON bundle,
// and helpers to run the binary on it (text or --json).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/test_support.h"

namespace kc::testing {

class DbFixture : public ::testing::Test {
  protected:
    // Imports `bundle` (JSON keyed by entity) into a new database.
    void Seed(const char* bundle) {
        db_ = dir_.Path("kc.db").string();
        WriteBytes(dir_.Path("seed.json"), bundle);
        auto loaded = Run({"import", dir_.Path("seed.json").string()});
        ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    }
    RunResult Run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db_});
        return RunKcluster(args);
    }
    nlohmann::json RunJson(std::vector<std::string> args) {
        args.insert(args.begin(), "--json");
        auto result = Run(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out, nullptr, false);
    }
    ScratchDir dir_;
    std::string db_;
};

}  // namespace kc::testing
