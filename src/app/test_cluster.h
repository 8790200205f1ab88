#pragma once

// Test-only: the small fictional cluster that the HQ and invention tests build on — a programme
// (FY2002–2006), a full cluster, a university and a company, people at the university and their
// HQ posts. Sample data (fictional people and organisations).

#include <gtest/gtest.h>

#include <optional>

#include "core/entities.h"
#include "core/policy.h"
#include "store/store.h"

namespace kc::app::testing {

inline core::Viewer AdminViewer() {
    core::Viewer viewer;
    viewer.roles = {core::Role::kAdmin};
    return viewer;
}

inline core::Id AddTestProgram(store::Transaction& tx) {
    core::Program program;
    program.name_ja = "テスト事業";
    program.start_fy = FiscalYear{2002};
    program.end_fy = FiscalYear{2006};
    return *tx.Add(program);
}

struct TestCluster {
    core::Id cluster = 0;
    core::Id university = 0;
    core::Id company = 0;
};

// A full cluster of `program_id` with a university and a company, added in that order.
inline TestCluster AddTestCluster(store::Transaction& tx, core::Id program_id) {
    TestCluster ids;
    core::Cluster cluster;
    cluster.program_id = program_id;
    cluster.name_ja = "テストクラスター";
    cluster.field = "it";
    cluster.status = "full";
    ids.cluster = *tx.Add(cluster);
    core::Organization organization;
    organization.name_ja = "テスト大学";
    organization.kind = "university";
    ids.university = *tx.Add(organization);
    organization.name_ja = "株式会社テスト";
    organization.kind = "company";
    ids.company = *tx.Add(organization);
    return ids;
}

inline core::Id AddTestPerson(store::Transaction& tx, core::Id organization_id, const char* family,
                              const char* given) {
    core::Person person;
    person.family_name = family;
    person.given_name = given;
    person.organization_id = organization_id;
    return *tx.Add(person);
}

// An HQ post of `person` in `cluster` from `from` (to `to`, if given).
inline void AddTestPost(store::Transaction& tx, core::Id cluster, core::Id person, const char* role,
                        Date from, std::optional<Date> to = std::nullopt) {
    core::Position post;
    post.cluster_id = cluster;
    post.person_id = person;
    post.role = role;
    post.from_date = from;
    post.to_date = to;
    ASSERT_TRUE(tx.Add(post));
}

}  // namespace kc::app::testing
