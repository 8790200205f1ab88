#pragma once

// Test-only: a minimal HTTP/1.1 client on plain POSIX sockets (no Beast, so test files compile
// fast). One request per connection (Connection: close) unless `Exchange` is given several
// requests to send on one connection.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace kc::http::testing {

struct Reply {
    int status = 0;                              // 0 = no answer
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    [[nodiscard]] nlohmann::json Json() const {
        return nlohmann::json::parse(body, nullptr, false);
    }
    [[nodiscard]] std::string Header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Sends `bytes` on a fresh connection and reads until the server closes it (or `timeout_s`).
inline std::string Exchange(uint16_t port, const std::string& bytes, int timeout_s = 15) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    timeval timeout{timeout_s, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return {};
    }
    size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
    }
    std::string out;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        out.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
}

// Parses the responses in `raw` (Content-Length bodies), in order.
inline std::vector<Reply> ParseReplies(const std::string& raw) {
    std::vector<Reply> replies;
    size_t pos = 0;
    while (pos < raw.size()) {
        size_t end = raw.find("\r\n\r\n", pos);
        if (end == std::string::npos) break;
        Reply reply;
        std::string head = raw.substr(pos, end - pos);
        size_t line_end = head.find("\r\n");
        std::string status_line = head.substr(0, line_end);
        if (status_line.size() >= 12) reply.status = std::stoi(status_line.substr(9, 3));
        size_t cursor = line_end == std::string::npos ? head.size() : line_end + 2;
        while (cursor < head.size()) {
            size_t next = head.find("\r\n", cursor);
            if (next == std::string::npos) next = head.size();
            std::string line = head.substr(cursor, next - cursor);
            size_t colon = line.find(':');
            if (colon != std::string::npos) {
                std::string name = line.substr(0, colon);
                for (auto& c : name)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                std::string value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ') value.erase(0, 1);
                reply.headers[name] = value;
            }
            cursor = next + 2;
        }
        size_t length = 0;
        if (auto it = reply.headers.find("content-length"); it != reply.headers.end()) {
            length = std::stoul(it->second);
        }
        reply.body = raw.substr(end + 4, length);
        pos = end + 4 + length;
        replies.push_back(std::move(reply));
    }
    return replies;
}

inline std::string RequestText(const std::string& method, const std::string& target,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body, bool close = true) {
    std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (close) text += "Connection: close\r\n";
    for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return text + "\r\n" + body;
}

inline Reply Fetch(uint16_t port, const std::string& method, const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {},
                   const std::string& body = {}) {
    auto replies = ParseReplies(Exchange(port, RequestText(method, target, headers, body)));
    return replies.empty() ? Reply{} : replies.front();
}

}  // namespace kc::http::testing
