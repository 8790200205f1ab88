#include "cli/db_commands.h"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/db_copy.h"
#include "app/jobs.h"
#include "cli/table.h"
#include "util/log.h"
#include "util/text.h"

namespace kc::cli {

namespace {

struct CopyArgs {
    std::string from;
    std::string to;
};

int RunCopy(const Globals& g, const CopyArgs& args) {
    store::OpenOptions source_options;
    auto source = store::OpenStore(args.from, source_options);
    if (!source) {
        Error error = source.error();
        error.message = "--from: " + error.message;
        return Report(g, error);
    }
    store::OpenOptions target_options;
    target_options.create = true;
    auto target = store::OpenStore(args.to, target_options);
    if (!target) {
        Error error = target.error();
        error.message = "--to: " + error.message;
        return Report(g, error);
    }
    std::optional<ProgressBar> bar;
    auto started = std::chrono::steady_clock::now();
    auto report = app::CopyDatabase(**source, **target, [&](int64_t done, int64_t total) {
        if (g.json) return;
        if (!bar) bar.emplace(T(g, "copying", "コピー中"), total);
        bar->Update(done);
    });
    if (bar) bar->Finish();
    if (!report) return Report(g, report.error());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (g.json) {
        nlohmann::ordered_json tables = nlohmann::ordered_json::array();
        for (const auto& table : report->tables) {
            tables.push_back({{"table", table.table},
                              {"source_rows", table.source.rows},
                              {"target_rows", table.target.rows},
                              {"source_checksum", table.source.checksum},
                              {"target_checksum", table.target.checksum},
                              {"verified", table.matches()}});
        }
        nlohmann::ordered_json out = {{"source", report->source},       {"target", report->target},
                                      {"rows", report->rows},           {"seconds", seconds},
                                      {"verified", report->verified()}, {"tables", tables}};
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    Table table({T(g, "table", "テーブル"), T(g, "rows", "行数"), T(g, "checksum", "チェックサム"),
                 T(g, "verified", "検証")},
                {Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft});
    for (const auto& t : report->tables) {
        if (t.source.rows == 0 && t.target.rows == 0) continue;
        table.AddRow({t.table, FormatWithCommas(t.target.rows), t.target.checksum,
                      t.matches() ? "ok" : T(g, "DIFFERS", "不一致")});
    }
    WriteOut(table.Render());
    size_t empty = 0;
    for (const auto& t : report->tables) empty += t.source.rows == 0 ? 1 : 0;
    std::fprintf(
        stderr, "%s\n",
        (Ja(g) ? fmt::format(
                     "{} から {} へ {} 行をコピーしました ({:.1f} 秒)。全 {} テーブル (空の {} "
                     "テーブルを含む) の行数とチェックサムが一致しました。",
                     report->source, report->target, FormatWithCommas(report->rows), seconds,
                     report->tables.size(), empty)
               : fmt::format("copied {} rows from {} to {} in {:.1f} s; verified: row counts and "
                             "checksums of all {} tables ({} of them empty) are equal",
                             FormatWithCommas(report->rows), report->source, report->target,
                             seconds, report->tables.size(), empty))
            .c_str());
    return 0;
}

nlohmann::ordered_json JobJson(const core::Job& job) {
    nlohmann::ordered_json out = {{"id", job.id},
                                  {"kind", job.kind},
                                  {"state", job.state},
                                  {"progress", job.progress},
                                  {"started_at", job.started_at},
                                  {"finished_at", job.finished_at}};
    auto result = nlohmann::ordered_json::parse(job.result, nullptr, false);
    out["result"] = result.is_discarded() ? nlohmann::ordered_json(job.result) : result;
    return out;
}

int RunJobs(const Globals& g, int64_t limit) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto jobs = app::ListJobs(**store, limit);
    if (!jobs) return Report(g, jobs.error());
    if (g.json) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& job : *jobs) out.push_back(JobJson(job));
        WriteOut(out.dump(2) + "\n");
        return 0;
    }
    Table table({"id", T(g, "kind", "種別"), T(g, "state", "状態"), T(g, "progress", "進捗"),
                 T(g, "started", "開始"), T(g, "finished", "終了")},
                {Align::kRight, Align::kLeft, Align::kLeft, Align::kRight});
    for (const auto& job : *jobs) {
        table.AddRow({std::to_string(job.id), job.kind, job.state,
                      fmt::format("{:.0f}%", job.progress * 100), job.started_at, job.finished_at});
    }
    WriteOut(table.Render());
    return 0;
}

int RunJobShow(const Globals& g, int64_t id) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    auto job = app::GetJob(**store, id);
    if (!job) return Report(g, job.error());
    WriteOut(JobJson(*job).dump(2) + "\n");
    return 0;
}

int RunJobCancel(const Globals& g, int64_t id) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (auto cancelled = app::CancelJob(**store, store::Actor{"cli:jobs"}, id); !cancelled) {
        return Report(g, cancelled.error());
    }
    std::fprintf(
        stderr, "%s\n",
        (Ja(g) ? fmt::format("ジョブ {} を中止しました", id)
               : fmt::format("cancelled job {} (it stops at its next progress report)", id))
            .c_str());
    return 0;
}

}  // namespace

void RegisterJobCommands(CLI::App& app, Globals& g, int& status) {
    auto limit = std::make_shared<int64_t>(50);
    auto id = std::make_shared<int64_t>(0);
    auto* jobs = app.add_subcommand(
        "jobs",
        "Background jobs (assignment, selection, matching, simulation, imports) of every "
        "instance, newest first; their state lives in the database.\nExample: kcluster jobs\n"
        "Example: kcluster jobs cancel 12");
    jobs->add_option("--limit", *limit, "At most this many jobs (0 = all)")->capture_default_str();
    jobs->callback([&g, &status, limit, jobs] {
        if (jobs->get_subcommands().empty()) status = RunJobs(g, *limit);
    });
    auto* show = jobs->add_subcommand("show", "One job with its result (JSON).");
    show->add_option("ID", *id, "Job id")->required();
    show->callback([&g, &status, id] { status = RunJobShow(g, *id); });
    auto* cancel = jobs->add_subcommand("cancel", "Cancel a queued or running job.");
    cancel->add_option("ID", *id, "Job id")->required();
    cancel->callback([&g, &status, id] { status = RunJobCancel(g, *id); });
}

void RegisterDbCopyCommand(CLI::App& db, Globals& g, int& status) {
    auto args = std::make_shared<CopyArgs>();
    auto* copy = db.add_subcommand(
        "copy",
        "Copy a whole database to another backend or file, then verify it: every table's row "
        "count and checksum (FNV-1a over each record in id order) are computed on both sides and "
        "compared. Ids, timestamps, sample flags and the audit log are kept. The target must be "
        "empty (a SQLite file is created; a PostgreSQL database must exist: createdb). One "
        "transaction: the copy lands whole or not at all.\nExample: kcluster db copy --from "
        "var/kcluster.db --to postgresql://kc@db.example.jp:5432/kcluster\nExample: kcluster db "
        "copy --from postgresql://kc@localhost/kcluster --to /tmp/snapshot.db --json");
    copy->add_option("--from", args->from, "Source: a SQLite file or a postgresql:// URI")
        ->required();
    copy->add_option("--to", args->to, "Target: a SQLite file or a postgresql:// URI (empty)")
        ->required();
    copy->callback([&g, &status, args] { status = RunCopy(g, *args); });
}

}  // namespace kc::cli
