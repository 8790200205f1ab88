#include "util/log.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace kc {
namespace {

TEST(FormatProgressLine, DrawsBarCountsAndRate) {
    struct Case {
        std::string_view label;
        int64_t done;
        int64_t total;
        double rate;
        int width;
        std::string_view line;
    };
    const Case cases[] = {
        {"rows", 520'000, 1'000'000, 85'000, 10,
         "[#####.....] 52% 520,000/1,000,000 rows  85k rows/s"},
        {"rows", 0, 1'000, 0, 10, "[..........] 0% 0/1,000 rows  0 rows/s"},
        {"rows", 1'000, 1'000, 1'500'000, 10, "[##########] 100% 1,000/1,000 rows  1.5M rows/s"},
        {"rows", 2'000, 1'000, 950, 10, "[##########] 100% 2,000/1,000 rows  950 rows/s"},
        {"seeds", 5, 20, 2'500, 4, "[#...] 25% 5/20 seeds  2.5k seeds/s"},
        {"rows", 520'000, 0, 85'000, 10, "520,000 rows  85k rows/s"},
        {"rows", 520'000, 1'000'000, -1, 10, "[#####.....] 52% 520,000/1,000,000 rows"},
        {"", 3, 4, -1, 4, "[###.] 75% 3/4"},
        {"", 3, 4, 10, 4, "[###.] 75% 3/4  10/s"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FormatProgressLine(c.label, c.done, c.total, c.rate, c.width), c.line);
    }
    // The default width is 20.
    EXPECT_EQ(FormatProgressLine("rows", 1, 2, -1), "[##########..........] 50% 1/2 rows");
}

TEST(ProgressBar, IsSilentWhenStderrIsNotATerminal) {
    testing::internal::CaptureStderr();
    {
        ProgressBar bar("rows", 100);
        for (int i = 0; i <= 100; ++i) bar.Update(i);
        bar.Finish();
        bar.Finish();  // idempotent
    }
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(Log, WritesToStderr) {
    testing::internal::CaptureStderr();
    LogInfo("imported 3 rows");
    LogWarn("row 4 skipped");
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "imported 3 rows\nwarning: row 4 skipped\n");
}

}  // namespace
}  // namespace kc
