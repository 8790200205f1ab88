#pragma once

// What the API's handlers share: reading JSON bodies and parameters with errors that name the
// field, and the JSON forms of the signed-in user. Every route module (api.cpp, api_*.cpp) uses
// these so that a bad request reads the same whatever endpoint it hit.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "core/schema.h"
#include "http/message.h"
#include "http/router.h"
#include "store/store.h"
#include "util/error.h"

namespace kc::http {

inline constexpr std::string_view kApiPrefix = "/api/v1";

// POST, PUT, PATCH, DELETE …: the methods that need the CSRF token.
[[nodiscard]] bool ChangesState(std::string_view method);

[[nodiscard]] Error Unauthenticated(std::string message);

// A request body that must be one JSON object; the error names the problem (the parser's position
// and what it expected, or an unsupported Content-Type).
[[nodiscard]] Result<nlohmann::json> JsonObjectBody(const Request& request);

// A JSON object of fields as the `key=value` assignments of app/records.h: strings as they are
// (so references may be names and amounts "5億円"), numbers and booleans as text, null as empty,
// arrays of strings or numbers as ';'-joined lists.
[[nodiscard]] Result<std::vector<std::string>> Assignments(const core::EntityDef& def,
                                                           const nlohmann::json& object);

// An integer parameter (query or path) of at least `min`; the error names the parameter.
[[nodiscard]] Result<int64_t> IntegerParameter(std::string_view name, std::string_view text,
                                               int64_t min);

// The `{name}` path parameter as an id (default `{id}`).
[[nodiscard]] Result<core::Id> IdParameter(const Context& context, const std::string& name = "id");

// The signed-in user, roles and CSRF token (GET /api/v1/session).
[[nodiscard]] nlohmann::json PrincipalJson(const app::Principal& principal);

// The store actor of an authenticated request: `web:<login>` (audit log).
[[nodiscard]] store::Actor WebActor(const Context& context);

}  // namespace kc::http
