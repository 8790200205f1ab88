#include "http/api.h"

#include <fmt/format.h>

#include <charconv>

#include "app/record_access.h"
#include "core/schema.h"
#include "core/value_io.h"
#include "http/handler_support.h"
#include "http/plural.h"
#include "http/problem.h"
#include "http/routes.h"

namespace kc::http {

namespace {

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
    : stores_(stores),
      options_(std::move(options)),
      jobs_(std::make_unique<app::JobRunner>([location = stores.Location()] {
          store::OpenOptions open;
          open.migrate = false;
          return store::OpenStore(location, open);
      })),
      static_files_(options_.web_dir) {
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
    // Use-case modules (http/routes.h) register here.
    const RouteDeps deps{stores_, *jobs_, options_, *cache_};
    AddHqRoutes(router_, deps);
    AddProgrammeRoutes(router_, deps);
    AddPlatformRoutes(router_, deps);
    AddNetworkRoutes(router_, deps);
    AddSimulationRoutes(router_, deps);
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
                     [this, entity, def, collection](const Request& request,
                                                     const Context& context) -> Result<Response> {
                         KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                         KC_ASSIGN_OR_RETURN(auto assignments, Assignments(*def, body));
                         auto store = stores_.Acquire();
                         const auto& viewer = context.principal->viewer;
                         KC_ASSIGN_OR_RETURN(core::Id id,
                                             app::AddRecordAs(*store, viewer, WebActor(context),
                                                              entity, assignments));
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
             [this, entity, def](const Request& request,
                                 const Context& context) -> Result<Response> {
                 KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                 KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                 if (body.empty()) {
                     return Fail(Error::Fields("nothing to change",
                                               {{"body", "at least one field", "{}"}}));
                 }
                 KC_ASSIGN_OR_RETURN(auto assignments, Assignments(*def, body));
                 auto store = stores_.Acquire();
                 KC_ASSIGN_OR_RETURN(
                     auto record, app::UpdateRecordAs(*store, context.principal->viewer,
                                                      WebActor(context), entity, id, assignments));
                 return Response::Json(200, core::RecordToJson(record));
             },
             entity, EntitySchema(*def)});
        router_.Add({"DELETE",
                     item,
                     fmt::format("Delete a {} record", label),
                     Auth::kSession,
                     [this, entity](const Request&, const Context& context) -> Result<Response> {
                         KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                         auto store = stores_.Acquire();
                         KC_RETURN_IF_ERROR(app::DeleteRecordAs(*store, context.principal->viewer,
                                                                WebActor(context), entity, id));
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
