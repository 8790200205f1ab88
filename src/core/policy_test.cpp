// The permission policy as a matrix: every role × object × own/other case the issues name.

#include "core/policy.h"

#include <gtest/gtest.h>

namespace kc::core {
namespace {

constexpr Id kClusterX = 1, kClusterY = 2;
constexpr Id kCompanyA = 10, kCompanyB = 11, kUniversity = 12;
constexpr Id kInventor = 100, kStranger = 101;

Viewer As(std::initializer_list<Role> roles, std::optional<Id> person = std::nullopt,
          std::optional<Id> org = std::nullopt, std::set<Id> clusters = {}) {
    Viewer v;
    v.roles = roles;
    v.person_id = person;
    v.organization_id = org;
    v.hq_clusters = std::move(clusters);
    return v;
}

Need NeedOf(Id company, Id cluster, const char* confidentiality) {
    Need need;
    need.organization_id = company;
    need.cluster_id = cluster;
    need.confidentiality = confidentiality;
    return need;
}

TEST(Policy, RolesRoundTripAndUnknownNamesAreErrors) {
    for (const char* name : {"admin", "program_officer", "reviewer", "coordinator", "company"}) {
        auto role = ParseRole(name);
        ASSERT_TRUE(role) << name;
        EXPECT_STREQ(RoleName(*role), name);
    }
    auto bad = ParseRole("superuser");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("program_officer"), std::string::npos);
}

TEST(Policy, NeedsByConfidentiality) {
    Viewer company_a = As({Role::kCompany}, 50, kCompanyA);
    Viewer company_b = As({Role::kCompany}, 51, kCompanyB);
    Viewer coordinator_x = As({Role::kCoordinator}, 52, kUniversity, {kClusterX});
    Viewer coordinator_y = As({Role::kCoordinator}, 53, kUniversity, {kClusterY});
    Viewer researcher = As({Role::kResearcher}, 54, kUniversity);
    Viewer officer = As({Role::kProgramOfficer}, 55);
    Viewer anonymous = As({Role::kPublic});

    Need open = NeedOf(kCompanyA, kClusterX, "public");
    Need cluster_only = NeedOf(kCompanyA, kClusterX, "cluster");
    Need secret = NeedOf(kCompanyA, kClusterX, "private");
    struct Case {
        const Viewer* viewer;
        const Need* need;
        bool allowed;
        const char* why;
    };
    const Case cases[] = {
        {&anonymous, &open, true, "public needs are public"},
        {&company_b, &open, true, "public needs are public"},
        {&company_a, &secret, true, "a company sees its own private need"},
        {&company_b, &secret, false, "company B cannot see company A's private need"},
        {&coordinator_x, &secret, true, "HQ of the need's cluster"},
        {&coordinator_y, &secret, false, "HQ of another cluster"},
        {&coordinator_x, &cluster_only, true, "cluster need inside its cluster"},
        {&coordinator_y, &cluster_only, false, "cluster need, coordinator of another cluster"},
        {&researcher, &cluster_only, false, "a researcher without an HQ post"},
        {&officer, &secret, true, "programme staff"},
        {&anonymous, &cluster_only, false, "anonymous"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(CanViewNeed(*c.viewer, *c.need), c.allowed) << c.why;
    }
}

TEST(Policy, SeedsByVisibility) {
    Seed seed;
    seed.organization_id = kUniversity;
    seed.owner_id = kInventor;
    seed.cluster_id = kClusterX;
    const Viewer owner = As({Role::kResearcher}, kInventor, kUniversity);
    const Viewer colleague = As({Role::kResearcher}, 70, kUniversity);
    const Viewer company = As({Role::kCompany}, 71, kCompanyA);
    const Viewer coordinator_x = As({Role::kCoordinator}, 72, kCompanyB, {kClusterX});
    const Viewer coordinator_y = As({Role::kCoordinator}, 73, kCompanyB, {kClusterY});
    const Viewer officer = As({Role::kProgramOfficer}, 74);
    const Viewer anonymous = As({Role::kPublic});
    for (const char* visibility : {"cluster", "private"}) {
        seed.visibility = visibility;
        EXPECT_TRUE(CanViewSeed(owner, seed)) << visibility;
        EXPECT_TRUE(CanViewSeed(colleague, seed)) << visibility << ": same organisation";
        EXPECT_FALSE(CanViewSeed(company, seed)) << visibility;
        EXPECT_TRUE(CanViewSeed(coordinator_x, seed)) << visibility;
        EXPECT_FALSE(CanViewSeed(coordinator_y, seed)) << visibility << ": another cluster";
        EXPECT_TRUE(CanViewSeed(officer, seed)) << visibility;
        EXPECT_FALSE(CanViewSeed(anonymous, seed)) << visibility;
    }
    seed.visibility = "public";
    for (const Viewer* viewer : {&company, &coordinator_y, &anonymous}) {
        EXPECT_TRUE(CanViewSeed(*viewer, seed));
    }
    Seed unowned = seed;  // a seed without owner or cluster: its organisation and staff only
    unowned.visibility = "private";
    unowned.owner_id.reset();
    unowned.cluster_id.reset();
    EXPECT_TRUE(CanViewSeed(colleague, unowned)) << "same organisation";
    EXPECT_FALSE(CanViewSeed(coordinator_x, unowned));
    EXPECT_FALSE(CanViewSeed(As({Role::kResearcher}, 75, kCompanyA), unowned));
}

TEST(Policy, UnpublishedInventionsOnlyForInventorsHqAndAdvisers) {
    Invention invention;
    invention.cluster_id = kClusterX;
    invention.published = false;
    const std::vector<Id> inventors = {kInventor};
    EXPECT_TRUE(CanViewInvention(As({Role::kResearcher}, kInventor), invention, inventors));
    EXPECT_FALSE(CanViewInvention(As({Role::kResearcher}, kStranger), invention, inventors));
    EXPECT_TRUE(CanViewInvention(As({Role::kAdviser}, 60, std::nullopt, {kClusterX}), invention,
                                 inventors));
    EXPECT_FALSE(CanViewInvention(As({Role::kAdviser}, 61, std::nullopt, {kClusterY}), invention,
                                  inventors));
    EXPECT_TRUE(CanViewInvention(As({Role::kHqDirector}, 62, std::nullopt, {kClusterX}), invention,
                                 inventors));
    EXPECT_FALSE(CanViewInvention(As({Role::kCompany}, 63, kCompanyA), invention, inventors));
    EXPECT_FALSE(CanViewInvention(As({Role::kProgramOfficer}, 64), invention, inventors));
    EXPECT_TRUE(CanViewInvention(As({Role::kAdmin}), invention, inventors));
    invention.published = true;
    EXPECT_TRUE(CanViewInvention(As({Role::kCompany}, 63, kCompanyA), invention, inventors));
    EXPECT_FALSE(CanViewInvention(As({Role::kPublic}), invention, inventors));
}

TEST(Policy, ACompanySeesOnlyItsOwnProjectsBudgets) {
    Project project;
    project.cluster_id = kClusterX;
    const std::vector<Id> organisations = {kUniversity, kCompanyA};
    EXPECT_TRUE(CanViewProjectBudget(As({Role::kCompany}, 1, kCompanyA), project, organisations));
    EXPECT_FALSE(CanViewProjectBudget(As({Role::kCompany}, 2, kCompanyB), project, organisations));
    EXPECT_TRUE(CanViewProjectBudget(As({Role::kProgramManager}, 3, std::nullopt, {kClusterX}),
                                     project, organisations));
    EXPECT_FALSE(CanViewProjectBudget(As({Role::kProgramManager}, 4, std::nullopt, {kClusterY}),
                                      project, organisations));
    EXPECT_TRUE(CanViewProjectBudget(As({Role::kProgramOfficer}), project, organisations));
    EXPECT_FALSE(CanViewProjectBudget(As({Role::kPublic}), project, organisations));
}

TEST(Policy, ReviewersSeeOnlyAssignedUnconflictedProposals) {
    Viewer reviewer = As({Role::kReviewer}, 5);
    EXPECT_TRUE(CanViewProposal(reviewer, /*assigned=*/true, /*conflicted=*/false));
    EXPECT_FALSE(CanViewProposal(reviewer, false, false));
    EXPECT_FALSE(CanViewProposal(reviewer, true, true));
    EXPECT_TRUE(CanViewProposal(As({Role::kProgramOfficer}), false, false));
    EXPECT_FALSE(CanViewProposal(As({Role::kCompany}, 6, kCompanyA), true, false));
}

}  // namespace
}  // namespace kc::core
