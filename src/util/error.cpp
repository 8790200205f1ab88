#include "util/error.h"

#include <fmt/format.h>

namespace kc {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kFailedPrecondition:
            return "failed_precondition";
        case ErrorCode::kResourceExhausted:
            return "resource_exhausted";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

std::string FieldError::Message() const {
    if (got.empty()) return fmt::format("{}: expected {}", path, expected);
    return fmt::format("{}: expected {}, got {}", path, expected, got);
}

Error Error::Fields(std::string context, std::vector<FieldError> fields) {
    std::string message = std::move(context);
    if (fields.size() == 1) {
        message += ": " + fields.front().Message();
    } else if (!fields.empty()) {
        message += fmt::format(": {} invalid fields", fields.size());
    }
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
}

std::string Error::ToString() const {
    std::string out = message;
    if (fields.size() > 1) {
        for (const auto& field : fields) out += "\n  - " + field.Message();
    }
    return out;
}

void CheckFailed(const char* file, int line, const char* condition, const char* why) {
    std::fprintf(stderr, "KC_CHECK failed at %s:%d: %s (%s)\n", file, line, condition, why);
    std::abort();
}

}  // namespace kc
