// The platform's endpoints: background jobs (a user's own; programme staff see all) and user
// accounts (admin only, except that anyone may change their own password with the current one).

#include <fmt/format.h>

#include <memory>

#include "app/accounts.h"
#include "app/review_portal.h"
#include "http/body_fields.h"
#include "http/handler_support.h"
#include "http/routes.h"

namespace kc::http {

namespace {

using nlohmann::json;

Error PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}};
}

Status RequireAdmin(const Context& context) {
    if (context.principal->viewer.Has(core::Role::kAdmin)) return {};
    return Fail(PermissionDenied("user accounts are managed by an admin"));
}

std::string ApiPath(const std::string& path) { return std::string(kApiPrefix) + path; }

// The `roles` field: an array of role names, every unknown name reported by index.
std::optional<std::vector<core::Role>> RolesField(BodyFields& fields, bool required) {
    const json* value = fields.Raw("roles");
    if (!value || value->is_null()) {
        if (required) fields.Add({"roles", "an array of role names", "nothing"});
        return std::nullopt;
    }
    if (!value->is_array()) {
        fields.Add({"roles", "an array of role names", value->dump()});
        return std::nullopt;
    }
    std::vector<core::Role> roles;
    bool ok = true;
    for (size_t i = 0; i < value->size(); ++i) {
        const json& item = (*value)[i];
        const std::string path = fmt::format("roles[{}]", i);
        if (!item.is_string()) {
            fields.Add({path, "a role name", item.dump()});
            ok = false;
            continue;
        }
        auto role = core::ParseRole(item.get<std::string>());
        if (!role) {
            fields.Add({path, role.error().message, item.dump()});
            ok = false;
            continue;
        }
        roles.push_back(*role);
    }
    if (!ok) return std::nullopt;
    return roles;
}

const json kString = {{"type", "string"}};
const json kRoles = {{"type", "array"},
                     {"items", {{"type", "string"}}},
                     {"description", "role names: admin, program_officer, reviewer, …"}};

}  // namespace

void AddPlatformRoutes(Router& router, const RouteDeps& deps) {
    // The RouteDeps value is the caller's local; what it refers to outlives the router.
    auto d = std::make_shared<const RouteDeps>(deps);

    // --- Jobs -----------------------------------------------------------------------------------
    router.Add({"GET",
                ApiPath("/jobs"),
                "Background jobs, newest first: one's own (programme staff: all) (?limit=)",
                Auth::kSession,
                [d](const Request& request, const Context& context) -> Result<Response> {
                    int64_t limit = 50;
                    if (auto text = request.Query("limit")) {
                        KC_ASSIGN_OR_RETURN(limit, IntegerParameter("limit", *text, 1));
                    }
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto jobs,
                                        app::ListJobsFor(*store, context.principal->viewer,
                                                         WebActor(context), limit));
                    json items = json::array();
                    for (const auto& job : jobs) items.push_back(app::ToJson(job));
                    return Response::Json(200, {{"items", items}});
                },
                "job",
                {}});
    router.Add({"GET",
                ApiPath("/jobs/{id}"),
                "One background job: state, progress, result or error",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto job, app::GetJobFor(*store, context.principal->viewer,
                                                                 WebActor(context), id));
                    return Response::Json(200, app::ToJson(job));
                },
                "job",
                {}});
    router.Add({"POST",
                ApiPath("/jobs/{id}/cancel"),
                "Cancel a queued or running job (409 once it has finished)",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto job,
                                        app::CancelJobFor(*store, context.principal->viewer,
                                                          WebActor(context), id));
                    return Response::Json(200, app::ToJson(job));
                },
                "job",
                {}});

    // --- Users ----------------------------------------------------------------------------------
    router.Add({"GET",
                ApiPath("/users"),
                "User accounts (admin)",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_RETURN_IF_ERROR(RequireAdmin(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto users, app::ListUsers(*store));
                    json items = json::array();
                    for (const auto& user : users) items.push_back(app::ToJson(user));
                    return Response::Json(200, {{"items", items}, {"total", items.size()}});
                },
                "user",
                {}});
    router.Add(
        {"POST",
         ApiPath("/users"),
         "Create a user account (admin); without a password one is generated and shown once",
         Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_RETURN_IF_ERROR(RequireAdmin(context));
             KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
             BodyFields fields(body, {"login", "roles", "person_id", "password"});
             app::NewUser user;
             user.login = fields.String("login", true, 64).value_or("");
             auto roles = RolesField(fields, true);
             if (auto person = fields.Int("person_id", 1, INT64_MAX)) user.person_id = *person;
             auto password = fields.String("password", false, 1024);
             KC_RETURN_IF_ERROR(fields.Finish("invalid user"));
             user.roles = *roles;
             const bool generated = !password;
             user.password = generated ? app::GeneratePassword() : *password;
             auto store = d->stores.Acquire();
             KC_ASSIGN_OR_RETURN(core::Id id, app::AddUser(*store, WebActor(context), user,
                                                           d->options.account_policy));
             KC_ASSIGN_OR_RETURN(auto created, app::GetUserSummary(*store, id));
             json out = app::ToJson(created);
             if (generated) out["password"] = user.password;
             Response response = Response::Json(201, out);
             response.SetHeader("Location", fmt::format("{}/users/{}", kApiPrefix, id));
             return response;
         },
         "user",
         {{"type", "object"},
          {"required", {"login", "roles"}},
          {"properties",
           {{"login", kString},
            {"roles", kRoles},
            {"person_id", {{"type", "integer"}, {"nullable", true}}},
            {"password", {{"type", "string"}, {"description", "at least 12 characters"}}}}}}});
    router.Add(
        {"PATCH",
         ApiPath("/users/{id}"),
         "Change a user's roles or deactivate them (admin)",
         Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_RETURN_IF_ERROR(RequireAdmin(context));
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
             BodyFields fields(body, {"roles", "active"});
             auto roles = RolesField(fields, false);
             auto active = fields.Bool("active");
             if (!fields.Has("roles") && !fields.Has("active")) {
                 fields.Add({"body", "roles and/or active", body.dump()});
             }
             KC_RETURN_IF_ERROR(fields.Finish("invalid user change"));
             if (id == context.principal->user_id && active && !*active) {
                 return Fail(Error::FailedPrecondition("you cannot deactivate your own account"));
             }
             auto store = d->stores.Acquire();
             KC_ASSIGN_OR_RETURN(
                 auto user, app::UpdateUserAccount(*store, WebActor(context), id, roles, active));
             return Response::Json(200, app::ToJson(user));
         },
         "user",
         {{"type", "object"},
          {"properties", {{"roles", kRoles}, {"active", {{"type", "boolean"}}}}}}});
    router.Add({"POST",
                ApiPath("/users/{id}/password"),
                "Set a password: one's own with the current password, or anyone's as admin "
                "(generated when none is given); ends the user's sessions",
                Auth::kSession,
                [d](const Request& request, const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
                    BodyFields fields(body, {"password", "current_password"});
                    const bool self = id == context.principal->user_id;
                    auto password = fields.String("password", self, 1024);
                    auto current = fields.String("current_password", self, 1024);
                    if (!self) KC_RETURN_IF_ERROR(RequireAdmin(context));
                    KC_RETURN_IF_ERROR(fields.Finish("invalid password change"));
                    auto store = d->stores.Acquire();
                    if (self) {
                        KC_RETURN_IF_ERROR(app::ChangeOwnPassword(
                            *store, WebActor(context), context.principal->login, *current,
                            *password, request.client, d->options.account_policy));
                        return Response::Json(200, {{"user_id", id}, {"sessions_ended", true}});
                    }
                    KC_ASSIGN_OR_RETURN(auto user, app::GetUserSummary(*store, id));
                    const bool generated = !password;
                    const std::string chosen = generated ? app::GeneratePassword() : *password;
                    KC_RETURN_IF_ERROR(app::SetPassword(*store, WebActor(context), user.login,
                                                        chosen, d->options.account_policy));
                    json out = {{"user_id", id}, {"sessions_ended", true}};
                    if (generated) out["password"] = chosen;
                    return Response::Json(200, out);
                },
                "user",
                {{"type", "object"},
                 {"properties",
                  {{"password", {{"type", "string"}, {"description", "at least 12 characters"}}},
                   {"current_password",
                    {{"type", "string"}, {"description", "required when changing one's own"}}}}}}});
}

}  // namespace kc::http
