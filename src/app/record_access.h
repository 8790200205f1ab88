#pragma once

// The generic record use cases of records.h as a signed-in viewer sees them: who may read which
// rows and fields of an entity, and who may write it. One table (record_access.cpp) names the
// rule of every guarded entity; the rules themselves are the policy functions of core/policy.h,
// fed with the facts they need (inventors, assignments, conflicts, partners) read here.
//
// Reading:
//   proposal                       core::CanViewProposal (programme staff; a reviewer assigned
//                                  to it and not conflicted)
//   proposal_budget, _member,      as their proposal
//   _region, _government,
//   _participant
//   reviewer, conflict, review_assignment, review, review_score, hearing, hearing_score,
//   advice, evaluation             programme staff only (the reviewer's own views come with the
//                                  review endpoints, review_portal.h)
//   seed                           core::CanViewSeed
//   need                           core::CanViewNeed
//   match                          as its need
//   invention                      core::CanViewInvention (with its inventors)
//   inventor, invention_applicant,
//   patent_application, licence    as their invention
//   project                        everyone signed in; budget and participation_fee cleared
//                                  unless core::CanViewProjectBudget (lead and partners)
//   project_budget                 core::CanViewProjectBudget of its project
//   ledger_entry, ledger_plan      programme staff and HQ staff of the grant's cluster
//   user, session, job             never through the generic API (accounts.h and
//                                  review_portal.h have their own: own jobs, staff all)
//   everything else                everyone signed in
// A row the viewer may not read is reported as not found, so its existence does not leak.
//
// Writing: admin and program_officer everything (but user and session); HQ roles (hq_director,
// program_manager, research_director, coordinator, adviser) the cluster-level entities, and of
// those with a cluster_id only rows of clusters whose HQ they serve (before and after the
// change); every other role reads only.

#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"
#include "core/record.h"
#include "core/schema.h"
#include "store/store.h"

namespace kc::app {

// Whether the generic record API serves `def` at all (not user or session).
[[nodiscard]] bool ServedGenerically(const core::EntityDef& def);

// Whether `viewer` may write records of `def` at all (the row check comes on each write).
[[nodiscard]] bool MayWriteEntity(const core::Viewer& viewer, const core::EntityDef& def);

struct RecordQuery {
    std::vector<std::string> filters;  // key=value, all must hold (as in ListRecords)
    std::string sort;                  // "field" ascending, "-field" descending; empty = id order
    int64_t limit = 50;                // 1..1000
    int64_t offset = 0;
};

struct RecordPage {
    std::vector<core::Record> items;
    int64_t total = 0;  // rows the viewer may see that match the filters
    int64_t limit = 0;
    int64_t offset = 0;
};

// One page of the records of `entity` the viewer may read, fields redacted as the table says.
// InvalidArgument (with field errors under "filter.<key>", "sort", "limit", "offset") for a bad
// query; PermissionDenied for an entity the viewer may not read at all.
[[nodiscard]] Result<RecordPage> ListVisibleRecords(store::Store& store, const core::Viewer& viewer,
                                                    std::string_view entity,
                                                    const RecordQuery& query);

// Every id of `entity` the viewer may read, decided row by row with core/policy.h. The store-side
// filter that ListVisibleRecords pushes into the query must give the same rows: this is the
// reference it is tested against (and slow: it reads every row).
[[nodiscard]] Result<std::vector<core::Id>> ReadableIdsRowByRow(store::Store& store,
                                                                const core::Viewer& viewer,
                                                                std::string_view entity);

// One record, redacted; NotFound also when the viewer may not read it.
[[nodiscard]] Result<core::Record> ShowVisibleRecord(store::Store& store,
                                                     const core::Viewer& viewer,
                                                     std::string_view entity, core::Id id);

// AddRecord, UpdateRecord and DeleteRecord of records.h under the write rules above
// (PermissionDenied otherwise). The updated record comes back redacted for the viewer.
[[nodiscard]] Result<core::Id> AddRecordAs(store::Store& store, const core::Viewer& viewer,
                                           const store::Actor& actor, std::string_view entity,
                                           const std::vector<std::string>& assignments);
[[nodiscard]] Result<core::Record> UpdateRecordAs(store::Store& store, const core::Viewer& viewer,
                                                  const store::Actor& actor,
                                                  std::string_view entity, core::Id id,
                                                  const std::vector<std::string>& assignments);
[[nodiscard]] Status DeleteRecordAs(store::Store& store, const core::Viewer& viewer,
                                    const store::Actor& actor, std::string_view entity,
                                    core::Id id);

}  // namespace kc::app
