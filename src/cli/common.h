#pragma once

// What every kcluster subcommand shares: the global options, error reporting (text or JSON on
// stderr, exit status 1), opening the store, and writing data to stdout or a file.

#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"
#include "util/error.h"

namespace kc::cli {

struct Globals {
    std::string db;
    bool json = false;
    std::string lang;
};

[[nodiscard]] bool Ja(const Globals& g);
// The English or Japanese text, by --lang.
[[nodiscard]] std::string T(const Globals& g, std::string_view en, std::string_view ja);
// Prints `error` to stderr (as JSON with --json) and returns exit status 1.
int Report(const Globals& g, const Error& error);
[[nodiscard]] std::string DefaultDb();
[[nodiscard]] std::string DefaultLang();
// Opens the store named by --db; `create` makes a missing file.
[[nodiscard]] Result<std::unique_ptr<store::Store>> Open(const Globals& g, bool create = false);
// Writes data to stdout and flushes, so that it never interleaves with messages on stderr.
void WriteOut(const std::string& text);
[[nodiscard]] Status WriteFile(const std::string& path, const std::string& content);

}  // namespace kc::cli
