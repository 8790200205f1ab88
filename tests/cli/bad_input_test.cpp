// Every kind of bad input gets its documented, located error, exit status 1, and leaves the
// database file byte-identical.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/fixtures.h"
#include "cli/test_support.h"
#include "util/encoding.h"

namespace kc::testing {
namespace {

struct BadInput {
    std::string name;
    std::string file_name;                // written into the scratch dir; empty = no file
    std::string content;                  // file bytes
    std::vector<std::string> extra_args;  // after the file (or the whole command if no file)
    std::vector<std::string> expected;    // substrings of stderr
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const BadInput& input, std::ostream* os) { *os << input.name; }

std::string Repeat(char c, size_t n) { return std::string(n, c); }

std::string Cp932(const std::string& utf8) {
    auto encoded = EncodeFromUtf8(utf8, Encoding::kCp932);
    return encoded ? *encoded : std::string();
}

// The first bytes of a PNG file (with NULs): not text at all.
constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";

const char* kSeedHeader = "id,title,organization_id,field,trl\n";

std::vector<BadInput> Cases() {
    return {
        {"BrokenQuoting",
         "seeds.csv",
         std::string(kSeedHeader) + "10,\"希少糖の量産,1,life_science,3\n11,x,1,it,2\n",
         {},
         {"seeds.csv:2:4", "unterminated quoted field"}},
        {"QuoteInsideUnquotedField",
         "seeds.csv",
         std::string(kSeedHeader) + "10,希少\"糖,1,life_science,3\n",
         {},
         {"seeds.csv:2:"}},
        {"TextAfterClosingQuote",
         "seeds.csv",
         std::string(kSeedHeader) + "10,\"希少糖\"x,1,life_science,3\n",
         {},
         {"seeds.csv:2:"}},
        {"NeitherUtf8NorCp932",
         "seeds.csv",
         std::string(kSeedHeader) + "10,\x80\x80\xff,1,life_science,3\n",
         {},
         {"seeds.csv", "not valid UTF-8", "CP932"}},
        {"Cp932ReadAsUtf8",
         "seeds.csv",
         Cp932(std::string(kSeedHeader) + "10,希少糖,1,life_science,3\n"),
         {"--encoding", "utf-8"},
         {"seeds.csv", "UTF-8", "line 2"}},
        {"UnknownColumn",
         "seeds.csv",
         "id,title,colour,organization_id,field\n10,a,red,1,it\n",
         {},
         {"seeds.csv:1:3", "unknown column \"colour\""}},
        {"DuplicateColumn",
         "seeds.csv",
         "id,title,シーズ名,organization_id,field\n",
         {},
         {"seeds.csv:1:3", "repeats column 2"}},
        {"MissingRequiredColumn",
         "seeds.csv",
         "id,title,field\n10,a,it\n",
         {},
         {"seeds.csv:1", "missing required column", "organization_id"}},
        {"MissingRequiredValue",
         "seeds.csv",
         std::string(kSeedHeader) + "10,,1,it,3\n",
         {},
         {"seeds.csv:2:2", "title: expected a value (required)"}},
        {"WrongFieldCount",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,1,it\n",
         {},
         {"seeds.csv:2", "expected 5 fields as in the header, got 4"}},
        {"NegativeYen",
         "grants.csv",
         "cluster_id,organization_id,fiscal_year,amount\n1,1,2003,-5000\n",
         {},
         {"grants.csv:2:4", "amount: expected yen >= 1, got -5000"}},
        {"NonNumericYen",
         "grants.csv",
         "cluster_id,organization_id,fiscal_year,amount\n1,1,2003,たくさん\n",
         {},
         {"grants.csv:2:4", "amount: expected an amount of yen"}},
        {"FiscalYearOutOfRange",
         "grants.csv",
         "cluster_id,organization_id,fiscal_year,amount\n1,1,3000,5億円\n",
         {},
         {"grants.csv:2:3", "fiscal_year: expected a fiscal year in 1950..2200, got \"3000\""}},
        {"ImpossibleDate",
         "decisions.csv",
         "proposal_id,outcome,decided_on\n1,full,2003-02-30\n",
         {},
         {"decisions.csv:2:3", "decided_on: expected a date", "2003-02-30"}},
        {"ReferenceToMissingId",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,999,it,3\n",
         {},
         {"seeds.csv:2:3", "organization_id", "no organization has this id"}},
        {"ReferenceToUnknownName",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,存在しない大学,it,3\n",
         {},
         {"seeds.csv:2:3", "no organization has this name"}},
        {"DuplicateIdOfExistingRecord",
         "organizations.csv",
         "id,name_ja,kind\n1,重複大学,university\n",
         {},
         {"organizations.csv:2", "organization id 1 already exists"}},
        {"DuplicateIdWithinFile",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,1,it,3\n10,b,1,it,3\n",
         {},
         {"seeds.csv:3", "seed id 10 already exists"}},
        {"UnknownEnumValue",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,1,biology,3\n",
         {},
         {"seeds.csv:2:4", "field: expected one of life_science"}},
        {"TrlOutOfRange",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,1,it,12\n",
         {},
         {"seeds.csv:2:5", "trl: expected integer 1..9, got 12"}},
        {"BadBoolean",
         "organizations.csv",
         "name_ja,kind,sme\n新会社,company,たぶん\n",
         {},
         {"organizations.csv:2:3", "sme: expected true or false"}},
        {"TenMegabyteField",
         "seeds.csv",
         "id,title,abstract,organization_id,field\n10,a," + Repeat('x', 10 * 1024 * 1024) +
             ",1,it\n",
         {},
         {"seeds.csv:2:3", "abstract: expected at most 100000 characters"}},
        {"EmptyFile", "seeds.csv", "", {}, {"seeds.csv", "the file is empty"}},
        {"OnlyBlankLines", "seeds.csv", "\n\r\n  \n", {}, {"seeds.csv", "blank"}},
        {"NotCsvAtAll", "seeds.csv", std::string(kPng, sizeof(kPng) - 1), {}, {"seeds.csv"}},
        {"BadRowAfterGoodRows",
         "seeds.csv",
         std::string(kSeedHeader) + "10,a,1,it,3\n11,b,1,it,3\n12,c,1,it,0\n",
         {},
         {"seeds.csv:4:5", "trl"}},
        {"EntityNotInferable", "data.csv", "id,title\n1,a\n", {}, {"data.csv", "--entity"}},
        {"UnknownEntity",
         "seeds.csv",
         std::string(kSeedHeader),
         {"--entity", "sead"},
         {"unknown entity \"sead\""}},
        {"JsonSyntaxError",
         "seeds.json",
         "[{\"title\": \"a\",\n \"field\": }]",
         {},
         {"seeds.json:2:", "not valid JSON"}},
        {"JsonUnknownKey",
         "seeds.json",
         "[{\"title\": \"a\", \"organization_id\": 1, \"field\": \"it\", \"colour\": \"red\"}]",
         {},
         {"seeds.json: [0].colour"}},
        {"JsonWrongType",
         "seeds.json",
         "[{\"title\": \"a\", \"organization_id\": 1, \"field\": \"it\", \"trl\": [1]}]",
         {},
         {"seeds.json: [0].trl"}},
        {"IllegalStateTransition",
         "",
         "",
         {"update", "proposal", "1", "status=full"},
         {"proposal status cannot go from draft to full", "submitted"}},
        {"UpdateUnknownField",
         "",
         "",
         {"update", "proposal", "1", "colour=red"},
         {"colour", "unknown field"}},
        {"AddWithBadValues",
         "",
         "",
         {"add", "seed", "title=", "trl=ten", "field=bio"},
         {"invalid"}},
    };
}

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, GivesLocatedErrorAndLeavesDatabaseUntouched) {
    const BadInput& input = GetParam();
    ScratchDir dir;
    std::string db = dir.Path("kc.db").string();
    WriteBytes(dir.Path("base.json"), kBaseDataset);
    auto loaded = RunKcluster({"--db", db, "import", dir.Path("base.json").string()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    // Settle the WAL into the main file so the comparison below sees every byte.
    ASSERT_EQ(RunKcluster({"--db", db, "db", "check"}).exit_code, 0);
    const std::string before = ReadBytes(db);

    std::vector<std::string> args = {"--db", db};
    if (!input.file_name.empty()) {
        WriteBytes(dir.Path(input.file_name), input.content);
        args.push_back("import");
        args.push_back(dir.Path(input.file_name).string());
    }
    args.insert(args.end(), input.extra_args.begin(), input.extra_args.end());
    auto result = RunKcluster(args);

    EXPECT_EQ(result.exit_code, 1) << input.name << "\nstderr: " << result.err;
    for (const auto& expected : input.expected) {
        EXPECT_NE(result.err.find(expected), std::string::npos)
            << input.name << ": expected \"" << expected << "\" in stderr:\n"
            << result.err;
    }
    EXPECT_EQ(result.out, "") << input.name;
    EXPECT_TRUE(ReadBytes(db) == before) << input.name << ": the database file changed";
    // Nothing half-written: still exactly the base rows.
    auto seeds = RunKcluster({"--db", db, "--json", "list", "seed"});
    EXPECT_EQ(seeds.out, "[]\n") << input.name;
}

INSTANTIATE_TEST_SUITE_P(Cli, BadInputTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<BadInput>& param_info) {
                             return param_info.param.name;
                         });

TEST(BadInput, DryRunOfValidFileWritesNothing) {
    ScratchDir dir;
    std::string db = dir.Path("kc.db").string();
    WriteBytes(dir.Path("base.json"), kBaseDataset);
    ASSERT_EQ(RunKcluster({"--db", db, "import", dir.Path("base.json").string()}).exit_code, 0);
    ASSERT_EQ(RunKcluster({"--db", db, "db", "check"}).exit_code, 0);
    const std::string before = ReadBytes(db);
    WriteBytes(dir.Path("seeds.csv"), std::string(kSeedHeader) + "10,a,1,it,3\n");
    auto result = RunKcluster({"--db", db, "import", dir.Path("seeds.csv").string(), "--dry-run"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("dry run"), std::string::npos) << result.err;
    EXPECT_TRUE(ReadBytes(db) == before);
}

}  // namespace
}  // namespace kc::testing
