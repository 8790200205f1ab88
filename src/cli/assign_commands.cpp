#include "cli/assign_commands.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/assign_files.h"
#include "util/log.h"
#include "util/text.h"

namespace kc::cli {
namespace {

struct AssignArgs {
    std::string affinity, demand, max_load, min_load, conflicts, objective = "total", out;
};

int RunSolve(const Globals& g, const AssignArgs& args) {
    app::AssignFilesOptions options;
    options.affinity = args.affinity;
    options.demand = args.demand;
    options.max_load = args.max_load;
    options.min_load = args.min_load;
    options.conflicts = args.conflicts;
    options.objective = args.objective;
    options.japanese = Ja(g);
    options.log = [](const std::string& line) { LogInfo(line); };
    auto report = app::SolveAssignmentFiles(options);
    if (!report) return Report(g, report.error());
    if (auto written = WriteFile(args.out, report->csv); !written) {
        return Report(g, written.error());
    }
    if (g.json) {
        WriteOut(nlohmann::json({{"out", args.out},
                                 {"objective", args.objective},
                                 {"proposals", report->proposals},
                                 {"reviewers", report->reviewers},
                                 {"candidates", report->candidates},
                                 {"conflicts", report->conflicts},
                                 {"pairs", report->pairs},
                                 {"total", report->total},
                                 {"min_proposal_score", report->min_proposal_score},
                                 {"min_proposal", report->min_proposal},
                                 {"min_proposal_bound", report->min_proposal_bound},
                                 {"seconds", report->seconds}})
                     .dump() +
                 "\n");
        return 0;
    }
    // Where the lowest score stands against the bound no assignment can beat.
    std::string lowest;
    if (!report->min_proposal.empty()) {
        lowest = report->min_is_optimal
                     ? fmt::format(fmt::runtime(T(g, " ({}; no assignment does better)",
                                                  "（{}、これ以上は不可能）")),
                                   report->min_proposal)
                     : fmt::format(
                           fmt::runtime(T(g, " ({}; upper bound {:.6f})", "（{}、上限 {:.6f}）")),
                           report->min_proposal, report->min_proposal_bound);
    }
    LogInfo(fmt::format(
        fmt::runtime(
            T(g,
              "assigned {} pairs ({} proposals, {} reviewers, {} objective): total {:.6f}, "
              "lowest proposal score {:.6f}{}; {:.2f} s; wrote {}",
              "{0} 組を割り当てました（提案 {1} 件、査読者 {2} 名、目的 {3}）: 合計 {4:.6f}、"
              "提案ごとの最低スコア {5:.6f}{6}、{7:.2f} 秒、{8} に書き出しました")),
        FormatWithCommas(static_cast<int64_t>(report->pairs)), FormatWithCommas(report->proposals),
        FormatWithCommas(report->reviewers), args.objective, report->total,
        report->min_proposal_score, lowest, report->seconds, args.out));
    return 0;
}

}  // namespace

void RegisterAssignCommands(CLI::App& app, Globals& g, int& status) {
    // The parsed arguments must outlive this function: the callback, owned by `app`, shares them.
    auto args = std::make_shared<AssignArgs>();
    auto* assign_cmd = app.add_subcommand("assign", "Reviewer assignment (査読者割り当て)");
    assign_cmd->require_subcommand(1);
    auto* solve = assign_cmd->add_subcommand(
        "solve",
        "Assign reviewers to proposals optimally: every proposal gets exactly its demand, no "
        "reviewer exceeds their max load (or falls below their min load), no conflicted pair is "
        "used, and the total affinity is as high as possible (min-cost flow; exact). With "
        "--objective fair, the lowest per-proposal affinity sum is raised first and the total "
        "second (a heuristic that never lowers that minimum below the total-optimal one).\n"
        "Only the pairs listed in the affinity file are candidates: a pair that is not listed is "
        "never assigned. Files are CSV (UTF-8 or CP932) with a header line; ids are any text.\n"
        "  --affinity: reviewer,proposal,score   --demand: proposal,demand\n"
        "  --max-load / --min-load: reviewer,max_load / reviewer,min_load   --conflicts: "
        "reviewer,proposal\n"
        "A demand or max-load file must list every proposal or reviewer of the affinity file; a "
        "min-load file may list only some (the others get 0). The output (reviewer,proposal,"
        "score) is sorted by proposal, then reviewer (numbers in ids compare as numbers). When "
        "no assignment exists, exit status 1 and the reasons (e.g. \"proposal P12 has 2 reviewers "
        "without a conflict and needs 3\").\n"
        "Example: kcluster assign solve --affinity affinity.csv --demand 3 --max-load loads.csv "
        "--conflicts conflicts.csv --out assignment.csv");
    solve->add_option("--affinity", args->affinity, "Candidate pairs: reviewer,proposal,score")
        ->required();
    solve
        ->add_option("--demand", args->demand,
                     "Reviewers per proposal: a number for all, or a CSV file proposal,demand")
        ->required();
    solve
        ->add_option("--max-load", args->max_load,
                     "Most proposals per reviewer: a number, or a CSV file reviewer,max_load")
        ->required();
    solve->add_option("--min-load", args->min_load,
                      "Fewest proposals per reviewer: a number, or a CSV file reviewer,min_load");
    solve->add_option("--conflicts", args->conflicts,
                      "Pairs never to assign: a CSV file reviewer,proposal");
    solve
        ->add_option("--objective", args->objective,
                     "total (maximise the sum) or fair (raise the lowest proposal first)")
        ->check(CLI::IsMember({"total", "fair"}))
        ->capture_default_str();
    solve->add_option("--out", args->out, "Output CSV file: reviewer,proposal,score")->required();
    solve->callback([&g, &status, args] { status = RunSolve(g, *args); });
}

}  // namespace kc::cli
