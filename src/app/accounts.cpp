#include "app/accounts.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <regex>
#include <set>

#include "app/hq.h"
#include "app/workflow_support.h"
#include "util/date.h"

namespace kc::app {

namespace {

int64_t NowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status EnsureSodium() {
    static const int ready = sodium_init();
    if (ready < 0) return Fail(Error::Internal("libsodium could not be initialised"));
    return {};
}

std::string ToHex(const unsigned char* bytes, size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

// 256 random bits as URL-safe base64 without padding (43 characters).
std::string RandomToken() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    std::string text(
        sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    text.resize(std::strlen(text.c_str()));
    return text;
}

std::string TokenHash(std::string_view token) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return ToHex(digest, sizeof digest);
}

Result<std::string> HashPassword(std::string_view password, const AccountPolicy& policy) {
    KC_RETURN_IF_ERROR(EnsureSodium());
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(), policy.ops_limit,
                          policy.mem_limit) != 0) {
        return Fail(Error::Internal("out of memory while hashing the password"));
    }
    return std::string(hash);
}

Status CheckPassword(std::string_view password) {
    // Characters, not bytes: a Japanese passphrase counts its kana.
    size_t characters = 0;
    for (unsigned char c : password) characters += (c & 0xC0) != 0x80 ? 1 : 0;
    if (characters < 12) {
        return Fail(Error::Fields(
            "invalid password",
            {{"password", "at least 12 characters", fmt::format("{} characters", characters)}}));
    }
    if (password.size() > 1024) {
        return Fail(Error::Fields(
            "invalid password",
            {{"password", "at most 1024 bytes", fmt::format("{} bytes", password.size())}}));
    }
    return {};
}

Status CheckLogin(std::string_view login) {
    static const std::regex pattern(R"(^[a-z0-9][a-z0-9._@-]{1,63}$)");
    if (!std::regex_match(login.begin(), login.end(), pattern)) {
        return Fail(Error::Fields(
            "invalid login",
            {{"login",
              "2–64 characters: lower-case letters, digits and . _ @ -, starting with a "
              "letter or digit",
              fmt::format("\"{}\"", login)}}));
    }
    return {};
}

std::vector<std::string> RoleNames(const std::vector<core::Role>& roles) {
    std::vector<std::string> names;
    for (core::Role role : roles) names.emplace_back(core::RoleName(role));
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Status CheckRoles(const std::vector<core::Role>& roles) {
    if (roles.empty()) {
        return Fail(Error::Fields("invalid roles", {{"roles", "at least one role", "none"}}));
    }
    return {};
}

std::string IsoOf(int64_t seconds) {
    // +09:00, as every time kcluster shows.
    std::time_t t = static_cast<std::time_t>(seconds + 9 * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+09:00", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

Result<Principal> PrincipalOf(store::Store& store, const store::UserRow& user,
                              const store::SessionRow& session) {
    std::set<core::Role> roles;
    for (const auto& name : user.roles) {
        auto role = core::ParseRole(name);
        if (role) roles.insert(*role);
    }
    KC_ASSIGN_OR_RETURN(core::Viewer viewer, ViewerOf(store, roles, user.person_id, TodayTokyo()));
    return Principal{user.id, user.login, std::move(viewer), session.csrf_token,
                     IsoOf(std::min(session.expires, session.absolute_expiry))};
}

}  // namespace

Result<core::Id> AddUser(store::Store& store, const store::Actor& actor, const NewUser& user,
                         const AccountPolicy& policy) {
    std::vector<FieldError> errors;
    for (const Status& check :
         {CheckLogin(user.login), CheckPassword(user.password), CheckRoles(user.roles)}) {
        if (!check)
            errors.insert(errors.end(), check.error().fields.begin(), check.error().fields.end());
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid user", std::move(errors)));
    KC_ASSIGN_OR_RETURN(std::string hash, HashPassword(user.password, policy));
    return detail::InTransaction(
        store, actor, true, [&](store::Transaction& tx) -> Result<core::Id> {
            if (user.person_id) {
                KC_ASSIGN_OR_RETURN(bool exists, tx.Exists(core::Person::Def(), *user.person_id));
                if (!exists) {
                    return Fail(Error::Fields(
                        "invalid user", {{"person_id", "the id of an existing person",
                                          fmt::format("{} (no such person)", *user.person_id)}}));
                }
            }
            store::UserRow row;
            row.login = user.login;
            row.password_hash = std::move(hash);
            row.roles = RoleNames(user.roles);
            row.person_id = user.person_id;
            return tx.InsertUser(row, /*audit=*/true);
        });
}

Status SetPassword(store::Store& store, const store::Actor& actor, std::string_view login,
                   std::string_view password, const AccountPolicy& policy) {
    KC_RETURN_IF_ERROR(CheckPassword(password));
    KC_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, policy));
    return detail::InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto user, tx.FindUser(login));
        if (!user) return Fail(Error::NotFound(fmt::format("no user with login \"{}\"", login)));
        user->password_hash = std::move(hash);
        KC_RETURN_IF_ERROR(tx.UpdateUser(*user));
        return tx.DeleteSessionsOf(user->id);
    });
}

Status SetRoles(store::Store& store, const store::Actor& actor, std::string_view login,
                const std::vector<core::Role>& roles) {
    KC_RETURN_IF_ERROR(CheckRoles(roles));
    return detail::InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto user, tx.FindUser(login));
        if (!user) return Fail(Error::NotFound(fmt::format("no user with login \"{}\"", login)));
        user->roles = RoleNames(roles);
        return tx.UpdateUser(*user);
    });
}

Result<std::vector<UserSummary>> ListUsers(store::Store& store) {
    KC_ASSIGN_OR_RETURN(auto tx, store.Begin(store::Actor{"users"}));
    KC_ASSIGN_OR_RETURN(auto rows, tx->ListUsers());
    std::vector<UserSummary> users;
    for (const auto& row : rows) {
        UserSummary user{row.id, row.login, {}, row.person_id, row.disabled};
        for (const auto& name : row.roles) {
            if (auto role = core::ParseRole(name)) user.roles.push_back(*role);
        }
        users.push_back(std::move(user));
    }
    return users;
}

Result<Session> Login(store::Store& store, std::string_view login, std::string_view password,
                      std::string_view client_address, const AccountPolicy& policy) {
    KC_RETURN_IF_ERROR(EnsureSodium());
    const int64_t now = NowSeconds();
    const int64_t window_start =
        now - std::chrono::duration_cast<std::chrono::seconds>(policy.failure_window).count();
    const std::string client(client_address.empty() ? "unknown" : client_address);
    const std::string name(login.substr(0, 128));

    // Limits first: a locked account or address is refused without checking the password.
    std::optional<store::UserRow> user;
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.Begin(store::Actor{"login"}));
        KC_ASSIGN_OR_RETURN(int64_t by_login, tx->CountLoginFailures(name, true, window_start));
        KC_ASSIGN_OR_RETURN(int64_t by_client, tx->CountLoginFailures(client, false, window_start));
        const auto minutes = policy.failure_window.count();
        if (by_login >= policy.max_failures_per_login) {
            return Fail(Error::ResourceExhausted(fmt::format(
                "too many failed logins for this account: try again in {} minutes", minutes)));
        }
        if (by_client >= policy.max_failures_per_address) {
            return Fail(Error::ResourceExhausted(fmt::format(
                "too many failed logins from this address: try again in {} minutes", minutes)));
        }
        KC_ASSIGN_OR_RETURN(user, tx->FindUser(name));
    }
    // Verify outside any transaction (Argon2id takes tens of milliseconds).
    bool ok = user && !user->disabled &&
              crypto_pwhash_str_verify(user->password_hash.c_str(), password.data(),
                                       password.size()) == 0;
    store::SessionRow session;
    std::string token;
    if (ok) {
        token = RandomToken();
        session.token_hash = TokenHash(token);
        session.user_id = user->id;
        session.csrf_token = RandomToken();
        session.created = now;
        session.last_seen = now;
        session.expires =
            now + std::chrono::duration_cast<std::chrono::seconds>(policy.idle_timeout).count();
        session.absolute_expiry =
            now + std::chrono::duration_cast<std::chrono::seconds>(policy.absolute_timeout).count();
        session.client = client;
    }
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.Begin(store::Actor{"login:" + name}));
        KC_RETURN_IF_ERROR(tx->RecordLoginAttempt(name, client, now, ok));
        if (ok) {
            KC_RETURN_IF_ERROR(tx->PurgeExpired(now, window_start - 86400));
            KC_RETURN_IF_ERROR(tx->InsertSession(session));
        }
        KC_RETURN_IF_ERROR(tx->Commit());
    }
    if (!ok) return Fail(Error::Unauthenticated("wrong login or password"));
    KC_ASSIGN_OR_RETURN(Principal principal, PrincipalOf(store, *user, session));
    return Session{std::move(token), std::move(principal)};
}

Result<Principal> ResolveSession(store::Store& store, std::string_view token,
                                 const AccountPolicy& policy) {
    if (token.empty() || token.size() > 128) {
        return Fail(Error::Unauthenticated("not signed in"));
    }
    const int64_t now = NowSeconds();
    const std::string hash = TokenHash(token);
    std::optional<store::UserRow> user;
    std::optional<store::SessionRow> session;
    bool expired = false;
    {
        // Most requests only read: a read transaction runs beside the others. The rare write
        // (an expired session removed, the idle expiry moved) takes a write transaction after.
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        KC_ASSIGN_OR_RETURN(session, tx->FindSession(hash));
        if (!session) return Fail(Error::Unauthenticated("not signed in"));
        expired = session->expires < now || session->absolute_expiry < now;
        if (!expired) {
            KC_ASSIGN_OR_RETURN(user, tx->GetUser(session->user_id));
            if (!user || user->disabled) return Fail(Error::Unauthenticated("not signed in"));
        }
    }
    if (expired) {
        KC_RETURN_IF_ERROR(
            detail::InTransaction(store, store::Actor{"session"}, true,
                                  [&](store::Transaction& tx) { return tx.DeleteSession(hash); }));
        return Fail(Error::Unauthenticated("the session has expired: sign in again"));
    }
    // Move the idle expiry at most once a minute, to keep reads cheap.
    if (now - session->last_seen >= 60) {
        session->last_seen = now;
        session->expires =
            now + std::chrono::duration_cast<std::chrono::seconds>(policy.idle_timeout).count();
        KC_RETURN_IF_ERROR(detail::InTransaction(
            store, store::Actor{"session"}, true, [&](store::Transaction& tx) {
                return tx.TouchSession(hash, session->last_seen, session->expires);
            }));
    }
    return PrincipalOf(store, *user, *session);
}

Status Logout(store::Store& store, std::string_view token) {
    return detail::InTransaction(store, store::Actor{"logout"}, true, [&](store::Transaction& tx) {
        return tx.DeleteSession(TokenHash(token));
    });
}

std::string GeneratePassword() {
    (void)EnsureSodium();  // sodium_init only fails when no entropy source exists at all
    constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
    std::string password;
    for (int i = 0; i < 18; ++i) {
        password += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
    }
    return password;
}

bool CsrfMatches(const Principal& principal, std::string_view token) {
    if (principal.csrf_token.empty() || token.size() != principal.csrf_token.size()) return false;
    return sodium_memcmp(principal.csrf_token.data(), token.data(), token.size()) == 0;
}

}  // namespace kc::app
