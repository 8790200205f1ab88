#include "app/transfer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/test_store.h"

namespace kc::app {
namespace {

class TransferTest : public ::testing::Test {
  protected:
    void SetUp() override {
        temp_ = std::make_unique<testing::TempStore>("kc-transfer");
        ASSERT_TRUE(temp_->ok());
        store_ = &**temp_;
    }
    void TearDown() override { temp_.reset(); }
    Result<ImportReport> Import(std::string_view name, std::string_view bytes,
                                ImportOptions options = {}) {
        return ImportBytes(*store_, name, bytes, options);
    }
    std::unique_ptr<testing::TempStore> temp_;
    store::Store* store_ = nullptr;
};

TEST_F(TransferTest, EntityIsInferredFromFileNames) {
    for (const char* name : {"regions.csv", "region.csv", "地域.csv", "REGIONS.CSV"}) {
        auto report = Import(name, "name_ja\n札幌\n");
        ASSERT_TRUE(report.has_value()) << name << ": " << report.error().message;
        ASSERT_EQ(report->counts.size(), 1u);
        EXPECT_EQ(report->counts[0].first, "region") << name;
    }
    auto activities = Import("activities.csv", "cluster_id\n");
    ASSERT_FALSE(activities.has_value());
    EXPECT_NE(activities.error().message.find("missing required column"), std::string::npos);
}

TEST_F(TransferTest, DryRunWritesNothing) {
    ImportOptions options;
    options.dry_run = true;
    auto report = Import("regions.csv", "name_ja\n札幌\n仙台\n", options);
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(report->counts[0].second, 2);
    auto csv = ExportEntity(*store_, "region", {});
    ASSERT_TRUE(csv.has_value());
    EXPECT_EQ(*csv, "id,name_ja,name_en,prefecture,source,sample,created_at,updated_at\r\n");
}

TEST_F(TransferTest, ProgressIsReported) {
    std::string csv = "name_ja\n";
    for (int i = 0; i < 2500; ++i) csv += "地域" + std::to_string(i) + "\n";
    int64_t last_done = 0, last_total = 0, calls = 0;
    ImportOptions options;
    options.progress = [&](int64_t done, int64_t total) {
        EXPECT_GE(done, last_done);
        last_done = done;
        last_total = total;
        ++calls;
    };
    ASSERT_TRUE(Import("regions.csv", csv, options).has_value());
    EXPECT_GE(calls, 2);
    EXPECT_EQ(last_done, last_total);
}

TEST_F(TransferTest, BundleWithForwardSelfReferenceImports) {
    const char* bundle = R"({"format": "kcluster-bundle", "version": 1, "entities": {
        "program": [{"id": 1, "name_ja": "P", "start_fy": 2002, "end_fy": 2006}],
        "cluster": [
          {"id": 1, "program_id": 1, "name_ja": "第I期", "field": "it", "status": "ended", "successor_id": 2},
          {"id": 2, "program_id": 1, "name_ja": "第II期", "field": "it", "status": "full"}]}})";
    auto report = Import("bundle.json", bundle);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    auto dangling = std::string(bundle);
    dangling.replace(dangling.find("\"successor_id\": 2"), 17, "\"successor_id\": 9");
    TearDown();
    SetUp();
    auto failed = Import("bundle.json", dangling);
    ASSERT_FALSE(failed.has_value());
    EXPECT_NE(failed.error().ToString().find("dangling"), std::string::npos)
        << failed.error().ToString();
}

}  // namespace
}  // namespace kc::app
