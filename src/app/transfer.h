#pragma once

// Import and export: CSV (RFC 4180; UTF-8 with or without BOM, or CP932 as Excel writes it in
// Japan, detected automatically; headers as field names or as the Japanese/English labels of
// docs/glossary.md) and JSON (an array of one entity's records, or a bundle of every entity).
//
// Imports are all or nothing: the first bad row stops the import with a message that names the
// file, line and column and what was expected, and the database is left untouched. A dry run
// validates everything and writes nothing.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "util/encoding.h"

namespace kc::app {

using ProgressFn = std::function<void(int64_t done, int64_t total)>;

struct ImportOptions {
    std::string entity;  // empty: from the bundle, or inferred from the file name (seeds.csv)
    Encoding encoding = Encoding::kAuto;
    bool dry_run = false;
    std::string actor = "import";
    ProgressFn progress;  // called with bytes done / total bytes
};

struct ImportReport {
    std::string format;  // "csv" or "json"
    Encoding encoding = Encoding::kUtf8;
    bool dry_run = false;
    std::vector<std::pair<std::string, int64_t>> counts;  // entity -> rows imported
};

// Imports the file at `path`. Errors are InvalidArgument (located: "seeds.csv:12:5: trl: expected
// an integer 1..9, got \"10\""), Conflict (duplicate id) or NotFound (missing file).
[[nodiscard]] Result<ImportReport> ImportFile(store::Store& store, const std::string& path,
                                              const ImportOptions& options);

// The same for bytes already in memory; `name` is used in messages and to infer the entity.
[[nodiscard]] Result<ImportReport> ImportBytes(store::Store& store, std::string_view name,
                                               std::string_view bytes,
                                               const ImportOptions& options);

enum class ExportFormat { kCsv, kJson };
enum class HeaderLanguage { kFieldNames, kJapanese, kEnglish };

struct ExportOptions {
    ExportFormat format = ExportFormat::kCsv;
    HeaderLanguage headers = HeaderLanguage::kFieldNames;  // CSV only
    Encoding encoding = Encoding::kUtf8;                   // CSV only: kUtf8 or kCp932
};

// One entity as CSV text or a JSON array.
[[nodiscard]] Result<std::string> ExportEntity(store::Store& store, std::string_view entity,
                                               const ExportOptions& options);

// Every entity as one JSON bundle: {"format":"kcluster-bundle","version":1,"entities":{...}}.
// Importing it into an empty database reproduces the database exactly.
[[nodiscard]] Result<std::string> ExportBundle(store::Store& store);

}  // namespace kc::app
