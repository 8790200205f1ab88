#include "core/patent_deadlines.h"

#include <algorithm>

namespace kc::core {
namespace {

constexpr Date kExaminationPeriodShortened{2001, 10, 1};  // 平成11年法律第41号 took effect
constexpr int kTermYears = 20;                            // 特許法 第67条 第1項

// g++ 12 warns about members left out of designated initialisers; the omitted members of a rule
// have default initialisers on purpose (as in entity_defs.cpp).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// The table. Labels say the period so that a printed list explains itself.
const std::vector<DeadlineRule>& Rules() {
    static const std::vector<DeadlineRule> rules = {
        {.key = "paris_priority",
         .label_ja = "パリ条約優先権主張期限(外国出願)",
         .label_en = "Foreign filing with Paris priority (12 months from priority)",
         .anchor = Anchor::kPriority,
         .months = 12,
         .kind = DeadlineKind::kWindow,
         .offices = {"jp"},
         .statuses = {"filed", "examination_requested"},
         .source = "paris-4c"},
        {.key = "publication",
         .label_ja = "出願公開(優先日から1年6月)",
         .label_en = "Publication (18 months from priority)",
         .anchor = Anchor::kPriority,
         .months = 18,
         .kind = DeadlineKind::kEvent,
         .statuses = {"filed", "examination_requested"},
         .source = "jp-64"},
        {.key = "pct_national_phase",
         .label_ja = "国内移行期限(優先日から30月)",
         .label_en = "PCT national phase entry (30 months from priority)",
         .anchor = Anchor::kPriority,
         .months = 30,
         .kind = DeadlineKind::kWindow,
         .offices = {"pct"},
         .statuses = {"filed"},
         .source = "pct-22"},
        {.key = "examination_request",
         .label_ja = "審査請求期限(出願から3年)",
         .label_en = "Examination request (3 years from filing)",
         .anchor = Anchor::kFiling,
         .months = 36,
         .offices = {"jp"},
         .statuses = {"filed"},
         .filed_from = kExaminationPeriodShortened,
         .source = "jp-48-3"},
        {.key = "examination_request_7y",
         .label_ja = "審査請求期限(出願から7年・2001年9月以前の出願)",
         .label_en = "Examination request (7 years from filing; filed before October 2001)",
         .anchor = Anchor::kFiling,
         .months = 84,
         .offices = {"jp"},
         .statuses = {"filed"},
         .filed_before = kExaminationPeriodShortened,
         .source = "jp-48-3"},
        {.key = "annuity",
         .label_ja = "特許料納付期限",
         .label_en = "Annuity",
         .anchor = Anchor::kRegistration,
         .months = 36,
         .repeat_months = 12,
         .first_number = 4,
         .grace_months = 6,
         .offices = {"jp"},
         .statuses = {"granted"},
         .source = "jp-108"},
    };
    return rules;
}

#pragma GCC diagnostic pop

bool Contains(const std::vector<std::string_view>& values, std::string_view value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

bool Applies(const DeadlineRule& rule, const CaseDates& dates, std::string_view office,
             std::string_view status) {
    if (!rule.offices.empty() && !Contains(rule.offices, office)) return false;
    if (!status.empty() && !Contains(rule.statuses, status)) return false;
    if (rule.filed_from && dates.filing < *rule.filed_from) return false;
    if (rule.filed_before && !(dates.filing < *rule.filed_before)) return false;
    return true;
}

std::optional<Date> AnchorDate(Anchor anchor, const CaseDates& dates) {
    switch (anchor) {
        case Anchor::kPriority:
            return dates.priority.value_or(dates.filing);
        case Anchor::kFiling:
            return dates.filing;
        case Anchor::kRegistration:
            return dates.registered;
    }
    return std::nullopt;
}

Deadline MakeDeadline(const DeadlineRule& rule, Date anchor_date, int months, int number) {
    Deadline deadline;
    deadline.key = std::string(rule.key);
    deadline.label_ja = std::string(rule.label_ja);
    deadline.label_en = std::string(rule.label_en);
    if (number > 0) {
        deadline.label_ja = "第" + std::to_string(number) + "年分" + deadline.label_ja;
        deadline.label_en += ", year " + std::to_string(number);
    }
    deadline.due = AddPeriod(anchor_date, months);
    deadline.anchor = rule.anchor;
    deadline.anchor_date = anchor_date;
    deadline.number = number;
    if (rule.grace_months > 0) deadline.grace_until = AddPeriod(deadline.due, rule.grace_months);
    deadline.kind = rule.kind;
    deadline.source = std::string(rule.source);
    return deadline;
}

}  // namespace

std::string_view AnchorName(Anchor anchor) {
    switch (anchor) {
        case Anchor::kPriority:
            return "priority";
        case Anchor::kFiling:
            return "filing";
        case Anchor::kRegistration:
            return "registration";
    }
    return "filing";
}

std::string_view DeadlineKindName(DeadlineKind kind) {
    switch (kind) {
        case DeadlineKind::kAction:
            return "action";
        case DeadlineKind::kWindow:
            return "window";
        case DeadlineKind::kEvent:
            return "event";
    }
    return "action";
}

std::span<const DeadlineRule> DeadlineRules() { return Rules(); }

const DeadlineRule* FindDeadlineRule(std::string_view key) {
    for (const auto& rule : Rules()) {
        if (rule.key == key) return &rule;
    }
    return nullptr;
}

Date AddPeriod(Date anchor, int months) { return AddMonths(anchor, months); }

Date PatentTermEnd(Date filing) { return AddPeriod(filing, kTermYears * 12); }

std::vector<Deadline> ComputeDeadlines(const CaseDates& dates, std::string_view office,
                                       std::string_view status) {
    std::vector<Deadline> deadlines;
    for (const auto& rule : Rules()) {
        if (!Applies(rule, dates, office, status)) continue;
        std::optional<Date> anchor_date = AnchorDate(rule.anchor, dates);
        if (!anchor_date) continue;
        if (rule.repeat_months <= 0) {
            deadlines.push_back(MakeDeadline(rule, *anchor_date, rule.months, 0));
            continue;
        }
        // Each occurrence is counted from the anchor itself, not from the previous one, so that
        // a clamped month end (29 February) does not drift to the 28th for good.
        Date term_end = PatentTermEnd(dates.filing);
        for (int number = rule.first_number, months = rule.months;; ++number) {
            Date due = AddPeriod(*anchor_date, months);
            if (!(due < term_end)) break;
            deadlines.push_back(MakeDeadline(rule, *anchor_date, months, number));
            months += rule.repeat_months;
        }
    }
    std::stable_sort(deadlines.begin(), deadlines.end(),
                     [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
    return deadlines;
}

std::vector<Deadline> PatentDeadlines(const PatentApplication& application) {
    CaseDates dates{application.filing_date, application.priority_date, application.registered_on};
    std::vector<Deadline> deadlines =
        ComputeDeadlines(dates, application.office, application.status);
    if (application.examination_requested_on) {
        std::erase_if(deadlines, [](const Deadline& deadline) {
            return deadline.key.starts_with("examination_request");
        });
    }
    return deadlines;
}

}  // namespace kc::core
