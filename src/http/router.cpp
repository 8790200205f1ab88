#include "http/router.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "http/problem.h"

namespace kc::http {

namespace {

std::vector<std::string_view> Segments(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        size_t slash = path.find('/');
        out.push_back(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    }
    return out;
}

bool IsParam(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Whether the path's segments match the pattern's (a "{name}" segment matches any one), filling
// `params` then.
bool MatchSegments(const std::vector<std::string>& want, const std::vector<std::string_view>& got,
                   std::map<std::string, std::string>& params) {
    if (want.size() != got.size()) return false;
    for (size_t i = 0; i < want.size(); ++i) {
        if (!IsParam(want[i]) && want[i] != got[i]) return false;
    }
    for (size_t i = 0; i < want.size(); ++i) {
        if (IsParam(want[i])) {
            params.emplace(want[i].substr(1, want[i].size() - 2), std::string(got[i]));
        }
    }
    return true;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

nlohmann::json ProblemSchemaRef() {
    return {
        {"content",
         {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

void Router::Add(Route route) {
    std::vector<std::string> segments;
    for (auto segment : Segments(route.pattern)) segments.emplace_back(segment);
    patterns_.push_back(std::move(segments));
    routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
    Match match;
    // A trailing slash is a different resource ("/api/v1/seeds/" is not the collection).
    if (path.size() > 1 && path.back() == '/') return match;
    const auto got = Segments(path);
    std::set<std::string> allowed;
    for (size_t i = 0; i < routes_.size(); ++i) {
        const Route& route = routes_[i];
        std::map<std::string, std::string> params;
        if (!MatchSegments(patterns_[i], got, params)) continue;
        if (route.method == method) {
            match.route = &route;
            match.params = std::move(params);
            return match;
        }
        allowed.insert(route.method);
    }
    match.allowed.assign(allowed.begin(), allowed.end());
    return match;
}

nlohmann::json OpenApiDocument(const std::vector<Route>& routes, std::string_view version) {
    nlohmann::json paths = nlohmann::json::object();
    for (const auto& route : routes) {
        nlohmann::json operation = {{"summary", route.summary},
                                    {"operationId", Lower(route.method) + route.pattern},
                                    {"responses",
                                     {{"200", {{"description", "OK"}}},
                                      {"400", {{"description", "Invalid input"}}},
                                      {"default", {{"description", "A problem (RFC 9457)"}}}}}};
        operation["responses"]["400"].update(ProblemSchemaRef());
        operation["responses"]["default"].update(ProblemSchemaRef());
        if (!route.tag.empty()) operation["tags"] = {route.tag};
        if (route.auth == Auth::kPublic) {
            operation["security"] = nlohmann::json::array();
        } else {
            operation["responses"]["401"] = {{"description", "No valid session"}};
            operation["responses"]["401"].update(ProblemSchemaRef());
            operation["responses"]["403"] = {
                {"description", "Not allowed (or the X-CSRF-Token header is missing)"}};
            operation["responses"]["403"].update(ProblemSchemaRef());
        }
        nlohmann::json parameters = nlohmann::json::array();
        for (auto segment : Segments(route.pattern)) {
            if (!IsParam(segment)) continue;
            parameters.push_back(
                {{"name", std::string(segment.substr(1, segment.size() - 2))},
                 {"in", "path"},
                 {"required", true},
                 {"schema", {{"type", segment == "{id}" ? "integer" : "string"}}}});
        }
        if (route.auth == Auth::kSession && route.method != "GET") {
            parameters.push_back({{"name", "X-CSRF-Token"},
                                  {"in", "header"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}},
                                  {"description", "The csrf_token given at login"}});
        }
        if (!parameters.empty()) operation["parameters"] = parameters;
        if (!route.request_schema.is_null()) {
            operation["requestBody"] = {
                {"required", true},
                {"content", {{"application/json", {{"schema", route.request_schema}}}}}};
        }
        paths[route.pattern][Lower(route.method)] = operation;
    }
    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "kcluster API"},
              {"version", version},
              {"description",
               "The JSON API of kcluster. Sign in with POST /api/v1/session; the session cookie "
               "kc_session then authenticates, and every state-changing request carries the "
               "X-CSRF-Token header with the csrf_token given at login. Errors are "
               "application/problem+json."}}},
            {"paths", paths},
            {"components",
             {{"securitySchemes",
               {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "kc_session"}}}}},
              {"schemas",
               {{"Problem",
                 {{"type", "object"},
                  {"properties",
                   {{"type", {{"type", "string"}}},
                    {"title", {{"type", "string"}}},
                    {"status", {{"type", "integer"}}},
                    {"detail", {{"type", "string"}}},
                    {"code", {{"type", "string"}}},
                    {"errors",
                     {{"type", "array"},
                      {"items",
                       {{"type", "object"},
                        {"properties",
                         {{"path", {{"type", "string"}}},
                          {"expected", {{"type", "string"}}},
                          {"got", {{"type", "string"}}}}}}}}}}}}}}}}},
            {"security", {{{"session", nlohmann::json::array()}}}}};
}

}  // namespace kc::http
