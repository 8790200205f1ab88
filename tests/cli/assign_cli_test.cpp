// `kcluster assign solve` as users run it: a hand-checked instance, conflicts, infeasible input
// naming the proposals at fault, located errors for bad files, and the MIDL 2018 instance
// (converted to CSV at run time from ../shared/bench; never copied into the repository).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/test_support.h"
#include "util/npy.h"

namespace kc::testing {
namespace {

class AssignCliTest : public ::testing::Test {
  protected:
    std::string Write(const std::string& name, const std::string& text) {
        WriteBytes(dir_.Path(name), text);
        return dir_.Path(name).string();
    }
    ScratchDir dir_;
};

TEST_F(AssignCliTest, SolvesAHandCheckedInstance) {
    // Two proposals, three reviewers, one each. The best sum is a→P1 (0.9) + b→P2 (0.8) = 1.7;
    // a is conflicted with P2, so a→P2 (1.0) is never used.
    std::string affinity = Write("a.csv",
                                 "reviewer,proposal,score\n"
                                 "a,P1,0.9\na,P2,1.0\nb,P1,0.5\nb,P2,0.8\nc,P1,0.1\nc,P2,0.2\n");
    std::string conflicts = Write("c.csv", "reviewer,proposal\na,P2\n");
    std::string out = dir_.Path("out.csv").string();
    auto result = RunKcluster({"--json", "assign", "solve", "--affinity", affinity, "--demand", "1",
                               "--max-load", "1", "--conflicts", conflicts, "--out", out});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(ReadBytes(out), "reviewer,proposal,score\r\na,P1,0.9\r\nb,P2,0.8\r\n");
    auto summary = nlohmann::json::parse(result.out, nullptr, false);
    ASSERT_TRUE(summary.is_object()) << result.out;
}

TEST_F(AssignCliTest, InfeasibleInputNamesTheProposal) {
    std::string affinity = Write("a.csv",
                                 "reviewer,proposal,score\n"
                                 "a,P1,0.9\nb,P1,0.5\na,P2,1.0\nb,P2,0.8\n");
    std::string conflicts = Write("c.csv", "reviewer,proposal\na,P2\n");
    auto result =
        RunKcluster({"assign", "solve", "--affinity", affinity, "--demand", "2", "--max-load", "2",
                     "--conflicts", conflicts, "--out", dir_.Path("out.csv").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("proposal P2 has 1 reviewer without a conflict and needs 2"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.Path("out.csv")));
}

TEST_F(AssignCliTest, BadFilesAreLocated) {
    std::string affinity = Write("bad.csv", "reviewer,proposal,score\na,P1,0.9\nb,P1,high\n");
    auto result = RunKcluster({"assign", "solve", "--affinity", affinity, "--demand", "1",
                               "--max-load", "1", "--out", dir_.Path("out.csv").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("bad.csv:3:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("score"), std::string::npos) << result.err;
    auto usage = RunKcluster({"assign", "solve", "--affinity", affinity});
    EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(AssignCliTest, ReachesTheMidlOptimum) {
    std::filesystem::path midl =
        std::filesystem::path(KC_SOURCE_DIR) / ".." / "shared" / "bench" / "fair-matching-midl";
    if (!std::filesystem::exists(midl / "scores.npy")) {
        GTEST_SKIP() << "MIDL 2018 data not found at " << midl;
    }
    auto scores = ReadNpy((midl / "scores.npy").string());
    ASSERT_TRUE(scores) << scores.error().ToString();
    std::ostringstream csv;
    csv.precision(17);  // round-trips every double
    csv << "reviewer,proposal,score\n";
    for (int64_t r = 0; r < scores->shape[0]; ++r) {
        for (int64_t p = 0; p < scores->shape[1]; ++p) {
            csv << 'r' << r << ",p" << p << ',' << scores->At(r, p) << '\n';
        }
    }
    std::string affinity = Write("midl.csv", csv.str());
    std::string out = dir_.Path("out.csv").string();
    auto result = RunKcluster({"--json", "assign", "solve", "--affinity", affinity, "--demand", "3",
                               "--max-load", "4", "--out", out});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto summary = nlohmann::json::parse(result.out, nullptr, false);
    ASSERT_TRUE(summary.is_object()) << result.out;
    // Every paper gets 3 reviewers: 118 × 3 pairs and the header.
    std::string written = ReadBytes(dir_.Path("out.csv"));
    EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 118 * 3 + 1);  // CRLF lines
    EXPECT_NEAR(summary.value("total", 0.0), 201.88488, 1e-6);
}

}  // namespace
}  // namespace kc::testing
