#pragma once

// The one table of endpoints: each route is a method, a path pattern with `{name}` parameters,
// a handler, a one-line summary and whether it needs a session. The server dispatches through
// it and the OpenAPI document is generated from it, so the two cannot drift apart.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "http/message.h"
#include "util/error.h"

namespace kc::http {

enum class Auth {
    kPublic,   // anyone (health, the OpenAPI document, logging in)
    kSession,  // a live session; state-changing methods also need the CSRF token
};

// What a handler gets besides the request.
struct Context {
    std::map<std::string, std::string> params;  // `{id}` → "42"
    const app::Principal* principal = nullptr;  // set for Auth::kSession routes
    std::string session_token;                  // the cookie's token, when there is one
};

using Handler = std::function<Result<Response>(const Request&, const Context&)>;

struct Route {
    std::string method;   // GET, POST, PUT, PATCH, DELETE
    std::string pattern;  // "/api/v1/seeds/{id}"
    std::string summary;
    Auth auth = Auth::kSession;
    Handler handler;
    std::string tag;  // groups operations in the OpenAPI document ("seed", "session")
    // A JSON schema of the request body (OpenAPI), when the route takes one.
    nlohmann::json request_schema;
};

class Router {
  public:
    void Add(Route route);
    [[nodiscard]] const std::vector<Route>& Routes() const { return routes_; }

    struct Match {
        const Route* route = nullptr;               // null when nothing matched
        std::map<std::string, std::string> params;  // of the matched route
        std::vector<std::string> allowed;           // methods of the path, when only it matched
    };
    // The route for `method` and the decoded `path`. When the path matches but not the method,
    // `route` is null and `allowed` lists the methods that would.
    [[nodiscard]] Match Find(std::string_view method, std::string_view path) const;

  private:
    std::vector<Route> routes_;
    // The segments of each route's pattern, split once (Find runs on every request).
    std::vector<std::vector<std::string>> patterns_;
};

// The OpenAPI 3.0 document of every route.
[[nodiscard]] nlohmann::json OpenApiDocument(const std::vector<Route>& routes,
                                             std::string_view version);

}  // namespace kc::http
