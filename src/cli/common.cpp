#include "cli/common.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/text.h"

namespace kc::cli {

bool Ja(const Globals& g) { return g.lang == "ja"; }
std::string T(const Globals& g, std::string_view en, std::string_view ja) {
    return std::string(Ja(g) ? ja : en);
}

namespace {
void PrintError(const Globals& g, const Error& error) {
    std::fprintf(stderr, "kcluster: %s: %s\n", Ja(g) ? "エラー" : "error",
                 error.ToString().c_str());
}

}  // namespace

int Report(const Globals& g, const Error& error) {
    if (g.json) {
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& f : error.fields) {
            fields.push_back({{"path", f.path}, {"expected", f.expected}, {"got", f.got}});
        }
        nlohmann::json body = {{"error",
                                {{"code", ErrorCodeName(error.code)},
                                 {"message", error.message},
                                 {"fields", fields}}}};
        std::fprintf(stderr, "%s\n", body.dump().c_str());
    } else {
        PrintError(g, error);
    }
    return 1;
}

std::string DefaultDb() {
    if (const char* env = std::getenv("KCLUSTER_DB"); env && *env) return env;
    return "var/kcluster.db";
}

std::string DefaultLang() {
    for (const char* name : {"KCLUSTER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) return std::string_view(value).starts_with("ja") ? "ja" : "en";
    }
    return "en";
}

Result<std::unique_ptr<store::Store>> Open(const Globals& g, bool create) {
    store::OpenOptions options;
    options.create = create;
    return store::OpenStore(g.db, options);
}

// Writes data to stdout and flushes, so that it never interleaves with messages on stderr.
void WriteOut(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

Result<Date> DateOption(const std::string& text, std::string_view option) {
    auto date = ParseDate(text);
    if (!date) {
        return Fail(Error::Fields(
            "invalid option", {{std::string(option), "a date YYYY-MM-DD", QuoteForMessage(text)}}));
    }
    return *date;
}

Result<FiscalYear> FiscalYearOption(const std::string& text, std::string_view option) {
    auto fy = ParseFiscalYear(text);
    if (!fy) {
        return Fail(
            Error::Fields("invalid option",
                          {{std::string(option), "a fiscal year such as 2003, FY2003 or 平成15年度",
                            QuoteForMessage(text)}}));
    }
    return *fy;
}

Result<Yen> YenOption(const std::string& text, std::string_view option) {
    auto yen = ParseYen(text);
    if (!yen) {
        return Fail(Error::Fields(
            "invalid option",
            {{std::string(option), "an amount of yen such as 5億円, ¥500,000,000 or 500000000",
              QuoteForMessage(text)}}));
    }
    return *yen;
}

Status WriteFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    if (!out) return Fail(Error::Unavailable(fmt::format("{}: cannot open for writing", path)));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return Fail(Error::Unavailable(fmt::format("{}: write failed", path)));
    return {};
}

}  // namespace kc::cli
