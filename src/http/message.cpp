#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace kc::http {

namespace {

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string Request::Header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::string Request::Cookie(std::string_view name) const {
    std::string_view rest = [&]() -> std::string_view {
        auto it = headers.find("cookie");
        return it == headers.end() ? std::string_view() : std::string_view(it->second);
    }();
    while (!rest.empty()) {
        size_t semicolon = rest.find(';');
        std::string_view pair = TrimSpaces(rest.substr(0, semicolon));
        rest =
            semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && TrimSpaces(pair.substr(0, eq)) == name) {
            return std::string(TrimSpaces(pair.substr(eq + 1)));
        }
    }
    return {};
}

void Response::SetHeader(std::string name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (key == name) {
            existing = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::string Response::Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (key == name) return value;
    }
    return {};
}

Response Response::Json(int status, const nlohmann::json& json, std::string content_type) {
    Response response;
    response.status = status;
    response.body = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response.SetHeader("Content-Type", std::move(content_type));
    return response;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int high = HexDigit(text[i + 1]), low = HexDigit(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            c = static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') return std::nullopt;
        out += c;
    }
    return out;
}

void ParseTarget(Request& request) {
    std::string_view target = request.target;
    size_t question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    auto path = PercentDecode(raw_path, /*plus_is_space=*/false);
    request.path_ok = path.has_value();
    request.path = path ? *path : std::string(raw_path);
    request.query.clear();
    if (question == std::string_view::npos) return;
    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
        size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        auto key = PercentDecode(pair.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                  : PercentDecode(pair.substr(eq + 1), true);
        if (key && value) request.query.emplace_back(std::move(*key), std::move(*value));
    }
}

}  // namespace kc::http
