#pragma once

// The IP pipeline's deadlines for HQ staff and patent attorney advisers: a calculator for one
// case (`kcluster ip rules`) and the upcoming deadlines of every open application of the
// programme or of one cluster (`kcluster ip deadlines`). The dates come from the one table of
// rules in core/patent_deadlines.h; docs/ip-rules.md cites each rule's source.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/patent_deadlines.h"
#include "store/store.h"
#include "util/date.h"

namespace kc::app {

// How soon a deadline falls: overdue (past), critical (<= 14 days), urgent (<= 30), soon (<= 90),
// later.
enum class Urgency { kOverdue, kCritical, kUrgent, kSoon, kLater };

[[nodiscard]] Urgency UrgencyOf(int64_t days_left);
// "overdue", "critical", "urgent", "soon", "later".
[[nodiscard]] std::string_view UrgencyCode(Urgency urgency);
// 期限超過, 緊急(14日以内), 至急(30日以内), 近日(90日以内), 先.
[[nodiscard]] std::string_view UrgencyLabelJa(Urgency urgency);

// Days from `today` to `date` (negative when `date` is past).
[[nodiscard]] int64_t DaysBetween(Date today, Date date);

// A length of time typed by a user, in days counted from `today`: "90" or "90d" (days), "12w"
// (weeks), "6m" (calendar months, by the month-end rule of core::AddPeriod), "1y" (years).
// InvalidArgument for anything else, negative numbers included.
[[nodiscard]] Result<int64_t> ParseWindow(std::string_view text, Date today);

// One deadline seen from `today`.
struct DatedDeadline {
    core::Deadline deadline;
    int64_t days_left = 0;  // negative = overdue
    Urgency urgency = Urgency::kLater;
};

struct RulesQuery {
    Date priority;  // the earliest priority date (the filing date when nothing is claimed)
    Date filed;
    std::string office = "jp";       // an office code of patent_application (case-insensitive)
    std::optional<Date> registered;  // the registration, for annuities
    Date today;
};

struct RulesResult {
    RulesQuery query;                      // office normalised to lower case
    std::vector<DatedDeadline> deadlines;  // every deadline of the case, earliest first
    std::vector<std::string> warnings_en;  // e.g. a priority claim made out of time
    std::vector<std::string> warnings_ja;
};

// Every deadline of a case with these dates at `office`, whatever its status, with the days left
// from `query.today`. InvalidArgument when the office is unknown, the priority date is after the
// filing date or the registration before it. A filing more than 12 months after the priority
// date gives a warning (the priority claim is out of time under Paris Art. 4C), not an error.
[[nodiscard]] Result<RulesResult> IpRules(const RulesQuery& query);

struct UpcomingOptions {
    Date today;
    int64_t within_days = 90;            // deadlines due from today to today + within_days
    int64_t overdue_days = 90;           // and missed actions due at most this many days ago
    std::optional<core::Id> cluster_id;  // only applications of this cluster's inventions
};

// A deadline of a stored application, with what HQ needs to act on it.
struct UpcomingDeadline {
    core::Id application_id = 0;
    std::string application_number;
    std::string office;
    std::string status;
    core::Id invention_id = 0;
    std::string invention_title;
    // Whether the invention is published; until then its details stay confidential and should be
    // shown only to those who need them (no permission system exists yet; the flag is shown).
    bool published = false;
    core::Id cluster_id = 0;
    std::string cluster_name_ja, cluster_name_en;
    std::string attorney_name;  // empty when no attorney is recorded
    DatedDeadline dated;
};

// The deadlines of open applications (statuses filed, examination_requested, and granted ones
// with a registration date for annuities) due within the window, plus missed actions due at most
// `overdue_days` ago, most urgent first (by due date, then application id, then rule order).
// Left out: windows and events already past (an unused Paris priority or national phase has
// lapsed, publication happens by itself), annuities already due (payments are not recorded), a
// Paris priority deadline met by a later application of the same invention
// at another office claiming that priority, and a PCT national phase met by a later non-PCT
// application of the same invention. InvalidArgument for a negative window; NotFound for an
// unknown cluster.
[[nodiscard]] Result<std::vector<UpcomingDeadline>> UpcomingDeadlines(
    store::Store& store, const UpcomingOptions& options);

}  // namespace kc::app
