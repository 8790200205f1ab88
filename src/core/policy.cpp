#include "core/policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace kc::core {
namespace {

constexpr std::array<std::pair<Role, const char*>, 12> kRoles = {{
    {Role::kAdmin, "admin"},
    {Role::kProgramOfficer, "program_officer"},
    {Role::kReviewer, "reviewer"},
    {Role::kLocalGovernment, "local_government"},
    {Role::kHqDirector, "hq_director"},
    {Role::kProgramManager, "program_manager"},
    {Role::kResearchDirector, "research_director"},
    {Role::kCoordinator, "coordinator"},
    {Role::kAdviser, "adviser"},
    {Role::kResearcher, "researcher"},
    {Role::kCompany, "company"},
    {Role::kPublic, "public"},
}};

bool Contains(const std::vector<Id>& ids, std::optional<Id> id) {
    return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

}  // namespace

Result<Role> ParseRole(std::string_view name) {
    for (const auto& [role, text] : kRoles) {
        if (name == text) return role;
    }
    std::string known;
    for (const auto& [role, text] : kRoles)
        known += (known.empty() ? "" : ", ") + std::string(text);
    return Fail(Error::InvalidArgument(
        fmt::format("unknown role \"{}\": expected one of {}", name, known)));
}

const char* RoleName(Role role) {
    for (const auto& [r, text] : kRoles) {
        if (r == role) return text;
    }
    return "?";
}

bool Viewer::IsProgrammeStaff() const { return Has(Role::kAdmin) || Has(Role::kProgramOfficer); }

bool Viewer::IsHqOf(std::optional<Id> cluster) const {
    if (!cluster || !hq_clusters.contains(*cluster)) return false;
    return Has(Role::kHqDirector) || Has(Role::kProgramManager) || Has(Role::kResearchDirector) ||
           Has(Role::kCoordinator) || Has(Role::kAdviser);
}

bool CanViewNeed(const Viewer& viewer, const Need& need) {
    if (need.confidentiality == "public") return true;
    if (viewer.IsProgrammeStaff()) return true;
    if (viewer.organization_id && *viewer.organization_id == need.organization_id) return true;
    return viewer.IsHqOf(need.cluster_id);
}

bool CanViewSeed(const Viewer& viewer, const Seed& seed) {
    if (seed.visibility == "public") return true;
    if (viewer.IsProgrammeStaff()) return true;
    if (viewer.organization_id && *viewer.organization_id == seed.organization_id) return true;
    if (viewer.person_id && seed.owner_id && *viewer.person_id == *seed.owner_id) return true;
    return viewer.IsHqOf(seed.cluster_id);
}

bool CanViewInvention(const Viewer& viewer, const Invention& invention,
                      const std::vector<Id>& inventor_person_ids) {
    if (invention.published) return !viewer.roles.empty() && !viewer.Has(Role::kPublic);
    if (viewer.Has(Role::kAdmin)) return true;
    if (Contains(inventor_person_ids, viewer.person_id)) return true;
    return viewer.IsHqOf(invention.cluster_id);
}

bool CanViewProjectBudget(const Viewer& viewer, const Project& project,
                          const std::vector<Id>& organization_ids) {
    if (viewer.IsProgrammeStaff()) return true;
    if (viewer.IsHqOf(project.cluster_id)) return true;
    return Contains(organization_ids, viewer.organization_id);
}

bool CanViewProposal(const Viewer& viewer, bool assigned, bool conflicted) {
    if (viewer.IsProgrammeStaff()) return true;
    return viewer.Has(Role::kReviewer) && assigned && !conflicted;
}

}  // namespace kc::core
