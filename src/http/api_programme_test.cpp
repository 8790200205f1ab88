// The programme office's and the platform's use-case endpoints over a real server on an ephemeral
// loopback port and a fresh SQLite database: conflicts, assignment as a job (preview, apply),
// the reviewer's flow from their assignments to the other reviews, declared conflicts,
// evaluation and selection jobs with their reasons, grades, promotion, jobs and user accounts.
// Sample data written for these tests (fictional people and proposals).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "app/accounts.h"
#include "app/jobs.h"
#include "app/programme.h"
#include "app/records.h"
#include "http/api.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/test_client.h"
#include "store/test_database.h"

namespace kc::http {
namespace {

using core::Id;
using Headers = std::vector<std::pair<std::string, std::string>>;
using nlohmann::json;
using store::testing::Backend;
using store::testing::TestDatabase;
using testing::Fetch;
using testing::Reply;

constexpr const char* kPassword = "correct horse battery";

app::AccountPolicy CheapPolicy() {
    app::AccountPolicy policy;
    policy.ops_limit = 1;
    policy.mem_limit = 8 * 1024 * 1024;
    return policy;
}

struct SessionCookie {
    std::string cookie;
    std::string csrf;
    Headers Read() const { return {{"Cookie", cookie}}; }
    Headers Write() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

std::string Str(Id id) { return std::to_string(id); }

// Every field error's path of a problem+json body.
std::set<std::string> ErrorPaths(const Reply& reply) {
    std::set<std::string> paths;
    auto body = reply.Json();
    if (body.is_object() && body.contains("errors")) {
        for (const auto& e : body["errors"]) paths.insert(e["path"].get<std::string>());
    }
    return paths;
}

class ProgrammeApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        store::OpenOptions open;
        open.create = true;
        auto opened = store::OpenStore(db_.location(), open);
        ASSERT_TRUE(opened) << opened.error().ToString();
        store_ = std::move(*opened);
        Seed();
        if (HasFatalFailure()) return;
        auto user = [&](std::string login, core::Role role, std::optional<Id> person) {
            auto id =
                app::AddUser(*store_, {"test"}, {login, {role}, person, kPassword}, CheapPolicy());
            ASSERT_TRUE(id) << id.error().ToString();
            users_[login] = *id;
        };
        user("admin1", core::Role::kAdmin, std::nullopt);
        user("officer1", core::Role::kProgramOfficer, std::nullopt);
        user("reviewer1", core::Role::kReviewer, persons_[1]);
        user("reviewer2", core::Role::kReviewer, persons_[2]);
        user("researcher1", core::Role::kResearcher, std::nullopt);

        auto pool = StorePool::Open(db_.location(), 2);
        ASSERT_TRUE(pool) << pool.error().ToString();
        pool_ = std::move(*pool);
        ApiOptions options;
        options.account_policy = CheapPolicy();
        api_ = std::make_unique<Api>(*pool_, options);
        ServerOptions server_options;
        server_options.port = 0;
        server_options.threads = 2;
        auto server = Server::Start(server_options,
                                    [this](Request& request) { return api_->Handle(request); });
        ASSERT_TRUE(server) << server.error().ToString();
        server_ = std::move(*server);
        port_ = server_->Port();
    }

    void TearDown() override {
        server_.reset();
        api_.reset();
        pool_.reset();
        store_.reset();
    }

    // A call with three criteria, four submitted proposals from four universities and five
    // reviewers; reviewer 0 works at the first proposal's university (an automatic conflict).
    void Seed() {
        auto tx = store_->Begin({"test"});
        ASSERT_TRUE(tx);
        auto& t = **tx;
        core::Program program;
        program.name_ja = "テスト事業";
        program.start_fy = FiscalYear{2002};
        program.end_fy = FiscalYear{2006};
        program_ = *t.Add(program);
        core::Call call;
        call.program_id = program_;
        call.fiscal_year = FiscalYear{2002};
        call.title_ja = "テスト公募";
        call.kind = "selection";
        call.status = "open";
        call.closes_on = Date{2002, 1, 31};
        call.reviewers_per_proposal = 2;
        call.max_load = 3;
        call.scale_per_region = Yen{500'000'000};
        call.trial_scale_per_region = Yen{150'000'000};
        call_ = *t.Add(call);
        const char* keys[] = {"rd_potential", "industrialisation", "structure"};
        for (int i = 0; i < 3; ++i) {
            core::Criterion c;
            c.call_id = call_;
            c.key = keys[i];
            c.label_ja = keys[i];
            c.label_en = keys[i];
            c.weight = i < 2 ? 0.4 : 0.2;
            c.criterion_group = i < 2 ? "scientific" : "structural";
            criteria_.push_back(*t.Add(c));
        }
        const char* prefectures[] = {"北海道", "北海道", "宮城県", "福岡県"};
        const char* titles[] = {"光センシング技術による次世代計測", "ゲノム創薬の産業化",
                                "組込みソフトウェアの高信頼化", "ナノ材料による環境浄化"};
        const char* fields[] = {"it", "life_science", "it", "nanotech_materials"};
        std::vector<Id> orgs;
        for (int i = 0; i < 4; ++i) {
            core::Region region;
            region.name_ja = std::string("テスト地域") + std::to_string(i);
            region.prefecture = prefectures[i];
            Id region_id = *t.Add(region);
            core::Organization org;
            org.name_ja = std::string("テスト大学") + std::to_string(i);
            org.kind = "university";
            orgs.push_back(*t.Add(org));
            core::Proposal p;
            p.call_id = call_;
            p.title_ja = titles[i];
            p.field = fields[i];
            p.status = "draft";
            p.vision = std::string(titles[i]) + "の研究開発を地域企業と進める。";
            p.id = *t.Add(p);
            p.status = "submitted";
            ASSERT_TRUE(t.Save(p));
            proposals_.push_back(p.id);
            core::ProposalRegion pr;
            pr.proposal_id = p.id;
            pr.region_id = region_id;
            ASSERT_TRUE(t.Add(pr));
            core::ProposalParticipant part;
            part.proposal_id = p.id;
            part.organization_id = orgs.back();
            part.role = "core_organization";
            ASSERT_TRUE(t.Add(part));
        }
        const char* expertise[][2] = {{"光センシング", "計測"},
                                      {"ゲノム", "創薬"},
                                      {"ソフトウェア", "組込み"},
                                      {"ナノ材料", "環境"},
                                      {"計測", "ゲノム"}};
        for (int i = 0; i < 5; ++i) {
            core::Person person;
            person.family_name = "査読";
            person.given_name = std::string("太郎") + std::to_string(i);
            person.expertise = {expertise[i][0], expertise[i][1]};
            if (i == 0) person.organization_id = orgs[0];
            persons_.push_back(*t.Add(person));
            core::Reviewer reviewer;
            reviewer.person_id = persons_.back();
            reviewer.call_id = call_;
            reviewer.max_load = 3;
            reviewers_.push_back(*t.Add(reviewer));
        }
        ASSERT_TRUE(t.Commit());
    }

    void ApplyAssignment() {
        app::AssignOptions options;
        options.call_id = call_;
        options.apply = true;
        auto report = app::AssignReviewers(*store_, {"test"}, options);
        ASSERT_TRUE(report) << report.error().ToString();
    }

    // Every assigned reviewer submits a full review (better proposals first).
    void ReviewEverything() {
        for (const auto& assignment : List<core::ReviewAssignment>()) {
            const auto p = static_cast<int64_t>(
                std::find(proposals_.begin(), proposals_.end(), assignment.proposal_id) -
                proposals_.begin());
            app::ReviewInput input;
            input.assignment_id = assignment.id;
            for (Id criterion : criteria_) input.scores.emplace_back(Str(criterion), 5 - p);
            input.submit = true;
            auto saved = app::SaveReview(*store_, {"test"}, input);
            ASSERT_TRUE(saved) << saved.error().ToString();
        }
    }

    template <class T>
    std::vector<T> List() {
        auto tx = store_->Begin({"read"});
        return *(*tx)->template List<T>({});
    }

    Reply Get(const std::string& target, const Headers& headers = {}) {
        return Fetch(port_, "GET", target, headers);
    }
    Reply Send(const std::string& method, const std::string& target, const Headers& headers,
               const json& body) {
        Headers with_type = headers;
        with_type.emplace_back("Content-Type", "application/json");
        return Fetch(port_, method, target, with_type, body.is_null() ? "" : body.dump());
    }
    SessionCookie LogIn(const std::string& login, const std::string& password = kPassword) {
        auto reply =
            Send("POST", "/api/v1/session", {}, {{"login", login}, {"password", password}});
        EXPECT_EQ(reply.status, 200) << login << ": " << reply.body;
        std::string cookie = reply.Header("set-cookie");
        auto body = reply.Json();
        return {cookie.substr(0, cookie.find(';')),
                body.contains("csrf_token") ? body["csrf_token"].get<std::string>() : ""};
    }

    // Polls a job until it has finished; returns its last JSON.
    json WaitForJob(const SessionCookie& who, const std::string& location) {
        json job;
        for (int i = 0; i < 600; ++i) {
            auto reply = Get(location, who.Read());
            EXPECT_EQ(reply.status, 200) << reply.body;
            if (reply.status != 200) break;
            job = reply.Json();
            const auto state = job["state"].get<std::string>();
            if (state != "queued" && state != "running") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return job;
    }

    TestDatabase db_{Backend::kSqlite};
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<StorePool> pool_;
    std::unique_ptr<Api> api_;
    std::unique_ptr<Server> server_;
    uint16_t port_ = 0;
    Id program_ = 0, call_ = 0;
    std::vector<Id> criteria_, proposals_, persons_, reviewers_;
    std::map<std::string, Id> users_;
};

TEST_F(ProgrammeApiTest, ConflictsArePreviewedWithoutWritingThenRecorded) {
    auto officer = LogIn("officer1");
    const std::string path = "/api/v1/calls/" + Str(call_) + "/conflicts";
    auto preview = Get(path, officer.Read());
    ASSERT_EQ(preview.status, 200) << preview.body;
    ASSERT_EQ(preview.Json()["findings"].size(), 1u) << preview.body;
    EXPECT_EQ(preview.Json()["findings"][0]["person_id"], persons_[0]);
    EXPECT_EQ(preview.Json()["findings"][0]["kind"], "same_organization");
    EXPECT_TRUE(List<core::Conflict>().empty()) << "a preview writes nothing";

    auto recorded = Send("POST", path, officer.Write(), nullptr);
    ASSERT_EQ(recorded.status, 200) << recorded.body;
    EXPECT_EQ(recorded.Json()["recorded"], 1);
    EXPECT_EQ(List<core::Conflict>().size(), 1u);
    auto again = Send("POST", path, officer.Write(), nullptr);
    EXPECT_EQ(again.Json()["recorded"], 0) << again.body;

    EXPECT_EQ(Get(path).status, 401);
    EXPECT_EQ(Get(path, LogIn("reviewer1").Read()).status, 403);
    EXPECT_EQ(Send("POST", path, officer.Read(), nullptr).status, 403) << "no CSRF token";
    EXPECT_EQ(Get("/api/v1/calls/99999/conflicts", officer.Read()).status, 404);
    auto bad = Get("/api/v1/calls/x/conflicts", officer.Read());
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(ErrorPaths(bad), std::set<std::string>{"id"});
}

TEST_F(ProgrammeApiTest, AnOfficerPreviewsThenAppliesTheAssignmentThroughJobs) {
    auto officer = LogIn("officer1");
    const std::string path = "/api/v1/calls/" + Str(call_) + "/assignment";
    auto started = Send("POST", path, officer.Write(), {{"apply", false}});
    ASSERT_EQ(started.status, 202) << started.body;
    const std::string location = started.Header("location");
    EXPECT_TRUE(location.starts_with("/api/v1/jobs/")) << location;
    EXPECT_EQ(started.Json()["job"]["kind"], "assignment");
    EXPECT_EQ(started.Json()["job"]["started_by"], "web:officer1");
    auto preview = WaitForJob(officer, location);
    ASSERT_EQ(preview["state"], "succeeded") << preview.dump();
    EXPECT_EQ(preview["progress"], 1.0);
    EXPECT_TRUE(preview["error"].is_null());
    EXPECT_EQ(preview["result"]["added"], 8) << preview.dump();
    EXPECT_EQ(preview["result"]["applied"], false);
    EXPECT_TRUE(List<core::ReviewAssignment>().empty()) << "a preview writes nothing";

    auto apply = Send("POST", path, officer.Write(), {{"apply", true}, {"objective", "fair"}});
    ASSERT_EQ(apply.status, 202) << apply.body;
    auto applied = WaitForJob(officer, apply.Header("location"));
    ASSERT_EQ(applied["state"], "succeeded") << applied.dump();
    EXPECT_EQ(applied["result"]["applied"], true);
    EXPECT_EQ(List<core::ReviewAssignment>().size(), 8u);

    // Both jobs are the officer's; a reviewer sees neither.
    auto jobs = Get("/api/v1/jobs", officer.Read());
    ASSERT_EQ(jobs.status, 200) << jobs.body;
    EXPECT_EQ(jobs.Json()["items"].size(), 2u);
    auto reviewer = LogIn("reviewer1");
    EXPECT_TRUE(Get("/api/v1/jobs", reviewer.Read()).Json()["items"].empty());
    EXPECT_EQ(Get(location, reviewer.Read()).status, 404);
    EXPECT_EQ(Get(location, LogIn("admin1").Read()).status, 200);
    EXPECT_EQ(Send("POST", location + "/cancel", reviewer.Write(), nullptr).status, 404);
    EXPECT_EQ(Send("POST", location + "/cancel", officer.Write(), nullptr).status, 409)
        << "a finished job cannot be cancelled";

    // Bad input names the field; other roles are refused.
    auto bad = Send("POST", path, officer.Write(), {{"apply", "yes"}, {"objective", "best"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(ErrorPaths(bad), (std::set<std::string>{"apply", "objective"})) << bad.body;
    auto unknown = Send("POST", path, officer.Write(), {{"aply", true}});
    EXPECT_EQ(ErrorPaths(unknown), std::set<std::string>{"aply"});
    EXPECT_EQ(Send("POST", path, reviewer.Write(), {{"apply", false}}).status, 403);
    EXPECT_EQ(Send("POST", path, {}, {{"apply", false}}).status, 401);
    EXPECT_EQ(Get("/api/v1/jobs/x", officer.Read()).status, 400);
    EXPECT_EQ(Get("/api/v1/jobs?limit=0", officer.Read()).status, 400);
}

TEST_F(ProgrammeApiTest, AFailedUseCaseFailsItsJobWithTheMessage) {
    auto officer = LogIn("officer1");
    auto started = Send("POST", "/api/v1/calls/99999/assignment", officer.Write(), json::object());
    ASSERT_EQ(started.status, 202) << started.body;
    auto job = WaitForJob(officer, started.Header("location"));
    EXPECT_EQ(job["state"], "failed") << job.dump();
    EXPECT_TRUE(job["result"].is_null());
    ASSERT_TRUE(job["error"].is_string()) << job.dump();
    EXPECT_NE(job["error"].get<std::string>().find("99999"), std::string::npos) << job.dump();
}

TEST_F(ProgrammeApiTest, AReviewerWritesTheirReviewAndThenSeesTheOthers) {
    ApplyAssignment();
    auto reviewer = LogIn("reviewer1");
    auto mine = Get("/api/v1/me/assignments", reviewer.Read());
    ASSERT_EQ(mine.status, 200) << mine.body;
    auto items = mine.Json()["items"];
    ASSERT_FALSE(items.empty()) << mine.body;
    const auto first = items[0];
    EXPECT_EQ(first["call_id"], call_);
    EXPECT_EQ(first["call_title"], "テスト公募");
    EXPECT_EQ(first["review_status"], "none");
    EXPECT_TRUE(first["review_id"].is_null());
    EXPECT_EQ(first["conflict"], false);
    const std::string assignment = Str(first["assignment_id"].get<Id>());
    const std::string proposal = Str(first["proposal_id"].get<Id>());

    auto form = Get("/api/v1/review_assignments/" + assignment + "/review", reviewer.Read());
    ASSERT_EQ(form.status, 200) << form.body;
    auto body = form.Json();
    EXPECT_EQ(body["proposal"]["id"].get<Id>(), first["proposal_id"].get<Id>());
    EXPECT_FALSE(body["proposal"]["summary"].get<std::string>().empty());
    ASSERT_EQ(body["criteria"].size(), 3u);
    EXPECT_EQ(body["criteria"][0]["code"], "rd_potential");
    EXPECT_EQ(body["criteria"][0]["score_max"], 5);
    EXPECT_TRUE(body["review"].is_null());

    // A draft: one score.
    const std::string review_path = "/api/v1/review_assignments/" + assignment + "/review";
    auto draft = Send("PUT", review_path, reviewer.Write(),
                      {{"scores", {{Str(criteria_[0]), 4}}}, {"comment", "下書き"}});
    ASSERT_EQ(draft.status, 200) << draft.body;
    EXPECT_EQ(draft.Json()["status"], "draft");
    auto again = Get(review_path, reviewer.Read()).Json();
    EXPECT_EQ(again["review"]["status"], "draft");
    EXPECT_EQ(again["review"]["scores"][Str(criteria_[0])], 4);

    // The others' reviews stay hidden until the reviewer has submitted.
    const std::string reviews = "/api/v1/proposals/" + proposal + "/reviews";
    auto early = Get(reviews, reviewer.Read());
    EXPECT_EQ(early.status, 403) << early.body;
    EXPECT_NE(early.Json()["detail"].get<std::string>().find("submit your own"), std::string::npos)
        << early.body;

    // Bad input names the field: an out-of-range score, an unknown criterion, an incomplete
    // submission.
    auto out_of_range =
        Send("PUT", review_path, reviewer.Write(), {{"scores", {{Str(criteria_[0]), 9}}}});
    EXPECT_EQ(out_of_range.status, 400);
    EXPECT_EQ(ErrorPaths(out_of_range), std::set<std::string>{"scores." + Str(criteria_[0])});
    auto not_int = Send("PUT", review_path, reviewer.Write(), {{"scores", {{"x", "high"}}}});
    EXPECT_EQ(ErrorPaths(not_int), std::set<std::string>{"scores.x"});
    auto incomplete = Send("PUT", review_path, reviewer.Write(), {{"submit", true}});
    EXPECT_EQ(incomplete.status, 400);
    EXPECT_TRUE(ErrorPaths(incomplete).contains("scores.industrialisation")) << incomplete.body;

    json scores = json::object();
    for (Id criterion : criteria_) scores[Str(criterion)] = 4;
    auto submitted = Send("PUT", review_path, reviewer.Write(),
                          {{"scores", scores}, {"comment", "良い提案"}, {"submit", true}});
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(submitted.Json()["status"], "submitted");
    auto late = Send("PUT", review_path, reviewer.Write(), {{"scores", scores}});
    EXPECT_EQ(late.status, 409) << "a submitted review is final: " << late.body;

    auto visible = Get(reviews, reviewer.Read());
    ASSERT_EQ(visible.status, 200) << visible.body;
    ASSERT_EQ(visible.Json()["items"].size(), 1u) << "others have not submitted yet";
    EXPECT_EQ(visible.Json()["items"][0]["comment"], "良い提案");

    // Audited as the web user.
    auto history = app::RecordHistory(*store_, "review", submitted.Json()["review_id"].get<Id>());
    ASSERT_TRUE(history);
    ASSERT_FALSE(history->empty());
    EXPECT_EQ(history->back().actor, "web:reviewer1");

    // Another reviewer's assignment does not exist for this one; staff read but do not write.
    Id other = 0;
    for (const auto& row : List<core::ReviewAssignment>()) {
        if (row.reviewer_id != reviewers_[1]) other = row.id;
    }
    ASSERT_NE(other, 0);
    const std::string other_path = "/api/v1/review_assignments/" + Str(other) + "/review";
    EXPECT_EQ(Get(other_path, reviewer.Read()).status, 404);
    EXPECT_EQ(Send("PUT", other_path, reviewer.Write(), {{"scores", scores}}).status, 404);
    auto officer = LogIn("officer1");
    EXPECT_EQ(Get(other_path, officer.Read()).status, 200);
    EXPECT_EQ(Send("PUT", other_path, officer.Write(), {{"scores", scores}}).status, 403);
    EXPECT_EQ(Get(reviews, officer.Read()).status, 200);
    EXPECT_EQ(Get(reviews, LogIn("researcher1").Read()).status, 403);
    EXPECT_EQ(Get("/api/v1/me/assignments", officer.Read()).status, 403);
    EXPECT_EQ(Get("/api/v1/me/assignments").status, 401);
}

TEST_F(ProgrammeApiTest, AReviewerCannotReachAProposalTheyAreNotAssignedTo) {
    ApplyAssignment();
    std::set<Id> assigned;
    for (const auto& row : List<core::ReviewAssignment>()) {
        if (row.reviewer_id == reviewers_[1]) assigned.insert(row.proposal_id);
    }
    Id unassigned = 0;
    for (Id p : proposals_) {
        if (!assigned.contains(p)) unassigned = p;
    }
    ASSERT_NE(unassigned, 0);
    auto reviewer = LogIn("reviewer1");
    EXPECT_EQ(Get("/api/v1/proposals/" + Str(unassigned) + "/reviews", reviewer.Read()).status,
              404);
    EXPECT_EQ(Get("/api/v1/proposals/" + Str(unassigned), reviewer.Read()).status, 404);
    EXPECT_EQ(Get("/api/v1/proposals/99999/reviews", LogIn("officer1").Read()).status, 404);
}

TEST_F(ProgrammeApiTest, ADeclaredConflictWithdrawsTheAssignment) {
    ApplyAssignment();
    auto reviewer = LogIn("reviewer1");
    auto items = Get("/api/v1/me/assignments", reviewer.Read()).Json()["items"];
    ASSERT_FALSE(items.empty());
    const std::string assignment = Str(items[0]["assignment_id"].get<Id>());
    const std::string path = "/api/v1/review_assignments/" + assignment + "/conflict";

    auto empty = Send("POST", path, reviewer.Write(), {{"reason", ""}});
    EXPECT_EQ(empty.status, 400);
    EXPECT_EQ(ErrorPaths(empty), std::set<std::string>{"reason"});
    auto missing = Send("POST", path, reviewer.Write(), json::object());
    EXPECT_EQ(ErrorPaths(missing), std::set<std::string>{"reason"});
    EXPECT_EQ(Send("POST", path, LogIn("reviewer2").Write(), {{"reason", "x"}}).status, 404);
    EXPECT_EQ(Send("POST", path, LogIn("officer1").Write(), {{"reason", "x"}}).status, 403);
    EXPECT_EQ(Send("POST", path, reviewer.Read(), {{"reason", "x"}}).status, 403);

    auto declared = Send("POST", path, reviewer.Write(), {{"reason", "提案者と共同研究中"}});
    ASSERT_EQ(declared.status, 200) << declared.body;
    EXPECT_GT(declared.Json()["conflict_id"].get<Id>(), 0);
    EXPECT_EQ(Get("/api/v1/review_assignments/" + assignment + "/review", reviewer.Read()).status,
              404);
    auto after = Get("/api/v1/me/assignments", reviewer.Read()).Json()["items"];
    EXPECT_EQ(after.size(), items.size() - 1);
    // The assignment recorded the automatic conflict of reviewer 0; this one is declared.
    auto conflicts = List<core::Conflict>();
    ASSERT_EQ(conflicts.size(), 2u);
    EXPECT_EQ(conflicts.back().kind, "declared");
    EXPECT_EQ(conflicts.back().person_id, persons_[1]);
    EXPECT_EQ(conflicts.back().source, "提案者と共同研究中");
}

TEST_F(ProgrammeApiTest, EvaluationAndSelectionRunAsJobsAndExplainEachOutcome) {
    ApplyAssignment();
    ReviewEverything();
    auto officer = LogIn("officer1");
    auto evaluation = Send("POST", "/api/v1/calls/" + Str(call_) + "/evaluation", officer.Write(),
                           {{"bootstrap", 50}, {"seed", 7}});
    ASSERT_EQ(evaluation.status, 202) << evaluation.body;
    auto evaluated = WaitForJob(officer, evaluation.Header("location"));
    ASSERT_EQ(evaluated["state"], "succeeded") << evaluated.dump();
    ASSERT_EQ(evaluated["result"]["proposals"].size(), 4u) << evaluated.dump();
    EXPECT_TRUE(evaluated["result"]["proposals"][0].contains("rank_interval"));
    EXPECT_EQ(List<core::Evaluation>().size(), 4u) << "recorded once, not twice";

    const std::string path = "/api/v1/calls/" + Str(call_) + "/selection";
    auto selection = Send("POST", path, officer.Write(), {{"budget", "7億円"}});
    ASSERT_EQ(selection.status, 202) << selection.body;
    auto selected = WaitForJob(officer, selection.Header("location"));
    ASSERT_EQ(selected["state"], "succeeded") << selected.dump();
    auto result = selected["result"];
    EXPECT_EQ(result["applied"], false);
    EXPECT_EQ(result["full"], 1);
    EXPECT_EQ(result["trial"], 1);
    ASSERT_EQ(result["proposals"].size(), 4u);
    for (const auto& line : result["proposals"]) {
        EXPECT_FALSE(line["reason"].get<std::string>().empty()) << line.dump();
        EXPECT_TRUE(line.contains("binding")) << line.dump();
    }
    EXPECT_TRUE(List<core::Decision>().empty()) << "a preview decides nothing";

    auto bad = Send("POST", path, officer.Write(),
                    {{"budget", "lots"}, {"apply", true}, {"constraints", "per-prefecture<=1"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(ErrorPaths(bad), (std::set<std::string>{"budget", "decided_on", "constraints"}))
        << bad.body;
    EXPECT_EQ(ErrorPaths(Send("POST", path, officer.Write(), json::object())),
              std::set<std::string>{"budget"});
    auto bad_evaluation = Send("POST", "/api/v1/calls/" + Str(call_) + "/evaluation",
                               officer.Write(), {{"bootstrap", -1}, {"level", 2}});
    EXPECT_EQ(ErrorPaths(bad_evaluation), (std::set<std::string>{"bootstrap", "level"}));
    EXPECT_EQ(Send("POST", path, LogIn("reviewer1").Write(), {{"budget", 1}}).status, 403);
}

TEST_F(ProgrammeApiTest, GradesPromotionItemsAndTheOverview) {
    auto officer = LogIn("officer1");
    auto items = Get("/api/v1/cluster_evaluation_items", officer.Read());
    ASSERT_EQ(items.status, 200) << items.body;
    ASSERT_FALSE(items.Json()["items"].empty());
    EXPECT_FALSE(items.Json()["items"][0]["name_en"].get<std::string>().empty());

    auto add = [&](std::string entity, std::vector<std::string> values) {
        auto id = app::AddRecord(*store_, {"test"}, entity, values);
        EXPECT_TRUE(id) << entity << ": " << id.error().ToString();
        return id ? *id : 0;
    };
    Id cluster = add("cluster", {"program_id=" + Str(program_), "name_ja=テストクラスター",
                                 "status=trial", "field=it"});
    Id evaluation = add("cluster_evaluation", {"cluster_id=" + Str(cluster), "kind=mid_term",
                                               "fiscal_year=2004", "stage=committee_review"});
    const std::string grades_path = "/api/v1/cluster_evaluations/" + Str(evaluation) + "/grades";
    json grades = json::object();
    const json item_list = items.Json()["items"];
    for (const auto& item : item_list) grades[item["code"].get<std::string>()] = "A";
    json partial = grades;
    const std::string dropped = items.Json()["items"][0]["code"].get<std::string>();
    partial.erase(dropped);
    auto incomplete =
        Send("PUT", grades_path, officer.Write(), {{"grades", partial}, {"overall", "A"}});
    EXPECT_EQ(incomplete.status, 400);
    EXPECT_EQ(ErrorPaths(incomplete), std::set<std::string>{"grades." + dropped});
    auto no_overall = Send("PUT", grades_path, officer.Write(), {{"grades", grades}});
    EXPECT_EQ(ErrorPaths(no_overall), std::set<std::string>{"overall"});
    EXPECT_EQ(
        Send("PUT", grades_path, LogIn("reviewer1").Write(), {{"grades", grades}, {"overall", "A"}})
            .status,
        403);
    auto graded = Send("PUT", grades_path, officer.Write(),
                       {{"grades", grades}, {"overall", "B"}, {"comment", "総評"}});
    ASSERT_EQ(graded.status, 200) << graded.body;
    EXPECT_EQ(graded.Json()["stage"], "graded");
    EXPECT_EQ(graded.Json()["overall_grade"], "b");

    const std::string promote = "/api/v1/clusters/" + Str(cluster) + "/promotion";
    auto missing = Send("POST", promote, officer.Write(), {{"funding_source", "補正予算"}});
    EXPECT_EQ(ErrorPaths(missing), (std::set<std::string>{"decided_on", "effective_fy"}));
    auto promoted = Send(
        "POST", promote, officer.Write(),
        {{"decided_on", "2004-03-31"}, {"effective_fy", 2004}, {"funding_source", "補正予算"}});
    ASSERT_EQ(promoted.status, 200) << promoted.body;
    EXPECT_GT(promoted.Json()["promotion_id"].get<Id>(), 0);
    EXPECT_EQ(Send("POST", "/api/v1/clusters/99999/promotion", officer.Write(),
                   {{"decided_on", "2004-03-31"}, {"effective_fy", 2004}})
                  .status,
              404);

    auto overview = Get("/api/v1/programmes/overview", LogIn("researcher1").Read());
    ASSERT_EQ(overview.status, 200) << overview.body;
    EXPECT_FALSE(overview.body.empty());
    EXPECT_EQ(Get("/api/v1/programmes/overview").status, 401);
}

TEST_F(ProgrammeApiTest, AdminsManageUsersAndAnyoneChangesTheirOwnPassword) {
    auto admin = LogIn("admin1");
    auto list = Get("/api/v1/users", admin.Read());
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.Json()["items"].size(), users_.size());
    EXPECT_FALSE(list.body.find("argon2") != std::string::npos) << "no password hashes";
    EXPECT_EQ(Get("/api/v1/users", LogIn("officer1").Read()).status, 403);
    EXPECT_EQ(Get("/api/v1/users").status, 401);

    auto created = Send("POST", "/api/v1/users", admin.Write(),
                        {{"login", "hanako"}, {"roles", {"reviewer"}}, {"person_id", persons_[3]}});
    ASSERT_EQ(created.status, 201) << created.body;
    const Id hanako = created.Json()["id"].get<Id>();
    EXPECT_EQ(created.Header("location"), "/api/v1/users/" + Str(hanako));
    EXPECT_EQ(created.Json()["active"], true);
    const std::string generated = created.Json()["password"].get<std::string>();
    EXPECT_EQ(generated.size(), 18u);
    auto session = LogIn("hanako", generated);
    EXPECT_EQ(Get("/api/v1/me/assignments", session.Read()).status, 200);

    auto bad = Send("POST", "/api/v1/users", admin.Write(),
                    {{"login", "x y"}, {"roles", {"reviewer", "wizard"}}, {"password", "short"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(ErrorPaths(bad), std::set<std::string>{"roles[1]"}) << bad.body;
    auto invalid = Send("POST", "/api/v1/users", admin.Write(),
                        {{"login", "x y"}, {"roles", {"reviewer"}}, {"password", "short"}});
    EXPECT_EQ(ErrorPaths(invalid), (std::set<std::string>{"login", "password"})) << invalid.body;
    EXPECT_EQ(
        Send("POST", "/api/v1/users", admin.Write(), {{"login", "hanako"}, {"roles", {"reviewer"}}})
            .status,
        409);

    const std::string user_path = "/api/v1/users/" + Str(hanako);
    auto roles = Send("PATCH", user_path, admin.Write(), {{"roles", {"reviewer", "researcher"}}});
    ASSERT_EQ(roles.status, 200) << roles.body;
    EXPECT_EQ(roles.Json()["roles"].size(), 2u);
    EXPECT_EQ(ErrorPaths(Send("PATCH", user_path, admin.Write(), json::object())),
              std::set<std::string>{"body"});
    EXPECT_EQ(Send("PATCH", user_path, LogIn("officer1").Write(), {{"active", false}}).status, 403);
    auto off = Send("PATCH", user_path, admin.Write(), {{"active", false}});
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.Json()["active"], false);
    EXPECT_EQ(Get("/api/v1/session", session.Read()).status, 401) << "sessions end";
    EXPECT_EQ(
        Send("PATCH", "/api/v1/users/" + Str(users_["admin1"]), admin.Write(), {{"active", false}})
            .status,
        409);
    EXPECT_EQ(Send("PATCH", "/api/v1/users/99999", admin.Write(), {{"active", true}}).status, 404);

    // Own password: the current one is required and checked.
    auto researcher = LogIn("researcher1");
    const std::string own = "/api/v1/users/" + Str(users_["researcher1"]) + "/password";
    auto no_current = Send("POST", own, researcher.Write(), {{"password", "a brand new secret"}});
    EXPECT_EQ(ErrorPaths(no_current), std::set<std::string>{"current_password"});
    auto wrong = Send("POST", own, researcher.Write(),
                      {{"password", "a brand new secret"}, {"current_password", "wrong one!!"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(ErrorPaths(wrong), std::set<std::string>{"current_password"});
    auto changed = Send("POST", own, researcher.Write(),
                        {{"password", "a brand new secret"}, {"current_password", kPassword}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(Get("/api/v1/session", researcher.Read()).status, 401);
    LogIn("researcher1", "a brand new secret");
    // Someone else's: admin only, generated when none is given.
    auto officer = LogIn("officer1");
    EXPECT_EQ(Send("POST", "/api/v1/users/" + Str(users_["reviewer2"]) + "/password",
                   officer.Write(), json::object())
                  .status,
              403);
    auto reset = Send("POST", "/api/v1/users/" + Str(users_["reviewer2"]) + "/password",
                      admin.Write(), json::object());
    ASSERT_EQ(reset.status, 200) << reset.body;
    LogIn("reviewer2", reset.Json()["password"].get<std::string>());
}

// The cancel endpoint on a job that runs until it is cancelled: handlers called in process on a
// router of the platform routes, with a job runner the test controls.
TEST(PlatformRoutes, CancellingARunningJobStopsIt) {
    TestDatabase db(Backend::kSqlite);
    store::OpenOptions open;
    open.create = true;
    ASSERT_TRUE(store::OpenStore(db.location(), open));
    auto pool = StorePool::Open(db.location(), 2);
    ASSERT_TRUE(pool) << pool.error().ToString();
    app::JobRunner runner([&] { return store::OpenStore(db.location(), {}); });
    ApiOptions options;
    ResponseCache cache;
    RouteDeps deps{**pool, runner, options, cache};
    Router router;
    AddPlatformRoutes(router, deps);

    std::atomic<bool> started{false};
    auto id = runner.Start("long", {"web:alice"}, [&](app::JobContext& job) -> Result<std::string> {
        started = true;
        while (job.Progress(0.5)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return std::string("{}");
    });
    ASSERT_TRUE(id);
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    auto call = [&](const std::string& login, core::Role role, const std::string& method,
                    const std::string& path) {
        app::Principal principal;
        principal.login = login;
        principal.viewer.roles = {role};
        auto match = router.Find(method, path);
        EXPECT_NE(match.route, nullptr) << method << " " << path;
        Context context;
        context.params = match.params;
        context.principal = &principal;
        Request request;
        request.method = method;
        request.path = path;
        auto result = match.route->handler(request, context);
        return result ? *result : Response{HttpStatus(result.error().code), {}, {}};
    };
    const std::string job = "/api/v1/jobs/" + Str(*id);
    EXPECT_EQ(call("bob", core::Role::kResearcher, "POST", job + "/cancel").status, 404);
    auto cancelled = call("alice", core::Role::kResearcher, "POST", job + "/cancel");
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(json::parse(cancelled.body)["state"], "cancelled");
    runner.Wait(*id);
    auto after = call("officer", core::Role::kProgramOfficer, "GET", job);
    EXPECT_EQ(json::parse(after.body)["state"], "cancelled");
    EXPECT_EQ(json::parse(after.body)["error"], "cancelled");
    EXPECT_EQ(call("alice", core::Role::kResearcher, "POST", job + "/cancel").status, 409);
}

}  // namespace
}  // namespace kc::http
