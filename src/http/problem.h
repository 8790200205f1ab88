#pragma once

// Errors as application/problem+json (RFC 9457): the one place where an ErrorCode becomes an HTTP
// status. When a code is added to util/error.h, add it to HttpStatus() here.

#include <string_view>

#include "http/message.h"
#include "util/error.h"

namespace kc::http {

// invalid_argument → 400, unauthenticated → 401, permission_denied → 403, not_found → 404,
// conflict and failed_precondition → 409, resource_exhausted → 429, unavailable → 503,
// internal → 500.
[[nodiscard]] int HttpStatus(ErrorCode code);

// {"type", "title", "status", "detail", "code", "errors": [{"path", "expected", "got"}]}.
[[nodiscard]] Response ProblemResponse(const Error& error);
// A problem that is not an app error (unknown route, unsupported method, oversized request).
[[nodiscard]] Response Problem(int status, std::string_view detail);

}  // namespace kc::http
