#include "http/api.h"

#include <fmt/format.h>

#include <charconv>

#include "app/record_access.h"
#include "core/schema.h"
#include "core/value_io.h"
#include "http/plural.h"
#include "http/problem.h"

namespace kc::http {

namespace {

constexpr std::string_view kApiPrefix = "/api/v1";
constexpr const char* kProblemJson = "application/problem+json";

bool ChangesState(std::string_view method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

Error Unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message), {}};
}

// Reads a request body that must be one JSON object; the error names the problem (the parser's
// position and what it expected).
Result<nlohmann::json> JsonObjectBody(const Request& request) {
    std::string type = request.Header("content-type");
    if (!type.empty() && type.find("json") == std::string::npos) {
        return Fail(Error::Fields("unsupported body", {{"body", "Content-Type: application/json",
                                                        fmt::format("\"{}\"", type)}}));
    }
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::exception& e) {
        std::string what = e.what();
        if (size_t bracket = what.find("] "); bracket != std::string::npos) {
            what = what.substr(bracket + 2);
        }
        return Fail(Error::Fields("malformed JSON body", {{"body", "a JSON object", what}}));
    }
    if (!body.is_object()) {
        return Fail(Error::Fields("invalid body",
                                  {{"body", "a JSON object", std::string(body.type_name())}}));
    }
    return body;
}

// A JSON object of fields as the `key=value` assignments of app/records.h: strings as they are
// (so references may be names and amounts "5億円"), numbers and booleans as text, null as empty,
// arrays of strings or numbers as ';'-joined lists.
Result<std::vector<std::string>> Assignments(const core::EntityDef& def,
                                             const nlohmann::json& object) {
    std::vector<std::string> out;
    std::vector<FieldError> errors;
    auto scalar = [](const nlohmann::json& value) -> std::optional<std::string> {
        if (value.is_string()) return value.get<std::string>();
        if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
        if (value.is_number_integer()) return value.dump();
        if (value.is_number()) return value.dump();
        if (value.is_null()) return std::string();
        return std::nullopt;
    };
    for (const auto& [key, value] : object.items()) {
        if (key.empty() || key.find('=') != std::string::npos) {
            errors.push_back({key, "a field name", fmt::format("\"{}\"", key)});
            continue;
        }
        if (value.is_array()) {
            std::string joined;
            bool ok = true;
            for (const auto& item : value) {
                auto text = scalar(item);
                if (!text || item.is_null() || text->find(';') != std::string::npos) {
                    ok = false;
                    break;
                }
                if (!joined.empty()) joined += ';';
                joined += *text;
            }
            if (!ok) {
                errors.push_back({key, "an array of strings without ';'", value.dump()});
                continue;
            }
            out.push_back(key + "=" + joined);
            continue;
        }
        auto text = scalar(value);
        if (!text) {
            errors.push_back({key, "a string, number, boolean, array or null", value.dump()});
            continue;
        }
        out.push_back(key + "=" + *text);
    }
    if (!errors.empty()) {
        return Fail(Error::Fields(fmt::format("invalid {}", def.name), std::move(errors)));
    }
    return out;
}

Result<int64_t> IntegerParameter(std::string_view name, std::string_view text, int64_t min) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min) {
        return Fail(Error::Fields("invalid parameter",
                                  {{std::string(name), fmt::format("an integer >= {}", min),
                                    fmt::format("\"{}\"", text)}}));
    }
    return value;
}

Result<core::Id> IdParameter(const Context& context) {
    return IntegerParameter("id", context.params.at("id"), 1);
}

nlohmann::json PrincipalJson(const app::Principal& principal) {
    nlohmann::json roles = nlohmann::json::array();
    for (auto role : principal.viewer.roles) roles.push_back(core::RoleName(role));
    auto optional = [](const std::optional<core::Id>& id) {
        return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
    };
    return {{"csrf_token", principal.csrf_token},
            {"expires_at", principal.expires_at},
            {"user",
             {{"id", principal.user_id},
              {"login", principal.login},
              {"roles", roles},
              {"person_id", optional(principal.viewer.person_id)},
              {"organization_id", optional(principal.viewer.organization_id)},
              {"hq_clusters", principal.viewer.hq_clusters}}}};
}

nlohmann::json EntitySchema(const core::EntityDef& def) {
    nlohmann::json properties = nlohmann::json::object();
    for (const auto& field : def.fields) {
        if (field.type == core::FieldType::kId || field.name == "created_at" ||
            field.name == "updated_at") {
            continue;
        }
        nlohmann::json schema;
        switch (field.type) {
            case core::FieldType::kInt:
            case core::FieldType::kFiscalYear:
                schema = {{"type", "integer"}};
                break;
            case core::FieldType::kYen:
            case core::FieldType::kRef:
                schema = {{"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}}};
                break;
            case core::FieldType::kDouble:
                schema = {{"type", "number"}};
                break;
            case core::FieldType::kBool:
                schema = {{"type", "boolean"}};
                break;
            case core::FieldType::kList:
                schema = {{"type", "array"}, {"items", {{"type", "string"}}}};
                break;
            case core::FieldType::kEnum: {
                nlohmann::json codes = nlohmann::json::array();
                for (const auto& value : field.enum_values) codes.push_back(value.code);
                schema = {{"type", "string"}, {"enum", codes}};
                break;
            }
            default:
                schema = {{"type", "string"}};
        }
        schema["description"] = field.label_en + " / " + field.label_ja;
        schema["nullable"] = !field.required;
        properties[field.name] = schema;
    }
    return {{"type", "object"}, {"properties", properties}};
}

}  // namespace

Api::Api(StorePool& stores, ApiOptions options)
    : stores_(stores), options_(std::move(options)), static_files_(options_.web_dir) {
    AddRoutes();
    openapi_text_ = OpenApi().dump();
}

nlohmann::json Api::OpenApi() const { return OpenApiDocument(router_.Routes(), options_.version); }

void Api::AddRoutes() {
    router_.Add({"GET",
                 "/healthz",
                 "Liveness and database check",
                 Auth::kPublic,
                 [this](const Request&, const Context&) -> Result<Response> {
                     auto store = stores_.Acquire();
                     KC_ASSIGN_OR_RETURN(auto tx, store->Begin({"health"}));
                     KC_RETURN_IF_ERROR(tx->Count(*core::AllEntities().front(), {}));
                     return Response::Json(200, {{"status", "ok"}, {"db", store->Describe()}});
                 },
                 "health",
                 {}});
    router_.Add({"GET",
                 std::string(kApiPrefix) + "/openapi.json",
                 "This document (OpenAPI 3.0)",
                 Auth::kPublic,
                 [this](const Request&, const Context&) -> Result<Response> {
                     Response response;
                     response.body = openapi_text_;
                     response.SetHeader("Content-Type", "application/json");
                     return response;
                 },
                 "meta",
                 {}});
    AddSessionRoutes();
    AddEntityRoutes();
}

void Api::AddSessionRoutes() {
    const std::string path = std::string(kApiPrefix) + "/session";
    nlohmann::json login_schema = {
        {"type", "object"},
        {"required", {"login", "password"}},
        {"properties", {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}};
    router_.Add({"POST", path, "Log in: sets the kc_session cookie and returns the CSRF token",
                 Auth::kPublic,
                 [this](const Request& request, const Context&) -> Result<Response> {
                     KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                     std::vector<FieldError> errors;
                     for (const char* key : {"login", "password"}) {
                         if (!body.contains(key) || !body[key].is_string()) {
                             errors.push_back({key, "a string",
                                               body.contains(key) ? body[key].dump() : "nothing"});
                         }
                     }
                     if (!errors.empty())
                         return Fail(Error::Fields("invalid login", std::move(errors)));
                     auto store = stores_.Acquire();
                     KC_ASSIGN_OR_RETURN(auto session,
                                         app::Login(*store, body["login"].get<std::string>(),
                                                    body["password"].get<std::string>(),
                                                    request.client, options_.account_policy));
                     Response response = Response::Json(200, PrincipalJson(session.principal));
                     const bool secure =
                         options_.secure_cookies || request.Header("x-forwarded-proto") == "https";
                     response.SetHeader(
                         "Set-Cookie",
                         fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/{}", kSessionCookie,
                                     session.token, secure ? "; Secure" : ""));
                     return response;
                 },
                 "session", login_schema});
    router_.Add({"GET",
                 path,
                 "The signed-in user, roles and CSRF token",
                 Auth::kSession,
                 [](const Request&, const Context& context) -> Result<Response> {
                     return Response::Json(200, PrincipalJson(*context.principal));
                 },
                 "session",
                 {}});
    router_.Add({"DELETE",
                 path,
                 "Log out: ends the session",
                 Auth::kSession,
                 [this](const Request& request, const Context& context) -> Result<Response> {
                     auto store = stores_.Acquire();
                     KC_RETURN_IF_ERROR(app::Logout(*store, context.session_token));
                     Response response;
                     response.status = 204;
                     const bool secure =
                         options_.secure_cookies || request.Header("x-forwarded-proto") == "https";
                     response.SetHeader(
                         "Set-Cookie",
                         fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{}",
                                     kSessionCookie, secure ? "; Secure" : ""));
                     return response;
                 },
                 "session",
                 {}});
}

void Api::AddEntityRoutes() {
    for (const core::EntityDef* def : core::AllEntities()) {
        if (!app::ServedGenerically(*def)) continue;
        const std::string entity = def->name;
        const std::string collection = std::string(kApiPrefix) + "/" + Plural(entity);
        const std::string item = collection + "/{id}";
        const std::string label = def->label_en;
        auto actor = [](const Context& context) {
            return store::Actor{"web:" + context.principal->login};
        };

        router_.Add(
            {"GET",
             collection,
             fmt::format("List {} records (?limit=&offset=&sort=[-]field&field=value)", label),
             Auth::kSession,
             [this, entity](const Request& request, const Context& context) -> Result<Response> {
                 app::RecordQuery query;
                 for (const auto& [key, value] : request.query) {
                     if (key == "limit") {
                         KC_ASSIGN_OR_RETURN(query.limit, IntegerParameter("limit", value, 1));
                     } else if (key == "offset") {
                         KC_ASSIGN_OR_RETURN(query.offset, IntegerParameter("offset", value, 0));
                     } else if (key == "sort") {
                         query.sort = value;
                     } else {
                         query.filters.push_back(key + "=" + value);
                     }
                 }
                 auto store = stores_.Acquire();
                 KC_ASSIGN_OR_RETURN(
                     auto page,
                     app::ListVisibleRecords(*store, context.principal->viewer, entity, query));
                 nlohmann::json items = nlohmann::json::array();
                 for (const auto& record : page.items) items.push_back(core::RecordToJson(record));
                 return Response::Json(200, {{"items", std::move(items)},
                                             {"total", page.total},
                                             {"limit", page.limit},
                                             {"offset", page.offset}});
             },
             entity,
             {}});
        router_.Add({"POST", collection, fmt::format("Create a {} record", label), Auth::kSession,
                     [this, entity, def, collection, actor](
                         const Request& request, const Context& context) -> Result<Response> {
                         KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                         KC_ASSIGN_OR_RETURN(auto assignments, Assignments(*def, body));
                         auto store = stores_.Acquire();
                         const auto& viewer = context.principal->viewer;
                         KC_ASSIGN_OR_RETURN(
                             core::Id id,
                             app::AddRecordAs(*store, viewer, actor(context), entity, assignments));
                         KC_ASSIGN_OR_RETURN(auto record,
                                             app::ShowVisibleRecord(*store, viewer, entity, id));
                         Response response = Response::Json(201, core::RecordToJson(record));
                         response.SetHeader("Location", fmt::format("{}/{}", collection, id));
                         return response;
                     },
                     entity, EntitySchema(*def)});
        router_.Add({"GET",
                     item,
                     fmt::format("One {} record", label),
                     Auth::kSession,
                     [this, entity](const Request&, const Context& context) -> Result<Response> {
                         KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                         auto store = stores_.Acquire();
                         KC_ASSIGN_OR_RETURN(
                             auto record,
                             app::ShowVisibleRecord(*store, context.principal->viewer, entity, id));
                         return Response::Json(200, core::RecordToJson(record));
                     },
                     entity,
                     {}});
        router_.Add(
            {"PATCH", item, fmt::format("Change fields of a {} record", label), Auth::kSession,
             [this, entity, def, actor](const Request& request,
                                        const Context& context) -> Result<Response> {
                 KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                 KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                 if (body.empty()) {
                     return Fail(Error::Fields("nothing to change",
                                               {{"body", "at least one field", "{}"}}));
                 }
                 KC_ASSIGN_OR_RETURN(auto assignments, Assignments(*def, body));
                 auto store = stores_.Acquire();
                 KC_ASSIGN_OR_RETURN(auto record,
                                     app::UpdateRecordAs(*store, context.principal->viewer,
                                                         actor(context), entity, id, assignments));
                 return Response::Json(200, core::RecordToJson(record));
             },
             entity, EntitySchema(*def)});
        router_.Add(
            {"DELETE",
             item,
             fmt::format("Delete a {} record", label),
             Auth::kSession,
             [this, entity, actor](const Request&, const Context& context) -> Result<Response> {
                 KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                 auto store = stores_.Acquire();
                 KC_RETURN_IF_ERROR(app::DeleteRecordAs(*store, context.principal->viewer,
                                                        actor(context), entity, id));
                 Response response;
                 response.status = 204;
                 return response;
             },
             entity,
             {}});
    }
}

Response Api::Handle(Request& request) const {
    Response response = Dispatch(request);
    response.SetHeader("X-Content-Type-Options", "nosniff");
    if (response.Header("Cache-Control").empty()) response.SetHeader("Cache-Control", "no-store");
    return response;
}

Response Api::Dispatch(Request& request) const {
    if (!request.path_ok) return Problem(400, "the request path is not valid percent-encoding");
    const bool api = request.path == "/healthz" || request.path == kApiPrefix ||
                     request.path.starts_with(std::string(kApiPrefix) + "/") ||
                     request.path.starts_with("/api/");
    if (!api) {
        if (request.method != "GET" && request.method != "HEAD") {
            Response response = Problem(405, fmt::format("{} is not allowed here", request.method));
            response.SetHeader("Allow", "GET, HEAD");
            return response;
        }
        if (auto file = static_files_.Serve(request.path)) return *file;
        return Problem(404, fmt::format("nothing at {}", request.path));
    }

    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    auto match = router_.Find(method, request.path);
    Context context;
    // Unknown API paths need a session too, so that anonymous requests learn nothing.
    const bool needs_session =
        match.route ? match.route->auth == Auth::kSession : request.path.starts_with("/api/");
    if (needs_session) {
        context.session_token = request.Cookie(kSessionCookie);
        if (context.session_token.empty()) {
            return ProblemResponse(Unauthenticated("sign in first: POST /api/v1/session"));
        }
    }
    if (!match.route) {
        if (!match.allowed.empty()) {
            std::string allow;
            for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
            Response response =
                Problem(405, fmt::format("{} is not allowed on {}", request.method, request.path));
            response.SetHeader("Allow", allow);
            return response;
        }
        return Problem(404, fmt::format("no API endpoint at {}", request.path));
    }
    context.params = match.params;
    std::optional<app::Principal> principal;
    if (needs_session) {
        auto resolved = [&] {
            auto store = stores_.Acquire();
            return app::ResolveSession(*store, context.session_token, options_.account_policy);
        }();
        if (!resolved) return ProblemResponse(resolved.error());
        principal = std::move(*resolved);
        if (ChangesState(request.method) &&
            !app::CsrfMatches(*principal, request.Header(kCsrfHeader))) {
            return ProblemResponse(
                {ErrorCode::kPermissionDenied,
                 "this request changes data: send the session's csrf_token in the X-CSRF-Token "
                 "header",
                 {}});
        }
        context.principal = &*principal;
    }
    auto result = match.route->handler(request, context);
    if (!result) return ProblemResponse(result.error());
    return std::move(*result);
}

}  // namespace kc::http
