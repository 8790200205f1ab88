// The HTTP API's security matrix over the demo programme: every demo account (one per role,
// linked to a demo person holding that role) × a representative set of endpoints — the generic
// entity endpoints and the use-case endpoints — × own / other objects → the expected status.
// The demo is loaded once for the suite into a temporary SQLite file (slow under Debug+ASan),
// and a real server answers on an ephemeral loopback port.
//
// Writes in the matrix are made so that they change nothing: a role that may not write gets 403
// before the body is looked at, and one that may gets 400 for the deliberately invalid body.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/accounts.h"
#include "app/demo.h"
#include "app/demo_accounts.h"
#include "app/programme.h"
#include "http/api.h"
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

// The demo accounts by the suffix of their login (demo-<who>).
const std::vector<std::string> kEveryone = {
    "admin",    "officer",    "reviewer",          "government",
    "director", "manager",    "research-director", "coordinator",
    "adviser",  "researcher", "company",           "public"};
const std::vector<std::string> kStaff = {"admin", "officer"};
const std::vector<std::string> kHq = {"director", "manager", "research-director", "coordinator",
                                      "adviser"};

// One request of the matrix: what everyone gets unless listed among the exceptions.
struct Row {
    std::string method;
    std::string path;  // with {placeholders} for the objects found or made in SetUpTestSuite
    json body;         // null = no body
    int everyone;      // the status for every account not listed below
    std::vector<std::pair<std::vector<std::string>, int>> except;
    std::string why;
};

// The objects the rows refer to, found in or added to the demo.
struct Objects {
    std::map<std::string, std::string> ids;  // placeholder → id
    std::string Fill(std::string path) const {
        for (const auto& [name, id] : ids) {
            const std::string key = "{" + name + "}";
            for (size_t at = path.find(key); at != std::string::npos; at = path.find(key)) {
                path.replace(at, key.size(), id);
            }
        }
        return path;
    }
};

struct Session {
    std::string cookie, csrf;
};

class SecurityMatrix : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase(Backend::kSqlite);
        store::OpenOptions open;
        open.create = true;
        auto opened = store::OpenStore(db_->location(), open);
        ASSERT_TRUE(opened) << opened.error().ToString();
        auto& store = **opened;
        auto loaded = app::LoadDemo(store, app::DemoOptions{});
        ASSERT_TRUE(loaded) << loaded.error().ToString();
        app::AccountPolicy policy = CheapPolicy();
        auto accounts = app::CreateDemoAccounts(store, policy);
        ASSERT_TRUE(accounts) << accounts.error().ToString();
        std::map<std::string, std::string> passwords;
        std::map<std::string, std::optional<Id>> people;
        for (const auto& account : *accounts) {
            const std::string who = account.login.substr(std::string("demo-").size());
            passwords[who] = account.password;
            people[who] = account.person_id;
        }
        objects_ = new Objects();
        PrepareObjects(store, people);
        if (HasFatalFailure()) return;

        auto pool = StorePool::Open(db_->location(), 2);
        ASSERT_TRUE(pool) << pool.error().ToString();
        pool_ = pool->release();
        ApiOptions options;
        options.account_policy = policy;
        api_ = new Api(*pool_, options);
        ServerOptions server_options;
        server_options.port = 0;
        server_options.threads = 2;
        auto server =
            Server::Start(server_options, [](Request& request) { return api_->Handle(request); });
        ASSERT_TRUE(server) << server.error().ToString();
        server_ = server->release();
        sessions_ = new std::map<std::string, Session>();
        for (const auto& [who, password] : passwords) {
            auto reply = Fetch(server_->Port(), "POST", "/api/v1/session",
                               {{"Content-Type", "application/json"}},
                               json{{"login", "demo-" + who}, {"password", password}}.dump());
            ASSERT_EQ(reply.status, 200) << who << ": " << reply.body;
            std::string cookie = reply.Header("set-cookie");
            (*sessions_)[who] = {cookie.substr(0, cookie.find(';')),
                                 reply.Json()["csrf_token"].get<std::string>()};
            // The HQ accounts serve the first cluster's HQ, where the hidden invention is.
            if (std::find(kHq.begin(), kHq.end(), who) != kHq.end()) {
                auto clusters = reply.Json()["user"]["hq_clusters"];
                ASSERT_NE(std::find(clusters.begin(), clusters.end(),
                                    std::stoll(objects_->ids["first_cluster"])),
                          clusters.end())
                    << who << " should serve the first cluster's HQ: " << reply.body;
            }
        }
    }

    static void TearDownTestSuite() {
        delete server_;
        delete api_;
        delete pool_;
        delete sessions_;
        delete objects_;
        delete inventors_;
        delete org_accounts_;
        delete db_;
        server_ = nullptr;
        api_ = nullptr;
        pool_ = nullptr;
        sessions_ = nullptr;
        objects_ = nullptr;
        db_ = nullptr;
    }

    static app::AccountPolicy CheapPolicy() {
        app::AccountPolicy policy;
        policy.ops_limit = 1;
        policy.mem_limit = 8 * 1024 * 1024;
        return policy;
    }

    // Finds (or adds, with plain store writes) the objects the matrix needs around the demo
    // reviewer, company, researcher and the first cluster.
    static void PrepareObjects(store::Store& store,
                               std::map<std::string, std::optional<Id>>& people) {
        ASSERT_TRUE(people["reviewer"]) << "the demo reviewer has no person";
        ASSERT_TRUE(people["company"]) << "the demo company account has no person";
        ASSERT_TRUE(people["researcher"]) << "the demo researcher has no person";
        const Id reviewer_person = *people["reviewer"];
        auto& ids = objects_->ids;
        auto tx_or = store.Begin({"security-test"});
        ASSERT_TRUE(tx_or);
        auto& tx = **tx_or;
        auto by = [&](auto type, const char* field, Id value) {
            using T = decltype(type);
            store::Filter filter;
            filter.equals.emplace_back(field, core::Value{value});
            auto rows = tx.List<T>(filter);
            EXPECT_TRUE(rows) << rows.error().ToString();
            return rows ? *rows : std::vector<T>{};
        };
        auto reviewers = by(core::Reviewer{}, "person_id", reviewer_person);
        ASSERT_FALSE(reviewers.empty());
        const core::Reviewer& reviewer = reviewers.front();
        auto own = by(core::ReviewAssignment{}, "reviewer_id", reviewer.id);
        ASSERT_FALSE(own.empty()) << "the demo reviewer has no assignment";
        std::set<Id> assigned;
        for (const auto& a : own) assigned.insert(a.proposal_id);
        ids["own_assignment"] = std::to_string(own.front().id);
        ids["own_proposal"] = std::to_string(own.front().proposal_id);

        // Another reviewer's assignment on a proposal this reviewer does not review.
        auto all = tx.List<core::ReviewAssignment>();
        ASSERT_TRUE(all);
        std::vector<Id> others;  // proposals of the call not assigned to the reviewer
        for (const auto& a : *all) {
            auto r = tx.Get<core::Reviewer>(a.reviewer_id);
            ASSERT_TRUE(r);
            if (r->call_id != reviewer.call_id || assigned.contains(a.proposal_id)) continue;
            if (!ids.contains("other_assignment")) ids["other_assignment"] = std::to_string(a.id);
            if (std::find(others.begin(), others.end(), a.proposal_id) == others.end()) {
                others.push_back(a.proposal_id);
            }
        }
        ASSERT_GE(others.size(), 3u) << "need three proposals the demo reviewer does not review";
        ids["unassigned_proposal"] = std::to_string(others[0]);

        // Assigned but conflicted: the conflict wins.
        core::ReviewAssignment conflicted;
        conflicted.reviewer_id = reviewer.id;
        conflicted.proposal_id = others[1];
        conflicted.origin = "manual";
        auto conflicted_id = tx.Add(conflicted);
        ASSERT_TRUE(conflicted_id) << conflicted_id.error().ToString();
        core::Conflict conflict;
        conflict.person_id = reviewer_person;
        conflict.proposal_id = others[1];
        conflict.kind = "declared";
        conflict.source = "security test";
        ASSERT_TRUE(tx.Add(conflict));
        ids["conflicted_proposal"] = std::to_string(others[1]);
        ids["conflicted_assignment"] = std::to_string(*conflicted_id);

        // Assigned, own review not submitted, others' reviews exist.
        core::ReviewAssignment pending;
        pending.reviewer_id = reviewer.id;
        pending.proposal_id = others[2];
        pending.origin = "manual";
        auto pending_id = tx.Add(pending);
        ASSERT_TRUE(pending_id);
        ids["pending_proposal"] = std::to_string(others[2]);
        ids["pending_assignment"] = std::to_string(*pending_id);

        // The own assignment's review submitted (so the others' become visible).
        auto reviews = by(core::Review{}, "review_assignment_id", own.front().id);
        if (reviews.empty() || reviews.front().status != "submitted") {
            auto proposal = tx.Get<core::Proposal>(own.front().proposal_id);
            ASSERT_TRUE(proposal);
            app::ReviewInput input;
            input.assignment_id = own.front().id;
            for (const auto& c : by(core::Criterion{}, "call_id", proposal->call_id)) {
                input.scores.emplace_back(c.key, 3);
            }
            input.submit = true;
            auto saved = app::SaveReview(tx, input);
            ASSERT_TRUE(saved) << saved.error().ToString();
        }
        ids["call"] = std::to_string(reviewer.call_id);

        // Needs: the demo company's own private need and another company's.
        auto company = tx.Get<core::Person>(*people["company"]);
        ASSERT_TRUE(company && company->organization_id);
        auto organizations = tx.List<core::Organization>();
        ASSERT_TRUE(organizations);
        Id other_company = 0;
        for (const auto& o : *organizations) {
            if (o.kind == "company" && o.id != *company->organization_id) other_company = o.id;
        }
        ASSERT_NE(other_company, 0);
        auto clusters = tx.List<core::Cluster>();
        ASSERT_TRUE(clusters && clusters->size() >= 2);
        const Id first_cluster = clusters->front().id;
        const Id second_cluster = (*clusters)[1].id;
        ids["first_cluster"] = std::to_string(first_cluster);
        auto need = [&](Id organization, const char* title) {
            core::Need n;
            n.cluster_id = first_cluster;
            n.organization_id = organization;
            n.title = title;
            n.field = "it";
            n.confidentiality = "private";
            auto id = tx.Add(n);
            EXPECT_TRUE(id) << id.error().ToString();
            return id ? std::to_string(*id) : "0";
        };
        ids["own_need"] = need(*company->organization_id, "自社の非公開ニーズ");
        ids["other_need"] = need(other_company, "他社の非公開ニーズ");

        // Unpublished inventions: one by the demo researcher in the first cluster (whose HQ the
        // demo HQ accounts serve), one in another cluster by nobody the accounts are.
        auto invention = [&](Id cluster, std::optional<Id> inventor, const char* title) {
            core::Invention i;
            i.cluster_id = cluster;
            i.title = title;
            i.disclosed_on = Date{2004, 6, 1};
            i.status = "disclosed";
            i.published = false;
            auto id = tx.Add(i);
            EXPECT_TRUE(id) << id.error().ToString();
            if (id && inventor) {
                core::Inventor row;
                row.invention_id = *id;
                row.person_id = *inventor;
                EXPECT_TRUE(tx.Add(row));
            }
            return id ? std::to_string(*id) : "0";
        };
        ids["own_invention"] = invention(first_cluster, people["researcher"], "未公開の発明(自)");
        // The demo may pick one university person as the researcher and as the first reviewer:
        // every account that is that person is an inventor.
        inventors_ = new std::vector<std::string>();
        org_accounts_ = new std::map<Id, std::vector<std::string>>();
        for (const auto& [who, person] : people) {
            if (person && person == people["researcher"]) inventors_->push_back(who);
        }
        ids["other_invention"] = invention(second_cluster, std::nullopt, "未公開の発明(他)");

        // Seeds by visibility: a public one; the demo company's private seed in the second
        // cluster (whose HQ no demo account serves); another company's seed visible to the
        // first cluster. `org_accounts_` are the accounts of an organisation (they read its
        // seeds whatever the visibility).
        auto seed = [&](Id organization, Id cluster, const char* visibility, const char* title) {
            core::Seed row;
            row.organization_id = organization;
            row.cluster_id = cluster;
            row.title = title;
            row.field = "it";
            row.visibility = visibility;
            auto id = tx.Add(row);
            EXPECT_TRUE(id) << id.error().ToString();
            return id ? std::to_string(*id) : "0";
        };
        ids["public_seed"] = seed(other_company, second_cluster, "public", "公開シーズ");
        ids["own_seed"] =
            seed(*company->organization_id, second_cluster, "private", "自社の非公開シーズ");
        ids["cluster_seed"] =
            seed(other_company, first_cluster, "cluster", "他社のクラスター内シーズ");
        company_org_ = *company->organization_id;
        other_company_ = other_company;
        for (Id organization : {*company->organization_id, other_company}) {
            auto& accounts = (*org_accounts_)[organization];
            for (const auto& [who, person] : people) {
                if (!person) continue;
                auto row = tx.Get<core::Person>(*person);
                if (row && row->organization_id == organization) accounts.push_back(who);
            }
        }

        // Any grant; a job the officer started; a cluster evaluation.
        auto grants = tx.List<core::Grant>();
        ASSERT_TRUE(grants);
        for (const auto& grant : *grants) {
            const char* key = grant.cluster_id == first_cluster ? "own_grant" : "other_grant";
            if (!ids.contains(key)) ids[key] = std::to_string(grant.id);
        }
        ASSERT_TRUE(ids.contains("own_grant") && ids.contains("other_grant"));
        ids["cluster"] = std::to_string(first_cluster);
        auto evaluations = tx.List<core::ClusterEvaluation>(store::Filter::First(1));
        ASSERT_TRUE(evaluations && !evaluations->empty()) << "the demo has no cluster evaluation";
        ids["cluster_evaluation"] = std::to_string(evaluations->front().id);
        ASSERT_TRUE(tx.Commit());
        tx_or->reset();  // a store runs one transaction at a time

        // Recorded as the officer's web session records it, so it is the officer's job.
        auto job_tx = store.Begin({"web:demo-officer"});
        ASSERT_TRUE(job_tx);
        core::Job job;
        job.kind = "assignment";
        job.state = "succeeded";
        job.result = "{}";
        auto job_id = (*job_tx)->Add(job);
        ASSERT_TRUE(job_id);
        ASSERT_TRUE((*job_tx)->Commit());
        job_tx->reset();
        ids["officer_job"] = std::to_string(*job_id);
        auto users = app::ListUsers(store);
        ASSERT_TRUE(users);
        for (const auto& user : *users) {
            if (user.login == "demo-researcher") ids["researcher_user"] = std::to_string(user.id);
        }
    }

    static Reply Send(const std::string& who, const std::string& method, const std::string& path,
                      const json& body, bool csrf = true) {
        Headers headers;
        if (who != "anonymous") {
            const Session& session = sessions_->at(who);
            headers.emplace_back("Cookie", session.cookie);
            if (csrf && method != "GET") headers.emplace_back("X-CSRF-Token", session.csrf);
        }
        if (!body.is_null()) headers.emplace_back("Content-Type", "application/json");
        return Fetch(server_->Port(), method, objects_->Fill(path), headers,
                     body.is_null() ? "" : body.dump());
    }

    // Runs every row for every account and reports each mismatch with role, method, path,
    // expected and got.
    static void Check(const std::vector<Row>& rows) {
        for (const auto& row : rows) {
            for (const auto& who : kEveryone) {
                int expected = row.everyone;
                for (const auto& [group, status] : row.except) {
                    if (std::find(group.begin(), group.end(), who) != group.end()) {
                        expected = status;
                    }
                }
                auto reply = Send(who, row.method, row.path, row.body);
                EXPECT_EQ(reply.status, expected)
                    << "role=" << who << " " << row.method << " " << objects_->Fill(row.path)
                    << " expected=" << expected << " got=" << reply.status << " (" << row.why
                    << ")\n"
                    << reply.body.substr(0, 300);
            }
        }
    }

    static inline TestDatabase* db_ = nullptr;
    static inline StorePool* pool_ = nullptr;
    static inline Api* api_ = nullptr;
    static inline Server* server_ = nullptr;
    static inline std::map<std::string, Session>* sessions_ = nullptr;
    static inline Objects* objects_ = nullptr;
    static inline std::vector<std::string>* inventors_ = nullptr;  // accounts that are inventors
    static inline std::map<Id, std::vector<std::string>>* org_accounts_ = nullptr;
    static inline Id company_org_ = 0, other_company_ = 0;
};

const json kNone = nullptr;
const json kEmpty = json::object();

TEST_F(SecurityMatrix, GenericEntityEndpoints) {
    // One row per case.
    // clang-format off
    const std::vector<Row> rows = {
        // Proposals: programme staff; the reviewer only what they review and are not conflicted.
        {"GET", "/api/v1/proposals/{own_proposal}", kNone, 404, {{kStaff, 200}, {{"reviewer"}, 200}}, "a reviewer reads an assigned proposal"},
        {"GET", "/api/v1/proposals/{unassigned_proposal}", kNone, 404, {{kStaff, 200}}, "nobody but staff reads an unassigned proposal"},
        {"GET", "/api/v1/proposals/{conflicted_proposal}", kNone, 404, {{kStaff, 200}}, "a conflict hides a proposal even when assigned"},
        {"GET", "/api/v1/proposals", kNone, 200, {}, "lists are filtered, not refused"},
        {"POST", "/api/v1/proposals", kEmpty, 403, {{kStaff, 400}}, "only staff write proposals (400: the empty proposal is invalid)"},
        // Review data: programme staff only through the generic API.
        {"GET", "/api/v1/reviews", kNone, 403, {{kStaff, 200}}, "reviews: staff only"},
        {"GET", "/api/v1/review_assignments", kNone, 403, {{kStaff, 200}}, "assignments: staff only (reviewers use /me/assignments)"},
        {"GET", "/api/v1/review_assignments/{own_assignment}", kNone, 403, {{kStaff, 200}}, "a single assignment: staff only (the entity as a whole is refused)"},
        // Needs: the company's own private need; others' private needs hidden.
        {"GET", "/api/v1/needs/{own_need}", kNone, 404, {{kStaff, 200}, {kHq, 200}, {{"company"}, 200}}, "a private need: its company, HQ of its cluster, staff"},
        {"GET", "/api/v1/needs/{other_need}", kNone, 404, {{kStaff, 200}, {kHq, 200}}, "another company's private need"},
        // Seeds by visibility (core::CanViewSeed); grants: everyone signed in reads; staff write,
        // and the HQ of their own cluster.
        {"GET", "/api/v1/seeds/{public_seed}", kNone, 200, {}, "public seeds are read by everyone"},
        {"GET", "/api/v1/seeds/{own_seed}", kNone, 404, {{kStaff, 200}, {(*org_accounts_)[company_org_], 200}}, "a private seed: its organisation and staff"},
        {"GET", "/api/v1/seeds/{cluster_seed}", kNone, 404, {{kStaff, 200}, {kHq, 200}, {(*org_accounts_)[other_company_], 200}}, "a cluster seed: its organisation, HQ of its cluster, staff"},
        {"GET", "/api/v1/grants/{other_grant}", kNone, 200, {}, "grants are read by everyone signed in"},
        {"PATCH", "/api/v1/grants/{other_grant}", json{{"amount", "not money"}}, 403, {{kStaff, 400}}, "another cluster's grant: staff only (400: bad amount)"},
        {"PATCH", "/api/v1/grants/{own_grant}", json{{"amount", "not money"}}, 403, {{kStaff, 400}, {kHq, 400}}, "a cluster-level row: its own HQ writes too (record_access.h)"},
        // Unpublished inventions: inventors, the HQ of its cluster, admin.
        {"GET", "/api/v1/inventions/{own_invention}", kNone, 404, {{{"admin"}, 200}, {kHq, 200}, {*inventors_, 200}}, "unpublished: an inventor, HQ of the cluster, admin"},
        {"GET", "/api/v1/inventions/{other_invention}", kNone, 404, {{{"admin"}, 200}}, "unpublished elsewhere: only admin"},
        // Sessions are never served (users and jobs have their own endpoints, below).
        {"GET", "/api/v1/sessions", kNone, 404, {}, "sessions are never served"},
    };
    // clang-format on
    Check(rows);
}

TEST_F(SecurityMatrix, UseCaseEndpoints) {
    // One row per case.
    // clang-format off
    const std::vector<Row> rows = {
        // The reviewer's portal.
        {"GET", "/api/v1/me/assignments", kNone, 403, {{{"reviewer"}, 200}}, "only reviewers have assignments"},
        {"GET", "/api/v1/review_assignments/{own_assignment}/review", kNone, 404, {{kStaff, 200}, {{"reviewer"}, 200}}, "the review form: its reviewer and staff"},
        {"GET", "/api/v1/review_assignments/{other_assignment}/review", kNone, 404, {{kStaff, 200}}, "another reviewer's form does not exist for the reviewer"},
        {"GET", "/api/v1/review_assignments/{conflicted_assignment}/review", kNone, 404, {{kStaff, 200}}, "a conflicted assignment's form is hidden from its reviewer"},
        {"PUT", "/api/v1/review_assignments/{other_assignment}/review", json{{"scores", 1}}, 400, {}, "a malformed body is refused before anything else"},
        {"PUT", "/api/v1/review_assignments/{other_assignment}/review", kEmpty, 404, {{kStaff, 403}}, "only the assigned reviewer writes; staff see it but may not"},
        {"POST", "/api/v1/review_assignments/{other_assignment}/conflict", json{{"reason", "x"}}, 403, {{{"reviewer"}, 404}}, "only the assigned reviewer declares a conflict"},
        {"GET", "/api/v1/proposals/{own_proposal}/reviews", kNone, 403, {{kStaff, 200}, {{"reviewer"}, 200}}, "after submitting their own review"},
        {"GET", "/api/v1/proposals/{pending_proposal}/reviews", kNone, 403, {{kStaff, 200}}, "before submitting their own: 403 with the reason"},
        {"GET", "/api/v1/proposals/{unassigned_proposal}/reviews", kNone, 403, {{kStaff, 200}, {{"reviewer"}, 404}}, "unassigned: hidden from the reviewer"},
        {"GET", "/api/v1/proposals/{conflicted_proposal}/reviews", kNone, 403, {{kStaff, 200}, {{"reviewer"}, 404}}, "conflicted: hidden from the reviewer"},
        // The programme office (invalid bodies: staff get 400, having passed the role check,
        // and nothing changes).
        {"GET", "/api/v1/calls/{call}/conflicts", kNone, 403, {{kStaff, 200}}, "conflict detection: staff"},
        {"POST", "/api/v1/calls/{call}/assignment", json{{"apply", "x"}}, 403, {{kStaff, 400}}, "assignment: staff"},
        {"POST", "/api/v1/calls/{call}/evaluation", json{{"bootstrap", -1}}, 403, {{kStaff, 400}}, "evaluation: staff"},
        {"POST", "/api/v1/calls/{call}/selection", kEmpty, 403, {{kStaff, 400}}, "selection: staff"},
        {"POST", "/api/v1/clusters/{cluster}/promotion", kEmpty, 403, {{kStaff, 400}}, "promotion: staff"},
        {"PUT", "/api/v1/cluster_evaluations/{cluster_evaluation}/grades", kEmpty, 403, {{kStaff, 400}}, "grades: staff"},
        {"GET", "/api/v1/cluster_evaluation_items", kNone, 200, {}, "reference data"},
        {"GET", "/api/v1/programmes/overview", kNone, 200, {}, "the programme dashboard"},
        // Jobs: one's own; staff all.
        {"GET", "/api/v1/jobs", kNone, 200, {}, "everyone lists their own jobs"},
        {"GET", "/api/v1/jobs/{officer_job}", kNone, 404, {{kStaff, 200}}, "the officer's job: the officer and staff"},
        {"POST", "/api/v1/jobs/{officer_job}/cancel", kNone, 404, {{kStaff, 409}}, "cancel: as reading (409: it has finished)"},
        {"GET", "/api/v1/jobs/999999", kNone, 404, {}, "no such job"},
        // Users: admin only, except one's own password.
        {"GET", "/api/v1/users", kNone, 403, {{{"admin"}, 200}}, "users: admin"},
        {"POST", "/api/v1/users", kEmpty, 403, {{{"admin"}, 400}}, "creating users: admin"},
        {"PATCH", "/api/v1/users/{researcher_user}", kEmpty, 403, {{{"admin"}, 400}}, "changing users: admin"},
        {"POST", "/api/v1/users/{researcher_user}/password", json{{"password", 1}}, 403, {{{"admin", "researcher"}, 400}}, "a password: admin, or oneself (400: bad body)"},
    };
    // clang-format on
    Check(rows);
}

TEST_F(SecurityMatrix, AnonymousRequestsGet401) {
    const std::vector<std::pair<std::string, std::string>> requests = {
        {"GET", "/api/v1/proposals"},
        {"GET", "/api/v1/proposals/{own_proposal}"},
        {"GET", "/api/v1/reviews"},
        {"GET", "/api/v1/review_assignments"},
        {"GET", "/api/v1/needs/{own_need}"},
        {"GET", "/api/v1/seeds"},
        {"GET", "/api/v1/inventions/{own_invention}"},
        {"GET", "/api/v1/grants"},
        {"GET", "/api/v1/users"},
        {"GET", "/api/v1/jobs"},
        {"GET", "/api/v1/jobs/{officer_job}"},
        {"GET", "/api/v1/me/assignments"},
        {"GET", "/api/v1/review_assignments/{own_assignment}/review"},
        {"GET", "/api/v1/proposals/{own_proposal}/reviews"},
        {"GET", "/api/v1/calls/{call}/conflicts"},
        {"GET", "/api/v1/cluster_evaluation_items"},
        {"GET", "/api/v1/programmes/overview"},
        {"POST", "/api/v1/calls/{call}/assignment"},
        {"PUT", "/api/v1/review_assignments/{own_assignment}/review"},
        {"POST", "/api/v1/users"},
        {"POST", "/api/v1/jobs/{officer_job}/cancel"},
    };
    for (const auto& [method, path] : requests) {
        auto reply = Send("anonymous", method, path, method == "GET" ? kNone : kEmpty);
        EXPECT_EQ(reply.status, 401) << "role=anonymous " << method << " " << objects_->Fill(path)
                                     << " expected=401 got=" << reply.status;
    }
    // Public endpoints stay public.
    EXPECT_EQ(Send("anonymous", "GET", "/healthz", kNone).status, 200);
    EXPECT_EQ(Send("anonymous", "GET", "/api/v1/openapi.json", kNone).status, 200);
}

TEST_F(SecurityMatrix, EveryWriteWithoutTheCsrfTokenGets403) {
    // Every state-changing route of the table, filled with real ids, as admin (who may do
    // anything) but without the token: refused before the handler runs.
    std::set<std::string> seen;
    for (const auto& route : api_->Routes().Routes()) {
        if (route.method == "GET" || route.auth == Auth::kPublic) continue;
        std::string path = route.pattern;
        if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, "1");
        auto reply = Send("admin", route.method, path, kEmpty, /*csrf=*/false);
        EXPECT_EQ(reply.status, 403) << "role=admin (no CSRF token) " << route.method << " " << path
                                     << " expected=403 got=" << reply.status << "\n"
                                     << reply.body.substr(0, 200);
        seen.insert(route.method + " " + route.pattern);
    }
    EXPECT_TRUE(seen.contains("PUT /api/v1/review_assignments/{id}/review"));
    EXPECT_TRUE(seen.contains("POST /api/v1/users"));
    EXPECT_TRUE(seen.contains("DELETE /api/v1/seeds/{id}"));
    EXPECT_TRUE(seen.contains("POST /api/v1/jobs/{id}/cancel"));
}

TEST_F(SecurityMatrix, ListsShowOnlyWhatTheViewerMayRead) {
    auto ids = [&](const std::string& who, const std::string& path) {
        std::set<Id> out;
        auto reply = Send(who, "GET", path, kNone);
        EXPECT_EQ(reply.status, 200) << who << " " << path << ": " << reply.body.substr(0, 200);
        const json items = reply.Json()["items"];
        for (const auto& item : items) out.insert(item["id"].get<Id>());
        return out;
    };
    const auto own = std::stoll(objects_->ids.at("own_proposal"));
    const auto conflicted = std::stoll(objects_->ids.at("conflicted_proposal"));
    const auto unassigned = std::stoll(objects_->ids.at("unassigned_proposal"));
    auto reviewer = ids("reviewer", "/api/v1/proposals?limit=1000");
    EXPECT_TRUE(reviewer.contains(own));
    EXPECT_FALSE(reviewer.contains(conflicted));
    EXPECT_FALSE(reviewer.contains(unassigned));
    EXPECT_TRUE(ids("company", "/api/v1/proposals?limit=1000").empty());
    EXPECT_TRUE(ids("officer", "/api/v1/proposals?limit=1000").contains(unassigned));

    const auto other_need = std::stoll(objects_->ids.at("other_need"));
    EXPECT_FALSE(ids("company", "/api/v1/needs?limit=1000").contains(other_need));
    const auto hidden = std::stoll(objects_->ids.at("own_invention"));
    EXPECT_FALSE(ids("company", "/api/v1/inventions?limit=1000").contains(hidden));
    EXPECT_FALSE(ids("officer", "/api/v1/inventions?limit=1000").contains(hidden));
    EXPECT_TRUE(ids("researcher", "/api/v1/inventions?limit=1000").contains(hidden));

    auto officer_jobs = Send("officer", "GET", "/api/v1/jobs", kNone).Json()["items"];
    EXPECT_FALSE(officer_jobs.empty());
    EXPECT_TRUE(Send("company", "GET", "/api/v1/jobs", kNone).Json()["items"].empty());

    auto early = Send("reviewer", "GET", "/api/v1/proposals/{pending_proposal}/reviews", kNone);
    EXPECT_NE(early.Json()["detail"].get<std::string>().find("submit your own"), std::string::npos)
        << early.body;
}

}  // namespace
}  // namespace kc::http
