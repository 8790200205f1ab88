// The kcluster command: one binary with subcommands that call app/ use cases. Data goes to
// stdout, messages to stderr. Exit status: 0 success, 1 failure, 2 usage error.

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/demo.h"
#include "app/demo_accounts.h"
#include "app/overview.h"
#include "app/records.h"
#include "app/schema_docs.h"
#include "app/transfer.h"
#include "cli/assign_commands.h"
#include "cli/common.h"
#include "cli/db_commands.h"
#include "cli/expertise_commands.h"
#include "cli/hq_commands.h"
#include "cli/ip_commands.h"
#include "cli/match_commands.h"
#include "cli/network_commands.h"
#include "cli/programme_commands.h"
#include "cli/report_commands.h"
#include "cli/serve_command.h"
#include "cli/sim_commands.h"
#include "cli/table.h"
#include "cli/user_commands.h"
#include "core/schema.h"
#include "core/value_io.h"
#include "store/sqlite/ddl.h"
#include "store/store.h"
#include "util/log.h"
#include "util/text.h"

namespace kc::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// overview

std::string FieldLabel(const Globals& g, const std::string& code) {
    const auto* field = core::FindEntity("cluster")->Find("field");
    return core::DisplayFieldText(*field, core::Value{code}, g.lang);
}

std::string StatusLabel(const Globals& g, const app::ClusterSummary& c) {
    if (c.promoted_on) {
        return Ja(g) ? fmt::format("本格実施({}年{}月移行)", c.promoted_on->year,
                                   c.promoted_on->month)
                     : fmt::format("full (promoted {}-{:02})", c.promoted_on->year,
                                   c.promoted_on->month);
    }
    if (c.status == "full") return T(g, "full", "本格実施");
    if (c.status == "trial") return T(g, "trial", "試行");
    return T(g, "ended", "終了");
}

int RunOverview(const Globals& g) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto overviews = app::BuildOverview(**store);
    if (!overviews) return Report(g, overviews.error());
    if (g.json) {
        WriteOut(app::OverviewToJson(*overviews).dump(2) + "\n");
        return 0;
    }
    if (overviews->empty()) {
        std::fprintf(
            stderr, "%s\n",
            T(g,
              "The database holds no programme yet: load the demo with `kcluster demo "
              "load` or import your data with `kcluster import`.",
              "プログラムがまだ登録されていません。`kcluster demo load` でデモを読み込むか、"
              "`kcluster import` でデータを取り込んでください。")
                .c_str());
        return 0;
    }
    bool ja = Ja(g);
    for (const auto& o : *overviews) {
        std::string title = ja ? o.name_ja : (o.name_en.empty() ? o.name_ja : o.name_en);
        std::string span =
            ja ? fmt::format("{}〜{}", FormatFiscalYearJapanese(o.start_fy),
                             FormatFiscalYearJapanese(o.end_fy))
               : fmt::format("{}–{}", FormatFiscalYear(o.start_fy), FormatFiscalYear(o.end_fy));
        WriteOut(fmt::format("{} ({} {}, {})\n", title, T(g, "phase", "第"), o.phase, span));
        if (ja) {
            WriteOut(
                fmt::format("実現可能性調査 {} 地域、提案 {} 件 → 本格実施 {} 地域 ({} "
                            "クラスター)、試行 {} 地域 "
                            "({} クラスター)、試行から本格実施への移行 {} 件\n\n",
                            o.feasibility_studies, o.proposals, o.regions_full, o.clusters_full,
                            o.regions_trial, o.clusters_trial, o.promotions));
        } else {
            WriteOut(fmt::format(
                "Feasibility studies in {} regions, {} proposals -> full implementation in {} "
                "regions ({} clusters), trial in {} regions ({} clusters), {} promoted from "
                "trial to full\n\n",
                o.feasibility_studies, o.proposals, o.regions_full, o.clusters_full,
                o.regions_trial, o.clusters_trial, o.promotions));
        }
        Table clusters(
            {T(g, "Cluster", "クラスター"), T(g, "Regions", "地域"), T(g, "Field", "特定領域"),
             T(g, "Status", "状態"), T(g, "Core organisation", "中核機関"), T(g, "Seeds", "シーズ"),
             T(g, "Needs", "ニーズ"), T(g, "Projects", "共同研究"), T(g, "Patents", "特許出願"),
             T(g, "Granted", "補助金累計")},
            {Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight,
             Align::kRight, Align::kRight, Align::kRight, Align::kRight});
        clusters.SetMaxWidths({28, 22, 0, 0, 22});
        bool any_sample = false;
        for (const auto& c : o.clusters) {
            std::string name = ja ? c.name_ja : (c.name_en.empty() ? c.name_ja : c.name_en);
            if (c.sample) {
                name = Truncate(name, 27) + "*";
                any_sample = true;
            }
            clusters.AddRow({name, JoinList(ja ? c.regions_ja : c.regions_en, ja ? "・" : ", "),
                             FieldLabel(g, c.field), StatusLabel(g, c),
                             ja ? c.core_organization_ja : c.core_organization_en,
                             FormatWithCommas(c.seeds), FormatWithCommas(c.needs),
                             FormatWithCommas(c.projects), FormatWithCommas(c.patent_applications),
                             ja ? FormatYenJapanese(c.granted) : FormatYenShort(c.granted)});
        }
        WriteOut(clusters.Render(34));
        if (any_sample) {
            WriteOut(T(g, "* includes facts not confirmed by a stored source: shown as sample.\n",
                       "* 出典で確認できていない情報を含む(サンプル表示)。\n"));
        }
        WriteOut("\n");
        Table budgets({T(g, "Fiscal year", "年度"), T(g, "Regular", "当初予算"),
                       T(g, "Supplementary", "補正予算"), T(g, "Total", "合計"),
                       T(g, "Granted", "交付額"), T(g, "Clusters", "交付先クラスター")},
                      {Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
                       Align::kRight});
        for (const auto& b : o.budgets) {
            Yen total{b.regular.value + b.supplementary.value};
            auto money = [&](Yen y) { return ja ? FormatYenJapanese(y) : FormatYenShort(y); };
            budgets.AddRow(
                {ja ? FormatFiscalYearJapanese(b.fiscal_year) : FormatFiscalYear(b.fiscal_year),
                 money(b.regular), money(b.supplementary), money(total), money(b.granted),
                 std::to_string(b.clusters_funded)});
        }
        WriteOut(budgets.Render());
        WriteOut("\n");
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
// records

std::string CellText(const Globals& g, const core::FieldDef& field, const core::Value& value) {
    return core::DisplayFieldText(field, value, g.lang);
}

int RunList(const Globals& g, const std::string& entity, const std::vector<std::string>& filters,
            int64_t limit) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto records = app::ListRecords(**store, entity, filters, limit);
    if (!records) return Report(g, records.error());
    if (g.json) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& record : *records) array.push_back(core::RecordToJson(record));
        WriteOut(array.dump(2) + "\n");
        return 0;
    }
    const core::EntityDef* def = core::FindEntity(entity);
    std::vector<size_t> columns;
    for (size_t i = 0; i < def->fields.size() && columns.size() < 8; ++i) {
        auto type = def->fields[i].type;
        const auto& name = def->fields[i].name;
        if (type == core::FieldType::kLongText || type == core::FieldType::kTimestamp ||
            type == core::FieldType::kList || name == "sample" || name == "password_hash") {
            continue;
        }
        columns.push_back(i);
    }
    std::vector<std::string> headers;
    for (size_t i : columns) {
        headers.push_back(Ja(g) ? def->fields[i].label_ja : def->fields[i].name);
    }
    Table table(headers);
    for (const auto& record : *records) {
        std::vector<std::string> cells;
        for (size_t i : columns) cells.push_back(CellText(g, def->fields[i], record.values[i]));
        table.AddRow(std::move(cells));
    }
    WriteOut(table.Render(32));
    std::fprintf(
        stderr, "%s\n",
        (Ja(g) ? fmt::format("{} 件", records->size())
               : fmt::format("{} {}", records->size(), records->size() == 1 ? "record" : "records"))
            .c_str());
    return 0;
}

int PrintRecord(const Globals& g, store::Store& store, const core::Record& record) {
    if (g.json) {
        WriteOut(core::RecordToJson(record).dump(2) + "\n");
        return 0;
    }
    auto tx = store.BeginRead();
    Table table({T(g, "Field", "項目"), T(g, "Value", "値")});
    for (size_t i = 0; i < record.def->fields.size(); ++i) {
        const auto& field = record.def->fields[i];
        if (field.name == "password_hash") continue;
        std::string value = CellText(g, field, record.values[i]);
        if (field.type == core::FieldType::kRef && tx) {
            if (auto* id = std::get_if<int64_t>(&record.values[i])) {
                if (auto target = (*tx)->Get(*core::FindEntity(field.ref_entity), *id)) {
                    value += " (" + app::RecordName(*target) + ")";
                }
            }
        }
        std::string label = Ja(g) ? field.label_ja : field.name;
        table.AddRow({label, value});
    }
    WriteOut(table.Render(100));
    return 0;
}

Result<core::Id> ParseId(std::string_view text) {
    auto id = ParseInt(text);
    if (!id || *id <= 0) {
        return Fail(Error::InvalidArgument(
            fmt::format("ID: expected a positive integer, got {}", QuoteForMessage(text))));
    }
    return *id;
}

int RunShow(const Globals& g, const std::string& entity, const std::string& id_text) {
    auto id = ParseId(id_text);
    if (!id) return Report(g, id.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto record = app::ShowRecord(**store, entity, *id);
    if (!record) return Report(g, record.error());
    return PrintRecord(g, **store, *record);
}

int RunAdd(const Globals& g, const std::string& entity, const std::vector<std::string>& values) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto id = app::AddRecord(**store, {"cli"}, entity, values);
    if (!id) return Report(g, id.error());
    if (g.json) {
        WriteOut(nlohmann::json({{"id", *id}}).dump() + "\n");
    } else {
        WriteOut(fmt::format("{}\n", *id));
        std::fprintf(stderr, "%s\n",
                     (Ja(g) ? fmt::format("{} {} を追加しました", entity, *id)
                            : fmt::format("added {} {}", entity, *id))
                         .c_str());
    }
    return 0;
}

int RunUpdate(const Globals& g, const std::string& entity, const std::string& id_text,
              const std::vector<std::string>& values) {
    auto id = ParseId(id_text);
    if (!id) return Report(g, id.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto record = app::UpdateRecord(**store, {"cli"}, entity, *id, values);
    if (!record) return Report(g, record.error());
    if (g.json) return PrintRecord(g, **store, *record);
    std::fprintf(stderr, "%s\n",
                 (Ja(g) ? fmt::format("{} {} を更新しました", entity, *id)
                        : fmt::format("updated {} {}", entity, *id))
                     .c_str());
    return 0;
}

int RunHistory(const Globals& g, const std::string& entity, const std::string& id_text) {
    auto id = ParseId(id_text);
    if (!id) return Report(g, id.error());
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto entries = app::RecordHistory(**store, entity, *id);
    if (!entries) return Report(g, entries.error());
    if (g.json) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& e : *entries) {
            array.push_back({{"id", e.id},
                             {"at", e.at},
                             {"actor", e.actor},
                             {"action", e.action},
                             {"entity", e.entity},
                             {"entity_id", e.entity_id},
                             {"before", e.before_json.empty()
                                            ? nlohmann::json(nullptr)
                                            : nlohmann::json::parse(e.before_json, nullptr, false)},
                             {"after", e.after_json.empty()
                                           ? nlohmann::json(nullptr)
                                           : nlohmann::json::parse(e.after_json, nullptr, false)}});
        }
        WriteOut(array.dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "When", "日時"), T(g, "Who", "実行者"), T(g, "Action", "操作"),
                 T(g, "Changed", "変更項目")});
    for (const auto& e : *entries) {
        std::string changed;
        auto before =
            nlohmann::json::parse(e.before_json.empty() ? "{}" : e.before_json, nullptr, false);
        auto after =
            nlohmann::json::parse(e.after_json.empty() ? "{}" : e.after_json, nullptr, false);
        if (before.is_object() && after.is_object() && e.action == "update") {
            for (const auto& [key, value] : after.items()) {
                if (key == "updated_at") continue;
                if (!before.contains(key) || before[key] != value) {
                    if (!changed.empty()) changed += ", ";
                    changed += fmt::format("{}: {} → {}", key,
                                           before.contains(key) ? before[key].dump() : "null",
                                           value.dump());
                }
            }
        }
        table.AddRow({e.at, e.actor, e.action, changed});
    }
    WriteOut(table.Render(80));
    return 0;
}

// ---------------------------------------------------------------------------------------------
// import / export

int RunImport(const Globals& g, const std::string& file, const std::string& entity,
              const std::string& encoding_name, bool dry_run) {
    auto encoding = ParseEncoding(encoding_name);
    if (!encoding) return Report(g, encoding.error());
    // Importing into a new database file creates it (a bundle restores a whole database).
    auto store = Open(g, /*create=*/true);
    if (!store) return Report(g, store.error());
    app::ImportOptions options;
    options.entity = entity;
    options.encoding = *encoding;
    options.dry_run = dry_run;
    options.actor = "import:" + std::filesystem::path(file).filename().string();
    std::optional<ProgressBar> bar;
    std::error_code ec;
    // About 10k rows of typical records: show a bar for files above ~2 MB.
    if (std::filesystem::file_size(file, ec) > 2'000'000 && !ec) {
        options.progress = [&](int64_t done, int64_t total) {
            if (!bar) bar.emplace(T(g, "importing", "取り込み中"), total);
            bar->Update(done);
        };
    }
    auto report = app::ImportFile(**store, file, options);
    if (bar) bar->Finish();
    if (!report) return Report(g, report.error());
    if (!options.dry_run) {
        if (auto analysed = (*store)->Analyze(); !analysed) return Report(g, analysed.error());
    }
    int64_t total = 0;
    for (const auto& [name, rows] : report->counts) total += rows;
    if (g.json) {
        nlohmann::json counts = nlohmann::json::object();
        for (const auto& [name, rows] : report->counts) counts[name] = rows;
        WriteOut(nlohmann::json({{"format", report->format},
                                 {"encoding", EncodingName(report->encoding)},
                                 {"dry_run", report->dry_run},
                                 {"rows", total},
                                 {"counts", counts}})
                     .dump() +
                 "\n");
        return 0;
    }
    std::string detail;
    for (const auto& [name, rows] : report->counts) {
        if (rows == 0 && report->counts.size() > 1) continue;
        if (!detail.empty()) detail += ", ";
        detail += fmt::format("{} {}", FormatWithCommas(rows), name);
    }
    if (Ja(g)) {
        std::fprintf(stderr, "%s: %s %s (%s, %s)\n", file.c_str(),
                     dry_run ? "検証のみ、書き込みなし:" : "取り込み完了:", detail.c_str(),
                     report->format.c_str(), EncodingName(report->encoding));
    } else {
        std::fprintf(stderr, "%s: %s %s (%s, %s)\n", file.c_str(),
                     dry_run ? "dry run, nothing written; would import" : "imported",
                     detail.c_str(), report->format.c_str(), EncodingName(report->encoding));
    }
    return 0;
}

int RunExport(const Globals& g, const std::string& entity, bool all, const std::string& format,
              const std::string& out, const std::string& headers,
              const std::string& encoding_name) {
    if (all == !entity.empty()) {
        return Report(g,
                      Error::InvalidArgument("export: give exactly one of --entity NAME or --all"));
    }
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    app::ExportOptions options;
    options.format = format == "json" ? app::ExportFormat::kJson : app::ExportFormat::kCsv;
    options.headers = headers == "ja"   ? app::HeaderLanguage::kJapanese
                      : headers == "en" ? app::HeaderLanguage::kEnglish
                                        : app::HeaderLanguage::kFieldNames;
    auto encoding = ParseEncoding(encoding_name);
    if (!encoding || *encoding == Encoding::kAuto) {
        return Report(g, Error::InvalidArgument(fmt::format(
                             "--encoding: expected utf-8 or cp932, got \"{}\"", encoding_name)));
    }
    options.encoding = *encoding;
    if (all && options.format == app::ExportFormat::kCsv) {
        // One CSV file per entity into a directory.
        if (out.empty()) {
            return Report(g, Error::InvalidArgument(
                                 "export --all --format csv writes one file per entity: give "
                                 "--out DIRECTORY"));
        }
        std::error_code ec;
        std::filesystem::create_directories(out, ec);
        int files = 0;
        for (const core::EntityDef* def : core::AllEntities()) {
            if (!def->importable) continue;
            auto text = app::ExportEntity(**store, def->name, options);
            if (!text) return Report(g, text.error());
            if (auto written =
                    WriteFile((std::filesystem::path(out) / (def->name + ".csv")).string(), *text);
                !written) {
                return Report(g, written.error());
            }
            ++files;
        }
        std::fprintf(stderr, "%s\n", fmt::format("wrote {} CSV files to {}", files, out).c_str());
        return 0;
    }
    auto text = all ? app::ExportBundle(**store) : app::ExportEntity(**store, entity, options);
    if (!text) return Report(g, text.error());
    if (out.empty() || out == "-") {
        WriteOut(*text);
        return 0;
    }
    if (auto written = WriteFile(out, *text); !written) return Report(g, written.error());
    std::fprintf(stderr, "%s\n", fmt::format("wrote {} ({} bytes)", out, text->size()).c_str());
    return 0;
}

// ---------------------------------------------------------------------------------------------
// db, demo, schema

int RunDbInit(const Globals& g) {
    auto store = Open(g, /*create=*/true);
    if (!store) return Report(g, store.error());
    auto version = (*store)->SchemaVersion();
    if (!version) return Report(g, version.error());
    std::fprintf(
        stderr, "%s\n",
        (Ja(g) ? fmt::format("{} を初期化しました (スキーマ版 {})", (*store)->Describe(), *version)
               : fmt::format("initialised {} (schema version {})", (*store)->Describe(), *version))
            .c_str());
    return 0;
}

int RunDbMigrate(const Globals& g) {
    store::OpenOptions options;
    options.migrate = false;
    auto store = store::OpenStore(g.db, options);
    if (!store) return Report(g, store.error());
    auto before = (*store)->SchemaVersion();
    if (!before) return Report(g, before.error());
    if (auto migrated = (*store)->Migrate(); !migrated) return Report(g, migrated.error());
    auto after = (*store)->SchemaVersion();
    if (!after) return Report(g, after.error());
    std::fprintf(
        stderr, "%s\n",
        fmt::format("{}: schema version {} -> {}", (*store)->Describe(), *before, *after).c_str());
    return 0;
}

int RunDbCheck(const Globals& g) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto violations = (*store)->CheckInvariants();
    if (!violations) return Report(g, violations.error());
    if (g.json) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& v : *violations) {
            array.push_back(
                {{"check", v.check}, {"entity", v.entity}, {"id", v.id}, {"message", v.message}});
        }
        WriteOut(array.dump(2) + "\n");
    } else if (violations->empty()) {
        std::fprintf(stderr, "%s\n",
                     T(g, "db check: no violations", "db check: 不整合はありません").c_str());
    } else {
        for (const auto& v : *violations) {
            WriteOut(fmt::format("{}\t{}\t{}\t{}\n", v.check, v.entity, v.id, v.message));
        }
        std::fprintf(stderr, "%s\n",
                     (Ja(g) ? fmt::format("db check: 不整合 {} 件", violations->size())
                            : fmt::format("db check: {} violation(s)", violations->size()))
                         .c_str());
    }
    return violations->empty() ? 0 : 1;
}

int RunDbBackup(const Globals& g, const std::string& path) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        return Report(
            g, Error::Conflict(fmt::format("backup: {} already exists: choose a new path", path)));
    }
    if (auto done = (*store)->Backup(path); !done) return Report(g, done.error());
    std::fprintf(stderr, "%s\n",
                 fmt::format("backed up {} to {}", (*store)->Describe(), path).c_str());
    return 0;
}

int RunDemoLoad(const Globals& g, int scale, uint64_t seed) {
    auto store = Open(g, /*create=*/true);
    if (!store) return Report(g, store.error());
    app::DemoOptions options;
    options.scale = scale;
    options.seed = seed;
    std::optional<ProgressBar> bar;
    options.progress = [&](int64_t done, int64_t total) {
        if (!bar) bar.emplace(T(g, "generating demo", "デモデータ生成中"), total);
        bar->Update(done);
    };
    auto summary = app::LoadDemo(**store, options);
    if (bar) bar->Finish();
    if (!summary) return Report(g, summary.error());
    if (auto analysed = (*store)->Analyze(); !analysed) return Report(g, analysed.error());
    auto accounts = app::CreateDemoAccounts(**store);
    if (!accounts) return Report(g, accounts.error());
    if (g.json) {
        nlohmann::ordered_json counts = nlohmann::ordered_json::object();
        for (const auto& [name, rows] : summary->counts) counts[name] = rows;
        nlohmann::ordered_json users = nlohmann::ordered_json::array();
        for (const auto& account : *accounts) {
            users.push_back(
                {{"login", account.login},
                 {"role", core::RoleName(account.role)},
                 {"person_id", account.person_id ? nlohmann::ordered_json(*account.person_id)
                                                 : nlohmann::ordered_json()},
                 {"password", account.password}});
        }
        WriteOut(nlohmann::ordered_json{{"rows", counts}, {"accounts", users}}.dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "login", "ログイン名"), T(g, "role", "ロール"), T(g, "person", "人物"),
                 T(g, "password", "パスワード")});
    for (const auto& account : *accounts) {
        table.AddRow({account.login, core::RoleName(account.role),
                      account.person_id ? std::to_string(*account.person_id) : "",
                      account.password});
    }
    WriteOut(table.Render());
    std::fprintf(stderr, "%s\n",
                 T(g, "demo accounts, one per role: the passwords are shown only this once",
                   "ロールごとのデモ用アカウントです。パスワードはこの一度だけ表示されます")
                     .c_str());
    int64_t total = 0;
    for (const auto& [name, rows] : summary->counts) total += rows;
    std::fprintf(stderr, "%s\n",
                 (Ja(g) ? fmt::format("デモプログラム (規模 {}) を {} に読み込みました: {} 行",
                                      scale, (*store)->Describe(), FormatWithCommas(total))
                        : fmt::format("loaded the demo programme (scale {}) into {}: {} rows",
                                      scale, (*store)->Describe(), FormatWithCommas(total)))
                     .c_str());
    return 0;
}

int RunSchemaList(const Globals& g) {
    if (g.json) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto* def : core::AllEntities()) {
            array.push_back({{"name", def->name},
                             {"label_ja", def->label_ja},
                             {"label_en", def->label_en},
                             {"level", def->level},
                             {"doc", def->doc}});
        }
        WriteOut(array.dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "Entity", "エンティティ"), "日本語", "English", T(g, "Level", "区分")});
    for (const auto* def : core::AllEntities()) {
        table.AddRow({def->name, def->label_ja, def->label_en, def->level});
    }
    WriteOut(table.Render());
    return 0;
}

int RunSchemaShow(const Globals& g, const std::string& entity) {
    auto def = core::RequireEntity(entity);
    if (!def) return Report(g, def.error());
    if (g.json) {
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& f : (*def)->fields) {
            nlohmann::json values = nlohmann::json::array();
            for (const auto& v : f.enum_values) {
                values.push_back(
                    {{"code", v.code}, {"label_ja", v.label_ja}, {"label_en", v.label_en}});
            }
            fields.push_back({{"name", f.name},
                              {"type", core::FieldTypeName(f.type)},
                              {"label_ja", f.label_ja},
                              {"label_en", f.label_en},
                              {"required", f.required},
                              {"ref", f.ref_entity},
                              {"values", values}});
        }
        WriteOut(nlohmann::json({{"name", (*def)->name}, {"fields", fields}}).dump(2) + "\n");
        return 0;
    }
    WriteOut(fmt::format("{} — {} ({})\n{}\n\n", (*def)->name, (*def)->label_ja, (*def)->label_en,
                         (*def)->doc));
    Table table({T(g, "Field", "項目"), "日本語", "English", T(g, "Type", "型"),
                 T(g, "Required", "必須"), T(g, "Values", "値")});
    for (const auto& f : (*def)->fields) {
        std::string values = f.ref_entity;
        for (const auto& v : f.enum_values) {
            if (!values.empty()) values += ", ";
            values += v.code;
        }
        table.AddRow({f.name, f.label_ja, f.label_en, core::FieldTypeName(f.type),
                      f.required ? "yes" : "", values});
    }
    WriteOut(table.Render(60));
    return 0;
}

int RunSchemaDocs(const Globals& g, const std::string& out) {
    if (out.empty()) {
        WriteOut(app::FormatsMarkdown());
        return 0;
    }
    for (auto [name, text] : {std::pair{"formats.md", app::FormatsMarkdown()},
                              std::pair{"glossary.md", app::GlossaryMarkdown()}}) {
        auto path = (std::filesystem::path(out) / name).string();
        if (auto written = WriteFile(path, text); !written) return Report(g, written.error());
        std::fprintf(stderr, "wrote %s\n", path.c_str());
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------

int Main(int argc, char** argv) {
    Globals g;
    g.db = DefaultDb();
    g.lang = DefaultLang();

    CLI::App app{
        "kcluster — runs a knowledge-cluster innovation programme (知的クラスター創成事業) end to "
        "end.\n\nExamples:\n  kcluster demo load              # the 2002–2003 programme, as sample "
        "data\n"
        "  kcluster overview               # regions, clusters, budgets by fiscal year\n"
        "  kcluster list seed --filter field=life_science --json\n"
        "  kcluster import seeds.csv --dry-run\n",
        "kcluster"};
    app.fallthrough();
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Show help for every command");
    app.add_option("--db", g.db,
                   "Database: a SQLite file path or a PostgreSQL URI "
                   "postgresql://user@host:port/dbname (default $KCLUSTER_DB, else "
                   "var/kcluster.db)")
        ->capture_default_str();
    app.add_flag("--json", g.json, "Machine-readable JSON on stdout (errors as JSON on stderr)");
    app.add_option("--lang", g.lang,
                   "Language of messages and labels: ja or en (default from LANG)")
        ->check(CLI::IsMember({"ja", "en"}));

    int status = 0;
    auto run = [&](auto fn) { return [&status, fn] { status = fn(); }; };

    // overview
    auto* overview = app.add_subcommand(
        "overview",
        "Programme overview: regions, clusters (full / trial / promoted), budgets by fiscal year.\n"
        "Example: kcluster overview --lang ja");
    overview->callback(run([&] { return RunOverview(g); }));

    // db
    auto* db = app.add_subcommand(
        "db", "Database administration: init, migrate, check, backup, copy (SQLite or PostgreSQL)");
    db->require_subcommand(1);
    db->add_subcommand("init",
                       "Create the database file and apply the schema.\nExample: kcluster --db "
                       "var/hq.db db init")
        ->callback(run([&] { return RunDbInit(g); }));
    db->add_subcommand("migrate", "Apply pending schema migrations.\nExample: kcluster db migrate")
        ->callback(run([&] { return RunDbMigrate(g); }));
    db->add_subcommand(
          "check",
          "Check every invariant (no review on a conflicted pair, grants within the "
          "fiscal-year budget, no double HQ post, no dangling reference, valid "
          "records…); exits 1 listing each violation.\nExample: kcluster db check --json")
        ->callback(run([&] { return RunDbCheck(g); }));
    std::string backup_path;
    auto* backup = db->add_subcommand(
        "backup",
        "Copy the live database while it stays in use: SQLite's online backup to a database "
        "file, or pg_dump (custom format, restore with pg_restore) on PostgreSQL.\nExample: "
        "kcluster db backup /tmp/kc-2026-11-29.db\nExample: kcluster --db "
        "postgresql://kc@localhost/kcluster db backup /var/backups/kc-2026-11-29.dump");
    backup->add_option("PATH", backup_path, "Where to write the copy (must not exist)")->required();
    backup->callback(run([&] { return RunDbBackup(g, backup_path); }));
    RegisterDbCopyCommand(*db, g, status);
    RegisterUserCommands(app, g, status);
    RegisterJobCommands(app, g, status);

    // list / show / add / update / history
    std::string entity, id_text;
    std::vector<std::string> filters, values;
    int64_t limit = 0;
    auto* list = app.add_subcommand("list",
                                    "List records of an entity.\nExample: kcluster list seed "
                                    "--filter cluster=浜松オプトロニクスクラスター --limit 20");
    list->add_option("ENTITY", entity, "Entity name (see `kcluster schema list`)")->required();
    list->add_option("--filter", filters, "key=value condition (repeatable; all must hold)");
    list->add_option("--limit", limit, "At most this many records (0 = all)");
    list->callback(run([&] { return RunList(g, entity, filters, limit); }));

    auto* show =
        app.add_subcommand("show", "Show one record.\nExample: kcluster show cluster 3 --lang ja");
    show->add_option("ENTITY", entity, "Entity name")->required();
    show->add_option("ID", id_text, "Record id")->required();
    show->callback(run([&] { return RunShow(g, entity, id_text); }));

    auto* add = app.add_subcommand(
        "add",
        "Add a record from key=value pairs (keys: field names or labels; references by id or "
        "exact name).\nExample: kcluster add seed title=希少糖の量産技術 organization=香川大学 "
        "field=life_science trl=4 \"keywords=希少糖;酵素\"");
    add->add_option("ENTITY", entity, "Entity name")->required();
    add->add_option("VALUES", values, "key=value pairs")->required();
    add->callback(run([&] { return RunAdd(g, entity, values); }));

    auto* update = app.add_subcommand(
        "update",
        "Change fields of a record; lifecycle fields only move along legal transitions.\n"
        "Example: kcluster update match 12 status=contacted");
    update->add_option("ENTITY", entity, "Entity name")->required();
    update->add_option("ID", id_text, "Record id")->required();
    update->add_option("VALUES", values, "key=value pairs")->required();
    update->callback(run([&] { return RunUpdate(g, entity, id_text, values); }));

    auto* history = app.add_subcommand(
        "history",
        "Audit trail of a record: who changed what, when.\nExample: kcluster history proposal 4");
    history->add_option("ENTITY", entity, "Entity name")->required();
    history->add_option("ID", id_text, "Record id")->required();
    history->callback(run([&] { return RunHistory(g, entity, id_text); }));

    // import / export
    std::string file, encoding = "auto", format = "csv", out, headers = "field";
    bool dry_run = false, all = false;
    auto* import =
        app.add_subcommand("import",
                           "Import a CSV or JSON file, all or nothing (see docs/formats.md).\n"
                           "Example: kcluster import seeds.csv --encoding auto --dry-run");
    import->add_option("FILE", file, "CSV (UTF-8 or CP932) or JSON file")->required();
    import->add_option("--entity", entity, "Entity the file holds (default: from the file name)");
    import->add_option("--encoding", encoding, "auto, utf-8 or cp932")->capture_default_str();
    import->add_flag("--dry-run", dry_run, "Validate only; write nothing");
    import->callback(run([&] { return RunImport(g, file, entity, encoding, dry_run);
}));

auto* export_cmd = app.add_subcommand(
    "export",
    "Export one entity or everything.\nExamples: kcluster export --entity seed --format csv "
    "--headers ja --encoding cp932 --out seeds.csv\n          kcluster export --all --format "
    "json --out bundle.json");
export_cmd->add_option("--entity", entity, "Entity to export");
export_cmd->add_flag("--all", all,
                     "Every entity (JSON: one bundle; CSV: one file each into --out DIR)");
export_cmd->add_option("--format", format, "csv or json")
    ->check(CLI::IsMember({"csv", "json"}))
    ->capture_default_str();
export_cmd->add_option("--out", out, "Output file (default stdout)");
export_cmd->add_option("--headers", headers, "CSV header names: field, ja or en")
    ->check(CLI::IsMember({"field", "ja", "en"}))
    ->capture_default_str();
export_cmd->add_option("--encoding", encoding, "CSV encoding: utf-8 or cp932");
export_cmd->callback(run([&] {
    return RunExport(g, entity, all, format, out, headers,
                     encoding == "auto" ? std::string("utf-8") : encoding);
}));

// demo
int scale = 1;
uint64_t seed = 2002;
auto* demo = app.add_subcommand("demo", "Demo data");
demo->require_subcommand(1);
auto* demo_load = demo->add_subcommand(
    "load",
    "Load the demo programme into an empty database (created if absent). Scale 1 is the "
    "2002–2003 Knowledge Cluster programme; larger scales generate national-size synthetic "
    "data (--scale 100 ≈ 1M seeds).\nExample: kcluster --db /tmp/big.db demo load --scale 10 "
    "--seed 7");
demo_load->add_option("--scale", scale, "1 = the real programme; N > 1 = synthetic, ~N×10k seeds")
    ->check(CLI::Range(1, 1000))
    ->capture_default_str();
demo_load->add_option("--seed", seed, "Random seed (same seed, same data)")->capture_default_str();
demo_load->callback(run([&] { return RunDemoLoad(g, scale, seed); }));

// schema
auto* schema = app.add_subcommand("schema", "The data model: entities, fields, labels");
schema->require_subcommand(1);
schema->add_subcommand("list", "List every entity.\nExample: kcluster schema list --lang ja")
    ->callback(run([&] { return RunSchemaList(g); }));
auto* schema_show =
    schema->add_subcommand("show", "Fields of one entity.\nExample: kcluster schema show seed");
schema_show->add_option("ENTITY", entity, "Entity name")->required();
schema_show->callback(run([&] { return RunSchemaShow(g, entity); }));
std::string docs_out;
auto* schema_docs =
    schema->add_subcommand("docs",
                           "Write docs/formats.md and docs/glossary.md from the "
                           "definitions.\nExample: kcluster schema docs --out docs");
schema_docs->add_option("--out", docs_out, "Directory (default: print formats.md)");
schema_docs->callback(run([&] { return RunSchemaDocs(g, docs_out); }));
schema->add_subcommand("sql", "Print the SQLite DDL generated from the definitions")
    ->callback(run([&] {
        WriteOut(store::sqlite::FullSchemaDdl());
        return 0;
    }));
RegisterServeCommand(app, g, status);
RegisterExpertiseCommands(app, g, status);
RegisterMatchCommands(app, g, status);
RegisterAssignCommands(app, g, status);
RegisterProgrammeCommands(app, g, status);
RegisterReportCommands(app, g, status);
RegisterIpCommands(app, g, status);
RegisterHqCommands(app, g, status);
RegisterSimCommands(app, g, status);
RegisterNetworkCommands(app, g, status);

try {
    app.parse(argc, argv);
} catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
}
return status;
}  // namespace

}  // namespace kc::cli
}  // namespace kc::cli

int main(int argc, char** argv) {
    try {
        return kc::cli::Main(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "kcluster: internal error: %s\n", error.what());
        return 1;
    }
}
