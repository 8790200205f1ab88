// Background jobs whose state lives in the database: progress and cancellation are visible
// through any other connection (as from another server instance), on SQLite and PostgreSQL.

#include "app/jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/test_database.h"

namespace kc::app {
namespace {

using store::testing::Backend;
using store::testing::TestDatabase;

class JobsTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (HasFailure()) return;
        if (!db_->available()) GTEST_SKIP() << store::testing::kNoPgMessage;
        auto opened = Open();
        ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
        other_ = std::move(*opened);  // "another instance"
    }
    void TearDown() override {
        other_.reset();
        db_.reset();
    }
    Result<std::unique_ptr<store::Store>> Open() const {
        store::OpenOptions options;
        options.create = true;
        return store::OpenStore(db_->location(), options);
    }
    core::Job WaitFor(core::Id id, const std::function<bool(const core::Job&)>& done) {
        core::Job job;
        for (int i = 0; i < 600; ++i) {
            auto got = GetJob(*other_, id);
            EXPECT_TRUE(got.has_value()) << got.error().ToString();
            if (!got) break;
            job = *got;
            if (done(job)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return job;
    }

    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<store::Store> other_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, JobsTest, ::testing::Values(Backend::kSqlite),
                         store::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, JobsTest, ::testing::Values(Backend::kPostgres),
                         store::testing::BackendName);

TEST_P(JobsTest, ASucceedingJobRecordsItsProgressAndResult) {
    JobRunner runner([this] { return Open(); });
    auto id =
        runner.Start("test", store::Actor{"test"}, [](JobContext& context) -> Result<std::string> {
            for (int i = 1; i <= 5; ++i) {
                if (!context.Progress(i / 5.0)) return Fail(Error::Internal("stopped"));
            }
            return std::string(R"({"answer":42})");
        });
    ASSERT_TRUE(id.has_value()) << id.error().ToString();
    runner.Wait(*id);
    auto job = GetJob(*other_, *id);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->kind, "test");
    EXPECT_EQ(job->state, "succeeded");
    EXPECT_DOUBLE_EQ(job->progress, 1.0);
    EXPECT_EQ(job->result, R"({"answer":42})");
    EXPECT_FALSE(job->started_at.empty());
    EXPECT_FALSE(job->finished_at.empty());
}

TEST_P(JobsTest, AFailingJobRecordsItsError) {
    JobRunner runner([this] { return Open(); });
    auto id = runner.Start("test", store::Actor{"test"}, [](JobContext&) -> Result<std::string> {
        return Fail(Error::InvalidArgument("--budget: expected yen"));
    });
    ASSERT_TRUE(id.has_value());
    runner.Wait(*id);
    auto job = GetJob(*other_, *id);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->state, "failed");
    EXPECT_NE(job->result.find("--budget: expected yen"), std::string::npos) << job->result;
    EXPECT_NE(job->result.find("invalid_argument"), std::string::npos) << job->result;
}

TEST_P(JobsTest, ProgressIsVisibleAndCancellingFromAnotherConnectionStopsTheJob) {
    JobRunner runner([this] { return Open(); });
    std::atomic<int> steps{0};
    auto id =
        runner.Start("long", store::Actor{"test"}, [&](JobContext& context) -> Result<std::string> {
            for (int i = 0; i < 100'000; ++i) {
                steps = i;
                if (!context.Progress(i / 100'000.0)) return Fail(Error::Internal("stopped"));
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return std::string("{}");
        });
    ASSERT_TRUE(id.has_value());
    core::Job seen = WaitFor(*id, [](const core::Job& job) { return job.progress > 0; });
    EXPECT_EQ(seen.state, "running");
    EXPECT_GT(seen.progress, 0.0);

    ASSERT_TRUE(CancelJob(*other_, store::Actor{"other-instance"}, *id).has_value());
    runner.Wait(*id);
    auto job = GetJob(*other_, *id);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->state, "cancelled");
    EXPECT_LT(steps.load(), 99'999) << "the job ran to the end despite the cancellation";

    auto again = CancelJob(*other_, store::Actor{"other-instance"}, *id);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    auto listed = ListJobs(*other_);
    ASSERT_TRUE(listed.has_value());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, *id);
}

TEST_P(JobsTest, ShuttingTheRunnerDownCancelsRunningJobs) {
    core::Id id = 0;
    {
        JobRunner runner([this] { return Open(); });
        auto started = runner.Start(
            "long", store::Actor{"test"}, [](JobContext& context) -> Result<std::string> {
                while (context.Progress(0.5))
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                return Fail(Error::Internal("stopped"));
            });
        ASSERT_TRUE(started.has_value());
        id = *started;
        WaitFor(id, [](const core::Job& job) { return job.state == "running"; });
    }
    auto job = GetJob(*other_, id);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->state, "cancelled");
}

}  // namespace
}  // namespace kc::app
