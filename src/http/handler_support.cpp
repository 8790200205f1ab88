#include "http/handler_support.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace kc::http {

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

Result<core::Id> IdParameter(const Context& context, const std::string& name) {
    auto it = context.params.find(name);
    if (it == context.params.end()) {
        return Fail(Error::Fields("invalid path", {{name, "an id in the path", "nothing"}}));
    }
    return IntegerParameter(name, it->second, 1);
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

store::Actor WebActor(const Context& context) {
    return store::Actor{"web:" + context.principal->login};
}

}  // namespace kc::http
