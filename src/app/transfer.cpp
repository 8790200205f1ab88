#include "app/transfer.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/records.h"
#include "core/validate.h"
#include "core/value_io.h"
#include "util/csv.h"
#include "util/text.h"

namespace kc::app {

using core::EntityDef;
using core::FieldDef;
using core::FieldType;
using core::Record;
using core::Value;

namespace {

constexpr int64_t kMaxImportBytes = int64_t{4} << 30;  // 4 GiB
constexpr int64_t kProgressEvery = 1000;

// "seeds" -> "seed", "activities" -> "activity", "技術シーズ" -> "seed".
const EntityDef* EntityFromFileName(std::string_view name) {
    std::string stem = std::filesystem::path(std::string(name)).stem().string();
    std::string lower;
    for (char c : stem) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    for (char& c : lower) {
        if (c == '-' || c == ' ') c = '_';
    }
    std::vector<std::string> candidates = {lower};
    if (lower == "people") candidates.push_back("person");
    if (lower.ends_with("ies")) candidates.push_back(lower.substr(0, lower.size() - 3) + "y");
    if (lower.ends_with("es")) candidates.push_back(lower.substr(0, lower.size() - 2));
    if (lower.ends_with("s")) candidates.push_back(lower.substr(0, lower.size() - 1));
    for (const auto& candidate : candidates) {
        if (const EntityDef* def = core::FindEntity(candidate)) return def;
    }
    for (const EntityDef* def : core::AllEntities()) {
        if (def->label_ja == stem) return def;
    }
    return nullptr;
}

Error Located(std::string_view file, int line, int column, std::string message) {
    if (column > 0)
        return Error::InvalidArgument(fmt::format("{}:{}:{}: {}", file, line, column, message));
    return Error::InvalidArgument(fmt::format("{}:{}: {}", file, line, message));
}

// Turns an error about a record into a located error, finding the column of its first field.
Error LocateRecordError(const Error& error, std::string_view file, int line,
                        const std::vector<const FieldDef*>& columns) {
    if (error.fields.empty()) {
        Error located = Located(file, line, 0, error.message);
        located.code = error.code;
        return located;
    }
    const FieldError& first = error.fields.front();
    int column = 0;
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] && columns[i]->name == first.path) column = static_cast<int>(i + 1);
    }
    Error located = Located(file, line, column, first.Message());
    for (size_t i = 1; i < error.fields.size(); ++i) {
        located.message += fmt::format("; also {}", error.fields[i].Message());
    }
    located.fields = error.fields;
    if (error.code == ErrorCode::kConflict) located.code = ErrorCode::kConflict;
    return located;
}

// The CSV reader reports "line L, column C: message"; imports say "FILE:L:C: message".
Error CsvError(std::string_view file, const Error& error) {
    int line = 0, column = 0, consumed = 0;
    if (std::sscanf(error.message.c_str(), "line %d, column %d: %n", &line, &column, &consumed) ==
            2 &&
        consumed > 0) {
        return Located(file, line, column, error.message.substr(static_cast<size_t>(consumed)));
    }
    return Error::InvalidArgument(fmt::format("{}: {}", file, error.message));
}

std::string KnownColumns(const EntityDef& def) {
    std::string known;
    for (const auto& field : def.fields) {
        if (!known.empty()) known += ", ";
        known += field.name;
    }
    return known;
}

Result<ImportReport> ImportCsv(store::Store& store, std::string_view file, std::string_view text,
                               const EntityDef& def, ImportReport report,
                               const ImportOptions& options) {
    CsvReader reader(text);
    auto first = reader.Next();
    if (!first) return Fail(CsvError(file, first.error()));
    auto& header = *first;
    if (!header) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: no header line: expected a first line naming the columns ({})", file,
                        KnownColumns(def))));
    }
    std::vector<const FieldDef*> columns;
    bool has_timestamps = false;
    for (size_t i = 0; i < header->fields.size(); ++i) {
        std::string_view name = Trim(header->fields[i]);
        const FieldDef* field = FindFieldByKey(def, name);
        if (!field) {
            return Fail(Located(file, header->line, static_cast<int>(i + 1),
                                fmt::format("unknown column \"{}\" for {}: expected one of {} (or "
                                            "their Japanese or English labels)",
                                            name, def.name, KnownColumns(def))));
        }
        for (size_t j = 0; j < columns.size(); ++j) {
            if (columns[j] == field) {
                return Fail(Located(
                    file, header->line, static_cast<int>(i + 1),
                    fmt::format("column \"{}\" repeats column {} ({})", name, j + 1, field->name)));
            }
        }
        if (field->name == "created_at" || field->name == "updated_at") has_timestamps = true;
        columns.push_back(field);
    }
    std::vector<std::string> missing;
    for (const auto& field : def.fields) {
        if (!field.required || field.type == FieldType::kId || !core::IsNull(field.default_value)) {
            continue;
        }
        if (std::find(columns.begin(), columns.end(), &field) == columns.end()) {
            missing.push_back(field.name);
        }
    }
    if (!missing.empty()) {
        return Fail(
            Located(file, header->line, 0,
                    fmt::format("missing required column(s): {}", JoinList(missing, ", "))));
    }

    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin({options.actor}));
    RefResolver resolver(*transaction);
    store::WriteOptions write_options;
    write_options.keep_timestamps = has_timestamps;
    int64_t rows = 0;
    const auto total = static_cast<int64_t>(text.size());
    while (true) {
        auto next = reader.Next();
        if (!next) return Fail(CsvError(file, next.error()));
        auto& row = *next;
        if (!row) break;
        if (row->fields.size() != columns.size()) {
            return Fail(Located(file, row->line, 0,
                                fmt::format("expected {} fields as in the header, got {}",
                                            columns.size(), row->fields.size())));
        }
        Record record = core::EmptyRecord(def);
        for (size_t i = 0; i < columns.size(); ++i) {
            const FieldDef& field = *columns[i];
            auto value = field.type == FieldType::kId && !Trim(row->fields[i]).empty()
                             ? core::ParseFieldText(field, row->fields[i])
                             : ParseCell(field, row->fields[i], resolver);
            if (!value) {
                return Fail(LocateRecordError(value.error(), file, row->line, columns));
            }
            if (core::IsNull(*value) && !core::IsNull(field.default_value)) continue;
            record.values[static_cast<size_t>(def.IndexOf(field.name))] = std::move(*value);
        }
        auto inserted = transaction->Insert(std::move(record), write_options);
        if (!inserted) return Fail(LocateRecordError(inserted.error(), file, row->line, columns));
        ++rows;
        if (options.progress && rows % kProgressEvery == 0) {
            options.progress(reader.BytesConsumed(), total);
        }
    }
    if (options.progress) options.progress(total, total);
    if (!options.dry_run) KC_RETURN_IF_ERROR(transaction->Commit());
    report.counts.emplace_back(def.name, rows);
    return report;
}

std::string JsonLocation(std::string_view text, size_t byte) {
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return fmt::format("{}:{}", line, byte >= line_start ? byte - line_start + 1 : 1);
}

// Converts one JSON object into a record; string references may be names.
Result<Record> JsonToRecord(const EntityDef& def, const nlohmann::json& object,
                            RefResolver& resolver) {
    if (!object.is_object()) {
        return Fail(Error::InvalidArgument(
            fmt::format("expected a JSON object for a {}, got {}", def.name, object.type_name())));
    }
    Record record = core::EmptyRecord(def);
    std::vector<FieldError> errors;
    for (const auto& [key, value] : object.items()) {
        const FieldDef* field = def.Find(key);
        if (!field) {
            errors.push_back({key, fmt::format("a field of {}", def.name), "an unknown key"});
            continue;
        }
        Result<Value> parsed = (field->type == FieldType::kRef && value.is_string())
                                   ? ParseCell(*field, value.get<std::string>(), resolver)
                                   : core::ValueFromJson(*field, value);
        if (!parsed) {
            for (auto& e : parsed.error().fields) errors.push_back(e);
            if (parsed.error().fields.empty()) return Fail(parsed.error());
            continue;
        }
        if (core::IsNull(*parsed) && !core::IsNull(field->default_value)) continue;
        record.values[static_cast<size_t>(def.IndexOf(key))] = std::move(*parsed);
    }
    if (!errors.empty()) {
        return Fail(Error::Fields(fmt::format("invalid {}", def.name), std::move(errors)));
    }
    return record;
}

Error AtJsonPath(std::string_view file, const std::string& path, const Error& error) {
    std::string message = error.fields.empty()
                              ? error.message
                              : fmt::format("{}.{}", path, error.fields.front().Message());
    if (error.fields.empty()) message = fmt::format("{}: {}", path, error.message);
    for (size_t i = 1; i < error.fields.size(); ++i) {
        message += fmt::format("; also {}", error.fields[i].Message());
    }
    Error located{
        error.code == ErrorCode::kConflict ? ErrorCode::kConflict : ErrorCode::kInvalidArgument,
        fmt::format("{}: {}", file, message), error.fields};
    return located;
}

Result<ImportReport> ImportJson(store::Store& store, std::string_view file, std::string_view text,
                                const ImportOptions& options, ImportReport report) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}:{}: not valid JSON: {}", file, JsonLocation(text, error.byte), error.what())));
    }
    // Normalise to a list of (entity, array) in dependency order.
    std::vector<std::pair<const EntityDef*, const nlohmann::json*>> parts;
    bool bundle = false;
    if (document.is_array()) {
        const EntityDef* def = nullptr;
        if (!options.entity.empty()) {
            KC_ASSIGN_OR_RETURN(def, core::RequireEntity(options.entity));
        } else {
            def = EntityFromFileName(file);
        }
        if (!def) {
            return Fail(Error::InvalidArgument(fmt::format(
                "{}: cannot tell which entity this array holds: pass --entity NAME", file)));
        }
        parts.emplace_back(def, &document);
    } else if (document.is_object()) {
        const nlohmann::json* entities = &document;
        if (document.contains("format")) {
            if (document["format"] != "kcluster-bundle") {
                return Fail(Error::InvalidArgument(
                    fmt::format("{}: \"format\" must be \"kcluster-bundle\", got {}", file,
                                document["format"].dump())));
            }
            if (!document.contains("entities") || !document["entities"].is_object()) {
                return Fail(Error::InvalidArgument(
                    fmt::format("{}: a bundle needs an \"entities\" object", file)));
            }
            entities = &document["entities"];
            bundle = true;
        }
        for (const auto& [key, value] : entities->items()) {
            if (!core::FindEntity(key)) {
                return Fail(
                    Error::InvalidArgument(fmt::format("{}: unknown entity \"{}\"", file, key)));
            }
            if (!value.is_array()) {
                return Fail(Error::InvalidArgument(fmt::format(
                    "{}: entities.{} must be an array, got {}", file, key, value.type_name())));
            }
        }
        for (const EntityDef* def : core::AllEntities()) {
            if (entities->contains(def->name)) parts.emplace_back(def, &(*entities)[def->name]);
        }
    } else {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: expected a JSON array of records or a kcluster bundle object, got {}",
                        file, document.type_name())));
    }

    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin({options.actor}));
    RefResolver resolver(*transaction);
    store::WriteOptions write_options;
    write_options.keep_timestamps = true;
    if (bundle || parts.size() > 1) write_options.ref_check = store::RefCheck::kAtCommit;
    int64_t done = 0, total = 0;
    for (const auto& part : parts) total += static_cast<int64_t>(part.second->size());
    for (const auto& [def, array] : parts) {
        if (!def->importable) {
            return Fail(Error::InvalidArgument(fmt::format(
                "{}: {} records cannot be imported (they are managed by their own commands)", file,
                def->name)));
        }
        int64_t rows = 0;
        for (size_t i = 0; i < array->size(); ++i) {
            std::string path =
                bundle ? fmt::format("entities.{}[{}]", def->name, i) : fmt::format("[{}]", i);
            auto record = JsonToRecord(*def, (*array)[i], resolver);
            if (!record) return Fail(AtJsonPath(file, path, record.error()));
            auto inserted = transaction->Insert(std::move(*record), write_options);
            if (!inserted) return Fail(AtJsonPath(file, path, inserted.error()));
            ++rows;
            if (options.progress && ++done % kProgressEvery == 0) options.progress(done, total);
        }
        report.counts.emplace_back(def->name, rows);
    }
    if (options.dry_run) {
        // Commit-time checks still run on a dry run, then everything is rolled back.
        return report;
    }
    if (auto committed = transaction->Commit(); !committed) {
        return Fail(
            Error::InvalidArgument(fmt::format("{}: {}", file, committed.error().ToString())));
    }
    return report;
}

}  // namespace

Result<ImportReport> ImportBytes(store::Store& store, std::string_view name, std::string_view bytes,
                                 const ImportOptions& options) {
    if (bytes.empty()) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: the file is empty: expected a CSV header line or a JSON document", name)));
    }
    auto decoded = DecodeToUtf8(bytes, options.encoding);
    if (!decoded) {
        return Fail(Error::InvalidArgument(fmt::format("{}: {}", name, decoded.error().message)));
    }
    ImportReport report;
    report.encoding = decoded->encoding;
    report.dry_run = options.dry_run;
    std::string_view text = decoded->text;
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: the file holds only blank lines: expected a CSV header line or a JSON document",
            name)));
    }
    std::string extension = std::filesystem::path(std::string(name)).extension().string();
    bool json =
        extension == ".json" || (extension != ".csv" && (text[first] == '{' || text[first] == '['));
    if (json) {
        report.format = "json";
        return ImportJson(store, name, text, options, std::move(report));
    }
    report.format = "csv";
    const EntityDef* def = nullptr;
    if (!options.entity.empty()) {
        KC_ASSIGN_OR_RETURN(def, core::RequireEntity(options.entity));
    } else {
        def = EntityFromFileName(name);
        if (!def) {
            return Fail(Error::InvalidArgument(fmt::format(
                "{}: cannot tell which entity the file holds from its name: pass --entity NAME "
                "(e.g. --entity seed)",
                name)));
        }
    }
    if (!def->importable) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{} records cannot be imported (they are managed by their own commands)", def->name)));
    }
    return ImportCsv(store, name, text, *def, std::move(report), options);
}

Result<ImportReport> ImportFile(store::Store& store, const std::string& path,
                                const ImportOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return Fail(Error::NotFound(fmt::format("{}: no such file", path)));
    }
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return Fail(Error::Unavailable(fmt::format("{}: cannot read: {}", path, ec.message())));
    if (static_cast<int64_t>(size) > kMaxImportBytes) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: {} bytes is over the 4 GiB import limit: split the file", path, size)));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Error::Unavailable(fmt::format("{}: cannot open for reading", path)));
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) return Fail(Error::Unavailable(fmt::format("{}: read failed", path)));
    return ImportBytes(store, path, bytes, options);
}

Result<std::string> ExportEntity(store::Store& store, std::string_view entity,
                                 const ExportOptions& options) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin({"export"}));
    KC_ASSIGN_OR_RETURN(auto records, transaction->List(*def, {}));
    if (options.format == ExportFormat::kJson) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& record : records) array.push_back(core::RecordToJson(record));
        return array.dump(2) + "\n";
    }
    std::string out;
    std::vector<std::string> cells;
    for (const auto& field : def->fields) {
        switch (options.headers) {
            case HeaderLanguage::kFieldNames:
                cells.push_back(field.name);
                break;
            case HeaderLanguage::kJapanese:
                cells.push_back(field.label_ja);
                break;
            case HeaderLanguage::kEnglish:
                cells.push_back(field.label_en);
                break;
        }
    }
    AppendCsvRow(out, cells);
    for (const auto& record : records) {
        cells.clear();
        for (size_t i = 0; i < def->fields.size(); ++i) {
            cells.push_back(core::FormatFieldText(def->fields[i], record.values[i]));
        }
        AppendCsvRow(out, cells);
    }
    if (options.encoding == Encoding::kCp932) return EncodeFromUtf8(out, Encoding::kCp932);
    return out;
}

Result<std::string> ExportBundle(store::Store& store) {
    KC_ASSIGN_OR_RETURN(int schema, store.SchemaVersion());
    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin({"export"}));
    nlohmann::ordered_json bundle;
    bundle["format"] = "kcluster-bundle";
    bundle["version"] = 1;
    bundle["schema_version"] = schema;
    nlohmann::ordered_json entities = nlohmann::ordered_json::object();
    for (const EntityDef* def : core::AllEntities()) {
        if (!def->importable) continue;
        KC_ASSIGN_OR_RETURN(auto records, transaction->List(*def, {}));
        nlohmann::ordered_json array = nlohmann::ordered_json::array();
        for (const auto& record : records) {
            nlohmann::ordered_json object;
            for (size_t i = 0; i < def->fields.size(); ++i) {
                object[def->fields[i].name] = core::ValueToJson(record.values[i]);
            }
            array.push_back(std::move(object));
        }
        entities[def->name] = std::move(array);
    }
    bundle["entities"] = std::move(entities);
    return bundle.dump(1) + "\n";
}

}  // namespace kc::app
