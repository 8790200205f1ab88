#include "core/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"
#include "core/record.h"

namespace kc::core {
namespace {

// Every typed struct of core/entities.h, so that tests can walk them all.
template <class... T>
struct TypeList {
    static constexpr size_t kSize = sizeof...(T);
};

using AllStructs =
    TypeList<Program, FiscalBudget, Region, LocalGovernment, Organization, Person, Affiliation,
             Call, Criterion, FeasibilityStudy, Proposal, ProposalBudget, ProposalMember,
             ProposalRegion, ProposalGovernment, ProposalParticipant, Reviewer, Conflict,
             ReviewAssignment, Review, ReviewScore, Hearing, HearingScore, Advice, Evaluation,
             Decision, Cluster, ClusterRegion, ClusterGovernment, Promotion, CoreOrganization,
             Grant, Position, Publication, PublicationAuthor, Seed, Need, Match, Project,
             ProjectBudget, ProjectPartner, Milestone, LedgerEntry, LedgerPlan, Activity, Invention,
             Inventor, InventionApplicant, PatentApplication, Licence, Outcome, Forum, KpiTarget,
             Report, ClusterEvaluation, EvaluationGrade, User, Session, Job>;

template <class F, class... T>
void ForEachStruct(TypeList<T...> /*types*/, F&& visit) {
    (visit.template operator()<T>(), ...);
}

bool IsSnakeCase(std::string_view text) {
    if (text.empty() || text.front() < 'a' || text.front() > 'z') return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

int OrderOf(std::string_view name) {
    auto all = AllEntities();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i]->name == name) return static_cast<int>(i);
    }
    return -1;
}

// ---------------------------------------------------------------------------------------------
// The registry

TEST(AllEntities, ContainsEveryEntityOfTheDataModel) {
    const std::vector<std::string> expected = {
        "program",
        "fiscal_budget",
        "call",
        "criterion",
        "region",
        "local_government",
        "feasibility_study",
        "proposal",
        "proposal_region",
        "proposal_government",
        "proposal_participant",
        "reviewer",
        "conflict",
        "review_assignment",
        "review",
        "review_score",
        "hearing",
        "hearing_score",
        "advice",
        "evaluation",
        "decision",
        "promotion",
        "cluster",
        "cluster_region",
        "cluster_government",
        "core_organization",
        "grant",
        "ledger_entry",
        "ledger_plan",
        "position",
        "organization",
        "person",
        "affiliation",
        "publication",
        "seed",
        "need",
        "match",
        "activity",
        "project",
        "project_budget",
        "project_partner",
        "milestone",
        "invention",
        "inventor",
        "invention_applicant",
        "patent_application",
        "licence",
        "outcome",
        "forum",
        "kpi_target",
        "report",
        "cluster_evaluation",
        "evaluation_grade",
        "user",
        "session",
        "job",
    };
    for (const auto& name : expected) {
        EXPECT_NE(FindEntity(name), nullptr) << name;
        EXPECT_GE(OrderOf(name), 0) << name << " is not in AllEntities()";
    }
}

TEST(AllEntities, HasOneDefinitionPerTypedStruct) {
    EXPECT_EQ(AllEntities().size(), AllStructs::kSize);
    std::set<const EntityDef*> bound;
    ForEachStruct(AllStructs{}, [&]<class T>() {
        const EntityDef& def = T::Def();
        EXPECT_EQ(FindEntity(def.name), &def) << def.name;
        bound.insert(&def);
        Record record = ToRecord(T{});
        EXPECT_EQ(record.def, &def) << def.name;
        EXPECT_EQ(record.values.size(), def.fields.size()) << def.name;
    });
    EXPECT_EQ(bound.size(), AllStructs::kSize) << "two structs share a definition";
}

TEST(AllEntities, IsStableAndStartsWithTheProgramme) {
    auto first = AllEntities();
    auto second = AllEntities();
    ASSERT_EQ(first.size(), second.size());
    EXPECT_EQ(first.data(), second.data());
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(first.front()->name, "program");
    // Referenced entities come first: a few spot checks on top of the general rule below.
    const std::vector<std::pair<std::string, std::string>> before = {
        {"program", "fiscal_budget"},
        {"program", "call"},
        {"call", "criterion"},
        {"call", "proposal"},
        {"region", "organization"},
        {"organization", "person"},
        {"proposal", "review"},
        {"cluster", "grant"},
        {"grant", "ledger_entry"},
        {"seed", "match"},
        {"need", "match"},
        {"invention", "licence"},
        {"user", "session"},
    };
    for (const auto& [a, b] : before) {
        EXPECT_LT(OrderOf(a), OrderOf(b)) << a << " should come before " << b;
    }
}

TEST(EntityDef, FirstFieldIsTheId) {
    for (const EntityDef* def : AllEntities()) {
        ASSERT_FALSE(def->fields.empty()) << def->name;
        EXPECT_EQ(def->fields[0].name, "id") << def->name;
        EXPECT_EQ(def->fields[0].type, FieldType::kId) << def->name;
        EXPECT_TRUE(def->fields[0].required) << def->name;
        for (size_t i = 1; i < def->fields.size(); ++i) {
            EXPECT_NE(def->fields[i].type, FieldType::kId)
                << def->name << "." << def->fields[i].name;
        }
    }
}

TEST(EntityDef, EndsWithTheRowMetaColumns) {
    for (const EntityDef* def : AllEntities()) {
        const auto& fields = def->fields;
        ASSERT_GE(fields.size(), 4u) << def->name;
        size_t n = fields.size();
        EXPECT_EQ(fields[n - 3].name, "sample") << def->name;
        EXPECT_EQ(fields[n - 3].type, FieldType::kBool) << def->name;
        EXPECT_EQ(fields[n - 2].name, "created_at") << def->name;
        EXPECT_EQ(fields[n - 2].type, FieldType::kTimestamp) << def->name;
        EXPECT_EQ(fields[n - 1].name, "updated_at") << def->name;
        EXPECT_EQ(fields[n - 1].type, FieldType::kTimestamp) << def->name;
    }
}

TEST(EntityDef, ReferencesPointToEarlierEntitiesOrItself) {
    auto all = AllEntities();
    for (size_t i = 0; i < all.size(); ++i) {
        for (const auto& field : all[i]->fields) {
            if (field.type != FieldType::kRef) {
                EXPECT_TRUE(field.ref_entity.empty()) << all[i]->name << "." << field.name;
                continue;
            }
            int target = OrderOf(field.ref_entity);
            ASSERT_GE(target, 0) << all[i]->name << "." << field.name << " refers to unknown "
                                 << field.ref_entity;
            EXPECT_LE(target, static_cast<int>(i))
                << all[i]->name << "." << field.name << " refers to the later " << field.ref_entity;
            EXPECT_TRUE(field.name.ends_with("_id")) << all[i]->name << "." << field.name;
        }
    }
}

TEST(EntityDef, EveryEntityAndFieldHasJapaneseAndEnglishLabels) {
    for (const EntityDef* def : AllEntities()) {
        EXPECT_FALSE(def->label_ja.empty()) << def->name;
        EXPECT_FALSE(def->label_en.empty()) << def->name;
        EXPECT_FALSE(def->doc.empty()) << def->name;
        EXPECT_TRUE(def->level == "programme" || def->level == "cluster" ||
                    def->level == "platform")
            << def->name << ": " << def->level;
        for (const auto& field : def->fields) {
            EXPECT_FALSE(field.label_ja.empty()) << def->name << "." << field.name;
            EXPECT_FALSE(field.label_en.empty()) << def->name << "." << field.name;
        }
    }
}

TEST(EntityDef, NamesAreUniqueSnakeCase) {
    std::set<std::string> entity_names;
    for (const EntityDef* def : AllEntities()) {
        EXPECT_TRUE(IsSnakeCase(def->name)) << def->name;
        EXPECT_TRUE(entity_names.insert(def->name).second) << "entity defined twice: " << def->name;
        std::set<std::string> field_names;
        for (const auto& field : def->fields) {
            EXPECT_TRUE(IsSnakeCase(field.name)) << def->name << "." << field.name;
            EXPECT_TRUE(field_names.insert(field.name).second)
                << def->name << "." << field.name << " defined twice";
            EXPECT_EQ(def->IndexOf(field.name), &field - def->fields.data());
            EXPECT_EQ(def->Find(field.name), &field);
        }
        EXPECT_EQ(def->IndexOf("no_such_field"), -1);
        EXPECT_EQ(def->Find("no_such_field"), nullptr);
    }
}

TEST(EntityDef, EnumFieldsHaveValuesAndOthersHaveNone) {
    for (const EntityDef* def : AllEntities()) {
        for (const auto& field : def->fields) {
            const std::string where = def->name + "." + field.name;
            if (field.type != FieldType::kEnum) {
                EXPECT_TRUE(field.enum_values.empty()) << where;
                EXPECT_TRUE(IsNull(field.default_value)) << where << " has a default";
                continue;
            }
            ASSERT_FALSE(field.enum_values.empty()) << where;
            std::set<std::string> codes;
            for (const auto& value : field.enum_values) {
                EXPECT_TRUE(IsSnakeCase(value.code)) << where << ": " << value.code;
                EXPECT_TRUE(codes.insert(value.code).second) << where << ": " << value.code;
                EXPECT_FALSE(value.label_ja.empty()) << where << ": " << value.code;
                EXPECT_FALSE(value.label_en.empty()) << where << ": " << value.code;
            }
            if (!IsNull(field.default_value)) {
                const auto* code = std::get_if<std::string>(&field.default_value);
                ASSERT_NE(code, nullptr) << where;
                EXPECT_TRUE(codes.contains(*code)) << where << " defaults to unknown " << *code;
            }
        }
    }
}

TEST(EntityDef, NameFieldsAreTextFieldsOfTheEntity) {
    for (const EntityDef* def : AllEntities()) {
        for (const auto& name : def->name_fields) {
            const FieldDef* field = def->Find(name);
            ASSERT_NE(field, nullptr) << def->name << " names by unknown field " << name;
            EXPECT_EQ(field->type, FieldType::kText) << def->name << "." << name;
        }
    }
}

TEST(EntityDef, StateMachinesUseCodesOfAnEnumField) {
    int machines = 0;
    for (const EntityDef* def : AllEntities()) {
        if (!def->state_machine) continue;
        ++machines;
        const StateMachine& machine = *def->state_machine;
        const FieldDef* field = def->Find(machine.field);
        ASSERT_NE(field, nullptr) << def->name << ": " << machine.field;
        ASSERT_EQ(field->type, FieldType::kEnum) << def->name << ": " << machine.field;
        EXPECT_TRUE(field->required) << def->name << ": " << machine.field;
        std::set<std::string> codes;
        for (const auto& value : field->enum_values) codes.insert(value.code);
        EXPECT_FALSE(machine.transitions.empty()) << def->name;
        for (const auto& [from, to] : machine.transitions) {
            EXPECT_TRUE(codes.contains(from)) << def->name << ": " << from;
            EXPECT_TRUE(codes.contains(to)) << def->name << ": " << to;
            EXPECT_NE(from, to) << def->name;
        }
        for (const auto& state : machine.initial) {
            EXPECT_TRUE(codes.contains(state)) << def->name << ": " << state;
        }
    }
    // proposal, call, review, cluster, match, project, invention, patent_application,
    // cluster_evaluation, job.
    EXPECT_GE(machines, 10);
    for (const char* name : {"proposal", "match", "project", "invention", "cluster",
                             "cluster_evaluation", "patent_application"}) {
        ASSERT_NE(FindEntity(name), nullptr) << name;
        EXPECT_TRUE(FindEntity(name)->state_machine.has_value()) << name;
    }
}

TEST(EntityDef, NumericBoundsAreOrdered) {
    for (const EntityDef* def : AllEntities()) {
        for (const auto& field : def->fields) {
            if (field.min && field.max) {
                EXPECT_LE(*field.min, *field.max) << def->name << "." << field.name;
            }
            if (field.type == FieldType::kFiscalYear) {
                EXPECT_TRUE(field.min && field.max) << def->name << "." << field.name;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lookup

TEST(FindEntity, FindsDefinitionsByName) {
    EXPECT_EQ(FindEntity("seed"), &Seed::Def());
    EXPECT_EQ(FindEntity("proposal"), &Proposal::Def());
    EXPECT_EQ(FindEntity("ledger_entry"), &LedgerEntry::Def());
    EXPECT_EQ(Seed::Def().name, "seed");
    EXPECT_EQ(Seed::Def().label_ja, "技術シーズ");
}

TEST(FindEntity, ReturnsNullForUnknownNames) {
    for (const char* name : {"", "seeds", "Seed", "SEED", " seed", "audit_log", "schema_version"}) {
        EXPECT_EQ(FindEntity(name), nullptr) << "\"" << name << "\"";
    }
}

TEST(RequireEntity, ReturnsTheDefinition) {
    auto def = RequireEntity("grant");
    ASSERT_TRUE(def.has_value()) << def.error().message;
    EXPECT_EQ(*def, &Grant::Def());
}

TEST(RequireEntity, ErrorListsKnownEntities) {
    auto def = RequireEntity("seeds");
    ASSERT_FALSE(def.has_value());
    EXPECT_EQ(def.error().code, ErrorCode::kInvalidArgument);
    const std::string& message = def.error().message;
    EXPECT_NE(message.find("\"seeds\""), std::string::npos) << message;
    for (const EntityDef* known : AllEntities()) {
        EXPECT_NE(message.find(known->name), std::string::npos) << known->name << ": " << message;
    }
}

struct HeaderCase {
    std::string name;
    std::string header;
    std::string expected_field;  // empty: not found
};

TEST(FindByHeader, FindsByNameEnglishLabelAndJapaneseLabel) {
    const std::vector<HeaderCase> cases = {
        {"field name", "title", "title"},
        {"field name in capitals", "TITLE", "title"},
        {"field name with underscore", "ip_status", "ip_status"},
        {"English label", "Title (English)", "title_en"},
        {"English label in lower case", "title (english)", "title_en"},
        {"English label in upper case", "IP STATUS", "ip_status"},
        {"English label TRL", "TRL", "trl"},
        {"Japanese label", "シーズ名", "title"},
        {"Japanese label with parentheses", "シーズ名(英語)", "title_en"},
        {"Japanese label of an enum", "公開範囲", "visibility"},
        {"Japanese label of a reference", "機関", "organization_id"},
        {"Japanese label of a meta column", "作成日時", "created_at"},
        {"id", "ID", "id"},
        {"unknown header", "colour", ""},
        {"empty header", "", ""},
        {"prefix of a label", "シーズ", ""},
        {"label with surrounding space", " Title", ""},
    };
    for (const auto& test_case : cases) {
        const FieldDef* field = Seed::Def().FindByHeader(test_case.header);
        if (test_case.expected_field.empty()) {
            EXPECT_EQ(field, nullptr) << test_case.name;
        } else {
            ASSERT_NE(field, nullptr) << test_case.name;
            EXPECT_EQ(field->name, test_case.expected_field) << test_case.name;
        }
    }
}

TEST(FindByHeader, EveryNameAndLabelFindsItsOwnField) {
    for (const EntityDef* def : AllEntities()) {
        for (const auto& field : def->fields) {
            const std::string where = def->name + "." + field.name;
            EXPECT_EQ(def->FindByHeader(field.name), &field) << where;
            EXPECT_EQ(def->FindByHeader(field.label_ja), &field)
                << where << ": Japanese label " << field.label_ja << " is ambiguous";
            EXPECT_EQ(def->FindByHeader(field.label_en), &field)
                << where << ": English label " << field.label_en << " is ambiguous";
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Records and typed structs

TEST(EmptyRecord, AppliesDefaults) {
    Record seed = EmptyRecord(Seed::Def());
    EXPECT_EQ(seed.def, &Seed::Def());
    ASSERT_EQ(seed.values.size(), Seed::Def().fields.size());
    EXPECT_EQ(seed.Get("ip_status"), Value{std::string("none")});
    EXPECT_EQ(seed.Get("visibility"), Value{std::string("cluster")});
    EXPECT_EQ(seed.Get("keywords"), Value{std::vector<std::string>{}});
    EXPECT_EQ(seed.Get("sample"), Value{false});
    EXPECT_TRUE(IsNull(seed.Get("title")));
    EXPECT_TRUE(IsNull(seed.Get("trl")));
    EXPECT_TRUE(IsNull(seed.Get("field")));  // required but without a default
    EXPECT_EQ(seed.GetId(), 0);

    Record proposal = EmptyRecord(Proposal::Def());
    EXPECT_EQ(proposal.Get("status"), Value{std::string("draft")});

    Record organization = EmptyRecord(Organization::Def());
    EXPECT_EQ(organization.Get("sme"), Value{false});
    EXPECT_TRUE(IsNull(organization.Get("kind")));

    Record need = EmptyRecord(Need::Def());
    EXPECT_EQ(need.Get("confidentiality"), Value{std::string("private")});
}

TEST(Record, GetsAndSetsByFieldName) {
    Record record = EmptyRecord(Region::Def());
    EXPECT_EQ(record.IndexOf("id"), 0);
    EXPECT_EQ(record.IndexOf("name_ja"), 1);
    EXPECT_EQ(record.IndexOf("nope"), -1);
    record.Set("id", int64_t{7});
    record.Set("name_ja", std::string("札幌"));
    EXPECT_EQ(record.GetId(), 7);
    EXPECT_EQ(record.Get("name_ja"), Value{std::string("札幌")});
    EXPECT_EQ(record.values[1], Value{std::string("札幌")});
}

TEST(ToRecord, LeavesUnsetOptionalValuesNull) {
    ForEachStruct(AllStructs{}, [&]<class T>() {
        Record record = ToRecord(T{});
        const EntityDef& def = T::Def();
        for (size_t i = 0; i < def.fields.size(); ++i) {
            const FieldDef& field = def.fields[i];
            const std::string where = def.name + "." + field.name;
            switch (field.type) {
                case FieldType::kRef:
                    // An optional reference must be an OptId (null), never 0.
                    if (!field.required) {
                        EXPECT_TRUE(IsNull(record.values[i])) << where;
                    }
                    break;
                case FieldType::kText:
                case FieldType::kLongText:
                case FieldType::kTimestamp:
                case FieldType::kEnum:
                    EXPECT_TRUE(IsNull(record.values[i])) << where << ": empty text is null";
                    break;
                case FieldType::kBool:
                    EXPECT_TRUE(std::holds_alternative<bool>(record.values[i])) << where;
                    break;
                case FieldType::kList:
                    EXPECT_EQ(record.values[i], Value{std::vector<std::string>{}}) << where;
                    break;
                default:
                    break;
            }
        }
    });
}

Seed MakeSeed() {
    Seed seed;
    seed.id = 12;
    seed.cluster_id = 3;
    seed.organization_id = 4;
    seed.owner_id = std::nullopt;
    seed.title = "高効率光触媒";
    seed.title_en = "Efficient photocatalyst";
    seed.abstract = "Line one.\nLine two.";
    seed.keywords = {"光触媒", "TiO2", "visible light"};
    seed.field = "nanotech_materials";
    seed.trl = 4;
    seed.ip_status = "filed";
    seed.visibility = "public";
    seed.meta.sample = true;
    seed.meta.created_at = "2026-04-01T09:00:00+09:00";
    return seed;
}

TEST(ToRecord, ConvertsSeedFieldsToValues) {
    Record record = ToRecord(MakeSeed());
    EXPECT_EQ(record.def, &Seed::Def());
    EXPECT_EQ(record.GetId(), 12);
    EXPECT_EQ(record.Get("cluster_id"), Value{int64_t{3}});
    EXPECT_EQ(record.Get("organization_id"), Value{int64_t{4}});
    EXPECT_TRUE(IsNull(record.Get("owner_id")));
    EXPECT_EQ(record.Get("title"), Value{std::string("高効率光触媒")});
    EXPECT_EQ(record.Get("keywords"),
              (Value{std::vector<std::string>{"光触媒", "TiO2", "visible light"}}));
    EXPECT_EQ(record.Get("trl"), Value{int64_t{4}});
    EXPECT_EQ(record.Get("sample"), Value{true});
    EXPECT_EQ(record.Get("created_at"), Value{std::string("2026-04-01T09:00:00+09:00")});
    EXPECT_TRUE(IsNull(record.Get("updated_at")));
}

TEST(FromRecord, RoundTripsASeed) {
    const Seed seed = MakeSeed();
    auto back = FromRecord<Seed>(ToRecord(seed));
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->id, 12);
    EXPECT_EQ(back->cluster_id, OptId{3});
    EXPECT_EQ(back->organization_id, 4);
    EXPECT_EQ(back->owner_id, std::nullopt);
    EXPECT_EQ(back->title, seed.title);
    EXPECT_EQ(back->abstract, seed.abstract);
    EXPECT_EQ(back->keywords, seed.keywords);
    EXPECT_EQ(back->field, "nanotech_materials");
    EXPECT_EQ(back->trl, std::optional<int64_t>{4});
    EXPECT_EQ(back->ip_status, "filed");
    EXPECT_EQ(back->visibility, "public");
    EXPECT_TRUE(back->meta.sample);
    EXPECT_EQ(back->meta.created_at, seed.meta.created_at);
    EXPECT_EQ(back->meta.updated_at, "");
    EXPECT_EQ(ToRecord(*back).values, ToRecord(seed).values);
}

TEST(FromRecord, RoundTripsYenDatesAndFiscalYears) {
    Grant grant;
    grant.id = 5;
    grant.cluster_id = 2;
    grant.organization_id = 3;
    grant.fiscal_year = FiscalYear{2004};
    grant.amount = Yen{500'000'000};
    grant.kind = "supplementary";
    grant.decided_on = Date{2004, 4, 1};
    Record record = ToRecord(grant);
    EXPECT_EQ(record.Get("fiscal_year"), Value{int64_t{2004}});
    EXPECT_EQ(record.Get("amount"), Value{int64_t{500'000'000}});
    EXPECT_EQ(record.Get("decided_on"), Value{std::string("2004-04-01")});
    auto back = FromRecord<Grant>(record);
    ASSERT_TRUE(back.has_value()) << back.error().message;
    EXPECT_EQ(back->fiscal_year, FiscalYear{2004});
    EXPECT_EQ(back->amount, Yen{500'000'000});
    EXPECT_EQ(back->decided_on, OptDate(Date{2004, 4, 1}));
    EXPECT_EQ(back->kind, "supplementary");

    Project project;
    project.id = 1;
    project.cluster_id = 2;
    project.title = "共同研究A";
    project.lead_organization_id = 3;
    project.budget = Yen{-1};  // range checks are validation's business, not conversion's
    project.starts_on = Date{2002, 4, 1};
    project.ends_on = std::nullopt;
    project.stage = "active";
    auto project_back = FromRecord<Project>(ToRecord(project));
    ASSERT_TRUE(project_back.has_value()) << project_back.error().message;
    EXPECT_EQ(project_back->budget, OptYen(Yen{-1}));
    EXPECT_EQ(project_back->participation_fee, std::nullopt);
    EXPECT_EQ(project_back->starts_on, OptDate(Date{2002, 4, 1}));
    EXPECT_EQ(project_back->ends_on, std::nullopt);
    EXPECT_EQ(project_back->leader_id, std::nullopt);
}

TEST(FromRecord, RoundTripsOptionalNumbersListsAndBooleans) {
    Evaluation evaluation;
    evaluation.id = 1;
    evaluation.proposal_id = 2;
    evaluation.raw_score = 3.25;
    evaluation.rank = 1;
    evaluation.interval_high = 4.5;
    auto evaluation_back = FromRecord<Evaluation>(ToRecord(evaluation));
    ASSERT_TRUE(evaluation_back.has_value()) << evaluation_back.error().message;
    EXPECT_EQ(evaluation_back->raw_score, std::optional<double>{3.25});
    EXPECT_EQ(evaluation_back->calibrated_score, std::nullopt);
    EXPECT_EQ(evaluation_back->rank, std::optional<int64_t>{1});
    EXPECT_EQ(evaluation_back->interval_low, std::nullopt);
    EXPECT_EQ(evaluation_back->interval_high, std::optional<double>{4.5});

    Organization organization;
    organization.id = 9;
    organization.name_ja = "株式会社テスト";
    organization.kind = "company";
    organization.sme = true;
    organization.region_id = 1;
    auto organization_back = FromRecord<Organization>(ToRecord(organization));
    ASSERT_TRUE(organization_back.has_value()) << organization_back.error().message;
    EXPECT_TRUE(organization_back->sme);
    EXPECT_EQ(organization_back->region_id, OptId{1});

    User user;
    user.id = 1;
    user.login = "alice";
    user.roles = {"admin", "hq"};
    user.disabled = true;
    auto user_back = FromRecord<User>(ToRecord(user));
    ASSERT_TRUE(user_back.has_value()) << user_back.error().message;
    EXPECT_EQ(user_back->roles, (Strings{"admin", "hq"}));
    EXPECT_TRUE(user_back->disabled);
}

TEST(FromRecord, FailsForARecordOfAnotherEntity) {
    Region region;
    region.id = 1;
    region.name_ja = "札幌";
    auto seed = FromRecord<Seed>(ToRecord(region));
    ASSERT_FALSE(seed.has_value());
    EXPECT_EQ(seed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(seed.error().message.find("seed"), std::string::npos) << seed.error().message;
    EXPECT_NE(seed.error().message.find("region"), std::string::npos) << seed.error().message;
}

TEST(FromRecord, FailsForAValueOfTheWrongType) {
    struct WrongCase {
        std::string name;
        std::string field;
        Value value;
    };
    const std::vector<WrongCase> cases = {
        {"text in an integer", "trl", Value{std::string("four")}},
        {"integer in a text", "title", Value{int64_t{4}}},
        {"text in a reference", "organization_id", Value{std::string("4")}},
        {"integer in a list", "keywords", Value{int64_t{1}}},
        {"text in a boolean", "sample", Value{std::string("true")}},
    };
    for (const auto& test_case : cases) {
        Record record = ToRecord(MakeSeed());
        record.Set(test_case.field, test_case.value);
        auto seed = FromRecord<Seed>(record);
        ASSERT_FALSE(seed.has_value()) << test_case.name;
        EXPECT_EQ(seed.error().code, ErrorCode::kInvalidArgument) << test_case.name;
    }
    Record grant = ToRecord(Grant{});
    grant.Set("decided_on", std::string("not a date"));
    EXPECT_FALSE(FromRecord<Grant>(grant).has_value());
}

TEST(FieldTypeName, NamesEveryType) {
    EXPECT_STREQ(FieldTypeName(FieldType::kYen), "yen");
    EXPECT_STREQ(FieldTypeName(FieldType::kFiscalYear), "fiscal year");
    EXPECT_STREQ(FieldTypeName(FieldType::kRef), "reference");
    EXPECT_STREQ(FieldTypeName(FieldType::kEnum), "enum");
}

}  // namespace
}  // namespace kc::core
