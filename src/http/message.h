#pragma once

// HTTP requests and responses as plain values, free of Boost.Beast: only server.cpp sees Beast
// (each Beast translation unit takes ~17 s to compile), everything else — routes, handlers,
// static files, tests — works on these.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kc::http {

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // as sent: path and query, still percent-encoded
    std::string path;    // the percent-decoded path, without the query
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    std::map<std::string, std::string> headers;              // names in lower case
    std::string body;
    std::string client;  // the peer's address
    // Whether the path decoded cleanly (no %00, no malformed escapes); false → 400.
    bool path_ok = true;

    // The header `name` (lower case), or empty.
    [[nodiscard]] std::string Header(std::string_view name) const;
    // The first query parameter `name`, if given.
    [[nodiscard]] std::optional<std::string> Query(std::string_view name) const;
    // The cookie `name` from the Cookie header, or empty.
    [[nodiscard]] std::string Cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Adds (or, for a name already present, replaces) a header.
    void SetHeader(std::string name, std::string value);
    [[nodiscard]] std::string Header(std::string_view name) const;

    // `json` as application/json (or `content_type`).
    static Response Json(int status, const nlohmann::json& json,
                         std::string content_type = "application/json");
};

// Splits a request target into its decoded path and query parameters (`+` is a space in the
// query only). Sets path_ok to false on a malformed escape or a NUL byte in the path.
void ParseTarget(Request& request);

// Percent-decodes `text`; nullopt on a malformed escape or a decoded NUL.
[[nodiscard]] std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace kc::http
