#pragma once

// The built web UI (web/dist) served at `/`: correct Content-Type, Cache-Control (hashed assets
// under /assets/ are immutable for a year, index.html is revalidated every time), and the
// single-page-app fallback: an unknown path outside /api answers index.html so that the UI's
// router can show it. No request can read outside the directory: `..` and `.` segments,
// backslashes and NUL bytes are refused, and the resolved path (symlinks followed) must lie
// inside the canonical root.

#include <filesystem>
#include <optional>
#include <string_view>

#include "http/message.h"

namespace kc::http {

class StaticFiles {
  public:
    // Serves `root`; an empty or missing directory serves nothing (every path → nullopt).
    explicit StaticFiles(const std::filesystem::path& root);

    [[nodiscard]] bool Enabled() const { return !root_.empty(); }
    // The answer for a GET of the decoded `path`, or nullopt when there is nothing to serve
    // (the caller answers 404).
    [[nodiscard]] std::optional<Response> Serve(std::string_view path) const;

  private:
    [[nodiscard]] std::optional<Response> File(const std::filesystem::path& file,
                                               std::string_view url_path) const;
    std::filesystem::path root_;  // canonical; empty = disabled
};

// The Content-Type for a file name's extension ("application/octet-stream" when unknown).
[[nodiscard]] std::string_view ContentTypeFor(const std::filesystem::path& file);

}  // namespace kc::http
