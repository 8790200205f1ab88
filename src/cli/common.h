#pragma once

// What every kcluster subcommand shares: the global options, error reporting (text or JSON on
// stderr, exit status 1), opening the store, and writing data to stdout or a file.

#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"
#include "util/date.h"
#include "util/error.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

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

// Option values parsed with errors that name the option: `--fy: expected a fiscal year such as
// 2003, FY2003 or 平成15年度, got "昔"`.
[[nodiscard]] Result<Date> DateOption(const std::string& text, std::string_view option);
[[nodiscard]] Result<FiscalYear> FiscalYearOption(const std::string& text, std::string_view option);
[[nodiscard]] Result<Yen> YenOption(const std::string& text, std::string_view option);

}  // namespace kc::cli
