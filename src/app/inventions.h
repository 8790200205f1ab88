#pragma once

// The IP pipeline's lifecycle as HQ runs it: an invention is disclosed by its inventors, assessed
// by an adviser or patent attorney of the cluster's HQ (file or abandon), filed at one or more
// offices, and shared between co-applicants (持分). Each use case is one transaction; errors name
// the parameter at fault. `ShowInvention` gathers an invention's history, applicants,
// applications and deadlines, hiding unpublished inventions from those who may not see them
// (core/policy.h).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ip.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/date.h"

namespace kc::app {

struct DiscloseInput {
    core::Id cluster_id = 0;
    std::optional<core::Id> project_id;  // the joint research it came from, of the same cluster
    std::string title;
    std::vector<core::Id> inventors;  // persons, at least one, each once
    Date disclosed_on;
};

// Records a disclosed invention with its inventors. Returns its id.
[[nodiscard]] Result<core::Id> DiscloseInvention(store::Store& store, const store::Actor& actor,
                                                 const DiscloseInput& input);

struct AssessInput {
    core::Id invention_id = 0;
    core::Id adviser_id = 0;  // a person holding an adviser or patent-attorney post on `on`
    std::string decision;     // file | abandon
    std::string note;
    Date on;
};

// Records the assessment of a disclosed invention: `file` moves it to assessed, `abandon` to
// abandoned. Refused unless the adviser holds an adviser or patent-attorney post in the HQ of the
// invention's cluster on that date, the invention is still disclosed and the date is not before
// its disclosure.
[[nodiscard]] Status AssessInvention(store::Store& store, const store::Actor& actor,
                                     const AssessInput& input);

struct FileInput {
    core::Id invention_id = 0;
    std::string office;  // jp | pct | us | ep | cn | other
    Date filed;
    std::optional<Date> priority;
    std::string number;
    std::optional<core::Id> attorney_id;
};

// Records a patent application of an assessed (or already filed) invention. The first filing
// moves the invention to filed, a PCT filing of a filed invention to pct. Refused when the
// invention is not assessed yet or has ended (abandoned, refused), or when its co-applicants'
// shares do not sum to 100. Returns the application's id.
[[nodiscard]] Result<core::Id> FileApplication(store::Store& store, const store::Actor& actor,
                                               const FileInput& input);

// Replaces the co-applicants of an invention: organisations each once, shares above 0 and at
// most 100, summing to 100 (to within 0.01).
[[nodiscard]] Status SetApplicants(store::Store& store, const store::Actor& actor,
                                   core::Id invention_id,
                                   const std::vector<std::pair<core::Id, double>>& shares);

// The generic-edit rule of invention_applicant (CheckBusinessRules): an organisation once per
// invention and the shares of an invention never above 100 in total. (Rows added one by one
// cannot sum to 100 at every step; `SetApplicants` and `FileApplication` require exactly 100.)
[[nodiscard]] Status CheckInventionApplicant(store::Transaction& tx,
                                             const core::InventionApplicant& applicant);

// The shares of an invention's co-applicants sum to 100 when any are recorded; FailedPrecondition
// saying what they sum to otherwise.
[[nodiscard]] Status CheckApplicantShares(store::Transaction& tx, core::Id invention_id);

struct InventionEvent {
    Date on;
    std::string status;  // the status reached: disclosed | assessed | filed | pct | ...
    std::string what;    // Japanese description
    std::string what_en;
};

struct ApplicantLine {
    core::Id organization_id = 0;
    std::string name;
    std::string kind;  // organisation kind: university | company | ...
    double share_percent = 0;
};

struct InventionView {
    core::Invention invention;
    std::string cluster_name;
    std::string project_title;
    std::string adviser;
    std::vector<std::pair<core::Id, std::string>> inventors;  // person id, name
    std::vector<InventionEvent> history;                      // oldest first
    std::vector<ApplicantLine> applicants;
    std::vector<core::PatentApplication> applications;  // by filing date
    std::vector<UpcomingDeadline> deadlines;            // of its open applications
};

// An invention as `viewer` may see it, with the status history reconstructed from its recorded
// dates (disclosure, assessment, filings, examination requests, registrations, licences), its
// co-applicants with their shares, its applications and their deadlines from `today` (up to three
// years ahead and a year overdue). PermissionDenied for an unpublished invention the viewer may
// not see.
[[nodiscard]] Result<InventionView> ShowInvention(store::Store& store, const core::Viewer& viewer,
                                                  core::Id invention_id, Date today);

[[nodiscard]] nlohmann::json ToJson(const InventionView& view);

}  // namespace kc::app
