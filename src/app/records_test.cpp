#include "app/records.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/test_store.h"
#include "core/entities.h"

namespace kc::app {
namespace {

class RecordsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        temp_ = std::make_unique<testing::TempStore>("kc-records");
        ASSERT_TRUE(temp_->ok());
        store_ = &**temp_;
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx.has_value());
        core::Organization a;
        a.name_ja = "信州大学";
        a.name_en = "Shinshu University";
        a.kind = "university";
        core::Organization b = a;
        b.name_ja = "同名機関";
        b.name_en = "Twin";
        core::Organization c = b;
        ASSERT_TRUE((*tx)->Add(a).has_value());
        ASSERT_TRUE((*tx)->Add(b).has_value());
        ASSERT_TRUE((*tx)->Add(c).has_value());
        ASSERT_TRUE((*tx)->Commit().has_value());
    }
    void TearDown() override { temp_.reset(); }
    std::unique_ptr<testing::TempStore> temp_;
    store::Store* store_ = nullptr;
};

TEST_F(RecordsTest, ReferencesResolveByIdJapaneseOrEnglishName) {
    for (const char* reference : {"1", "信州大学", "Shinshu University", " 信州大学 "}) {
        auto id = AddRecord(*store_, {"t"}, "seed",
                            {"title=ナノ材料", std::string("organization=") + reference,
                             "field=nanotech_materials"});
        ASSERT_TRUE(id.has_value()) << reference << ": " << id.error().message;
        auto seed = ShowRecord(*store_, "seed", *id);
        ASSERT_TRUE(seed.has_value());
        EXPECT_EQ(std::get<int64_t>(seed->Get("organization_id")), 1) << reference;
    }
}

TEST_F(RecordsTest, AmbiguousNameListsCandidates) {
    auto id = AddRecord(*store_, {"t"}, "seed", {"title=a", "organization=同名機関", "field=it"});
    ASSERT_FALSE(id.has_value());
    EXPECT_NE(id.error().ToString().find("ids 2, 3"), std::string::npos) << id.error().ToString();
}

TEST_F(RecordsTest, EveryBadAssignmentIsReportedAtOnce) {
    auto id = AddRecord(*store_, {"t"}, "seed",
                        {"title=a", "organization=999", "trl=ten", "colour=red", "field=it"});
    ASSERT_FALSE(id.has_value());
    ASSERT_EQ(id.error().fields.size(), 3u) << id.error().ToString();
    EXPECT_EQ(id.error().fields[0].path, "organization_id");
    EXPECT_EQ(id.error().fields[1].path, "trl");
    EXPECT_EQ(id.error().fields[2].path, "colour");
}

TEST_F(RecordsTest, ManagedFieldsCannotBeSet) {
    auto id = AddRecord(*store_, {"t"}, "region", {"name_ja=札幌", "id=5"});
    ASSERT_FALSE(id.has_value());
    EXPECT_EQ(id.error().fields.at(0).path, "id");
}

TEST_F(RecordsTest, MalformedAssignmentIsExplained) {
    auto id = AddRecord(*store_, {"t"}, "region", {"札幌"});
    ASSERT_FALSE(id.has_value());
    EXPECT_NE(id.error().message.find("expected key=value"), std::string::npos);
}

TEST_F(RecordsTest, RecordNameUsesNameFields) {
    auto org = ShowRecord(*store_, "organization", 1);
    ASSERT_TRUE(org.has_value());
    EXPECT_EQ(RecordName(*org), "信州大学");
}

}  // namespace
}  // namespace kc::app
