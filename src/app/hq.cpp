#include "app/hq.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/workflow_support.h"
#include "core/entities.h"
#include "core/schema.h"

namespace kc::app {

using core::Id;
using detail::ListBy;
using detail::PersonName;

namespace {

// The enum values of `entity.field`, in definition order.
const std::vector<core::EnumValue>& EnumOf(const core::EntityDef& def, const char* field) {
    const core::FieldDef* f = def.Find(field);
    KC_CHECK(f != nullptr, "unknown field");
    return f->enum_values;
}

// The calendar date of an ISO timestamp ("2026-11-30T09:49:16+09:00").
std::optional<Date> DateOfTimestamp(const std::string& timestamp) {
    if (timestamp.size() < 10) return std::nullopt;
    auto date = ParseDate(timestamp.substr(0, 10));
    if (!date) return std::nullopt;
    return *date;
}

std::optional<double> RateOf(Yen part, Yen whole) {
    if (whole.value <= 0) return std::nullopt;
    return static_cast<double>(part.value) / static_cast<double>(whole.value);
}

bool InFy(const std::optional<Date>& date, FiscalYear fy) {
    return date && FiscalYearOf(*date) == fy;
}

// The date a patent was granted, when the record knows it.
template <class A>
std::optional<Date> GrantedOn(const A& application) {
    if constexpr (requires { application.registered_on; }) {
        if (application.registered_on) return *application.registered_on;
    }
    return std::nullopt;
}

struct StageSpec {
    const char* key;
    const char* ja;
    const char* en;
};
constexpr StageSpec kStages[] = {
    {"needs", "ニーズ", "Needs"},
    {"matches", "マッチング", "Matches"},
    {"introductions", "紹介・面談", "Introductions"},
    {"feasibility_tests", "可能性試験", "Feasibility tests"},
    {"joint_research", "共同研究", "Joint research"},
    {"inventions", "発明", "Inventions"},
    {"applications", "特許出願", "Patent applications"},
    {"grants", "特許登録", "Patents granted"},
    {"licences", "ライセンス・製品化", "Licences and products"},
};

FunnelRow MakeRow(const std::vector<int64_t>& counts) {
    FunnelRow row;
    for (size_t i = 0; i < std::size(kStages); ++i) {
        FunnelStage stage;
        stage.key = kStages[i].key;
        stage.label_ja = kStages[i].ja;
        stage.label_en = kStages[i].en;
        stage.count = counts[i];
        if (i > 0 && counts[i - 1] > 0) {
            stage.conversion = static_cast<double>(counts[i]) / static_cast<double>(counts[i - 1]);
        }
        row.stages.push_back(std::move(stage));
    }
    return row;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Roster

Result<std::vector<RosterLine>> Roster(store::Store& store, Id cluster_id,
                                       std::optional<Date> date) {
    Date on = date ? *date : TodayTokyo();
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_RETURN_IF_ERROR(tx->Get<core::Cluster>(cluster_id));
    KC_ASSIGN_OR_RETURN(auto positions, ListBy<core::Position>(*tx, "cluster_id", cluster_id));
    const auto& roles = EnumOf(core::Position::Def(), "role");
    auto rank = [&](const std::string& role) {
        for (size_t i = 0; i < roles.size(); ++i) {
            if (roles[i].code == role) return i;
        }
        return roles.size();
    };
    std::vector<RosterLine> lines;
    for (const auto& p : positions) {
        if (p.from_date > on || (p.to_date && *p.to_date < on)) continue;
        KC_ASSIGN_OR_RETURN(auto person, tx->Get<core::Person>(p.person_id));
        RosterLine line;
        line.position_id = p.id;
        line.person_id = person.id;
        line.role = p.role;
        size_t r = rank(p.role);
        if (r < roles.size()) {
            line.role_ja = roles[r].label_ja;
            line.role_en = roles[r].label_en;
        }
        line.name = PersonName(person);
        if (person.organization_id) {
            KC_ASSIGN_OR_RETURN(auto org, tx->Get<core::Organization>(*person.organization_id));
            line.organization = org.name_ja;
        }
        line.from = p.from_date;
        line.to = p.to_date;
        lines.push_back(std::move(line));
    }
    std::stable_sort(lines.begin(), lines.end(), [&](const RosterLine& a, const RosterLine& b) {
        if (rank(a.role) != rank(b.role)) return rank(a.role) < rank(b.role);
        return a.person_id < b.person_id;
    });
    return lines;
}

// ---------------------------------------------------------------------------------------------
// Funnel

Result<FunnelReport> Funnel(store::Store& store, Id cluster_id, FiscalYear fy) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto cluster, tx->Get<core::Cluster>(cluster_id));
    FunnelReport report;
    report.cluster_id = cluster.id;
    report.cluster_name = cluster.name_ja;
    report.fiscal_year = fy;

    KC_ASSIGN_OR_RETURN(auto needs, ListBy<core::Need>(*tx, "cluster_id", cluster_id));
    std::unordered_map<Id, std::optional<Date>> need_date;
    std::vector<core::Match> matches;
    for (const auto& need : needs) {
        need_date[need.id] =
            need.registered_on ? need.registered_on : DateOfTimestamp(need.meta.created_at);
        KC_ASSIGN_OR_RETURN(auto rows, ListBy<core::Match>(*tx, "need_id", need.id));
        for (auto& m : rows) matches.push_back(std::move(m));
    }
    // The first activity on each match (its introduction).
    KC_ASSIGN_OR_RETURN(auto activities, ListBy<core::Activity>(*tx, "cluster_id", cluster_id));
    std::unordered_map<Id, Date> first_activity;
    for (const auto& a : activities) {
        if (!a.match_id) continue;
        auto [it, inserted] = first_activity.try_emplace(*a.match_id, a.activity_date);
        if (!inserted && a.activity_date < it->second) it->second = a.activity_date;
    }
    KC_ASSIGN_OR_RETURN(auto projects, ListBy<core::Project>(*tx, "cluster_id", cluster_id));
    KC_ASSIGN_OR_RETURN(auto inventions, ListBy<core::Invention>(*tx, "cluster_id", cluster_id));
    KC_ASSIGN_OR_RETURN(auto outcomes, ListBy<core::Outcome>(*tx, "cluster_id", cluster_id));

    // Counts one funnel: the matches in `scope` and everything that grew from them (or, for the
    // whole cluster, from any need: needs-driven projects are those with an origin need or match).
    auto count = [&](const std::function<bool(const core::Match&)>& in_scope,
                     bool whole_cluster) -> Result<std::vector<int64_t>> {
        std::vector<int64_t> c(std::size(kStages), 0);
        std::set<Id> scoped_matches, scoped_needs;
        for (const auto& m : matches) {
            if (!in_scope(m)) continue;
            scoped_matches.insert(m.id);
            scoped_needs.insert(m.need_id);
            std::optional<Date> suggested =
                m.suggested_on ? m.suggested_on : DateOfTimestamp(m.meta.created_at);
            if (InFy(suggested, fy)) ++c[1];
            bool introduced = m.status == "contacted" || m.status == "meeting" ||
                              m.status == "feasibility_test" || m.status == "joint_research" ||
                              first_activity.contains(m.id);
            if (introduced) {
                auto it = first_activity.find(m.id);
                std::optional<Date> when =
                    it != first_activity.end() ? std::optional<Date>(it->second) : suggested;
                if (InFy(when, fy)) ++c[2];
            }
            if (InFy(m.feasibility_on, fy)) ++c[3];
        }
        if (whole_cluster) {
            for (const auto& need : needs) {
                if (InFy(need_date[need.id], fy)) ++c[0];
            }
        } else {
            for (Id need : scoped_needs) {
                if (InFy(need_date[need], fy)) ++c[0];
            }
        }
        std::set<Id> funnel_projects;
        for (const auto& p : projects) {
            bool grown = (p.origin_match_id && scoped_matches.contains(*p.origin_match_id)) ||
                         (whole_cluster && p.origin_need_id.has_value());
            if (!grown) continue;
            funnel_projects.insert(p.id);
            if (InFy(p.starts_on, fy)) ++c[4];
        }
        for (const auto& inv : inventions) {
            if (!inv.project_id || !funnel_projects.contains(*inv.project_id)) continue;
            if (InFy(inv.disclosed_on, fy)) ++c[5];
            KC_ASSIGN_OR_RETURN(auto applications,
                                ListBy<core::PatentApplication>(*tx, "invention_id", inv.id));
            for (const auto& a : applications) {
                if (InFy(a.filing_date, fy)) ++c[6];
                if (a.status == "granted" && InFy(GrantedOn(a), fy)) ++c[7];
            }
            KC_ASSIGN_OR_RETURN(auto licences, ListBy<core::Licence>(*tx, "invention_id", inv.id));
            for (const auto& l : licences) {
                if (InFy(l.signed_on, fy)) ++c[8];
            }
        }
        for (const auto& o : outcomes) {
            if (o.kind != "product" || !o.project_id || !funnel_projects.contains(*o.project_id)) {
                continue;
            }
            if (InFy(o.outcome_date, fy)) ++c[8];
        }
        return c;
    };

    KC_ASSIGN_OR_RETURN(auto all, count([](const core::Match&) { return true; }, true));
    report.cluster = MakeRow(all);
    std::set<Id> coordinators;
    for (const auto& m : matches) {
        if (m.coordinator_id) coordinators.insert(*m.coordinator_id);
    }
    for (Id coordinator : coordinators) {
        KC_ASSIGN_OR_RETURN(auto counts, count(
                                             [&](const core::Match& m) {
                                                 return m.coordinator_id &&
                                                        *m.coordinator_id == coordinator;
                                             },
                                             false));
        FunnelRow row = MakeRow(counts);
        KC_ASSIGN_OR_RETURN(auto person, tx->Get<core::Person>(coordinator));
        row.who = PersonName(person);
        row.coordinator_id = coordinator;
        report.coordinators.push_back(std::move(row));
    }
    return report;
}

// ---------------------------------------------------------------------------------------------
// Ledger

Result<std::vector<LedgerYear>> LedgerSummary(store::Store& store, Id cluster_id,
                                              std::optional<FiscalYear> fiscal_year) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_RETURN_IF_ERROR(tx->Get<core::Cluster>(cluster_id));
    KC_ASSIGN_OR_RETURN(auto grants, ListBy<core::Grant>(*tx, "cluster_id", cluster_id));
    const auto& categories = EnumOf(core::LedgerEntry::Def(), "category");
    const auto& purposes = EnumOf(core::LedgerEntry::Def(), "purpose");
    std::map<int, LedgerYear> years;
    for (const auto& grant : grants) {
        if (fiscal_year && grant.fiscal_year != *fiscal_year) continue;
        LedgerYear& year = years[grant.fiscal_year.year];
        if (year.categories.empty()) {
            year.cluster_id = cluster_id;
            year.fiscal_year = grant.fiscal_year;
            for (const auto& c : categories) {
                year.categories.push_back({c.code, c.label_ja, c.label_en, Yen{}});
            }
            for (const auto& p : purposes) {
                year.purposes.push_back({p.code, p.label_ja, p.label_en, Yen{}, Yen{}, {}});
            }
        }
        year.granted.value += grant.amount.value;
        KC_ASSIGN_OR_RETURN(auto plans, ListBy<core::LedgerPlan>(*tx, "grant_id", grant.id));
        for (const auto& plan : plans) {
            year.planned.value += plan.amount.value;
            for (auto& p : year.purposes) {
                if (p.purpose == plan.purpose) p.planned.value += plan.amount.value;
            }
        }
        KC_ASSIGN_OR_RETURN(auto entries, ListBy<core::LedgerEntry>(*tx, "grant_id", grant.id));
        for (const auto& e : entries) {
            year.executed.value += e.amount.value;
            for (auto& c : year.categories) {
                if (c.category == e.category) c.executed.value += e.amount.value;
            }
            bool classified = false;
            for (auto& p : year.purposes) {
                if (p.purpose == e.purpose) {
                    p.executed.value += e.amount.value;
                    classified = true;
                }
            }
            if (!classified) year.unclassified.value += e.amount.value;
        }
    }
    std::vector<LedgerYear> out;
    for (auto& [fy, year] : years) {
        year.execution_rate = RateOf(year.executed, year.granted);
        for (auto& p : year.purposes) p.execution_rate = RateOf(p.executed, p.planned);
        out.push_back(std::move(year));
    }
    return out;
}

Status CheckLedgerEntry(store::Transaction& tx, const core::LedgerEntry& entry) {
    KC_ASSIGN_OR_RETURN(auto grant, tx.Get<core::Grant>(entry.grant_id));
    if (FiscalYearOf(entry.entry_date) != grant.fiscal_year) {
        return Fail(Error::Fields(
            "invalid ledger entry",
            {{"entry_date",
              fmt::format("a date in {} ({} to {}), the fiscal year of grant {}; an unspent "
                          "grant is not carried over",
                          FormatFiscalYear(grant.fiscal_year),
                          FormatIso(FiscalYearStart(grant.fiscal_year)),
                          FormatIso(FiscalYearEnd(grant.fiscal_year)), grant.id),
              FormatIso(entry.entry_date)}}));
    }
    if (entry.id == 0 && entry.purpose.empty()) {
        std::string codes;
        for (const auto& p : EnumOf(core::LedgerEntry::Def(), "purpose")) {
            codes += (codes.empty() ? "" : ", ") + p.code;
        }
        return Fail(Error::Fields(
            "invalid ledger entry",
            {{"purpose", fmt::format("the programme purpose of a new entry: {}", codes),
              "nothing"}}));
    }
    KC_ASSIGN_OR_RETURN(auto entries, ListBy<core::LedgerEntry>(tx, "grant_id", grant.id));
    int64_t total = entry.amount.value;
    for (const auto& e : entries) {
        if (e.id != entry.id) total += e.amount.value;
    }
    if (total > grant.amount.value) {
        return Fail(Error::FailedPrecondition(
            fmt::format("grant {} ({}) would be overspent by {}: entries would total {}", grant.id,
                        FormatYen(grant.amount), FormatYen(Yen{total - grant.amount.value}),
                        FormatYen(Yen{total}))));
    }
    if (!entry.project_id) return {};
    KC_ASSIGN_OR_RETURN(auto project, tx.Get<core::Project>(*entry.project_id));
    FiscalYear fy = grant.fiscal_year;
    store::Filter filter;
    filter.equals.emplace_back("project_id", project.id);
    filter.equals.emplace_back("fiscal_year", int64_t{fy.year});
    KC_ASSIGN_OR_RETURN(auto budgets, tx.List<core::ProjectBudget>(filter));
    if (budgets.empty()) {
        return Fail(Error::FailedPrecondition(
            fmt::format("project {} 「{}」 has no budget for {}: add its project_budget (the "
                        "grant plan of the year) before charging entries to it",
                        project.id, project.title, FormatFiscalYear(fy))));
    }
    KC_ASSIGN_OR_RETURN(auto charged, ListBy<core::LedgerEntry>(tx, "project_id", project.id));
    int64_t spent = entry.amount.value;
    for (const auto& e : charged) {
        if (e.id != entry.id && FiscalYearOf(e.entry_date) == fy) spent += e.amount.value;
    }
    const Yen& plan = budgets.front().grant_amount;
    if (spent > plan.value) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "project {} 「{}」 would exceed its {} grant plan ({}) by {}: entries charged to it "
            "would total {}",
            project.id, project.title, FormatFiscalYear(fy), FormatYen(plan),
            FormatYen(Yen{spent - plan.value}), FormatYen(Yen{spent}))));
    }
    return {};
}

Status CheckProjectBudget(store::Transaction& tx, const core::ProjectBudget& budget) {
    KC_ASSIGN_OR_RETURN(auto project, tx.Get<core::Project>(budget.project_id));
    KC_ASSIGN_OR_RETURN(auto budgets, ListBy<core::ProjectBudget>(tx, "project_id", project.id));
    for (const auto& other : budgets) {
        if (other.id != budget.id && other.fiscal_year == budget.fiscal_year) {
            return Fail(Error::Fields(
                "invalid project budget",
                {{"fiscal_year",
                  fmt::format("a fiscal year without a budget for project {} (budget {} already "
                              "plans {}; update it instead)",
                              project.id, other.id, FormatFiscalYear(other.fiscal_year)),
                  std::to_string(budget.fiscal_year.year)}}));
        }
    }
    KC_ASSIGN_OR_RETURN(auto charged, ListBy<core::LedgerEntry>(tx, "project_id", project.id));
    int64_t spent = 0;
    for (const auto& e : charged) {
        if (FiscalYearOf(e.entry_date) == budget.fiscal_year) spent += e.amount.value;
    }
    if (budget.grant_amount.value < spent) {
        return Fail(Error::Fields(
            "invalid project budget",
            {{"grant_amount",
              fmt::format("at least {}, already charged to project {} in {}", FormatYen(Yen{spent}),
                          project.id, FormatFiscalYear(budget.fiscal_year)),
              FormatYen(budget.grant_amount)}}));
    }
    return {};
}

Status CheckLedgerPlan(store::Transaction& tx, const core::LedgerPlan& plan) {
    KC_ASSIGN_OR_RETURN(auto grant, tx.Get<core::Grant>(plan.grant_id));
    KC_ASSIGN_OR_RETURN(auto plans, ListBy<core::LedgerPlan>(tx, "grant_id", grant.id));
    int64_t total = plan.amount.value;
    for (const auto& other : plans) {
        if (other.id == plan.id) continue;
        if (other.purpose == plan.purpose) {
            return Fail(Error::Fields(
                "invalid ledger plan",
                {{"purpose",
                  fmt::format("a purpose not yet planned for grant {} (plan {} already plans "
                              "it; update it instead)",
                              grant.id, other.id),
                  plan.purpose}}));
        }
        total += other.amount.value;
    }
    if (total > grant.amount.value) {
        return Fail(Error::FailedPrecondition(
            fmt::format("the plans of grant {} ({}) would exceed it by {}: they would total {}",
                        grant.id, FormatYen(grant.amount),
                        FormatYen(Yen{total - grant.amount.value}), FormatYen(Yen{total}))));
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Forums

Result<std::vector<ForumEffect>> ForumEffects(store::Store& store, Id cluster_id,
                                              std::optional<FiscalYear> fiscal_year) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_RETURN_IF_ERROR(tx->Get<core::Cluster>(cluster_id));
    KC_ASSIGN_OR_RETURN(auto forums, ListBy<core::Forum>(*tx, "cluster_id", cluster_id));
    KC_ASSIGN_OR_RETURN(auto projects, ListBy<core::Project>(*tx, "cluster_id", cluster_id));
    std::vector<ForumEffect> out;
    for (const auto& forum : forums) {
        if (fiscal_year && FiscalYearOf(forum.held_on) != *fiscal_year) continue;
        ForumEffect effect;
        effect.forum_id = forum.id;
        effect.title = forum.title;
        effect.kind = forum.kind;
        effect.held_on = forum.held_on;
        effect.attendees = forum.attendees;
        effect.presentations = forum.presentations;
        effect.consultations = forum.consultations;
        KC_ASSIGN_OR_RETURN(auto activities, ListBy<core::Activity>(*tx, "forum_id", forum.id));
        std::set<Id> matches;
        for (const auto& a : activities) {
            ++effect.follow_ups;
            if (a.match_id) matches.insert(*a.match_id);
        }
        effect.matches = static_cast<int64_t>(matches.size());
        for (const auto& p : projects) {
            if (p.origin_match_id && matches.contains(*p.origin_match_id)) ++effect.projects;
        }
        out.push_back(std::move(effect));
    }
    std::stable_sort(out.begin(), out.end(), [](const ForumEffect& a, const ForumEffect& b) {
        return a.held_on < b.held_on;
    });
    return out;
}

// ---------------------------------------------------------------------------------------------
// Joint research

Result<ProjectSummary> SummarizeProject(store::Store& store, const core::Viewer& viewer,
                                        Id project_id) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    ProjectSummary out;
    KC_ASSIGN_OR_RETURN(out.project, tx->Get<core::Project>(project_id));
    const core::Project& project = out.project;
    KC_ASSIGN_OR_RETURN(auto lead, tx->Get<core::Organization>(project.lead_organization_id));
    out.lead_organization = lead.name_ja;
    if (project.leader_id) {
        KC_ASSIGN_OR_RETURN(auto leader, tx->Get<core::Person>(*project.leader_id));
        out.leader = PersonName(leader);
    }
    if (project.origin_need_id) {
        KC_ASSIGN_OR_RETURN(auto need, tx->Get<core::Need>(*project.origin_need_id));
        out.origin = fmt::format("need {} 「{}」", need.id, need.title);
    } else if (project.origin_match_id) {
        out.origin = fmt::format("match {}", *project.origin_match_id);
    }
    std::vector<Id> organisations = {project.lead_organization_id};
    KC_ASSIGN_OR_RETURN(auto partners, ListBy<core::ProjectPartner>(*tx, "project_id", project.id));
    for (const auto& p : partners) {
        KC_ASSIGN_OR_RETURN(auto org, tx->Get<core::Organization>(p.organization_id));
        organisations.push_back(org.id);
        out.partners.push_back(
            {org.id, org.name_ja, p.role, org.kind == "company", org.sme, p.inside_region});
    }
    bool budget_visible = core::CanViewProjectBudget(viewer, project, organisations);
    if (budget_visible) {
        out.participation_fees = project.participation_fee;
        KC_ASSIGN_OR_RETURN(auto entries, ListBy<core::LedgerEntry>(*tx, "project_id", project.id));
        KC_ASSIGN_OR_RETURN(auto budgets,
                            ListBy<core::ProjectBudget>(*tx, "project_id", project.id));
        std::map<int, ProjectYear> by_year;
        for (const auto& b : budgets) {
            ProjectYear& year = by_year[b.fiscal_year.year];
            year.fiscal_year = b.fiscal_year;
            year.planned = b.grant_amount;
            year.company_fees = b.company_fees;
            out.planned_total = Yen{out.planned_total.value_or(Yen{}).value + b.grant_amount.value};
        }
        for (const auto& e : entries) {
            FiscalYear fy = FiscalYearOf(e.entry_date);
            ProjectYear& year = by_year[fy.year];
            year.fiscal_year = fy;
            year.from_grant.value += e.amount.value;
        }
        for (auto& [fy, year] : by_year) {
            if (year.planned) year.execution_rate = RateOf(year.from_grant, *year.planned);
            out.years.push_back(std::move(year));
        }
    } else {
        out.project.budget.reset();
        out.project.participation_fee.reset();
    }
    KC_ASSIGN_OR_RETURN(out.milestones, ListBy<core::Milestone>(*tx, "project_id", project.id));
    std::stable_sort(
        out.milestones.begin(), out.milestones.end(),
        [](const core::Milestone& a, const core::Milestone& b) {
            return a.due_on.value_or(Date{9999, 12, 31}) < b.due_on.value_or(Date{9999, 12, 31});
        });
    KC_ASSIGN_OR_RETURN(auto inventions, ListBy<core::Invention>(*tx, "project_id", project.id));
    for (const auto& invention : inventions) {
        ++out.inventions;
        KC_ASSIGN_OR_RETURN(auto applications, tx->Count(core::PatentApplication::Def(), [&] {
            store::Filter f;
            f.equals.emplace_back("invention_id", invention.id);
            return f;
        }()));
        out.applications += applications;
        KC_ASSIGN_OR_RETURN(auto licences, tx->Count(core::Licence::Def(), [&] {
            store::Filter f;
            f.equals.emplace_back("invention_id", invention.id);
            return f;
        }()));
        out.licences += licences;
    }
    KC_ASSIGN_OR_RETURN(auto outcomes, ListBy<core::Outcome>(*tx, "project_id", project.id));
    out.outcomes = static_cast<int64_t>(outcomes.size());
    return out;
}

Status DecideGate(store::Store& store, const store::Actor& actor, Id milestone_id,
                  const std::string& decision, Date date) {
    if (decision != "go" && decision != "revise" && decision != "stop") {
        return Fail(Error::Fields("invalid gate decision",
                                  {{"--decision", "go, revise or stop", decision}}));
    }
    return detail::InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto milestone, tx.Get<core::Milestone>(milestone_id));
        if (milestone.gate_decision != "pending") {
            return Fail(Error::FailedPrecondition(
                fmt::format("milestone {} was already decided ({}): a gate is decided once",
                            milestone.id, milestone.gate_decision)));
        }
        KC_ASSIGN_OR_RETURN(auto project, tx.Get<core::Project>(milestone.project_id));
        if (project.stage == "completed" || project.stage == "terminated") {
            return Fail(Error::FailedPrecondition(fmt::format(
                "project {} is {}: no further gate decisions", project.id, project.stage)));
        }
        milestone.gate_decision = decision;
        milestone.done_on = date;
        KC_RETURN_IF_ERROR(tx.Save(milestone));
        if (decision == "stop") {
            project.stage = "terminated";
            if (!project.ends_on || date < *project.ends_on) project.ends_on = date;
            KC_RETURN_IF_ERROR(tx.Save(project));
        } else if (decision == "go" && project.stage == "planned") {
            project.stage = "active";
            KC_RETURN_IF_ERROR(tx.Save(project));
        }
        return {};
    });
}

nlohmann::json ToJson(const ProjectSummary& s) {
    nlohmann::json partners = nlohmann::json::array();
    for (const auto& p : s.partners) {
        partners.push_back({{"organization_id", p.organization_id},
                            {"name", p.name},
                            {"role", p.role},
                            {"company", p.company},
                            {"sme", p.sme},
                            {"inside_region", p.inside_region}});
    }
    nlohmann::json years = nlohmann::json::array();
    auto yen = [](const std::optional<Yen>& y) {
        return y ? nlohmann::json(y->value) : nlohmann::json();
    };
    for (const auto& y : s.years) {
        years.push_back({{"fiscal_year", y.fiscal_year.year},
                         {"planned", yen(y.planned)},
                         {"company_fees", yen(y.company_fees)},
                         {"from_grant", y.from_grant.value},
                         {"execution_rate", y.execution_rate ? nlohmann::json(*y.execution_rate)
                                                             : nlohmann::json()}});
    }
    nlohmann::json milestones = nlohmann::json::array();
    for (const auto& m : s.milestones) {
        milestones.push_back(
            {{"id", m.id},
             {"title", m.title},
             {"due_on", m.due_on ? nlohmann::json(FormatIso(*m.due_on)) : nlohmann::json()},
             {"done_on", m.done_on ? nlohmann::json(FormatIso(*m.done_on)) : nlohmann::json()},
             {"gate_decision", m.gate_decision}});
    }
    return {
        {"id", s.project.id},
        {"title", s.project.title},
        {"stage", s.project.stage},
        {"lead_organization", s.lead_organization},
        {"leader", s.leader},
        {"origin", s.origin},
        {"budget", s.project.budget ? nlohmann::json(s.project.budget->value) : nlohmann::json()},
        {"participation_fees",
         s.participation_fees ? nlohmann::json(s.participation_fees->value) : nlohmann::json()},
        {"planned_total", yen(s.planned_total)},
        {"grant_by_fiscal_year", years},
        {"partners", partners},
        {"milestones", milestones},
        {"outputs",
         {{"inventions", s.inventions},
          {"applications", s.applications},
          {"licences", s.licences},
          {"outcomes", s.outcomes}}}};
}

// ---------------------------------------------------------------------------------------------
// Views

Result<core::Viewer> ViewerOf(store::Store& store, std::set<core::Role> roles,
                              std::optional<Id> person_id, Date date) {
    core::Viewer viewer;
    viewer.roles = std::move(roles);
    viewer.person_id = person_id;
    if (!person_id) return viewer;
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto person, tx->Get<core::Person>(*person_id));
    viewer.organization_id = person.organization_id;
    KC_ASSIGN_OR_RETURN(auto posts, ListBy<core::Position>(*tx, "person_id", person.id));
    for (const auto& p : posts) {
        if (p.from_date <= date && (!p.to_date || date <= *p.to_date)) {
            viewer.hq_clusters.insert(p.cluster_id);
        }
    }
    return viewer;
}

Result<std::vector<core::Project>> ProjectsFor(store::Store& store, const core::Viewer& viewer,
                                               Id cluster_id) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto projects, ListBy<core::Project>(*tx, "cluster_id", cluster_id));
    for (auto& project : projects) {
        KC_ASSIGN_OR_RETURN(auto partners,
                            ListBy<core::ProjectPartner>(*tx, "project_id", project.id));
        std::vector<Id> organisations = {project.lead_organization_id};
        for (const auto& p : partners) organisations.push_back(p.organization_id);
        if (!core::CanViewProjectBudget(viewer, project, organisations)) {
            project.budget.reset();
            project.participation_fee.reset();
        }
    }
    return projects;
}

Result<std::vector<core::Invention>> InventionsFor(store::Store& store, const core::Viewer& viewer,
                                                   Id cluster_id) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto inventions, ListBy<core::Invention>(*tx, "cluster_id", cluster_id));
    std::vector<core::Invention> visible;
    for (auto& invention : inventions) {
        KC_ASSIGN_OR_RETURN(auto inventors,
                            ListBy<core::Inventor>(*tx, "invention_id", invention.id));
        std::vector<Id> people;
        for (const auto& i : inventors) people.push_back(i.person_id);
        if (core::CanViewInvention(viewer, invention, people)) {
            visible.push_back(std::move(invention));
        }
    }
    return visible;
}

// ---------------------------------------------------------------------------------------------
// JSON

nlohmann::json ToJson(const std::vector<ForumEffect>& forums) {
    auto opt = [](const std::optional<int64_t>& v) {
        return v ? nlohmann::json(*v) : nlohmann::json();
    };
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : forums) {
        out.push_back({{"forum_id", f.forum_id},
                       {"title", f.title},
                       {"kind", f.kind},
                       {"held_on", FormatIso(f.held_on)},
                       {"attendees", opt(f.attendees)},
                       {"presentations", opt(f.presentations)},
                       {"consultations", opt(f.consultations)},
                       {"follow_ups", f.follow_ups},
                       {"matches", f.matches},
                       {"projects", f.projects}});
    }
    return out;
}

nlohmann::json ToJson(const FunnelReport& report) {
    auto row = [](const FunnelRow& r) {
        nlohmann::json stages = nlohmann::json::array();
        for (const auto& s : r.stages) {
            stages.push_back(
                {{"stage", s.key},
                 {"label_ja", s.label_ja},
                 {"label_en", s.label_en},
                 {"count", s.count},
                 {"conversion", s.conversion ? nlohmann::json(*s.conversion) : nlohmann::json()}});
        }
        nlohmann::json out = {{"stages", stages}};
        if (r.coordinator_id) {
            out["coordinator_id"] = *r.coordinator_id;
            out["coordinator"] = r.who;
        }
        return out;
    };
    nlohmann::json coordinators = nlohmann::json::array();
    for (const auto& c : report.coordinators) coordinators.push_back(row(c));
    return {{"cluster_id", report.cluster_id},
            {"cluster", report.cluster_name},
            {"fiscal_year", report.fiscal_year.year},
            {"funnel", row(report.cluster)},
            {"coordinators", coordinators}};
}

nlohmann::json ToJson(const std::vector<LedgerYear>& years) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& y : years) {
        nlohmann::json categories = nlohmann::json::object();
        for (const auto& c : y.categories) categories[c.category] = c.executed.value;
        nlohmann::json purposes = nlohmann::json::array();
        for (const auto& p : y.purposes) {
            purposes.push_back(
                {{"purpose", p.purpose},
                 {"label_ja", p.label_ja},
                 {"label_en", p.label_en},
                 {"planned", p.planned.value},
                 {"executed", p.executed.value},
                 {"execution_rate",
                  p.execution_rate ? nlohmann::json(*p.execution_rate) : nlohmann::json()}});
        }
        out.push_back({{"fiscal_year", y.fiscal_year.year},
                       {"granted", y.granted.value},
                       {"planned", y.planned.value},
                       {"executed", y.executed.value},
                       {"execution_rate",
                        y.execution_rate ? nlohmann::json(*y.execution_rate) : nlohmann::json()},
                       {"categories", categories},
                       {"purposes", purposes},
                       {"unclassified", y.unclassified.value},
                       {"carry_over", "none"}});
    }
    return out;
}

nlohmann::json ToJson(const std::vector<RosterLine>& roster) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : roster) {
        out.push_back({{"position_id", l.position_id},
                       {"person_id", l.person_id},
                       {"role", l.role},
                       {"role_ja", l.role_ja},
                       {"role_en", l.role_en},
                       {"name", l.name},
                       {"organization", l.organization},
                       {"from", FormatIso(l.from)},
                       {"to", l.to ? nlohmann::json(FormatIso(*l.to)) : nlohmann::json()}});
    }
    return out;
}

}  // namespace kc::app
