#pragma once

// The demo programme behind `kcluster demo load`: the Knowledge Cluster Initiative
// (知的クラスター創成事業) as it ran from FY2002, generated into an empty database.
//
// Scale 1 is the real phase-I programme as the seed document and the domain notes describe it:
// the FY2000 study group, the FY2001 feasibility studies in 30 regions, the selection call closing
// in January 2002, reviews, hearings and the decision of 2002-04-15 (12 regions in 10 clusters
// full, 6 trial regions), the promotion of 富山・高岡, 名古屋 and 徳島 in February 2003, and five
// fiscal years (FY2002–FY2006) of cluster work: HQ posts, seeds, needs, matches, joint research,
// inventions and patents, licences, outcomes, forums, grants and ledgers, KPI targets, reports
// and mid-term evaluations. Real region, cluster and organisation names come from the notes
// (sourced rows carry their URL in `source`); every person is fictional and every generated or
// unconfirmed row has `sample` set.
//
// Scale N > 1 adds a synthetic national-size programme for benchmarks: about N×10,000 seeds,
// N×1,000 needs and N×1,000 people over N/2+18 synthetic clusters, generated from the same phrase
// banks. Everything is deterministic: the same seed and scale give the same data on every
// platform (only the raw std::mt19937_64 output is used, never library distributions).

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "util/error.h"

namespace kc::app {

struct DemoOptions {
    int scale = 1;         // 1 = the real 2002–2003 programme; >1 = national-size synthetic data
    uint64_t seed = 2002;  // same seed + scale => identical data
    // Called about every 1,000 rows with the rows written so far and the planned total (an
    // estimate fixed at the first call; `done` never exceeds it and the last call has
    // done == total). May be empty.
    std::function<void(int64_t done, int64_t total)> progress;
};

struct DemoSummary {
    // Entity name -> rows written, in entity order (core::AllEntities()); entities without rows
    // are left out.
    std::vector<std::pair<std::string, int64_t>> counts;
};

// Loads the demo programme into an EMPTY database: FailedPrecondition "database is not empty:
// ..." if any program row exists; InvalidArgument if options.scale is outside 1..1000.
// Everything is written in ONE transaction (actor "demo"), so nothing is written unless
// everything succeeds. The loaded data passes Store::CheckInvariants() with no violations.
[[nodiscard]] Result<DemoSummary> LoadDemo(store::Store& store, const DemoOptions& options);

}  // namespace kc::app
