#include "app/ip.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/workflow_support.h"
#include "core/entities.h"
#include "util/text.h"

namespace kc::app {
namespace {

using core::Id;
using detail::PersonName;

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The office codes of patent_application ("jp", "pct", ...), from the entity definition.
std::vector<std::string> OfficeCodes() {
    std::vector<std::string> codes;
    if (const core::FieldDef* field = core::PatentApplication::Def().Find("office")) {
        for (const auto& value : field->enum_values) codes.push_back(value.code);
    }
    return codes;
}

DatedDeadline Dated(core::Deadline deadline, Date today) {
    DatedDeadline dated;
    dated.days_left = DaysBetween(today, deadline.due);
    dated.urgency = UrgencyOf(dated.days_left);
    dated.deadline = std::move(deadline);
    return dated;
}

// Whether `deadline` of `application` was met by another application of the same invention (see
// UpcomingDeadlines).
bool MetBySibling(const core::Deadline& deadline, const core::PatentApplication& application,
                  const std::vector<const core::PatentApplication*>& siblings) {
    for (const core::PatentApplication* other : siblings) {
        if (other->id == application.id || other->office == application.office) continue;
        if (deadline.key == "paris_priority" && other->priority_date == deadline.anchor_date &&
            application.filing_date <= other->filing_date) {
            return true;
        }
        if (deadline.key == "pct_national_phase" && other->office != "pct" &&
            application.filing_date < other->filing_date) {
            return true;
        }
    }
    return false;
}

}  // namespace

Urgency UrgencyOf(int64_t days_left) {
    if (days_left < 0) return Urgency::kOverdue;
    if (days_left <= 14) return Urgency::kCritical;
    if (days_left <= 30) return Urgency::kUrgent;
    if (days_left <= 90) return Urgency::kSoon;
    return Urgency::kLater;
}

std::string_view UrgencyCode(Urgency urgency) {
    switch (urgency) {
        case Urgency::kOverdue:
            return "overdue";
        case Urgency::kCritical:
            return "critical";
        case Urgency::kUrgent:
            return "urgent";
        case Urgency::kSoon:
            return "soon";
        case Urgency::kLater:
            return "later";
    }
    return "later";
}

std::string_view UrgencyLabelJa(Urgency urgency) {
    switch (urgency) {
        case Urgency::kOverdue:
            return "期限超過";
        case Urgency::kCritical:
            return "緊急";
        case Urgency::kUrgent:
            return "至急";
        case Urgency::kSoon:
            return "近日";
        case Urgency::kLater:
            return "先";
    }
    return "先";
}

int64_t DaysBetween(Date today, Date date) { return DaysFromCivil(date) - DaysFromCivil(today); }

Result<int64_t> ParseWindow(std::string_view text, Date today) {
    std::string_view trimmed = Trim(text);
    auto invalid = [&] {
        return Fail(Error::InvalidArgument(fmt::format(
            "expected a number of days (90 or 90d), weeks (12w), months (6m) or years (1y), got {}",
            QuoteForMessage(text))));
    };
    if (trimmed.empty()) return invalid();
    char unit = 'd';
    std::string_view digits = trimmed;
    if (std::isalpha(static_cast<unsigned char>(trimmed.back()))) {
        unit = static_cast<char>(std::tolower(static_cast<unsigned char>(trimmed.back())));
        digits = trimmed.substr(0, trimmed.size() - 1);
    }
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        })) {
        return invalid();
    }
    auto number = ParseInt(digits);
    // 100 years is far beyond any patent term; the bound keeps the arithmetic small.
    if (!number || *number > 36'500) return invalid();
    switch (unit) {
        case 'd':
            return *number;
        case 'w':
            return *number * 7;
        case 'm':
            if (*number > 1200) return invalid();
            return DaysBetween(today, core::AddPeriod(today, static_cast<int>(*number)));
        case 'y':
            if (*number > 100) return invalid();
            return DaysBetween(today, core::AddPeriod(today, static_cast<int>(*number) * 12));
        default:
            return invalid();
    }
}

Result<RulesResult> IpRules(const RulesQuery& query) {
    RulesResult result;
    result.query = query;
    result.query.office = Lower(Trim(query.office));
    std::vector<std::string> offices = OfficeCodes();
    if (std::find(offices.begin(), offices.end(), result.query.office) == offices.end()) {
        std::string known;
        for (const auto& code : offices) known += (known.empty() ? "" : ", ") + code;
        return Fail(Error::InvalidArgument(fmt::format("office: expected one of {}, got {}", known,
                                                       QuoteForMessage(query.office))));
    }
    if (query.filed < query.priority) {
        return Fail(Error::InvalidArgument(
            fmt::format("priority: the priority date ({}) must not be after the filing date ({})",
                        FormatIso(query.priority), FormatIso(query.filed))));
    }
    if (query.registered && *query.registered < query.filed) {
        return Fail(Error::InvalidArgument(
            fmt::format("registered: the registration ({}) must not be before the filing date ({})",
                        FormatIso(*query.registered), FormatIso(query.filed))));
    }
    Date paris_end = core::AddPeriod(query.priority, 12);
    if (paris_end < query.filed) {
        result.warnings_en.push_back(fmt::format(
            "filed {} after the 12-month priority period ended on {}: the priority claim is out "
            "of time (Paris Convention Art. 4C)",
            FormatIso(query.filed), FormatIso(paris_end)));
        result.warnings_ja.push_back(
            fmt::format("出願日 {} は優先期間(12月)の満了日 {} より後です: 優先権主張はできません"
                        "(パリ条約第4条C)",
                        FormatIso(query.filed), FormatIso(paris_end)));
    }
    core::CaseDates dates{query.filed, query.priority, query.registered};
    for (auto& deadline : core::ComputeDeadlines(dates, result.query.office, "")) {
        result.deadlines.push_back(Dated(std::move(deadline), query.today));
    }
    return result;
}

Result<std::vector<UpcomingDeadline>> UpcomingDeadlines(store::Store& store,
                                                        const UpcomingOptions& options) {
    if (options.within_days < 0) {
        return Fail(Error::InvalidArgument(
            fmt::format("within: expected 0 days or more, got {}", options.within_days)));
    }
    if (options.overdue_days < 0) {
        return Fail(Error::InvalidArgument(
            fmt::format("overdue: expected 0 days or more, got {}", options.overdue_days)));
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    if (options.cluster_id) {
        KC_ASSIGN_OR_RETURN(bool exists, tx->Exists(core::Cluster::Def(), *options.cluster_id));
        if (!exists) {
            return Fail(
                Error::NotFound(fmt::format("cluster {} does not exist", *options.cluster_id)));
        }
    }
    KC_ASSIGN_OR_RETURN(auto applications, tx->List<core::PatentApplication>());
    KC_ASSIGN_OR_RETURN(auto inventions, tx->List<core::Invention>());
    KC_ASSIGN_OR_RETURN(auto clusters, tx->List<core::Cluster>());

    std::map<Id, const core::Invention*> invention_by_id;
    for (const auto& invention : inventions) invention_by_id[invention.id] = &invention;
    std::map<Id, const core::Cluster*> cluster_by_id;
    for (const auto& cluster : clusters) cluster_by_id[cluster.id] = &cluster;
    std::map<Id, std::vector<const core::PatentApplication*>> applications_by_invention;
    for (const auto& application : applications) {
        applications_by_invention[application.invention_id].push_back(&application);
    }
    std::map<Id, std::string> attorney_names;

    std::vector<UpcomingDeadline> out;
    for (const auto& application : applications) {
        auto invention_it = invention_by_id.find(application.invention_id);
        if (invention_it == invention_by_id.end()) continue;  // cannot happen: references hold
        const core::Invention& invention = *invention_it->second;
        if (options.cluster_id && invention.cluster_id != *options.cluster_id) continue;
        for (auto& deadline : core::PatentDeadlines(application)) {
            int64_t days_left = DaysBetween(options.today, deadline.due);
            if (days_left > options.within_days) continue;
            if (days_left < 0) {
                if (deadline.kind != core::DeadlineKind::kAction) continue;
                if (deadline.number > 0) continue;  // recurring payments are not recorded
                if (-days_left > options.overdue_days) continue;
            }
            if (MetBySibling(deadline, application,
                             applications_by_invention[application.invention_id])) {
                continue;
            }
            UpcomingDeadline item;
            item.application_id = application.id;
            item.application_number = application.application_number;
            item.office = application.office;
            item.status = application.status;
            item.invention_id = invention.id;
            item.invention_title = invention.title;
            item.published = invention.published;
            item.cluster_id = invention.cluster_id;
            if (auto it = cluster_by_id.find(invention.cluster_id); it != cluster_by_id.end()) {
                item.cluster_name_ja = it->second->name_ja;
                item.cluster_name_en =
                    it->second->name_en.empty() ? it->second->name_ja : it->second->name_en;
            }
            if (application.attorney_id) {
                Id attorney = *application.attorney_id;
                auto found = attorney_names.find(attorney);
                if (found == attorney_names.end()) {
                    auto person = tx->Get<core::Person>(attorney);
                    found =
                        attorney_names.emplace(attorney, person ? PersonName(*person) : "").first;
                }
                item.attorney_name = found->second;
            }
            item.dated = Dated(std::move(deadline), options.today);
            out.push_back(std::move(item));
        }
    }
    // Rule order breaks ties between deadlines of one application on the same day.
    auto rule_index = [](const std::string& key) {
        auto rules = core::DeadlineRules();
        for (size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].key == key) return i;
        }
        return rules.size();
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const UpcomingDeadline& a, const UpcomingDeadline& b) {
                         if (a.dated.deadline.due != b.dated.deadline.due) {
                             return a.dated.deadline.due < b.dated.deadline.due;
                         }
                         if (a.application_id != b.application_id) {
                             return a.application_id < b.application_id;
                         }
                         return rule_index(a.dated.deadline.key) < rule_index(b.dated.deadline.key);
                     });
    return out;
}

}  // namespace kc::app
