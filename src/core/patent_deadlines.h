#pragma once

// Statutory deadlines of a patent case, so that HQ staff and patent attorney advisers see what is
// due. Every deadline comes from ONE table of rules (DeadlineRules()), each rule citing its legal
// source by an id explained in docs/ip-rules.md:
//  - paris_priority: foreign filings claiming priority within 12 months of the priority date
//    (Paris Convention Art. 4C(1));
//  - publication (出願公開): 18 months from the priority date (特許法 第64条; PCT Art. 21(2));
//  - pct_national_phase (国内移行): 30 months from the priority date (PCT Art. 22(1), 39(1)(a);
//    特許法 第184条の4);
//  - examination_request (審査請求): 3 years from the filing date for applications filed on or
//    after 2001-10-01, 7 years before that (特許法 第48条の3 第1項);
//  - annuity (特許料): years 1-3 are paid at registration; year n >= 4 is due on the (n-1)th
//    anniversary of the registration (特許法 第107条, 第108条 第2項), payable late within 6 months
//    with a surcharge (第112条), until the term ends 20 years after filing (第67条 第1項).
//
// Periods in months or years follow 特許法 第3条 第1項: the day of the anchor event is not
// counted and the period ends on the day before the corresponding day of the last month, or on
// that month's last day when it has no corresponding day. That is the anchor's day number in the
// target month, clamped to the month's end: 2004-02-29 + 12 months = 2005-02-28,
// 2003-08-31 + 18 months = 2005-02-28. Extensions when the last day is a holiday (第3条 第2項,
// Paris Art. 4C(3)) are not applied, so a date shown is never later than the legal one.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"

namespace kc::core {

// The event a period runs from.
enum class Anchor {
    kPriority,      // the earliest priority date claimed, else the filing date
    kFiling,        // the filing date of this application
    kRegistration,  // the registration of the patent right (設定登録)
};

// "priority", "filing" or "registration".
[[nodiscard]] std::string_view AnchorName(Anchor anchor);

// What a deadline means once it has passed.
enum class DeadlineKind {
    kAction,  // a required act: missing it loses the application or the patent (overdue)
    kWindow,  // a right that may be used until then, and lapses unused (Paris priority, national
              // phase entry): not filing abroad is a normal choice, so nothing is overdue
    kEvent,   // something that happens by itself (publication)
};

// "action", "window" or "event".
[[nodiscard]] std::string_view DeadlineKindName(DeadlineKind kind);

struct DeadlineRule {
    std::string_view key;
    std::string_view label_ja;
    std::string_view label_en;
    Anchor anchor = Anchor::kFiling;
    int months = 0;         // the (first) deadline is this many months after the anchor
    int repeat_months = 0;  // > 0: recurs every repeat_months until the patent term ends
    int first_number = 0;   // recurring rules: the number of the first occurrence (year 4)
    int grace_months = 0;   // > 0: a late action is still possible (with a surcharge) this long
    DeadlineKind kind = DeadlineKind::kAction;
    std::vector<std::string_view> offices;   // offices it applies to; empty = every office
    std::vector<std::string_view> statuses;  // application statuses it applies to
    std::optional<Date> filed_from;          // applies to applications filed on or after
    std::optional<Date> filed_before;        // applies to applications filed before
    std::string_view source;                 // citation id, a heading in docs/ip-rules.md
};

// Every rule, in the order of docs/ip-rules.md. Keys are unique.
[[nodiscard]] std::span<const DeadlineRule> DeadlineRules();

// The rule with `key`, or nullptr.
[[nodiscard]] const DeadlineRule* FindDeadlineRule(std::string_view key);

// `anchor` plus `months` by 特許法 第3条 (see above): the same day number, clamped to the end of
// the target month.
[[nodiscard]] Date AddPeriod(Date anchor, int months);

// The patent term's end (特許法 第67条 第1項: 20 years from filing); no extension is modelled.
[[nodiscard]] Date PatentTermEnd(Date filing);

struct Deadline {
    std::string key;       // the rule's key: "examination_request", "annuity", ...
    std::string label_ja;  // 審査請求期限, 第4年分特許料
    std::string label_en;
    Date due;
    Anchor anchor = Anchor::kFiling;
    Date anchor_date;
    int number = 0;       // recurring rules: the occurrence number (annuity year), else 0
    OptDate grace_until;  // the last day of the late period, when the rule has one
    DeadlineKind kind = DeadlineKind::kAction;
    std::string source;  // the rule's citation id
};

// The dates of one patent case.
struct CaseDates {
    Date filing;
    OptDate priority;    // the earliest priority claimed; nullopt = none (the filing date)
    OptDate registered;  // the registration of the patent right, once granted
};

// The deadlines of every rule that applies to a case at `office` ("jp", "pct", ...), earliest
// first (ties in table order). `status` filters rules by application status; empty means any
// status (a calculator for a case that is not stored). Rules anchored on the registration give
// nothing without `dates.registered`. A recurring rule gives every occurrence due before the
// patent term ends.
[[nodiscard]] std::vector<Deadline> ComputeDeadlines(const CaseDates& dates,
                                                     std::string_view office,
                                                     std::string_view status);

// The deadlines that apply to `application` in its current status, earliest first: what is still
// owed or still to happen. An abandoned, withdrawn or refused application has none; a granted one
// has its annuities once registered_on is known; once examination_requested_on is set the
// examination request is no longer owed.
[[nodiscard]] std::vector<Deadline> PatentDeadlines(const PatentApplication& application);

}  // namespace kc::core
