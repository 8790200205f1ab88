#include "app/demo_accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/entities.h"

namespace kc::app {

Result<std::vector<DemoAccount>> CreateDemoAccounts(store::Store& store,
                                                    const AccountPolicy& policy) {
    std::map<core::Role, std::optional<core::Id>> people;
    {
        KC_ASSIGN_OR_RETURN(auto tx, store.Begin(store::Actor{"demo"}));
        KC_ASSIGN_OR_RETURN(auto clusters, tx->List<core::Cluster>());
        KC_ASSIGN_OR_RETURN(auto positions, tx->List<core::Position>());
        const core::Id first_cluster = clusters.empty() ? 0 : clusters.front().id;
        auto holder = [&](std::initializer_list<const char*> roles) -> std::optional<core::Id> {
            for (const char* role : roles) {
                for (const auto& position : positions) {
                    if (position.cluster_id == first_cluster && position.role == role &&
                        !position.to_date) {
                        return position.person_id;
                    }
                }
            }
            return std::nullopt;
        };
        people[core::Role::kHqDirector] = holder({"director"});
        people[core::Role::kProgramManager] = holder({"program_manager"});
        people[core::Role::kResearchDirector] = holder({"research_director"});
        people[core::Role::kCoordinator] = holder({"coordinator"});
        people[core::Role::kAdviser] = holder({"patent_attorney", "adviser"});
        store::Filter first;
        first.limit = 1;
        KC_ASSIGN_OR_RETURN(auto reviewers, tx->List<core::Reviewer>(first));
        if (!reviewers.empty()) people[core::Role::kReviewer] = reviewers.front().person_id;
        KC_ASSIGN_OR_RETURN(auto organizations, tx->List<core::Organization>());
        std::map<core::Id, std::string> kind;
        for (const auto& organization : organizations) kind[organization.id] = organization.kind;
        // The researcher owns a seed and the company's person works for a company with a
        // confidential need, both in the first cluster when it has them, so that their "my" pages
        // and the policy have something to show.
        KC_ASSIGN_OR_RETURN(auto seeds, tx->List<core::Seed>());
        for (const auto& seed : seeds) {
            if (seed.owner_id && seed.cluster_id == first_cluster &&
                kind[seed.organization_id] == "university") {
                people[core::Role::kResearcher] = *seed.owner_id;
                break;
            }
        }
        KC_ASSIGN_OR_RETURN(auto needs, tx->List<core::Need>());
        KC_ASSIGN_OR_RETURN(auto persons, tx->List<core::Person>());
        for (const auto& need : needs) {
            if (need.cluster_id != first_cluster || need.confidentiality == "public") continue;
            if (need.contact_id) {
                people[core::Role::kCompany] = *need.contact_id;
                break;
            }
            auto staff = std::find_if(persons.begin(), persons.end(), [&](const auto& person) {
                return person.organization_id == need.organization_id;
            });
            if (staff != persons.end()) {
                people[core::Role::kCompany] = staff->id;
                break;
            }
        }
        for (const auto& person : persons) {
            if (!person.organization_id) continue;
            const std::string& k = kind[*person.organization_id];
            if (k == "university" && !people[core::Role::kResearcher]) {
                people[core::Role::kResearcher] = person.id;
            }
            if (k == "company" && !people[core::Role::kCompany]) {
                people[core::Role::kCompany] = person.id;
            }
        }
    }
    const std::pair<core::Role, const char*> kAccounts[] = {
        {core::Role::kAdmin, "admin"},
        {core::Role::kProgramOfficer, "officer"},
        {core::Role::kReviewer, "reviewer"},
        {core::Role::kLocalGovernment, "government"},
        {core::Role::kHqDirector, "director"},
        {core::Role::kProgramManager, "manager"},
        {core::Role::kResearchDirector, "research-director"},
        {core::Role::kCoordinator, "coordinator"},
        {core::Role::kAdviser, "adviser"},
        {core::Role::kResearcher, "researcher"},
        {core::Role::kCompany, "company"},
        {core::Role::kPublic, "public"},
    };
    std::vector<DemoAccount> accounts;
    for (const auto& [role, name] : kAccounts) {
        DemoAccount account{fmt::format("demo-{}", name), role,
                            people.contains(role) ? people[role] : std::nullopt,
                            GeneratePassword()};
        NewUser user{account.login, {role}, account.person_id, account.password};
        KC_ASSIGN_OR_RETURN(core::Id id, AddUser(store, store::Actor{"demo"}, user, policy));
        (void)id;
        accounts.push_back(std::move(account));
    }
    return accounts;
}

}  // namespace kc::app
