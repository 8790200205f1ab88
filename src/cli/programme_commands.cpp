#include "cli/programme_commands.h"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "app/programme.h"
#include "app/records.h"
#include "cli/table.h"
#include "util/fiscal_year.h"
#include "util/text.h"
#include "util/yen.h"

namespace kc::cli {
namespace {

struct Args {
    std::string call, proposal, cluster, organization, hearing, member, evaluation;
    std::string objective = "total", comment, budget, per_region, trial_per_region, decided_on;
    std::string effective_fy, funding_source, amount, fiscal_year, kind = "regular", overall;
    std::string summary, note, as_person;
    std::vector<std::string> scores, constraints, grades, comments;
    int64_t assignment = 0;
    std::optional<int> full, trial;
    double trial_weight = 0.5, lambda = 1.0, level = 0.90;
    int bootstrap = 1000;
    uint64_t seed = 1;
    bool preview = false, apply = false, draft = false, record = false, dry_run = false;
};

// Runs `body` with the store open; errors are reported with exit status 1.
int WithStore(const Globals& g, const std::function<Status(store::Store&)>& body) {
    auto store = Open(g);
    if (!store) return Report(g, store.error());
    if (auto status = body(**store); !status) return Report(g, status.error());
    return 0;
}

Result<core::Id> Ref(store::Store& store, const char* entity, const std::string& text,
                     const char* option) {
    if (text.empty()) {
        return Fail(Error::Fields("missing option", {{option, "an id or a name", "nothing"}}));
    }
    return app::ResolveReference(store, entity, text);
}

// "key=value" pairs; the value parsed as an integer score.
Result<std::vector<std::pair<std::string, int64_t>>> ParseScores(
    const std::vector<std::string>& items, const char* option) {
    std::vector<std::pair<std::string, int64_t>> out;
    std::vector<FieldError> errors;
    for (const auto& item : items) {
        size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0) {
            errors.push_back({option, "CRITERION=SCORE, e.g. rd_potential=4", item});
            continue;
        }
        auto value = ParseInt(item.substr(eq + 1));
        if (!value) {
            errors.push_back({std::string(option) + " " + item.substr(0, eq), "an integer score",
                              item.substr(eq + 1)});
            continue;
        }
        out.emplace_back(item.substr(0, eq), *value);
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid scores", std::move(errors)));
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>> ParsePairs(
    const std::vector<std::string>& items, const char* option, const char* example) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& item : items) {
        size_t eq = item.find('=');
        if (eq == std::string::npos || eq == 0) {
            return Fail(Error::Fields("invalid option", {{option, example, item}}));
        }
        out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
    return out;
}

std::string Lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

std::string Money(const Globals& g, Yen yen) {
    return Ja(g) ? FormatYenJapanese(yen) : FormatYenShort(yen);
}

// ----- criteria ------------------------------------------------------------------------------

int RunDefaultCriteria(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        KC_ASSIGN_OR_RETURN(core::Id call, Ref(store, "call", a.call, "--call"));
        KC_ASSIGN_OR_RETURN(auto ids, app::AddDefaultCriteria(store, {"cli"}, call));
        Table table({"ID", T(g, "Key", "キー"), T(g, "Criterion", "評価項目"),
                     T(g, "Weight", "重み"), T(g, "Group", "区分")},
                    {Align::kRight, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft});
        for (size_t i = 0; i < ids.size(); ++i) {
            const auto& d = app::DefaultCriteria()[i];
            table.AddRow({std::to_string(ids[i]), d.key, Ja(g) ? d.label_ja : d.label_en,
                          fmt::format("{:.1f}", d.weight), d.group});
        }
        WriteOut(table.Render());
        return {};
    });
}

// ----- conflicts -----------------------------------------------------------------------------

int RunConflicts(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        KC_ASSIGN_OR_RETURN(core::Id call, Ref(store, "call", a.call, "--call"));
        KC_ASSIGN_OR_RETURN(auto findings, app::DetectConflicts(store, {"cli"}, call, a.record));
        if (g.json) {
            WriteOut(app::ToJson(findings).dump(2) + "\n");
            return {};
        }
        Table table({T(g, "Person", "人物"), T(g, "Proposal", "提案"), T(g, "Kind", "種別"),
                     T(g, "Reason", "理由"), T(g, "Recorded", "記録")},
                    {Align::kRight, Align::kRight, Align::kLeft, Align::kLeft, Align::kLeft});
        table.SetMaxWidths({0, 0, 0, 60, 0});
        int fresh = 0;
        for (const auto& f : findings) {
            table.AddRow({std::to_string(f.person_id), std::to_string(f.proposal_id), f.kind,
                          f.reason, f.recorded ? T(g, "yes", "済") : T(g, "new", "新規")});
            fresh += f.recorded ? 0 : 1;
        }
        WriteOut(table.Render());
        std::fprintf(stderr, "%s\n",
                     (Ja(g) ? fmt::format("利害関係 {} 件(新規 {} 件{})", findings.size(), fresh,
                                          a.record ? "を記録しました" : "。--record で記録")
                            : fmt::format("{} conflict(s), {} new{}", findings.size(), fresh,
                                          a.record ? ", recorded" : "; --record writes them"))
                         .c_str());
        return {};
    });
}

// ----- review assign -------------------------------------------------------------------------

int RunAssign(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::AssignOptions options;
        KC_ASSIGN_OR_RETURN(options.call_id, Ref(store, "call", a.call, "--call"));
        options.apply = !a.preview;
        options.objective =
            a.objective == "fair" ? app::AssignObjective::kFair : app::AssignObjective::kTotal;
        KC_ASSIGN_OR_RETURN(auto report, app::AssignReviewers(store, {"cli"}, options));
        if (g.json) {
            WriteOut(app::ToJson(report).dump(2) + "\n");
            return {};
        }
        Table table(
            {"", T(g, "Proposal", "提案"), T(g, "Reviewer", "査読者"), T(g, "Affinity", "適合度")},
            {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight});
        table.SetMaxWidths({0, 36, 24, 0});
        for (const auto& c : report.changes) {
            const char* mark = c.kind == app::AssignmentChange::Kind::kAdd      ? "+"
                               : c.kind == app::AssignmentChange::Kind::kRemove ? "-"
                                                                                : " ";
            table.AddRow({std::string(mark) + (c.locked ? "*" : ""),
                          fmt::format("{} {}", c.proposal_id, c.proposal_title),
                          fmt::format("{} {}", c.reviewer_id, c.reviewer_name),
                          fmt::format("{:.3f}", c.affinity)});
        }
        WriteOut(table.Render(60));
        std::string summary =
            Ja(g) ? fmt::format(
                        "提案 {} 件・査読者 {} 名: 追加 {}、削除 {}、維持 {}。適合度の合計 "
                        "{:.3f}、提案ごとの最小 {:.3f}。{}",
                        report.proposals, report.reviewers, report.added, report.removed,
                        report.kept, report.total_affinity, report.min_proposal_affinity,
                        report.applied ? "適用しました。" : "プレビューのみ(未適用)。")
                  : fmt::format(
                        "{} proposals, {} reviewers: +{} −{} ={}; total affinity {:.3f}, "
                        "lowest per proposal {:.3f}. {}",
                        report.proposals, report.reviewers, report.added, report.removed,
                        report.kept, report.total_affinity, report.min_proposal_affinity,
                        report.applied ? "Applied." : "Preview only (nothing written).");
        std::fprintf(stderr, "%s\n", summary.c_str());
        return {};
    });
}

// ----- reviews -------------------------------------------------------------------------------

int RunSubmit(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::ReviewInput input;
        input.assignment_id = a.assignment;
        KC_ASSIGN_OR_RETURN(input.scores, ParseScores(a.scores, "--score"));
        input.comment = a.comment;
        input.submit = !a.draft;
        KC_ASSIGN_OR_RETURN(core::Id id, app::SaveReview(store, {"cli"}, input));
        if (g.json) {
            WriteOut(nlohmann::json({{"review_id", id}, {"submitted", input.submit}}).dump() +
                     "\n");
        } else {
            std::fprintf(stderr, "%s\n",
                         (input.submit ? T(g, fmt::format("review {} submitted", id),
                                           fmt::format("査読 {} を提出しました", id))
                                       : T(g, fmt::format("review {} saved as draft", id),
                                           fmt::format("査読 {} を下書き保存しました", id)))
                             .c_str());
        }
        return {};
    });
}

int RunShowReviews(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        KC_ASSIGN_OR_RETURN(core::Id proposal, Ref(store, "proposal", a.proposal, "--proposal"));
        std::optional<core::Id> person;
        if (!a.as_person.empty()) {
            KC_ASSIGN_OR_RETURN(person, Ref(store, "person", a.as_person, "--as"));
        }
        KC_ASSIGN_OR_RETURN(auto views, app::ProposalReviews(store, proposal, person));
        if (g.json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& v : views) {
                nlohmann::json scores = nlohmann::json::object();
                for (const auto& [k, s] : v.scores) scores[k] = s;
                out.push_back({{"review_id", v.review_id},
                               {"reviewer_id", v.reviewer_id},
                               {"reviewer", v.reviewer_name},
                               {"status", v.status},
                               {"submitted_at", v.submitted_at},
                               {"scores", scores},
                               {"weighted", v.weighted},
                               {"comment", v.comment}});
            }
            WriteOut(out.dump(2) + "\n");
            return {};
        }
        Table table({T(g, "Reviewer", "査読者"), T(g, "Status", "状態"), T(g, "Scores", "評点"),
                     T(g, "Weighted", "加重平均"), T(g, "Comment", "コメント")},
                    {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft});
        table.SetMaxWidths({20, 0, 60, 0, 60});
        for (const auto& v : views) {
            std::string scores;
            for (const auto& [k, s] : v.scores)
                scores += fmt::format("{}{}={}", scores.empty() ? "" : " ", k, s);
            table.AddRow(
                {v.reviewer_name, v.status, scores, fmt::format("{:.2f}", v.weighted), v.comment});
        }
        WriteOut(table.Render(60));
        return {};
    });
}

int RunHearingScore(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::HearingScoreInput input;
        KC_ASSIGN_OR_RETURN(input.hearing_id, Ref(store, "hearing", a.hearing, "--hearing"));
        KC_ASSIGN_OR_RETURN(input.person_id, Ref(store, "person", a.member, "--member"));
        KC_ASSIGN_OR_RETURN(input.scores, ParseScores(a.scores, "--score"));
        input.comment = a.comment;
        KC_RETURN_IF_ERROR(app::ScoreHearing(store, {"cli"}, input));
        std::fprintf(stderr, "%s\n",
                     T(g, "hearing scores recorded", "ヒアリング評点を記録しました").c_str());
        return {};
    });
}

// ----- evaluate ------------------------------------------------------------------------------

int RunEvaluate(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::EvaluateOptions options;
        KC_ASSIGN_OR_RETURN(options.call_id, Ref(store, "call", a.call, "--call"));
        options.lambda = a.lambda;
        options.bootstrap = a.bootstrap;
        options.level = a.level;
        options.seed = a.seed;
        options.record = !a.dry_run;
        KC_ASSIGN_OR_RETURN(auto report, app::EvaluateCall(store, {"cli"}, options));
        if (g.json) {
            WriteOut(app::ToJson(report).dump(2) + "\n");
            return {};
        }
        Table table({T(g, "Rank", "順位"), T(g, "Rank interval", "順位区間"),
                     T(g, "Proposal", "提案"), T(g, "Reviews", "査読数"), T(g, "Raw", "素点"),
                     T(g, "Calibrated", "補正後"), T(g, "Hearing", "ヒアリング"),
                     T(g, "Comprehensive", "総合"), T(g, "Interval", "区間")},
                    {Align::kRight, Align::kRight, Align::kLeft, Align::kRight, Align::kRight,
                     Align::kRight, Align::kRight, Align::kRight, Align::kLeft});
        table.SetMaxWidths({0, 0, 34, 0, 0, 0, 0, 0, 0});
        for (const auto& l : report.lines) {
            table.AddRow({std::to_string(l.rank), fmt::format("{}–{}", l.rank_low, l.rank_high),
                          fmt::format("{} {}", l.proposal_id, l.title), std::to_string(l.reviews),
                          fmt::format("{:.2f}", l.raw), fmt::format("{:.2f}", l.calibrated),
                          l.hearing ? fmt::format("{:.2f}", *l.hearing) : "-",
                          fmt::format("{:.2f}", l.comprehensive),
                          fmt::format("[{:.2f}, {:.2f}]", l.low, l.high)});
        }
        WriteOut(table.Render(60));
        std::fprintf(stderr, "%s\n%s\n", report.method.c_str(),
                     a.dry_run ? T(g, "(not recorded)", "(記録なし)").c_str()
                               : T(g, "evaluations recorded", "総合評価を記録しました").c_str());
        return {};
    });
}

// ----- select --------------------------------------------------------------------------------

int RunSelect(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::SelectOptions options;
        KC_ASSIGN_OR_RETURN(options.call_id, Ref(store, "call", a.call, "--call"));
        KC_ASSIGN_OR_RETURN(options.budget, YenOption(a.budget, "--budget"));
        options.full = a.full;
        options.trial = a.trial;
        if (!a.per_region.empty()) {
            KC_ASSIGN_OR_RETURN(options.per_region, YenOption(a.per_region, "--per-region"));
        }
        if (!a.trial_per_region.empty()) {
            KC_ASSIGN_OR_RETURN(options.trial_per_region,
                                YenOption(a.trial_per_region, "--trial-per-region"));
        }
        options.trial_weight = a.trial_weight;
        options.constraints = a.constraints;
        options.apply = a.apply;
        if (!a.decided_on.empty()) {
            KC_ASSIGN_OR_RETURN(options.decided_on, DateOption(a.decided_on, "--decided-on"));
        }
        if (!a.effective_fy.empty()) {
            KC_ASSIGN_OR_RETURN(options.effective_fy,
                                FiscalYearOption(a.effective_fy, "--effective-fy"));
        }
        options.funding_source = a.funding_source;
        options.note = a.note;
        KC_ASSIGN_OR_RETURN(auto report, app::SelectProposals(store, {"cli"}, options));
        if (g.json) {
            WriteOut(app::ToJson(report).dump(2) + "\n");
            return {};
        }
        Table table({T(g, "Rank", "順位"), T(g, "Proposal", "提案"), T(g, "Score", "総合得点"),
                     T(g, "Cost", "経費"), T(g, "Outcome", "結果"), T(g, "Why", "理由")},
                    {Align::kRight, Align::kLeft, Align::kRight, Align::kRight, Align::kLeft,
                     Align::kLeft});
        table.SetMaxWidths({0, 30, 0, 0, 0, 70});
        for (const auto& l : report.lines) {
            std::string outcome = l.outcome == "full"    ? T(g, "full", "事業実施")
                                  : l.outcome == "trial" ? T(g, "trial", "試行")
                                                         : T(g, "rejected", "不採択");
            Yen cost = l.outcome == "trial" ? l.cost_trial : l.cost_full;
            table.AddRow({std::to_string(l.rank), fmt::format("{} {}", l.proposal_id, l.title),
                          fmt::format("{:.2f}", l.score), Money(g, cost), outcome, l.reason});
        }
        WriteOut(table.Render(70));
        std::string summary =
            Ja(g) ? fmt::format("事業実施 {} 件・試行 {} 件、経費 {} / 予算 {}。{}", report.full,
                                report.trial, Money(g, report.cost), Money(g, report.budget),
                                report.applied ? "決定を記録しました。"
                                               : "プレビューのみ(--apply で記録)。")
                  : fmt::format("{} full, {} trial; cost {} of budget {}. {}", report.full,
                                report.trial, Money(g, report.cost), Money(g, report.budget),
                                report.applied ? "Decisions recorded."
                                               : "Preview only (--apply records the decisions).");
        std::fprintf(stderr, "%s\n", summary.c_str());
        return {};
    });
}

// ----- promote, grants, cluster evaluations ----------------------------------------------------

int RunPromote(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::PromoteOptions options;
        KC_ASSIGN_OR_RETURN(options.cluster_id, Ref(store, "cluster", a.cluster, "--cluster"));
        KC_ASSIGN_OR_RETURN(options.decided_on, DateOption(a.decided_on, "--decided-on"));
        KC_ASSIGN_OR_RETURN(options.effective_fy,
                            FiscalYearOption(a.effective_fy, "--effective-fy"));
        options.funding_source = a.funding_source;
        if (!a.proposal.empty()) {
            KC_ASSIGN_OR_RETURN(options.proposal_id,
                                Ref(store, "proposal", a.proposal, "--proposal"));
        }
        KC_ASSIGN_OR_RETURN(core::Id id, app::PromoteCluster(store, {"cli"}, options));
        std::fprintf(stderr, "%s\n",
                     T(g, fmt::format("promoted to full implementation (promotion {})", id),
                       fmt::format("本格実施へ移行しました(移行 {})", id))
                         .c_str());
        return {};
    });
}

int RunGrant(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        core::Grant grant;
        KC_ASSIGN_OR_RETURN(grant.cluster_id, Ref(store, "cluster", a.cluster, "--cluster"));
        KC_ASSIGN_OR_RETURN(grant.organization_id,
                            Ref(store, "organization", a.organization, "--recipient"));
        KC_ASSIGN_OR_RETURN(grant.fiscal_year, FiscalYearOption(a.fiscal_year, "--fy"));
        KC_ASSIGN_OR_RETURN(grant.amount, YenOption(a.amount, "--amount"));
        grant.kind = a.kind;
        if (!a.decided_on.empty()) {
            KC_ASSIGN_OR_RETURN(grant.decided_on, DateOption(a.decided_on, "--decided-on"));
        }
        KC_ASSIGN_OR_RETURN(core::Id id, app::AwardGrant(store, {"cli"}, grant));
        std::fprintf(
            stderr, "%s\n",
            T(g, fmt::format("grant {} recorded: {}", id, FormatYenShort(grant.amount)),
              fmt::format("補助金 {} を記録しました: {}", id, FormatYenJapanese(grant.amount)))
                .c_str());
        return {};
    });
}

int RunGrade(const Globals& g, const Args& a) {
    return WithStore(g, [&](store::Store& store) -> Status {
        app::GradeInput input;
        KC_ASSIGN_OR_RETURN(input.evaluation_id,
                            Ref(store, "cluster_evaluation", a.evaluation, "--evaluation"));
        KC_ASSIGN_OR_RETURN(input.grades, ParsePairs(a.grades, "--grade", "ITEM=S|A|B|C"));
        for (auto& [item, grade] : input.grades) grade = Lower(grade);
        KC_ASSIGN_OR_RETURN(input.comments, ParsePairs(a.comments, "--comment", "ITEM=TEXT"));
        input.overall = Lower(a.overall);
        input.summary = a.summary;
        KC_RETURN_IF_ERROR(app::GradeClusterEvaluation(store, {"cli"}, input));
        std::fprintf(stderr, "%s\n", T(g, "graded", "評定を記録しました").c_str());
        return {};
    });
}

void PrintItems(const Globals& g) {
    if (g.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& i : app::ClusterEvaluationItems()) {
            out.push_back({{"key", i.key}, {"ja", i.ja}, {"en", i.en}});
        }
        WriteOut(out.dump(2) + "\n");
        return;
    }
    Table table({T(g, "Item", "キー"), T(g, "Label", "評価項目")});
    for (const auto& i : app::ClusterEvaluationItems()) {
        table.AddRow({i.key, Ja(g) ? i.ja : i.en});
    }
    WriteOut(table.Render(60));
}

}  // namespace

void RegisterProgrammeCommands(CLI::App& app, Globals& g, int& status) {
    auto a = std::make_shared<Args>();

    auto* criteria = app.add_subcommand("criteria", "The evaluation criteria of calls");
    criteria->require_subcommand(1);
    auto* defaults = criteria->add_subcommand(
        "defaults",
        "Give a call the default criteria: R&D potential 0.3 and promise of industrialisation "
        "0.3 (scientific and technical, weighted highest), promotion structure 0.2 and regional "
        "commitment 0.2. Change weights afterwards with `kcluster update criterion ID "
        "weight=…`.\nExample: kcluster criteria defaults --call 2");
    defaults->add_option("--call", a->call, "Call (id or title)")->required();
    defaults->callback([&g, &status, a] { status = RunDefaultCriteria(g, *a); });

    auto* conflicts = app.add_subcommand(
        "conflicts",
        "Find the conflicts of interest between a call's reviewers and its proposals: same "
        "organisation (now or within the call's look-back years), co-authored publication or "
        "joint project with a proposal member or participant, staff of a proposing government. "
        "Declared conflicts are added with `kcluster add conflict kind=declared …`.\nExample: "
        "kcluster conflicts --call 2 --record");
    conflicts->add_option("--call", a->call, "Call (id or title)")->required();
    conflicts->add_flag("--record", a->record, "Write the new conflicts");
    conflicts->callback([&g, &status, a] { status = RunConflicts(g, *a); });

    auto* review = app.add_subcommand("review", "Reviewer assignment and reviews (査読)");
    review->require_subcommand(1);
    auto* assign = review->add_subcommand(
        "assign",
        "Assign reviewers to every proposal of a call optimally (min-cost flow): maximise the "
        "total affinity from the 目利き engine with the call's reviewers per proposal and load "
        "limits, never a conflicted pair. Shows the result as a diff against the current "
        "assignments (+ add, - remove, * kept because a review exists) and applies it in one "
        "transaction unless --preview. An infeasible call says which proposals or reviewers are "
        "short.\nExample: kcluster review assign --call 2 --preview --objective fair");
    assign->add_option("--call", a->call, "Call (id or title)")->required();
    assign->add_flag("--preview", a->preview, "Show the diff without writing");
    assign
        ->add_option("--objective", a->objective,
                     "total (maximise the sum of affinities) or fair (first the weakest "
                     "proposal's affinity, then the total)")
        ->check(CLI::IsMember({"total", "fair"}))
        ->capture_default_str();
    assign->callback([&g, &status, a] { status = RunAssign(g, *a); });

    auto* submit = review->add_subcommand(
        "submit",
        "Score an assigned proposal on every criterion of its call and submit (or --draft to "
        "save). Scores run from 1 to the call's highest score.\nExample: kcluster review submit "
        "--assignment 12 --score rd_potential=4 --score industrialisation=5 --score "
        "promotion_structure=3 --score regional_commitment=4 --comment \"…\"");
    submit->add_option("--assignment", a->assignment, "Review assignment id")->required();
    submit->add_option("--score", a->scores, "CRITERION=SCORE (repeat)")->required();
    submit->add_option("--comment", a->comment, "Comment");
    submit->add_flag("--draft", a->draft, "Save without submitting");
    submit->callback([&g, &status, a] { status = RunSubmit(g, *a); });

    auto* show = review->add_subcommand(
        "show",
        "The reviews of a proposal. With --as PERSON (a reviewer), others' reviews appear only "
        "after that reviewer submitted their own.\nExample: kcluster review show --proposal 3");
    show->add_option("--proposal", a->proposal, "Proposal (id or title)")->required();
    show->add_option("--as", a->as_person, "View as this reviewer (person id or name)");
    show->callback([&g, &status, a] { status = RunShowReviews(g, *a); });

    auto* hearing = app.add_subcommand("hearing", "Hearings (ヒアリング)");
    hearing->require_subcommand(1);
    auto* score = hearing->add_subcommand(
        "score",
        "Record a panel member's scores of a hearing (every criterion), replacing earlier "
        "ones.\nExample: kcluster hearing score --hearing 4 --member 120 --score rd_potential=4 "
        "…");
    score->add_option("--hearing", a->hearing, "Hearing id")->required();
    score->add_option("--member", a->member, "Panel member (person id or name)")->required();
    score->add_option("--score", a->scores, "CRITERION=SCORE (repeat)")->required();
    score->add_option("--comment", a->comment, "Comment");
    score->callback([&g, &status, a] { status = RunHearingScore(g, *a); });

    auto* evaluate = app.add_subcommand(
        "evaluate",
        "Comprehensive evaluation of a call: weighted review scores, calibrated for reviewer "
        "severity/leniency (additive reviewer effects, ridge), combined with hearing scores by "
        "the call's hearing weight; bootstrap intervals of scores and ranks. Records evaluation "
        "rows unless --dry-run.\nExample: kcluster evaluate --call 2 --lang ja");
    evaluate->add_option("--call", a->call, "Call (id or title)")->required();
    evaluate->add_option("--bootstrap", a->bootstrap, "Resamples (0 = no intervals)")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    evaluate->add_option("--lambda", a->lambda, "Ridge penalty on reviewer effects")
        ->check(CLI::Range(0.0, 1e6))
        ->capture_default_str();
    evaluate->add_option("--level", a->level, "Interval coverage")
        ->check(CLI::Range(0.5, 0.999))
        ->capture_default_str();
    evaluate->add_option("--seed", a->seed, "Bootstrap seed")->capture_default_str();
    evaluate->add_flag("--dry-run", a->dry_run, "Show without recording");
    evaluate->callback([&g, &status, a] { status = RunEvaluate(g, *a); });

    auto* select = app.add_subcommand(
        "select",
        "Choose the full and trial proposals of a call that maximise the comprehensive score "
        "under the budget and constraints (exact MIP, CBC), and explain every outcome. Costs: "
        "--per-region (default: the call's scale per region) × the proposal's regions; trial "
        "regions --trial-per-region (default: the call's trial scale). Constraints: "
        "per-prefecture<=N, per-field<=N, prefectures>=K, fields>=K, prefecture:NAME<=N, "
        "field:CODE>=N. --apply records decisions (with --decided-on), sets proposal statuses "
        "and creates one cluster per selected proposal; on a promotion call it promotes the "
        "trial clusters (with --effective-fy).\nExample: kcluster select --call 2 --budget 75億円 "
        "--full 10 --trial 6 --constraint per-prefecture<=2");
    select->add_option("--call", a->call, "Call (id or title)")->required();
    select->add_option("--budget", a->budget, "Budget per year (e.g. 75億円, 7500000000)")
        ->required();
    select->add_option("--full", a->full, "Exactly this many full selections");
    select->add_option("--trial", a->trial, "Exactly this many trial selections");
    select->add_option("--per-region", a->per_region, "Full cost per region per year");
    select->add_option("--trial-per-region", a->trial_per_region, "Trial cost per region per year");
    select
        ->add_option("--trial-weight", a->trial_weight,
                     "A trial selection counts this share of the score")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    select->add_option("--constraint", a->constraints, "A constraint (repeat)");
    select->add_flag("--apply", a->apply, "Record the decisions");
    select->add_option("--decided-on", a->decided_on, "Decision date (YYYY-MM-DD)");
    select->add_option("--effective-fy", a->effective_fy, "Promotion call: effective FY");
    select->add_option("--funding-source", a->funding_source, "Promotion call: funding source");
    select->add_option("--note", a->note, "Appended to every decision's reason");
    select->callback([&g, &status, a] { status = RunSelect(g, *a); });

    auto* promote = app.add_subcommand(
        "promote",
        "Promote a trial cluster to full implementation with its funding source.\nExample: "
        "kcluster promote --cluster 徳島健康・医療クラスター --decided-on 2003-02-01 "
        "--effective-fy 2003 --funding-source 補正予算");
    promote->add_option("--cluster", a->cluster, "Cluster (id or name)")->required();
    promote->add_option("--decided-on", a->decided_on, "Decision date")->required();
    promote->add_option("--effective-fy", a->effective_fy, "First full fiscal year")->required();
    promote->add_option("--funding-source", a->funding_source, "Funding source");
    promote->add_option("--proposal", a->proposal, "The progress-review proposal");
    promote->callback([&g, &status, a] { status = RunPromote(g, *a); });

    auto* grant = app.add_subcommand("grant", "Grants to clusters' core organisations");
    grant->require_subcommand(1);
    auto* award = grant->add_subcommand(
        "award",
        "Record a fiscal year's grant to a cluster's core organisation; refused when the FY's "
        "grants would exceed the programme budget (saying by how much).\nExample: kcluster "
        "grant award --cluster 1 --recipient 3 --fy 2004 --amount 5億円");
    award->add_option("--cluster", a->cluster, "Cluster (id or name)")->required();
    award->add_option("--recipient", a->organization, "Core organisation (id or name)")->required();
    award->add_option("--fy", a->fiscal_year, "Fiscal year")->required();
    award->add_option("--amount", a->amount, "Amount (e.g. 5億円)")->required();
    award->add_option("--kind", a->kind, "regular or supplementary")
        ->check(CLI::IsMember({"regular", "supplementary"}))
        ->capture_default_str();
    award->add_option("--decided-on", a->decided_on, "Grant decision date");
    award->callback([&g, &status, a] { status = RunGrant(g, *a); });

    auto* cluster_eval = app.add_subcommand(
        "cluster-eval", "Mid-term and post evaluations of clusters graded S/A/B/C");
    cluster_eval->require_subcommand(1);
    cluster_eval->add_subcommand("items", "The evaluation items (keys for --grade)")
        ->callback([&g] { PrintItems(g); });
    auto* grade = cluster_eval->add_subcommand(
        "grade",
        "Record the committee's grade of every item and the overall grade (stage → graded).\n"
        "Example: kcluster cluster-eval grade --evaluation 1 --grade overall=A --grade "
        "vision_targets=S … --overall A --summary \"…\"");
    grade->add_option("--evaluation", a->evaluation, "Cluster evaluation id")->required();
    grade->add_option("--grade", a->grades, "ITEM=S|A|B|C (repeat; every item)")->required();
    grade->add_option("--comment", a->comments, "ITEM=TEXT (repeat)");
    grade->add_option("--overall", a->overall, "Overall grade S|A|B|C")->required();
    grade->add_option("--summary", a->summary, "総評");
    grade->callback([&g, &status, a] { status = RunGrade(g, *a); });
}

}  // namespace kc::cli
