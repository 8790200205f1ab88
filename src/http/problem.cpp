#include "http/problem.h"

#include <fmt/format.h>

#include <cctype>

namespace kc::http {

namespace {

const char* StatusTitle(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 415:
            return "Unsupported Media Type";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 503:
            return "Service Unavailable";
        default:
            return "Internal Server Error";
    }
}

Response Build(int status, std::string_view type, std::string_view detail,
               const std::vector<FieldError>& fields) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& field : fields) {
        errors.push_back({{"path", field.path}, {"expected", field.expected}, {"got", field.got}});
    }
    nlohmann::json body = {{"type", fmt::format("https://kcluster.invalid/problems/{}", type)},
                           {"title", StatusTitle(status)},
                           {"status", status},
                           {"detail", detail},
                           {"code", type},
                           {"errors", errors}};
    return Response::Json(status, body, "application/problem+json");
}

}  // namespace

int HttpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kFailedPrecondition:
            return 409;
        case ErrorCode::kResourceExhausted:
            return 429;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

Response ProblemResponse(const Error& error) {
    return Build(HttpStatus(error.code), ErrorCodeName(error.code), error.message, error.fields);
}

Response Problem(int status, std::string_view detail) {
    std::string type = StatusTitle(status);
    for (auto& c : type) c = c == ' ' ? '_' : static_cast<char>(std::tolower(c));
    return Build(status, type, detail, {});
}

}  // namespace kc::http
