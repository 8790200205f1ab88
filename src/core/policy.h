#pragma once

// The row-level permission policy: who may see what. One place for every rule, pure functions of
// the viewer and facts about the object (the app layer gathers the facts — inventors, partners,
// assignments — and asks). The HTTP layer and the CLI's views apply it; the matrix of role ×
// object × own/other is tested in policy_test.cpp.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"
#include "util/error.h"

namespace kc::core {

enum class Role {
    kAdmin,
    kProgramOfficer,
    kReviewer,
    kLocalGovernment,
    kHqDirector,
    kProgramManager,
    kResearchDirector,
    kCoordinator,
    kAdviser,
    kResearcher,
    kCompany,
    kPublic,
};

// "program_officer" ↔ Role::kProgramOfficer; unknown names are an error naming the known ones.
[[nodiscard]] Result<Role> ParseRole(std::string_view name);
[[nodiscard]] const char* RoleName(Role role);

// Who is looking: their roles, the person and organisation they are, and the clusters whose HQ
// they serve (director, manager, research director, coordinator or adviser posts).
struct Viewer {
    std::set<Role> roles;
    std::optional<Id> person_id;
    std::optional<Id> organization_id;
    std::set<Id> hq_clusters;

    [[nodiscard]] bool Has(Role role) const { return roles.contains(role); }
    // Programme-wide staff: admin or programme officer.
    [[nodiscard]] bool IsProgrammeStaff() const;
    // HQ staff of `cluster` (any HQ role with a post in that cluster).
    [[nodiscard]] bool IsHqOf(std::optional<Id> cluster) const;
};

// Needs: public → everyone; cluster → the company, and HQ staff of the need's cluster, and
// programme staff; private → the company and HQ staff of its cluster (programme staff too).
[[nodiscard]] bool CanViewNeed(const Viewer& viewer, const Need& need);

// Seeds: public → everyone; cluster and private → the owning organisation and the owner, HQ
// staff of the seed's cluster and programme staff (a seed's `visibility` as a need's
// confidentiality: the generic record API, search and the pages all apply it).
[[nodiscard]] bool CanViewSeed(const Viewer& viewer, const Seed& seed);

// Inventions: published → everyone signed in (not the public role); unpublished → inventors,
// HQ staff and advisers of the invention's cluster, admin.
[[nodiscard]] bool CanViewInvention(const Viewer& viewer, const Invention& invention,
                                    const std::vector<Id>& inventor_person_ids);

// A project's budget and participation fees: HQ staff of its cluster, programme staff, and
// members of the project's organisations (lead or partners) — a company sees only its own
// projects' budgets.
[[nodiscard]] bool CanViewProjectBudget(const Viewer& viewer, const Project& project,
                                        const std::vector<Id>& organization_ids);

// A proposal: programme staff; a reviewer only when assigned and not conflicted.
[[nodiscard]] bool CanViewProposal(const Viewer& viewer, bool assigned, bool conflicted);

}  // namespace kc::core
