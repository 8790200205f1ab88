#include "app/inventions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "app/workflow_support.h"
#include "core/entities.h"
#include "core/schema.h"

namespace kc::app {

using core::Id;
using detail::InTransaction;
using detail::ListBy;
using detail::PersonName;

namespace {

// Shares are percentages with at most two decimals in practice (33.33 + 33.33 + 33.34).
constexpr double kShareTolerance = 0.005;

std::string ShareText(double percent) {
    std::string text = fmt::format("{:.2f}", percent);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text + "%";
}

// The label of `code` in the enum of `entity.field`, or the code itself.
std::string EnumLabel(const core::EntityDef& def, const char* field, const std::string& code,
                      bool ja) {
    if (const core::FieldDef* f = def.Find(field)) {
        for (const auto& value : f->enum_values) {
            if (value.code == code) return ja ? value.label_ja : value.label_en;
        }
    }
    return code;
}

bool EndedStatus(const std::string& status) { return status == "abandoned" || status == "refused"; }

// Whether `person` holds an adviser or patent-attorney post in `cluster`'s HQ on `date`.
Result<bool> HoldsAdviserPost(store::Transaction& tx, Id cluster, Id person, Date date) {
    KC_ASSIGN_OR_RETURN(auto posts, ListBy<core::Position>(tx, "person_id", person));
    for (const auto& p : posts) {
        if (p.cluster_id != cluster) continue;
        if (p.role != "adviser" && p.role != "patent_attorney") continue;
        if (p.from_date <= date && (!p.to_date || date <= *p.to_date)) return true;
    }
    return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Disclosure

Result<Id> DiscloseInvention(store::Store& store, const store::Actor& actor,
                             const DiscloseInput& input) {
    std::vector<FieldError> errors;
    if (input.title.empty()) errors.push_back({"--title", "the invention's title", "nothing"});
    if (input.inventors.empty()) {
        errors.push_back({"--inventor", "at least one inventor (a person)", "nothing"});
    }
    std::set<Id> seen;
    for (Id person : input.inventors) {
        if (!seen.insert(person).second) {
            errors.push_back({"--inventor", "each inventor once", fmt::format("{} twice", person)});
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid disclosure", std::move(errors)));
    return InTransaction(store, actor, true, [&](store::Transaction& tx) -> Result<Id> {
        KC_ASSIGN_OR_RETURN(auto cluster, tx.Get<core::Cluster>(input.cluster_id));
        if (input.project_id) {
            KC_ASSIGN_OR_RETURN(auto project, tx.Get<core::Project>(*input.project_id));
            if (project.cluster_id != cluster.id) {
                return Fail(Error::Fields(
                    "invalid disclosure",
                    {{"--project",
                      fmt::format("a project of cluster {} 「{}」", cluster.id, cluster.name_ja),
                      fmt::format("project {} of cluster {}", project.id, project.cluster_id)}}));
            }
        }
        for (Id person : input.inventors) {
            KC_ASSIGN_OR_RETURN(bool exists, tx.Exists(core::Person::Def(), person));
            if (!exists) {
                return Fail(Error::Fields("invalid disclosure",
                                          {{"--inventor", "an existing person",
                                            fmt::format("person {} (not found)", person)}}));
            }
        }
        core::Invention invention;
        invention.cluster_id = cluster.id;
        invention.project_id = input.project_id;
        invention.title = input.title;
        invention.disclosed_on = input.disclosed_on;
        invention.status = "disclosed";
        KC_ASSIGN_OR_RETURN(Id id, tx.Add(invention));
        for (Id person : input.inventors) {
            core::Inventor inventor;
            inventor.invention_id = id;
            inventor.person_id = person;
            KC_RETURN_IF_ERROR(tx.Add(inventor));
        }
        return id;
    });
}

// ---------------------------------------------------------------------------------------------
// Assessment

Status AssessInvention(store::Store& store, const store::Actor& actor, const AssessInput& input) {
    if (input.decision != "file" && input.decision != "abandon") {
        return Fail(Error::Fields("invalid assessment",
                                  {{"--decision", "file or abandon", input.decision}}));
    }
    return InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto invention, tx.Get<core::Invention>(input.invention_id));
        KC_ASSIGN_OR_RETURN(auto adviser, tx.Get<core::Person>(input.adviser_id));
        if (invention.status != "disclosed") {
            return Fail(Error::FailedPrecondition(
                fmt::format("invention {} is already {}: only a disclosed invention is assessed",
                            invention.id, invention.status)));
        }
        if (input.on < invention.disclosed_on) {
            return Fail(Error::Fields("invalid assessment",
                                      {{"--date",
                                        fmt::format("a date not before the disclosure ({})",
                                                    FormatIso(invention.disclosed_on)),
                                        FormatIso(input.on)}}));
        }
        KC_ASSIGN_OR_RETURN(bool adviser_ok,
                            HoldsAdviserPost(tx, invention.cluster_id, adviser.id, input.on));
        if (!adviser_ok) {
            return Fail(Error::Fields(
                "invalid assessment",
                {{"--adviser",
                  fmt::format("a person holding an adviser or patent-attorney post in the HQ of "
                              "cluster {} on {}",
                              invention.cluster_id, FormatIso(input.on)),
                  fmt::format("{} {} (no such post then)", adviser.id, PersonName(adviser))}}));
        }
        invention.status = input.decision == "file" ? "assessed" : "abandoned";
        invention.adviser_id = adviser.id;
        invention.assessed_on = input.on;
        invention.assessment_note = input.note;
        return tx.Save(invention);
    });
}

// ---------------------------------------------------------------------------------------------
// Filing

Result<Id> FileApplication(store::Store& store, const store::Actor& actor, const FileInput& input) {
    return InTransaction(store, actor, true, [&](store::Transaction& tx) -> Result<Id> {
        KC_ASSIGN_OR_RETURN(auto invention, tx.Get<core::Invention>(input.invention_id));
        if (invention.status == "disclosed") {
            return Fail(Error::FailedPrecondition(
                fmt::format("invention {} is not assessed yet: an adviser decides to file first "
                            "(kcluster ip assess --invention {} --adviser … --decision file)",
                            invention.id, invention.id)));
        }
        if (EndedStatus(invention.status)) {
            return Fail(Error::FailedPrecondition(
                fmt::format("invention {} is {}: nothing more is filed for it", invention.id,
                            invention.status)));
        }
        if (input.filed < invention.disclosed_on) {
            return Fail(Error::Fields("invalid application",
                                      {{"--filed",
                                        fmt::format("a date not before the disclosure ({})",
                                                    FormatIso(invention.disclosed_on)),
                                        FormatIso(input.filed)}}));
        }
        KC_RETURN_IF_ERROR(CheckApplicantShares(tx, invention.id));
        core::PatentApplication application;
        application.invention_id = invention.id;
        application.office = input.office;
        application.application_number = input.number;
        application.filing_date = input.filed;
        application.priority_date = input.priority;
        application.status = "filed";
        application.attorney_id = input.attorney_id;
        if (!application.attorney_id && invention.adviser_id) {
            KC_ASSIGN_OR_RETURN(
                bool attorney,
                HoldsAdviserPost(tx, invention.cluster_id, *invention.adviser_id, input.filed));
            if (attorney) application.attorney_id = invention.adviser_id;
        }
        auto id = tx.Add(application);
        if (!id) {
            // Field errors of the record name its columns; the user typed options.
            Error error = id.error();
            if (error.fields.empty()) return Fail(error);
            for (auto& field : error.fields) {
                if (field.path == "office") field.path = "--office";
                if (field.path == "filing_date") field.path = "--filed";
                if (field.path == "priority_date") field.path = "--priority";
            }
            return Fail(Error::Fields("invalid application", std::move(error.fields)));
        }
        if (invention.status == "assessed") {
            invention.status = "filed";
            KC_RETURN_IF_ERROR(tx.Save(invention));
        }
        if (input.office == "pct" && invention.status == "filed") {
            invention.status = "pct";
            KC_RETURN_IF_ERROR(tx.Save(invention));
        }
        return *id;
    });
}

// ---------------------------------------------------------------------------------------------
// Co-applicants

Status CheckApplicantShares(store::Transaction& tx, Id invention_id) {
    KC_ASSIGN_OR_RETURN(auto rows,
                        ListBy<core::InventionApplicant>(tx, "invention_id", invention_id));
    if (rows.empty()) return {};
    double total = 0;
    for (const auto& r : rows) total += r.share_percent;
    if (std::abs(total - 100.0) > kShareTolerance) {
        return Fail(Error::FailedPrecondition(fmt::format(
            "the co-applicants' shares of invention {} sum to {}, not 100%: set them all with "
            "kcluster ip applicants --invention {} --set ORG=PCT …",
            invention_id, ShareText(total), invention_id)));
    }
    return {};
}

Status CheckInventionApplicant(store::Transaction& tx, const core::InventionApplicant& applicant) {
    KC_ASSIGN_OR_RETURN(
        auto rows, ListBy<core::InventionApplicant>(tx, "invention_id", applicant.invention_id));
    double total = applicant.share_percent;
    for (const auto& r : rows) {
        if (r.id == applicant.id) continue;
        if (r.organization_id == applicant.organization_id) {
            return Fail(Error::Fields(
                "invalid co-applicant",
                {{"organization_id",
                  fmt::format("an organisation not yet applying for invention {} (row {} has "
                              "it; update that row)",
                              applicant.invention_id, r.id),
                  std::to_string(applicant.organization_id)}}));
        }
        total += r.share_percent;
    }
    if (total > 100.0 + kShareTolerance) {
        return Fail(
            Error::Fields("invalid co-applicant",
                          {{"share_percent",
                            fmt::format("at most {} (the shares of invention {} sum to 100%)",
                                        ShareText(100.0 - (total - applicant.share_percent)),
                                        applicant.invention_id),
                            ShareText(applicant.share_percent)}}));
    }
    return {};
}

Status SetApplicants(store::Store& store, const store::Actor& actor, Id invention_id,
                     const std::vector<std::pair<Id, double>>& shares) {
    std::vector<FieldError> errors;
    if (shares.empty()) errors.push_back({"--set", "at least one ORG=PERCENT", "nothing"});
    std::set<Id> seen;
    double total = 0;
    for (const auto& [org, share] : shares) {
        if (!(share > 0 && share <= 100)) {
            errors.push_back(
                {"--set", "a share above 0 and at most 100", fmt::format("{}={}", org, share)});
        }
        if (!seen.insert(org).second) {
            errors.push_back({"--set", "each organisation once", fmt::format("{} twice", org)});
        }
        total += share;
    }
    if (!shares.empty() && std::abs(total - 100.0) > kShareTolerance) {
        errors.push_back({"--set", "shares summing to 100%", ShareText(total)});
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid co-applicants", std::move(errors)));
    return InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto invention, tx.Get<core::Invention>(invention_id));
        for (const auto& [org, share] : shares) {
            KC_ASSIGN_OR_RETURN(bool exists, tx.Exists(core::Organization::Def(), org));
            if (!exists) {
                return Fail(Error::Fields("invalid co-applicants",
                                          {{"--set", "an existing organisation",
                                            fmt::format("organisation {} (not found)", org)}}));
            }
        }
        KC_ASSIGN_OR_RETURN(auto old,
                            ListBy<core::InventionApplicant>(tx, "invention_id", invention.id));
        for (const auto& row : old) {
            KC_RETURN_IF_ERROR(tx.Delete(core::InventionApplicant::Def(), row.id));
        }
        for (const auto& [org, share] : shares) {
            core::InventionApplicant row;
            row.invention_id = invention.id;
            row.organization_id = org;
            row.share_percent = share;
            KC_RETURN_IF_ERROR(tx.Add(row));
        }
        return CheckApplicantShares(tx, invention.id);
    });
}

// ---------------------------------------------------------------------------------------------
// The invention as a whole

Result<InventionView> ShowInvention(store::Store& store, const core::Viewer& viewer,
                                    Id invention_id, Date today) {
    InventionView view;
    {
        // UpcomingDeadlines opens its own transaction: this one ends first.
        KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
        KC_ASSIGN_OR_RETURN(view.invention, tx->Get<core::Invention>(invention_id));
        const core::Invention& invention = view.invention;
        KC_ASSIGN_OR_RETURN(auto inventors,
                            ListBy<core::Inventor>(*tx, "invention_id", invention.id));
        std::vector<Id> people;
        for (const auto& i : inventors) people.push_back(i.person_id);
        if (!core::CanViewInvention(viewer, invention, people)) {
            return Fail(Error{ErrorCode::kPermissionDenied,
                              fmt::format("invention {} is unpublished: only its inventors, the "
                                          "HQ and advisers of its cluster may see it",
                                          invention.id),
                              {}});
        }
        KC_ASSIGN_OR_RETURN(auto cluster, tx->Get<core::Cluster>(invention.cluster_id));
        view.cluster_name = cluster.name_ja;
        if (invention.project_id) {
            KC_ASSIGN_OR_RETURN(auto project, tx->Get<core::Project>(*invention.project_id));
            view.project_title = project.title;
        }
        for (Id person : people) {
            KC_ASSIGN_OR_RETURN(auto p, tx->Get<core::Person>(person));
            view.inventors.emplace_back(p.id, PersonName(p));
        }
        auto add = [&](Date on, std::string status, std::string what, std::string what_en) {
            view.history.push_back({on, std::move(status), std::move(what), std::move(what_en)});
        };
        add(invention.disclosed_on, "disclosed", "発明届出", "Disclosed");
        if (invention.assessed_on) {
            std::string who;
            if (invention.adviser_id) {
                KC_ASSIGN_OR_RETURN(auto adviser, tx->Get<core::Person>(*invention.adviser_id));
                view.adviser = PersonName(adviser);
                who = view.adviser;
            }
            KC_ASSIGN_OR_RETURN(view.applications,
                                ListBy<core::PatentApplication>(*tx, "invention_id", invention.id));
            // Abandoned with nothing filed: the adviser decided not to file.
            bool not_filed = invention.status == "abandoned" && view.applications.empty();
            std::string by_ja = who.empty() ? std::string() : fmt::format("{}による", who);
            std::string by_en = who.empty() ? std::string() : fmt::format(" by {}", who);
            add(*invention.assessed_on, not_filed ? "abandoned" : "assessed",
                not_filed ? fmt::format("{}評価(出願せず放棄)", by_ja)
                          : fmt::format("{}評価(出願へ)", by_ja),
                not_filed ? fmt::format("Assessed{}: abandoned without filing", by_en)
                          : fmt::format("Assessed{}: to be filed", by_en));
        } else {
            KC_ASSIGN_OR_RETURN(view.applications,
                                ListBy<core::PatentApplication>(*tx, "invention_id", invention.id));
        }
        std::stable_sort(
            view.applications.begin(), view.applications.end(),
            [](const auto& a, const auto& b) { return a.filing_date < b.filing_date; });
        for (const auto& a : view.applications) {
            std::string office_ja =
                EnumLabel(core::PatentApplication::Def(), "office", a.office, true);
            add(a.filing_date, a.office == "pct" ? "pct" : "filed",
                fmt::format("出願({}{}{})", office_ja, a.application_number.empty() ? "" : " ",
                            a.application_number),
                fmt::format("Filed ({}{}{})", a.office, a.application_number.empty() ? "" : " ",
                            a.application_number));
            if (a.examination_requested_on) {
                add(*a.examination_requested_on, "examination_requested",
                    fmt::format("審査請求({})", office_ja),
                    fmt::format("Examination requested ({})", a.office));
            }
            if (a.registered_on) {
                add(*a.registered_on, "granted", fmt::format("設定登録({})", office_ja),
                    fmt::format("Registered ({})", a.office));
            }
        }
        KC_ASSIGN_OR_RETURN(auto licences,
                            ListBy<core::Licence>(*tx, "invention_id", invention.id));
        for (const auto& l : licences) {
            KC_ASSIGN_OR_RETURN(auto licensee, tx->Get<core::Organization>(l.licensee_id));
            add(l.signed_on, "licensed", fmt::format("実施許諾({})", licensee.name_ja),
                fmt::format("Licensed to {}",
                            licensee.name_en.empty() ? licensee.name_ja : licensee.name_en));
        }
        std::stable_sort(view.history.begin(), view.history.end(),
                         [](const auto& a, const auto& b) { return a.on < b.on; });
        KC_ASSIGN_OR_RETURN(auto applicants,
                            ListBy<core::InventionApplicant>(*tx, "invention_id", invention.id));
        for (const auto& a : applicants) {
            KC_ASSIGN_OR_RETURN(auto org, tx->Get<core::Organization>(a.organization_id));
            view.applicants.push_back({org.id, org.name_ja, org.kind, a.share_percent});
        }
    }
    UpcomingOptions options;
    options.today = today;
    options.within_days = 3 * 366;
    options.overdue_days = 366;
    options.cluster_id = view.invention.cluster_id;
    KC_ASSIGN_OR_RETURN(auto deadlines, UpcomingDeadlines(store, options));
    for (auto& d : deadlines) {
        if (d.invention_id == view.invention.id) view.deadlines.push_back(std::move(d));
    }
    return view;
}

nlohmann::json ToJson(const InventionView& view) {
    const core::Invention& inv = view.invention;
    nlohmann::json inventors = nlohmann::json::array();
    for (const auto& [id, name] : view.inventors) {
        inventors.push_back({{"person_id", id}, {"name", name}});
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& e : view.history) {
        history.push_back({{"date", FormatIso(e.on)},
                           {"status", e.status},
                           {"event_ja", e.what},
                           {"event_en", e.what_en}});
    }
    nlohmann::json applicants = nlohmann::json::array();
    for (const auto& a : view.applicants) {
        applicants.push_back({{"organization_id", a.organization_id},
                              {"name", a.name},
                              {"kind", a.kind},
                              {"share_percent", a.share_percent}});
    }
    nlohmann::json applications = nlohmann::json::array();
    for (const auto& a : view.applications) {
        auto date = [](const std::optional<Date>& d) {
            return d ? nlohmann::json(FormatIso(*d)) : nlohmann::json();
        };
        applications.push_back({{"id", a.id},
                                {"office", a.office},
                                {"application_number", a.application_number},
                                {"filing_date", FormatIso(a.filing_date)},
                                {"priority_date", date(a.priority_date)},
                                {"status", a.status},
                                {"examination_requested_on", date(a.examination_requested_on)},
                                {"registered_on", date(a.registered_on)}});
    }
    nlohmann::json deadlines = nlohmann::json::array();
    for (const auto& d : view.deadlines) {
        deadlines.push_back({{"application_id", d.application_id},
                             {"key", d.dated.deadline.key},
                             {"label_ja", d.dated.deadline.label_ja},
                             {"label_en", d.dated.deadline.label_en},
                             {"due", FormatIso(d.dated.deadline.due)},
                             {"days_left", d.dated.days_left},
                             {"urgency", UrgencyCode(d.dated.urgency)}});
    }
    return {{"id", inv.id},
            {"cluster_id", inv.cluster_id},
            {"cluster", view.cluster_name},
            {"project_id", inv.project_id ? nlohmann::json(*inv.project_id) : nlohmann::json()},
            {"project", view.project_title},
            {"title", inv.title},
            {"status", inv.status},
            {"published", inv.published},
            {"disclosed_on", FormatIso(inv.disclosed_on)},
            {"adviser", view.adviser},
            {"assessed_on",
             inv.assessed_on ? nlohmann::json(FormatIso(*inv.assessed_on)) : nlohmann::json()},
            {"assessment_note", inv.assessment_note},
            {"inventors", inventors},
            {"history", history},
            {"applicants", applicants},
            {"applications", applications},
            {"deadlines", deadlines}};
}

}  // namespace kc::app
