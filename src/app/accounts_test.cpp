// Accounts, sessions and login limits, on SQLite and on PostgreSQL (sessions live in the
// database so that several server instances share them).

#include "app/accounts.h"

#include <gtest/gtest.h>

#include <memory>

#include "store/test_database.h"

namespace kc::app {
namespace {

using store::testing::Backend;
using store::testing::TestDatabase;

// Cheap Argon2id parameters: the tests check behaviour, not cost.
AccountPolicy TestPolicy() {
    AccountPolicy policy;
    policy.ops_limit = 1;
    policy.mem_limit = 8192;
    policy.max_failures_per_login = 3;
    policy.max_failures_per_address = 6;
    return policy;
}

class AccountsTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        db_ = std::make_unique<TestDatabase>(GetParam());
        if (HasFailure()) return;
        if (!db_->available()) GTEST_SKIP() << store::testing::kNoPgMessage;
        store::OpenOptions options;
        options.create = true;
        auto opened = store::OpenStore(db_->location(), options);
        ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
        store_ = std::move(*opened);
    }
    void TearDown() override {
        store_.reset();
        db_.reset();
    }

    void AddAlice() {
        NewUser user{"alice",
                     {core::Role::kCoordinator, core::Role::kAdviser},
                     std::nullopt,
                     "correct horse battery"};
        auto id = AddUser(*store_, store::Actor{"test"}, user, policy_);
        ASSERT_TRUE(id.has_value()) << id.error().ToString();
    }

    AccountPolicy policy_ = TestPolicy();
    std::unique_ptr<TestDatabase> db_;
    std::unique_ptr<store::Store> store_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, AccountsTest, ::testing::Values(Backend::kSqlite),
                         store::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, AccountsTest, ::testing::Values(Backend::kPostgres),
                         store::testing::BackendName);

TEST_P(AccountsTest, AddUserNamesEveryBadField) {
    NewUser user{"Bad Login!", {}, std::optional<core::Id>{999}, "short"};
    auto id = AddUser(*store_, store::Actor{"test"}, user, policy_);
    ASSERT_FALSE(id.has_value());
    EXPECT_EQ(id.error().code, ErrorCode::kInvalidArgument);
    std::set<std::string> paths;
    for (const auto& field : id.error().fields) paths.insert(field.path);
    EXPECT_EQ(paths, (std::set<std::string>{"login", "password", "roles"}))
        << id.error().ToString();
}

TEST_P(AccountsTest, DuplicateLoginIsConflictAndUnknownPersonIsNamed) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    NewUser again{"alice", {core::Role::kCompany}, std::nullopt, "another long password"};
    auto id = AddUser(*store_, store::Actor{"test"}, again, policy_);
    ASSERT_FALSE(id.has_value());
    EXPECT_EQ(id.error().code, ErrorCode::kConflict);
    NewUser ghost{
        "bob", {core::Role::kCompany}, std::optional<core::Id>{4242}, "another long password"};
    auto ghost_id = AddUser(*store_, store::Actor{"test"}, ghost, policy_);
    ASSERT_FALSE(ghost_id.has_value());
    ASSERT_EQ(ghost_id.error().fields.size(), 1u);
    EXPECT_EQ(ghost_id.error().fields[0].path, "person_id");
}

TEST_P(AccountsTest, LoginOpensASessionThatResolvesToThePrincipal) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    auto session = Login(*store_, "alice", "correct horse battery", "127.0.0.1", policy_);
    ASSERT_TRUE(session.has_value()) << session.error().ToString();
    EXPECT_EQ(session->token.size(), 43u);
    EXPECT_EQ(session->principal.login, "alice");
    EXPECT_TRUE(session->principal.viewer.Has(core::Role::kCoordinator));
    EXPECT_TRUE(session->principal.viewer.Has(core::Role::kAdviser));
    EXPECT_FALSE(session->principal.viewer.Has(core::Role::kAdmin));
    EXPECT_FALSE(session->principal.csrf_token.empty());
    EXPECT_NE(session->principal.csrf_token, session->token);

    auto resolved = ResolveSession(*store_, session->token, policy_);
    ASSERT_TRUE(resolved.has_value()) << resolved.error().ToString();
    EXPECT_EQ(resolved->user_id, session->principal.user_id);
    EXPECT_TRUE(CsrfMatches(*resolved, session->principal.csrf_token));
    EXPECT_FALSE(CsrfMatches(*resolved, ""));
    EXPECT_FALSE(CsrfMatches(*resolved, session->token));

    // Only the hash of the token is stored.
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM user_session WHERE token_hash = '" +
                            session->token + "'"),
              0);
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM user_session"), 1);
    // The password only as an Argon2id hash.
    EXPECT_EQ(db_->QueryInt("SELECT count(*) FROM app_user WHERE password_hash LIKE "
                            "'$argon2id$%'"),
              1);
}

TEST_P(AccountsTest, WrongPasswordAndUnknownLoginFailAlike) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    auto wrong = Login(*store_, "alice", "incorrect horse", "10.0.0.1", policy_);
    auto unknown = Login(*store_, "nobody", "correct horse battery", "10.0.0.1", policy_);
    ASSERT_FALSE(wrong.has_value());
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_P(AccountsTest, LoginsAreLimitedPerAccountAndPerAddress) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    for (int i = 0; i < policy_.max_failures_per_login; ++i) {
        auto failed = Login(*store_, "alice", "guess " + std::to_string(i), "10.0.0.2", policy_);
        ASSERT_EQ(failed.error().code, ErrorCode::kUnauthenticated);
    }
    // Now even the right password is refused for this account, from any address.
    auto locked = Login(*store_, "alice", "correct horse battery", "10.0.0.3", policy_);
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
    EXPECT_NE(locked.error().message.find("minutes"), std::string::npos);

    // Per address: failures on several logins from one address lock the address.
    for (int i = 0; i < policy_.max_failures_per_address; ++i) {
        (void)Login(*store_, "user" + std::to_string(i), "guess", "10.0.0.9", policy_);
    }
    auto from_address = Login(*store_, "someone", "guess", "10.0.0.9", policy_);
    ASSERT_FALSE(from_address.has_value());
    EXPECT_EQ(from_address.error().code, ErrorCode::kResourceExhausted);
    EXPECT_NE(from_address.error().message.find("address"), std::string::npos);
}

TEST_P(AccountsTest, LogoutAndPasswordChangeEndSessions) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    auto first = Login(*store_, "alice", "correct horse battery", "127.0.0.1", policy_);
    auto second = Login(*store_, "alice", "correct horse battery", "127.0.0.1", policy_);
    ASSERT_TRUE(first.has_value() && second.has_value());
    ASSERT_TRUE(Logout(*store_, first->token).has_value());
    auto gone = ResolveSession(*store_, first->token, policy_);
    ASSERT_FALSE(gone.has_value());
    EXPECT_EQ(gone.error().code, ErrorCode::kUnauthenticated);
    ASSERT_TRUE(ResolveSession(*store_, second->token, policy_).has_value());

    ASSERT_TRUE(
        SetPassword(*store_, store::Actor{"test"}, "alice", "a brand new passphrase", policy_)
            .has_value());
    EXPECT_FALSE(ResolveSession(*store_, second->token, policy_).has_value());
    EXPECT_FALSE(Login(*store_, "alice", "correct horse battery", "127.0.0.1", policy_));
    EXPECT_TRUE(Login(*store_, "alice", "a brand new passphrase", "127.0.0.1", policy_));
}

TEST_P(AccountsTest, ExpiredSessionsAreRefusedAndGarbageTokensToo) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    AccountPolicy expired = policy_;
    expired.idle_timeout = std::chrono::minutes(-1);
    auto session = Login(*store_, "alice", "correct horse battery", "127.0.0.1", expired);
    ASSERT_TRUE(session.has_value());
    auto resolved = ResolveSession(*store_, session->token, expired);
    ASSERT_FALSE(resolved.has_value());
    EXPECT_NE(resolved.error().message.find("expired"), std::string::npos);
    for (std::string token : {std::string(), std::string(500, 'x'), std::string("' OR 1=1 --")}) {
        auto bad = ResolveSession(*store_, token, policy_);
        ASSERT_FALSE(bad.has_value());
        EXPECT_EQ(bad.error().code, ErrorCode::kUnauthenticated);
    }
}

TEST_P(AccountsTest, RolesChangeAndEveryAccountChangeIsAuditedWithoutTheHash) {
    ASSERT_NO_FATAL_FAILURE(AddAlice());
    ASSERT_TRUE(SetRoles(*store_, store::Actor{"test"}, "alice", {core::Role::kReviewer}));
    auto users = ListUsers(*store_);
    ASSERT_TRUE(users.has_value());
    ASSERT_EQ(users->size(), 1u);
    EXPECT_EQ(users->front().roles, std::vector<core::Role>{core::Role::kReviewer});
    auto tx = store_->Begin(store::Actor{"test"});
    ASSERT_TRUE(tx.has_value());
    auto audit = (*tx)->Audit("app_user", 0);
    ASSERT_TRUE(audit.has_value());
    ASSERT_EQ(audit->size(), 2u);
    for (const auto& entry : *audit) {
        EXPECT_EQ(entry.after_json.find("argon2"), std::string::npos) << entry.after_json;
        EXPECT_EQ(entry.before_json.find("argon2"), std::string::npos) << entry.before_json;
    }
}

}  // namespace
}  // namespace kc::app
