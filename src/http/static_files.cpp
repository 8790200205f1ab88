#include "http/static_files.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

namespace kc::http {

namespace fs = std::filesystem;

namespace {

bool Inside(const fs::path& root, const fs::path& path) {
    auto root_text = root.native();
    auto text = path.native();
    return text.size() > root_text.size() && text.starts_with(root_text) &&
           text[root_text.size()] == '/';
}

}  // namespace

std::string_view ContentTypeFor(const fs::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kTypes = {{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".pdf", "application/pdf"},
        {".webmanifest", "application/manifest+json"},
    }};
    std::string extension = file.extension().string();
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [suffix, type] : kTypes) {
        if (extension == suffix) return type;
    }
    return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path& root) {
    std::error_code ec;
    if (root.empty() || !fs::is_directory(root, ec)) return;
    root_ = fs::canonical(root, ec);
    if (ec) root_.clear();
}

std::optional<Response> StaticFiles::File(const fs::path& file, std::string_view url_path) const {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    Response response;
    response.body = content.str();
    response.SetHeader("Content-Type", std::string(ContentTypeFor(file)));
    if (url_path.starts_with("/assets/")) {
        // Vite names assets by content hash: a new build gets new names.
        response.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
    } else {
        response.SetHeader("Cache-Control", "no-cache");
    }
    return response;
}

std::optional<Response> StaticFiles::Serve(std::string_view path) const {
    if (root_.empty()) return std::nullopt;
    if (!path.starts_with('/') || path.find('\0') != std::string_view::npos ||
        path.find('\\') != std::string_view::npos) {
        return std::nullopt;
    }
    // Refuse every `.` or `..` segment instead of normalising: no legitimate URL of the UI has
    // one.
    std::string_view rest = path;
    fs::path relative;
    while (!rest.empty()) {
        size_t start = rest.find_first_not_of('/');
        if (start == std::string_view::npos) break;
        rest.remove_prefix(start);
        size_t slash = rest.find('/');
        std::string_view segment = rest.substr(0, slash);
        if (segment == "." || segment == "..") return std::nullopt;
        relative /= std::string(segment);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    const fs::path index = root_ / "index.html";
    std::error_code ec;
    if (!relative.empty()) {
        fs::path candidate = fs::weakly_canonical(root_ / relative, ec);
        if (!ec && Inside(root_, candidate) && fs::is_regular_file(candidate, ec)) {
            return File(candidate, path);
        }
        // A missing asset is a 404, not the UI (a stale page would otherwise get HTML as JS).
        if (path.starts_with("/assets/")) return std::nullopt;
        if (!ec && fs::exists(candidate, ec) && !Inside(root_, candidate)) return std::nullopt;
    }
    // The single-page app's fallback (and `/` itself).
    fs::path resolved = fs::weakly_canonical(index, ec);
    if (ec || !Inside(root_, resolved) || !fs::is_regular_file(resolved, ec)) return std::nullopt;
    return File(resolved, "/index.html");
}

}  // namespace kc::http
