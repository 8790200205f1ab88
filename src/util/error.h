#pragma once

// Errors as values. Expected failures (bad input, not found, forbidden, conflict, backend down)
// return `Result<T>` = `std::expected<T, Error>`; bugs use KC_CHECK, which aborts. Nothing in
// kcluster throws: exceptions from libraries are caught at the edges (cli/main.cpp, storage
// adapters) and turned into `Error`. See docs/decisions/0002-errors-as-values.md.

#include <cstdio>
#include <cstdlib>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace kc {

// Protocol-neutral error codes. When a code is added, update ErrorCodeName() and the CLI exit
// code mapping (cli/main.cpp); the HTTP layer will map them to statuses in one place.
enum class ErrorCode {
    kInvalidArgument,     // malformed input: a field, a line of a file, a parameter
    kUnauthenticated,     // no valid identity
    kPermissionDenied,    // identity known, action not allowed
    kNotFound,            // a referenced record does not exist
    kConflict,            // duplicate id, concurrent change, violated uniqueness
    kFailedPrecondition,  // the action is illegal in the current state (e.g. a state transition)
    kResourceExhausted,   // a limit was reached (too many attempts); retry later
    kUnavailable,         // a backend cannot be reached or is busy
    kInternal,            // a backend failed in an unexpected way
};

// Returns the snake_case name of `code` ("invalid_argument", ...), as used in JSON output.
[[nodiscard]] const char* ErrorCodeName(ErrorCode code);

// One bad field: where (a JSON-style path such as "seeds[3].trl" or "file.csv:12:4"), what was
// expected and what came.
struct FieldError {
    std::string path;
    std::string expected;
    std::string got;

    // "trl: expected an integer 1..9, got \"ten\"".
    [[nodiscard]] std::string Message() const;
};

// A failure: a code, a human message, and every field error found (validation collects them all
// so a UI can mark every bad field at once).
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
    std::vector<FieldError> fields;

    static Error InvalidArgument(std::string message) {
        return {ErrorCode::kInvalidArgument, std::move(message), {}};
    }
    static Error NotFound(std::string message) {
        return {ErrorCode::kNotFound, std::move(message), {}};
    }
    static Error Conflict(std::string message) {
        return {ErrorCode::kConflict, std::move(message), {}};
    }
    static Error FailedPrecondition(std::string message) {
        return {ErrorCode::kFailedPrecondition, std::move(message), {}};
    }
    static Error Unauthenticated(std::string message) {
        return {ErrorCode::kUnauthenticated, std::move(message), {}};
    }
    static Error ResourceExhausted(std::string message) {
        return {ErrorCode::kResourceExhausted, std::move(message), {}};
    }
    static Error Unavailable(std::string message) {
        return {ErrorCode::kUnavailable, std::move(message), {}};
    }
    static Error Internal(std::string message) {
        return {ErrorCode::kInternal, std::move(message), {}};
    }
    // An invalid-argument error carrying field errors; the message summarises them.
    static Error Fields(std::string context, std::vector<FieldError> fields);

    // The message followed by one line per field error.
    [[nodiscard]] std::string ToString() const;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error error) { return std::unexpected(std::move(error)); }

[[noreturn]] void CheckFailed(const char* file, int line, const char* condition, const char* why);

}  // namespace kc

// Always-on invariant check for bugs (never for user input).
#define KC_CHECK(cond, why)                                             \
    do {                                                                \
        if (!(cond)) ::kc::CheckFailed(__FILE__, __LINE__, #cond, why); \
    } while (0)

#define KC_CONCAT_INNER(a, b) a##b
#define KC_CONCAT(a, b) KC_CONCAT_INNER(a, b)

// Propagates the error of a Status or Result expression.
#define KC_RETURN_IF_ERROR(expr)                                       \
    do {                                                               \
        auto&& kc_status_ = (expr);                                    \
        if (!kc_status_) return ::std::unexpected(kc_status_.error()); \
    } while (0)

// `KC_ASSIGN_OR_RETURN(auto x, Compute());` declares x from a Result or propagates its error.
#define KC_ASSIGN_OR_RETURN(lhs, expr) \
    KC_ASSIGN_OR_RETURN_IMPL(KC_CONCAT(kc_result_, __LINE__), lhs, expr)
#define KC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                \
    auto tmp = (expr);                                          \
    if (!tmp) return ::std::unexpected(std::move(tmp).error()); \
    lhs = std::move(*tmp)
