#pragma once

// Accounts, sessions and login rate limits — kept in the database, so that any of several
// `kcluster serve` instances on one PostgreSQL database can serve any request of a session.
//
// Passwords are stored as Argon2id hashes (libsodium crypto_pwhash_str); sessions are random
// 256-bit tokens (only their SHA-256 is stored) with a CSRF token each, and expire after a
// period of inactivity and at an absolute limit. Login attempts are limited per account and per
// client address within a sliding window.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"
#include "store/store.h"

namespace kc::app {

// Who is signed in, as the HTTP layer and the use cases see them.
struct Principal {
    core::Id user_id = 0;
    std::string login;
    core::Viewer viewer;  // roles, person, organisation, HQ clusters (from the roster today)
    std::string csrf_token;
    std::string expires_at;  // ISO 8601, +09:00
};

struct Session {
    std::string token;  // to put in the session cookie; never stored in clear
    Principal principal;
};

struct AccountPolicy {
    std::chrono::minutes idle_timeout{120};
    std::chrono::hours absolute_timeout{12};
    int max_failures_per_login = 5;     // within `failure_window`
    int max_failures_per_address = 20;  // within `failure_window`
    std::chrono::minutes failure_window{15};
    // Argon2id cost; tests lower them (libsodium's INTERACTIVE limits take ~64 ms).
    unsigned long long ops_limit = 2;        // crypto_pwhash_OPSLIMIT_INTERACTIVE
    size_t mem_limit = 64ULL * 1024 * 1024;  // crypto_pwhash_MEMLIMIT_INTERACTIVE
};

struct NewUser {
    std::string login;
    std::vector<core::Role> roles;
    std::optional<core::Id> person_id;
    std::string password;  // at least 12 characters
};

// Creates a user. InvalidArgument naming the field (login format, short password, unknown
// person), Conflict if the login is taken.
[[nodiscard]] Result<core::Id> AddUser(store::Store& store, const store::Actor& actor,
                                       const NewUser& user, const AccountPolicy& policy = {});
// Sets a new password and ends every session of the user.
[[nodiscard]] Status SetPassword(store::Store& store, const store::Actor& actor,
                                 std::string_view login, std::string_view password,
                                 const AccountPolicy& policy = {});
// Replaces the roles of a user.
[[nodiscard]] Status SetRoles(store::Store& store, const store::Actor& actor,
                              std::string_view login, const std::vector<core::Role>& roles);

struct UserSummary {
    core::Id id = 0;
    std::string login;
    std::vector<core::Role> roles;
    std::optional<core::Id> person_id;
    bool disabled = false;
};
[[nodiscard]] Result<std::vector<UserSummary>> ListUsers(store::Store& store);

// Checks the password and opens a session. Unauthenticated ("wrong login or password", the same
// message whether the login exists or not); ResourceExhausted when the account or the address
// has failed too often recently (the message says when to retry).
[[nodiscard]] Result<Session> Login(store::Store& store, std::string_view login,
                                    std::string_view password, std::string_view client_address,
                                    const AccountPolicy& policy = {});
// The principal of a live session (and extends its idle expiry); Unauthenticated if the token is
// unknown, expired or its user disabled.
[[nodiscard]] Result<Principal> ResolveSession(store::Store& store, std::string_view token,
                                               const AccountPolicy& policy = {});
// Ends a session (no error if it had already ended).
[[nodiscard]] Status Logout(store::Store& store, std::string_view token);

// A random password of 18 characters from an alphabet without look-alikes (~100 bits), for
// accounts whose password is generated and shown once.
[[nodiscard]] std::string GeneratePassword();

// Compares a request's CSRF token with the session's in constant time.
[[nodiscard]] bool CsrfMatches(const Principal& principal, std::string_view token);

}  // namespace kc::app
