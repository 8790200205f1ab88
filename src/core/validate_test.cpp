#include "core/validate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/entities.h"

namespace kc::core {
namespace {

// A seed that passes validation; tests break one thing at a time.
Seed ValidSeed() {
    Seed seed;
    seed.id = 1;
    seed.organization_id = 2;
    seed.title = "高効率光触媒";
    seed.keywords = {"光触媒", "TiO2"};
    seed.field = "nanotech_materials";
    seed.trl = 4;
    seed.ip_status = "none";
    seed.visibility = "cluster";
    return seed;
}

Project ValidProject() {
    Project project;
    project.id = 1;
    project.cluster_id = 1;
    project.title = "共同研究A";
    project.lead_organization_id = 1;
    project.starts_on = Date{2003, 4, 1};
    project.ends_on = Date{2006, 3, 31};
    project.stage = "active";
    return project;
}

LedgerEntry ValidLedgerEntry() {
    LedgerEntry entry;
    entry.id = 1;
    entry.grant_id = 1;
    entry.entry_date = Date{2004, 6, 1};
    entry.category = "equipment";
    entry.amount = Yen{1'000'000};
    return entry;
}

std::vector<std::string> Paths(const std::vector<FieldError>& errors) {
    std::vector<std::string> paths;
    for (const auto& error : errors) paths.push_back(error.path);
    return paths;
}

std::string Describe(const std::vector<FieldError>& errors) {
    std::string out;
    for (const auto& error : errors) out += "\n  " + error.Message();
    return out;
}

const FieldError* FindError(const std::vector<FieldError>& errors, std::string_view path) {
    for (const auto& error : errors) {
        if (error.path == path) return &error;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// ValidateRecord

TEST(ValidateRecord, AcceptsValidRecords) {
    EXPECT_TRUE(ValidateRecord(ToRecord(ValidSeed())).empty())
        << Describe(ValidateRecord(ToRecord(ValidSeed())));
    EXPECT_TRUE(ValidateRecord(ToRecord(ValidProject())).empty())
        << Describe(ValidateRecord(ToRecord(ValidProject())));
    EXPECT_TRUE(ValidateRecord(ToRecord(ValidLedgerEntry())).empty())
        << Describe(ValidateRecord(ToRecord(ValidLedgerEntry())));
}

TEST(ValidateRecord, ReportsEveryBadFieldAtOnce) {
    Seed seed = ValidSeed();
    seed.title = "";
    seed.trl = 12;
    seed.visibility = "secret";
    auto errors = ValidateRecord(ToRecord(seed));
    ASSERT_EQ(errors.size(), 3u) << Describe(errors);
    EXPECT_EQ(Paths(errors), (std::vector<std::string>{"title", "trl", "visibility"}));
    EXPECT_EQ(errors[0].expected, "a value (required)");
    EXPECT_EQ(errors[0].got, "nothing");
    EXPECT_NE(errors[1].expected.find("1..9"), std::string::npos) << errors[1].expected;
    EXPECT_EQ(errors[1].got, "12");
    EXPECT_NE(errors[2].expected.find("public"), std::string::npos) << errors[2].expected;
    EXPECT_NE(errors[2].expected.find("cluster"), std::string::npos) << errors[2].expected;
    EXPECT_NE(errors[2].expected.find("private"), std::string::npos) << errors[2].expected;
    EXPECT_NE(errors[2].got.find("secret"), std::string::npos) << errors[2].got;
}

TEST(ValidateRecord, ReportsMissingRequiredFieldsOfAnEmptyRecord) {
    Record record = EmptyRecord(Seed::Def());
    record.Set("id", int64_t{0});  // not yet assigned
    auto errors = ValidateRecord(record);
    // ip_status and visibility have defaults; organization_id, title and field do not.
    EXPECT_EQ(Paths(errors), (std::vector<std::string>{"organization_id", "title", "field"}))
        << Describe(errors);
}

TEST(ValidateRecord, ReportsARequiredReferenceOfZeroOnce) {
    Seed seed = ValidSeed();
    seed.organization_id = 0;  // "0 = none" (core/entities.h)
    auto errors = ValidateRecord(ToRecord(seed));
    ASSERT_EQ(errors.size(), 1u) << Describe(errors);
    EXPECT_EQ(errors[0].path, "organization_id");
    EXPECT_EQ(errors[0].expected, "a value (required)");
}

struct RecordCase {
    std::string name;
    Record record;
    std::string path;           // the one field expected to be reported; empty: valid
    std::string expected_part;  // a part of FieldError::expected
};

void RunCases(const std::vector<RecordCase>& cases) {
    for (const auto& test_case : cases) {
        auto errors = ValidateRecord(test_case.record);
        if (test_case.path.empty()) {
            EXPECT_TRUE(errors.empty()) << test_case.name << Describe(errors);
            continue;
        }
        ASSERT_EQ(errors.size(), 1u) << test_case.name << Describe(errors);
        EXPECT_EQ(errors[0].path, test_case.path) << test_case.name;
        EXPECT_NE(errors[0].expected.find(test_case.expected_part), std::string::npos)
            << test_case.name << ": " << errors[0].Message();
    }
}

template <class T, class F>
Record With(T object, F change) {
    change(object);
    return ToRecord(object);
}

template <class F>
Record SeedWith(F change) {
    return With(ValidSeed(), change);
}

// `record` with one value replaced, for values a typed struct cannot hold.
Record Replaced(Record record, std::string_view field, Value value) {
    record.Set(field, std::move(value));
    return record;
}

Record SeedRecordWith(std::string_view field, Value value) {
    return Replaced(ToRecord(ValidSeed()), field, std::move(value));
}

TEST(ValidateRecord, ChecksRanges) {
    Call call;
    call.id = 1;
    call.program_id = 1;
    call.fiscal_year = FiscalYear{2002};
    call.title_ja = "公募";
    call.kind = "selection";
    call.status = "open";
    Criterion criterion;
    criterion.id = 1;
    criterion.call_id = 1;
    criterion.key = "novelty";
    criterion.label_ja = "新規性";
    criterion.criterion_group = "scientific";
    Grant grant;
    grant.id = 1;
    grant.cluster_id = 1;
    grant.organization_id = 1;
    grant.fiscal_year = FiscalYear{2004};
    grant.amount = Yen{1};
    grant.kind = "regular";
    Job job;
    job.id = 1;
    job.kind = "assign";
    job.state = "running";

    const std::vector<RecordCase> cases = {
        {"trl 1 is the minimum", SeedWith([](Seed& s) { s.trl = 1; }), "", ""},
        {"trl 9 is the maximum", SeedWith([](Seed& s) { s.trl = 9; }), "", ""},
        {"trl 0", SeedWith([](Seed& s) { s.trl = 0; }), "trl", "1..9"},
        {"trl 10", SeedWith([](Seed& s) { s.trl = 10; }), "trl", "1..9"},
        {"trl absent", SeedWith([](Seed& s) { s.trl.reset(); }), "", ""},
        {"valid call", ToRecord(call), "", ""},
        {"reviewers per proposal 0", With(call, [](Call& c) { c.reviewers_per_proposal = 0; }),
         "reviewers_per_proposal", "1..50"},
        {"reviewers per proposal 51", With(call, [](Call& c) { c.reviewers_per_proposal = 51; }),
         "reviewers_per_proposal", "1..50"},
        {"fiscal year 1949", With(call, [](Call& c) { c.fiscal_year = FiscalYear{1949}; }),
         "fiscal_year", "1950..2200"},
        {"fiscal year 2201", With(call, [](Call& c) { c.fiscal_year = FiscalYear{2201}; }),
         "fiscal_year", "1950..2200"},
        {"negative scale", With(call, [](Call& c) { c.scale_per_region = Yen{-1}; }),
         "scale_per_region", ">= 0"},
        {"valid grant", ToRecord(grant), "", ""},
        {"grant of 0 yen", With(grant, [](Grant& g) { g.amount = Yen{0}; }), "amount", ">= 1"},
        {"valid criterion", ToRecord(criterion), "", ""},
        {"weight above 100", With(criterion, [](Criterion& c) { c.weight = 100.5; }), "weight",
         "0..100"},
        {"negative weight", With(criterion, [](Criterion& c) { c.weight = -0.1; }), "weight",
         "0..100"},
        {"weight NaN",
         With(criterion, [](Criterion& c) { c.weight = std::numeric_limits<double>::quiet_NaN(); }),
         "weight", "a number"},
        {"key of 64 characters",
         With(criterion, [](Criterion& c) { c.key = std::string(64, 'k'); }), "", ""},
        {"key of 65 characters",
         With(criterion, [](Criterion& c) { c.key = std::string(65, 'k'); }), "key",
         "at most 64 characters"},
        {"valid job", ToRecord(job), "", ""},
        {"progress above 1", With(job, [](Job& j) { j.progress = 1.5; }), "progress", "0..1"},
    };
    RunCases(cases);
}

TEST(ValidateRecord, ChecksEnumMembership) {
    const std::vector<RecordCase> cases = {
        {"every field code", SeedWith([](Seed& s) { s.field = "life_science"; }), "", ""},
        {"unknown field", SeedWith([](Seed& s) { s.field = "quantum"; }), "field",
         "one of life_science"},
        {"label instead of code", SeedWith([](Seed& s) { s.ip_status = "出願中"; }), "ip_status",
         "one of none, filed, granted, licensed"},
        {"code in capitals", SeedWith([](Seed& s) { s.visibility = "Public"; }), "visibility",
         "one of public"},
        {"code with a space", SeedWith([](Seed& s) { s.visibility = "public "; }), "visibility",
         "one of public"},
        {"enum of another type", SeedRecordWith("visibility", Value{int64_t{1}}), "visibility",
         "one of public"},
    };
    RunCases(cases);
}

TEST(ValidateRecord, ChecksTextLengthInCharacters) {
    const std::string ten_megabytes(10 * 1024 * 1024, 'x');
    const std::vector<RecordCase> cases = {
        {"10 MB abstract", SeedWith([&](Seed& s) { s.abstract = ten_megabytes; }), "abstract",
         "at most 100000 characters"},
        {"abstract of 100000 characters",
         SeedWith([](Seed& s) { s.abstract = std::string(100000, 'a'); }), "", ""},
        {"abstract of 100001 characters",
         SeedWith([](Seed& s) { s.abstract = std::string(100001, 'a'); }), "abstract",
         "at most 100000 characters"},
        {"title of 1000 characters", SeedWith([](Seed& s) { s.title = std::string(1000, 't'); }),
         "", ""},
        {"title of 1001 characters", SeedWith([](Seed& s) { s.title = std::string(1001, 't'); }),
         "title", "at most 1000 characters"},
        {"title of 1000 Japanese characters (3000 bytes)", SeedWith([](Seed& s) {
             s.title.clear();
             for (int i = 0; i < 1000; ++i) s.title += "光";
         }),
         "", ""},
        {"keyword of 201 characters", SeedWith([](Seed& s) {
             s.keywords = {"ok", std::string(201, 'k')};
         }),
         "keywords", "items of at most 200 characters"},
        {"1001 keywords", SeedWith([](Seed& s) { s.keywords = Strings(1001, "k"); }), "keywords",
         "at most 1000 items"},
    };
    RunCases(cases);
    // The message of a huge value stays short.
    auto errors = ValidateRecord(SeedWith([&](Seed& s) { s.abstract = ten_megabytes; }));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_LT(errors[0].Message().size(), 200u) << errors[0].Message().substr(0, 300);
}

TEST(ValidateRecord, RejectsInvalidUtf8AndBlankRequiredText) {
    const std::vector<RecordCase> cases = {
        {"invalid UTF-8 title", SeedWith([](Seed& s) { s.title = "ab\xff\xfe"; }), "title",
         "valid UTF-8"},
        {"truncated UTF-8 sequence", SeedWith([](Seed& s) { s.abstract = "光\xe5\x85"; }),
         "abstract", "valid UTF-8"},
        {"overlong encoding", SeedWith([](Seed& s) { s.title_en = "\xc0\xaf"; }), "title_en",
         "valid UTF-8"},
        {"blank required title", SeedWith([](Seed& s) { s.title = "   "; }), "title",
         "a value (required)"},
        {"tabs and newlines only", SeedWith([](Seed& s) { s.title = "\t\r\n"; }), "title",
         "a value (required)"},
        {"ideographic space only", SeedWith([](Seed& s) { s.title = "\u3000\u3000"; }), "title",
         "a value (required)"},
        {"blank optional text is fine", SeedWith([](Seed& s) { s.title_en = "  "; }), "", ""},
        {"text of another type", SeedRecordWith("title", Value{int64_t{3}}), "title", "text"},
    };
    RunCases(cases);
}

TEST(ValidateRecord, ChecksIdsReferencesAndDates) {
    Position position;
    position.id = 1;
    position.cluster_id = 1;
    position.person_id = 1;
    position.role = "coordinator";
    position.from_date = Date{2004, 4, 1};
    const std::vector<RecordCase> cases = {
        {"negative reference", SeedWith([](Seed& s) { s.cluster_id = -3; }), "cluster_id",
         "a positive id"},
        {"negative id", SeedWith([](Seed& s) { s.id = -1; }), "id", "a positive id"},
        {"id 0 means not yet assigned", SeedWith([](Seed& s) { s.id = 0; }), "", ""},
        {"optional reference of 0", SeedRecordWith("owner_id", Value{int64_t{0}}), "owner_id",
         "a positive id"},
        {"null id", SeedRecordWith("id", Value{}), "id", "a value (required)"},
        {"reference of another type", SeedRecordWith("owner_id", Value{std::string("7")}),
         "owner_id", "an integer id"},
        {"valid position", ToRecord(position), "", ""},
        {"impossible date", Replaced(ToRecord(position), "from_date", std::string("2003-02-30")),
         "from_date", "a valid date"},
        {"date that is not a date", Replaced(ToRecord(position), "to_date", std::string("soon")),
         "to_date", "a valid date"},
        {"boolean of another type", SeedRecordWith("sample", Value{int64_t{1}}), "sample",
         "true or false"},
        {"list of another type", SeedRecordWith("keywords", Value{std::string("a;b")}), "keywords",
         "a list"},
    };
    RunCases(cases);
}

TEST(ValidateRecord, ChecksTimestamps) {
    Session session;
    session.id = 1;
    session.user_id = 1;
    session.token_hash = "abc";
    session.expires_at = "2026-04-01T09:00:00+09:00";
    const std::vector<RecordCase> cases = {
        {"valid timestamp", ToRecord(session), "", ""},
        {"store timestamp",
         SeedWith([](Seed& s) { s.meta.created_at = "2026-11-29T21:30:05+09:00"; }), "", ""},
        {"words", With(session, [](Session& s) { s.expires_at = "tomorrow"; }), "expires_at",
         "timestamp"},
        {"impossible day",
         SeedWith([](Seed& s) { s.meta.updated_at = "2026-02-30T00:00:00+09:00"; }), "updated_at",
         "timestamp"},
    };
    RunCases(cases);
}

TEST(ValidateRecord, ChecksDateOrderRules) {
    Position position;
    position.id = 1;
    position.cluster_id = 1;
    position.person_id = 1;
    position.role = "coordinator";
    position.from_date = Date{2004, 4, 1};
    Program program;
    program.id = 1;
    program.name_ja = "知的クラスター創成事業";
    program.start_fy = FiscalYear{2002};
    program.end_fy = FiscalYear{2006};
    const std::vector<RecordCase> cases = {
        {"project ending before it starts",
         With(ValidProject(),
              [](Project& p) {
                  p.ends_on = Date{2003, 3, 31};
              }),
         "ends_on", "not before starts_on"},
        {"project of one day",
         With(ValidProject(),
              [](Project& p) {
                  p.ends_on = Date{2003, 4, 1};
              }),
         "", ""},
        {"project without an end", With(ValidProject(), [](Project& p) { p.ends_on.reset(); }), "",
         ""},
        {"position left before taken",
         With(position,
              [](Position& p) {
                  p.to_date = Date{2004, 3, 31};
              }),
         "to_date", "not before from_date"},
        {"position still held", ToRecord(position), "", ""},
        {"programme ending before it starts",
         With(program, [](Program& p) { p.end_fy = FiscalYear{2001}; }), "end_fy",
         "not before start_fy"},
        {"single-year programme", With(program, [](Program& p) { p.end_fy = FiscalYear{2002}; }),
         "", ""},
    };
    RunCases(cases);
    auto errors = ValidateRecord(With(ValidProject(), [](Project& p) {
        p.ends_on = Date{2003, 3, 31};
    }));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].got, "2003-03-31");
    EXPECT_NE(errors[0].expected.find("2003-04-01"), std::string::npos) << errors[0].expected;
}

TEST(ValidateRecord, RejectsALedgerEntryOfZero) {
    const std::vector<RecordCase> cases = {
        {"expenditure", ToRecord(ValidLedgerEntry()), "", ""},
        {"refund is negative",
         With(ValidLedgerEntry(), [](LedgerEntry& e) { e.amount = Yen{-5000}; }), "", ""},
        {"zero amount", With(ValidLedgerEntry(), [](LedgerEntry& e) { e.amount = Yen{0}; }),
         "amount", "a non-zero amount"},
    };
    RunCases(cases);
}

TEST(ValidateRecord, ReportsAWrongNumberOfValues) {
    Record record = ToRecord(ValidSeed());
    record.values.pop_back();
    auto errors = ValidateRecord(record);
    ASSERT_EQ(errors.size(), 1u) << Describe(errors);
    EXPECT_EQ(errors[0].path, "seed");
}

// ---------------------------------------------------------------------------------------------
// CheckRecord and Validate<T>

TEST(CheckRecord, IsOkForAValidRecord) {
    EXPECT_TRUE(CheckRecord(ToRecord(ValidSeed())).has_value());
    EXPECT_TRUE(Validate(ValidSeed()).has_value());
    EXPECT_TRUE(Validate(ValidProject()).has_value());
}

TEST(CheckRecord, NamesTheEntityAndCarriesEveryFieldError) {
    Seed seed = ValidSeed();
    seed.title = "";
    seed.trl = 12;
    seed.visibility = "secret";
    auto status = CheckRecord(ToRecord(seed));
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(status.error().message.find("invalid seed"), std::string::npos)
        << status.error().message;
    EXPECT_EQ(Paths(status.error().fields),
              (std::vector<std::string>{"title", "trl", "visibility"}));

    auto typed = Validate(seed);
    ASSERT_FALSE(typed.has_value());
    EXPECT_EQ(Paths(typed.error().fields), Paths(status.error().fields));
}

TEST(CheckRecord, MentionsTheSingleBadField) {
    auto status = CheckRecord(With(ValidLedgerEntry(), [](LedgerEntry& e) { e.amount = Yen{0}; }));
    ASSERT_FALSE(status.has_value());
    ASSERT_EQ(status.error().fields.size(), 1u);
    EXPECT_NE(status.error().message.find("amount"), std::string::npos) << status.error().message;
    EXPECT_NE(FindError(status.error().fields, "amount"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// Lifecycles

struct TransitionCase {
    std::string name;
    const EntityDef* def;
    std::string from;
    std::string to;
    bool allowed;
    std::string message_part;  // for refusals
};

TEST(CheckTransition, FollowsEachLifecycle) {
    const EntityDef* proposal = &Proposal::Def();
    const EntityDef* match = &Match::Def();
    const EntityDef* project = &Project::Def();
    const EntityDef* invention = &Invention::Def();
    const EntityDef* evaluation = &ClusterEvaluation::Def();
    const EntityDef* cluster = &Cluster::Def();
    const std::vector<TransitionCase> cases = {
        {"proposal draft to submitted", proposal, "draft", "submitted", true, ""},
        {"proposal submitted to under review", proposal, "submitted", "under_review", true, ""},
        {"proposal under review to full", proposal, "under_review", "full", true, ""},
        {"proposal under review to trial", proposal, "under_review", "trial", true, ""},
        {"proposal under review to rejected", proposal, "under_review", "rejected", true, ""},
        {"proposal trial to promoted", proposal, "trial", "promoted", true, ""},
        {"proposal draft to full", proposal, "draft", "full", false,
         "proposal status cannot go from draft to full: from draft it can go to submitted"},
        {"proposal rejected to full", proposal, "rejected", "full", false,
         "rejected is a final state"},
        {"proposal submitted back to draft", proposal, "submitted", "draft", false,
         "from submitted it can go to under_review"},
        {"match suggested to contacted", match, "suggested", "contacted", true, ""},
        {"match meeting to joint research", match, "meeting", "joint_research", true, ""},
        {"match feasibility test to declined", match, "feasibility_test", "declined", true, ""},
        {"match declined to contacted", match, "declined", "contacted", false,
         "declined is a final state"},
        {"match suggested to joint research", match, "suggested", "joint_research", false,
         "from suggested it can go to contacted, declined"},
        {"project planned to active", project, "planned", "active", true, ""},
        {"project active to completed", project, "active", "completed", true, ""},
        {"project planned to completed", project, "planned", "completed", false,
         "from planned it can go to active, terminated"},
        {"project completed to active", project, "completed", "active", false,
         "completed is a final state"},
        {"invention filed to pct", invention, "filed", "pct", true, ""},
        {"invention pct to examination requested", invention, "pct", "examination_requested", true,
         ""},
        {"invention examination requested to granted", invention, "examination_requested",
         "granted", true, ""},
        {"invention granted to licensed", invention, "granted", "licensed", true, ""},
        {"invention granted to filed", invention, "granted", "filed", false,
         "from granted it can go to licensed, abandoned"},
        {"invention disclosed to granted", invention, "disclosed", "granted", false,
         "invention status cannot go from disclosed to granted"},
        {"evaluation self report to committee review", evaluation, "self_report",
         "committee_review", true, ""},
        {"evaluation committee review to graded", evaluation, "committee_review", "graded", true,
         ""},
        {"evaluation graded to actions", evaluation, "graded", "actions", true, ""},
        {"evaluation self report to graded", evaluation, "self_report", "graded", false,
         "cluster_evaluation stage cannot go from self_report to graded"},
        {"evaluation actions to self report", evaluation, "actions", "self_report", false,
         "actions is a final state"},
        {"cluster trial to full", cluster, "trial", "full", true, ""},
        {"cluster full to ended", cluster, "full", "ended", true, ""},
        {"cluster full to trial", cluster, "full", "trial", false,
         "cluster status cannot go from full to trial: from full it can go to ended"},
        {"unknown target state", cluster, "trial", "galactic", false,
         "from trial it can go to full, ended"},
    };
    for (const auto& test_case : cases) {
        auto status = CheckTransition(*test_case.def, test_case.from, test_case.to);
        if (test_case.allowed) {
            EXPECT_TRUE(status.has_value()) << test_case.name << ": " << status.error().message;
            continue;
        }
        ASSERT_FALSE(status.has_value()) << test_case.name;
        EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition) << test_case.name;
        EXPECT_NE(status.error().message.find(test_case.message_part), std::string::npos)
            << test_case.name << ": " << status.error().message;
    }
}

TEST(CheckTransition, RefusalMessageListsReachableStates) {
    auto status = CheckTransition(Proposal::Def(), "draft", "full");
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().message,
              "proposal status cannot go from draft to full: from draft it can go to submitted");
}

TEST(CheckTransition, WalksTheInventionChainToLicensed) {
    const std::vector<std::string> chain = {
        "disclosed", "assessed", "filed", "pct", "examination_requested", "granted", "licensed"};
    for (size_t i = 0; i + 1 < chain.size(); ++i) {
        auto status = CheckTransition(Invention::Def(), chain[i], chain[i + 1]);
        EXPECT_TRUE(status.has_value())
            << chain[i] << " -> " << chain[i + 1] << ": " << status.error().message;
    }
}

TEST(CheckTransition, AllowsStayingInTheSameState) {
    for (const EntityDef* def : AllEntities()) {
        if (!def->state_machine) continue;
        const FieldDef* field = def->Find(def->state_machine->field);
        ASSERT_NE(field, nullptr) << def->name;
        for (const auto& value : field->enum_values) {
            EXPECT_TRUE(CheckTransition(*def, value.code, value.code).has_value())
                << def->name << ": " << value.code;
        }
    }
}

TEST(CheckTransition, AllowsAnythingWithoutALifecycle) {
    ASSERT_FALSE(Region::Def().state_machine.has_value());
    EXPECT_TRUE(CheckTransition(Region::Def(), "a", "b").has_value());
    ASSERT_FALSE(Seed::Def().state_machine.has_value());
    EXPECT_TRUE(CheckTransition(Seed::Def(), "none", "licensed").has_value());
}

TEST(CheckTransition, AgreesWithTheTransitionTable) {
    // Every pair of states is allowed exactly when it is listed (or the same state).
    for (const EntityDef* def : AllEntities()) {
        if (!def->state_machine) continue;
        const StateMachine& machine = *def->state_machine;
        const FieldDef* field = def->Find(machine.field);
        ASSERT_NE(field, nullptr);
        for (const auto& from : field->enum_values) {
            for (const auto& to : field->enum_values) {
                bool listed = from.code == to.code;
                for (const auto& [a, b] : machine.transitions) {
                    if (a == from.code && b == to.code) listed = true;
                }
                EXPECT_EQ(CheckTransition(*def, from.code, to.code).has_value(), listed)
                    << def->name << ": " << from.code << " -> " << to.code;
            }
        }
    }
}

TEST(NextStates, ListsStatesReachableInOneStep) {
    const StateMachine& proposal = *Proposal::Def().state_machine;
    EXPECT_EQ(NextStates(proposal, "under_review"),
              (std::vector<std::string>{"full", "trial", "rejected"}));
    EXPECT_EQ(NextStates(proposal, "draft"), (std::vector<std::string>{"submitted"}));
    EXPECT_TRUE(NextStates(proposal, "rejected").empty());
    EXPECT_TRUE(NextStates(proposal, "no_such_state").empty());
}

}  // namespace
}  // namespace kc::core
