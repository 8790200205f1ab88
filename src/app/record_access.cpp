#include "app/record_access.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "app/records.h"
#include "core/entities.h"

namespace kc::app {

using core::EntityDef;
using core::Id;
using core::Record;
using core::Viewer;

namespace {

enum class ReadRule {
    kSignedIn,        // everyone signed in
    kProgrammeStaff,  // admin and programme officers
    kProposal,        // core::CanViewProposal
    kSeed,            // core::CanViewSeed
    kNeed,            // core::CanViewNeed
    kInvention,       // core::CanViewInvention
    kProject,         // everyone; budget fields by core::CanViewProjectBudget
    kProjectBudget,   // core::CanViewProjectBudget of the parent project
    kLedger,          // programme staff, HQ staff of the grant's cluster
    kParent,          // as the record `parent_field` points to
    kHidden,          // not served generically
};

struct AccessRule {
    std::string_view entity;
    ReadRule read;
    std::string_view parent_field = {};  // kParent only
};

// The one table of read rules (see record_access.h); entities not listed are kSignedIn.
constexpr AccessRule kRules[] = {
    {"proposal", ReadRule::kProposal},
    {"proposal_budget", ReadRule::kParent, "proposal_id"},
    {"proposal_member", ReadRule::kParent, "proposal_id"},
    {"proposal_region", ReadRule::kParent, "proposal_id"},
    {"proposal_government", ReadRule::kParent, "proposal_id"},
    {"proposal_participant", ReadRule::kParent, "proposal_id"},
    {"reviewer", ReadRule::kProgrammeStaff},
    {"conflict", ReadRule::kProgrammeStaff},
    {"review_assignment", ReadRule::kProgrammeStaff},
    {"review", ReadRule::kProgrammeStaff},
    {"review_score", ReadRule::kProgrammeStaff},
    {"hearing", ReadRule::kProgrammeStaff},
    {"hearing_score", ReadRule::kProgrammeStaff},
    {"advice", ReadRule::kProgrammeStaff},
    {"evaluation", ReadRule::kProgrammeStaff},
    {"job", ReadRule::kHidden},  // GET /api/v1/jobs (review_portal.h): own jobs, staff all
    {"seed", ReadRule::kSeed},
    {"need", ReadRule::kNeed},
    {"match", ReadRule::kParent, "need_id"},
    {"invention", ReadRule::kInvention},
    {"inventor", ReadRule::kParent, "invention_id"},
    {"invention_applicant", ReadRule::kParent, "invention_id"},
    {"patent_application", ReadRule::kParent, "invention_id"},
    {"licence", ReadRule::kParent, "invention_id"},
    {"project", ReadRule::kProject},
    {"project_budget", ReadRule::kProjectBudget},
    {"ledger_entry", ReadRule::kLedger},
    {"ledger_plan", ReadRule::kLedger},
    {"user", ReadRule::kHidden},
    {"session", ReadRule::kHidden},
};

const AccessRule& RuleOf(const EntityDef& def) {
    static const AccessRule kDefault{"", ReadRule::kSignedIn};
    for (const auto& rule : kRules) {
        if (rule.entity == def.name) return rule;
    }
    return kDefault;
}

bool IsHqRole(const Viewer& viewer) {
    using core::Role;
    return viewer.Has(Role::kHqDirector) || viewer.Has(Role::kProgramManager) ||
           viewer.Has(Role::kResearchDirector) || viewer.Has(Role::kCoordinator) ||
           viewer.Has(Role::kAdviser);
}

std::optional<Id> IdValue(const Record& record, std::string_view field) {
    if (record.IndexOf(field) < 0) return std::nullopt;
    if (auto* id = std::get_if<int64_t>(&record.Get(field))) return *id;
    return std::nullopt;
}

Error Hidden(const EntityDef& def, Id id) {
    return Error::NotFound(fmt::format("no {} with id {}", def.name, id));
}

template <class T>
Result<std::vector<T>> ListWhere(store::Transaction& tx, std::string_view field, Id value) {
    store::Filter filter;
    filter.equals.emplace_back(std::string(field), core::Value{value});
    return tx.List<T>(filter);
}

// Decides row visibility for one viewer within one transaction, remembering parents it looked
// at (a page of matches shares a few needs).
class Access {
  public:
    Access(store::Transaction& tx, const Viewer& viewer) : tx_(tx), viewer_(viewer) {}

    Result<bool> MayRead(const Record& record) {
        const AccessRule& rule = RuleOf(*record.def);
        switch (rule.read) {
            case ReadRule::kSignedIn:
            case ReadRule::kProject:
                return true;
            case ReadRule::kHidden:
                return false;
            case ReadRule::kProgrammeStaff:
                return viewer_.IsProgrammeStaff();
            case ReadRule::kProposal:
                return MayReadProposal(record.GetId());
            case ReadRule::kSeed: {
                KC_ASSIGN_OR_RETURN(auto seed, core::FromRecord<core::Seed>(record));
                return core::CanViewSeed(viewer_, seed);
            }
            case ReadRule::kNeed: {
                KC_ASSIGN_OR_RETURN(auto need, core::FromRecord<core::Need>(record));
                return core::CanViewNeed(viewer_, need);
            }
            case ReadRule::kInvention: {
                KC_ASSIGN_OR_RETURN(auto invention, core::FromRecord<core::Invention>(record));
                KC_ASSIGN_OR_RETURN(auto inventors,
                                    ListWhere<core::Inventor>(tx_, "invention_id", invention.id));
                std::vector<Id> people;
                for (const auto& inventor : inventors) people.push_back(inventor.person_id);
                return core::CanViewInvention(viewer_, invention, people);
            }
            case ReadRule::kProjectBudget: {
                auto project_id = IdValue(record, "project_id");
                if (!project_id) return viewer_.IsProgrammeStaff();
                return MayReadProjectBudget(*project_id);
            }
            case ReadRule::kLedger: {
                if (viewer_.IsProgrammeStaff()) return true;
                auto grant_id = IdValue(record, "grant_id");
                if (!grant_id) return false;
                KC_ASSIGN_OR_RETURN(auto grant, tx_.Get<core::Grant>(*grant_id));
                return viewer_.IsHqOf(grant.cluster_id);
            }
            case ReadRule::kParent: {
                auto parent_id = IdValue(record, rule.parent_field);
                const core::FieldDef* field = record.def->Find(rule.parent_field);
                if (!parent_id || !field) return viewer_.IsProgrammeStaff();
                return MayReadId(*core::FindEntity(field->ref_entity), *parent_id);
            }
        }
        return false;
    }

    // The rows of `def` the viewer may read, as conditions the store can apply (store::Filter
    // any_of); nullopt when every row is readable. Must agree with MayRead row for row: the
    // test `ListAgreesWithShowForEveryAccount` checks it on the demo for every account.
    using Alternatives = std::vector<std::vector<store::InCondition>>;
    Result<std::optional<Alternatives>> ReadableRows(const EntityDef& def, int depth = 0) {
        using store::InCondition;
        const Alternatives kNone = {{InCondition{"id", {}, nullptr}}};
        auto ids = [](const auto& set) {
            std::vector<core::Value> values;
            for (Id id : set) values.emplace_back(id);
            return values;
        };
        auto in = [](std::string field, const EntityDef& entity, std::string select,
                     store::Filter filter) {
            auto sub = std::make_shared<store::Subquery>();
            sub->entity = &entity;
            sub->field = std::move(select);
            sub->filter = std::move(filter);
            return InCondition{std::move(field), {}, std::move(sub)};
        };
        auto where = [](std::string field, core::Value value) {
            store::Filter filter;
            filter.equals.emplace_back(std::move(field), std::move(value));
            return filter;
        };
        const AccessRule& rule = RuleOf(def);
        switch (rule.read) {
            case ReadRule::kSignedIn:
            case ReadRule::kProject:
                return std::optional<Alternatives>();
            case ReadRule::kHidden:
                return std::optional<Alternatives>(kNone);
            case ReadRule::kProgrammeStaff:
                if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                return std::optional<Alternatives>(kNone);
            case ReadRule::kProposal: {
                if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                if (!viewer_.Has(core::Role::kReviewer) || !viewer_.person_id) {
                    return std::optional<Alternatives>(kNone);
                }
                // A reviewer's assignments are few: decide each with MayReadProposal.
                KC_ASSIGN_OR_RETURN(auto reviewers, ListWhere<core::Reviewer>(tx_, "person_id",
                                                                              *viewer_.person_id));
                std::set<Id> visible;
                for (const auto& reviewer : reviewers) {
                    KC_ASSIGN_OR_RETURN(auto assignments, ListWhere<core::ReviewAssignment>(
                                                              tx_, "reviewer_id", reviewer.id));
                    for (const auto& assignment : assignments) {
                        KC_ASSIGN_OR_RETURN(bool readable, MayReadProposal(assignment.proposal_id));
                        if (readable) visible.insert(assignment.proposal_id);
                    }
                }
                return std::optional<Alternatives>({{InCondition{"id", ids(visible), nullptr}}});
            }
            case ReadRule::kSeed: {
                if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                Alternatives any = {{InCondition{"visibility", {std::string("public")}, {}}}};
                if (viewer_.organization_id) {
                    any.push_back(
                        {InCondition{"organization_id", {*viewer_.organization_id}, nullptr}});
                }
                if (viewer_.person_id) {
                    any.push_back({InCondition{"owner_id", {*viewer_.person_id}, nullptr}});
                }
                if (!viewer_.hq_clusters.empty()) {
                    any.push_back({InCondition{"cluster_id", ids(viewer_.hq_clusters), nullptr}});
                }
                return std::optional<Alternatives>(std::move(any));
            }
            case ReadRule::kNeed: {
                if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                Alternatives any = {{InCondition{"confidentiality", {std::string("public")}, {}}}};
                if (viewer_.organization_id) {
                    any.push_back(
                        {InCondition{"organization_id", {*viewer_.organization_id}, nullptr}});
                }
                if (!viewer_.hq_clusters.empty()) {
                    any.push_back({InCondition{"cluster_id", ids(viewer_.hq_clusters), nullptr}});
                }
                return std::optional<Alternatives>(std::move(any));
            }
            case ReadRule::kInvention: {
                Alternatives any;
                if (!viewer_.roles.empty() && !viewer_.Has(core::Role::kPublic)) {
                    any.push_back({InCondition{"published", {true}, nullptr}});
                }
                const InCondition unpublished{"published", {false}, nullptr};
                if (viewer_.Has(core::Role::kAdmin)) {
                    any.push_back({unpublished});
                } else {
                    if (viewer_.person_id) {
                        any.push_back({unpublished, in("id", core::Inventor::Def(), "invention_id",
                                                       where("person_id", *viewer_.person_id))});
                    }
                    if (!viewer_.hq_clusters.empty()) {
                        any.push_back(
                            {unpublished, InCondition{"cluster_id", ids(viewer_.hq_clusters), {}}});
                    }
                }
                if (any.empty()) return std::optional<Alternatives>(kNone);
                return std::optional<Alternatives>(std::move(any));
            }
            case ReadRule::kProjectBudget: {
                if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                Alternatives any;
                if (!viewer_.hq_clusters.empty()) {
                    store::Filter hq;
                    hq.any_of = {{InCondition{"cluster_id", ids(viewer_.hq_clusters), nullptr}}};
                    any.push_back({in("project_id", core::Project::Def(), "id", hq)});
                }
                if (viewer_.organization_id) {
                    any.push_back({in("project_id", core::Project::Def(), "id",
                                      where("lead_organization_id", *viewer_.organization_id))});
                    any.push_back({in("project_id", core::ProjectPartner::Def(), "project_id",
                                      where("organization_id", *viewer_.organization_id))});
                }
                if (any.empty()) return std::optional<Alternatives>(kNone);
                return std::optional<Alternatives>(std::move(any));
            }
            case ReadRule::kLedger: {
                if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                if (viewer_.hq_clusters.empty()) return std::optional<Alternatives>(kNone);
                store::Filter hq;
                hq.any_of = {{InCondition{"cluster_id", ids(viewer_.hq_clusters), nullptr}}};
                return std::optional<Alternatives>(
                    {{in("grant_id", core::Grant::Def(), "id", hq)}});
            }
            case ReadRule::kParent: {
                const core::FieldDef* field = def.Find(rule.parent_field);
                const EntityDef* parent = field ? core::FindEntity(field->ref_entity) : nullptr;
                if (!parent || depth > 4) {
                    return Fail(Error::Internal(
                        fmt::format("{}: no parent entity for {}", def.name, rule.parent_field)));
                }
                KC_ASSIGN_OR_RETURN(auto parent_rows, ReadableRows(*parent, depth + 1));
                // A row without a parent is for programme staff only (as MayRead).
                if (!parent_rows) {
                    if (viewer_.IsProgrammeStaff()) return std::optional<Alternatives>();
                    return std::optional<Alternatives>(
                        {{in(std::string(rule.parent_field), *parent, "id", {})}});
                }
                store::Filter readable;
                readable.any_of = std::move(*parent_rows);
                Alternatives any = {
                    {in(std::string(rule.parent_field), *parent, "id", std::move(readable))}};
                if (viewer_.IsProgrammeStaff()) {
                    any.push_back(
                        {InCondition{std::string(rule.parent_field), {core::Value{}}, {}}});
                }
                return std::optional<Alternatives>(std::move(any));
            }
        }
        return std::optional<Alternatives>(kNone);
    }

    // Clears the fields the viewer may not see (a project's budget and fees).
    Status Redact(Record& record) {
        if (RuleOf(*record.def).read != ReadRule::kProject) return {};
        KC_ASSIGN_OR_RETURN(bool visible, MayReadProjectBudget(record.GetId(), &record));
        if (!visible) {
            record.Set("budget", core::Value{});
            record.Set("participation_fee", core::Value{});
        }
        return {};
    }

  private:
    Result<bool> MayReadId(const EntityDef& def, Id id) {
        auto key = std::make_pair(def.name, id);
        if (auto it = parents_.find(key); it != parents_.end()) return it->second;
        auto record = tx_.Get(def, id);
        bool visible = false;
        if (record) {
            KC_ASSIGN_OR_RETURN(visible, MayRead(*record));
        } else if (record.error().code != ErrorCode::kNotFound) {
            return Fail(record.error());
        }
        parents_.emplace(std::move(key), visible);
        return visible;
    }

    Result<bool> MayReadProposal(Id proposal_id) {
        if (viewer_.IsProgrammeStaff()) return true;
        if (!viewer_.Has(core::Role::kReviewer) || !viewer_.person_id) return false;
        KC_ASSIGN_OR_RETURN(auto reviewers,
                            ListWhere<core::Reviewer>(tx_, "person_id", *viewer_.person_id));
        bool assigned = false;
        for (const auto& reviewer : reviewers) {
            store::Filter filter;
            filter.equals = {{"reviewer_id", core::Value{reviewer.id}},
                             {"proposal_id", core::Value{proposal_id}}};
            KC_ASSIGN_OR_RETURN(int64_t count, tx_.Count(core::ReviewAssignment::Def(), filter));
            assigned = assigned || count > 0;
        }
        store::Filter conflicts;
        conflicts.equals = {{"person_id", core::Value{*viewer_.person_id}},
                            {"proposal_id", core::Value{proposal_id}}};
        KC_ASSIGN_OR_RETURN(int64_t conflicted, tx_.Count(core::Conflict::Def(), conflicts));
        return core::CanViewProposal(viewer_, assigned, conflicted > 0);
    }

    // `record` is the project when the caller has it already.
    Result<bool> MayReadProjectBudget(Id project_id, const Record* record = nullptr) {
        core::Project project;
        if (record) {
            KC_ASSIGN_OR_RETURN(project, core::FromRecord<core::Project>(*record));
        } else {
            KC_ASSIGN_OR_RETURN(project, tx_.Get<core::Project>(project_id));
        }
        KC_ASSIGN_OR_RETURN(auto partners,
                            ListWhere<core::ProjectPartner>(tx_, "project_id", project.id));
        std::vector<Id> organisations = {project.lead_organization_id};
        for (const auto& partner : partners) organisations.push_back(partner.organization_id);
        return core::CanViewProjectBudget(viewer_, project, organisations);
    }

    store::Transaction& tx_;
    const Viewer& viewer_;
    std::map<std::pair<std::string, Id>, bool> parents_;
};

// A write is allowed for the entity, and for HQ roles only on rows of their own clusters.
WriteCheck WriteRule(const Viewer& viewer, const EntityDef& def) {
    return [&viewer, &def](store::Transaction&, const Record& record) -> Status {
        if (!MayWriteEntity(viewer, def)) {
            return Fail(Error{ErrorCode::kPermissionDenied,
                              fmt::format("your roles may not change {} records", def.name),
                              {}});
        }
        if (viewer.IsProgrammeStaff()) return {};
        if (record.IndexOf("cluster_id") >= 0) {
            auto cluster = IdValue(record, "cluster_id");
            if (cluster && !viewer.IsHqOf(cluster)) {
                return Fail(Error{
                    ErrorCode::kPermissionDenied,
                    fmt::format("you may change {} records only of clusters whose HQ you serve",
                                def.name),
                    {}});
            }
        }
        return {};
    };
}

Status CheckReadable(const Viewer& viewer, const EntityDef& def) {
    const ReadRule read = RuleOf(def).read;
    if (read == ReadRule::kHidden) {
        return Fail(Error::NotFound(fmt::format("{} records are not served here", def.name)));
    }
    if (viewer.roles.empty()) {
        return Fail(Error{ErrorCode::kPermissionDenied, "your account has no role", {}});
    }
    if (read == ReadRule::kProgrammeStaff && !viewer.IsProgrammeStaff()) {
        return Fail(Error{ErrorCode::kPermissionDenied,
                          fmt::format("{} records are for programme staff only", def.name),
                          {}});
    }
    return {};
}

}  // namespace

bool ServedGenerically(const EntityDef& def) { return RuleOf(def).read != ReadRule::kHidden; }

bool MayWriteEntity(const Viewer& viewer, const EntityDef& def) {
    if (!ServedGenerically(def)) return false;
    if (viewer.IsProgrammeStaff()) return true;
    return def.level == "cluster" && IsHqRole(viewer);
}

Result<RecordPage> ListVisibleRecords(store::Store& store, const Viewer& viewer,
                                      std::string_view entity, const RecordQuery& query) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_RETURN_IF_ERROR(CheckReadable(viewer, *def));
    std::vector<FieldError> errors;
    if (query.limit < 1 || query.limit > 1000) {
        errors.push_back({"limit", "an integer 1..1000", std::to_string(query.limit)});
    }
    if (query.offset < 0) {
        errors.push_back({"offset", "an integer >= 0", std::to_string(query.offset)});
    }
    int sort_index = -1;
    bool descending = false;
    if (!query.sort.empty()) {
        std::string_view name = query.sort;
        if (name.starts_with('-')) {
            descending = true;
            name.remove_prefix(1);
        }
        sort_index = def->IndexOf(name);
        if (sort_index < 0 || def->fields[sort_index].type == core::FieldType::kList) {
            errors.push_back({"sort", fmt::format("a field of {}, optionally after -", def->name),
                              fmt::format("\"{}\"", query.sort)});
        }
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    RefResolver resolver(*tx);
    auto filter = ParseRecordFilters(*def, query.filters, resolver);
    if (!filter) {
        if (filter.error().fields.empty()) return Fail(filter.error());
        for (auto field : filter.error().fields) {
            field.path = "filter." + field.path;
            errors.push_back(std::move(field));
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid query", std::move(errors)));

    RecordPage page;
    page.limit = query.limit;
    page.offset = query.offset;
    Access access(*tx, viewer);
    KC_ASSIGN_OR_RETURN(auto readable, access.ReadableRows(*def));
    if (readable) filter->any_of = std::move(*readable);
    // Sorting by a field the viewer may not see (a project's budget) would reveal its order: such
    // a sort happens here, after redaction; every other query is counted, sorted and paged by the
    // store.
    const bool redacted_sort = sort_index >= 0 && RuleOf(*def).read == ReadRule::kProject &&
                               !viewer.IsProgrammeStaff() &&
                               (def->fields[sort_index].name == "budget" ||
                                def->fields[sort_index].name == "participation_fee");
    if (!redacted_sort) {
        KC_ASSIGN_OR_RETURN(page.total, tx->Count(*def, *filter));
        filter->limit = query.limit;
        filter->offset = query.offset;
        if (sort_index >= 0) {
            filter->order_by = def->fields[sort_index].name;
            filter->descending = descending;
        }
        KC_ASSIGN_OR_RETURN(page.items, tx->List(*def, *filter));
        for (auto& record : page.items) KC_RETURN_IF_ERROR(access.Redact(record));
        return page;
    }
    KC_ASSIGN_OR_RETURN(auto records, tx->List(*def, *filter));
    std::vector<Record> visible;
    for (auto& record : records) {
        KC_RETURN_IF_ERROR(access.Redact(record));
        visible.push_back(std::move(record));
    }
    const auto index = static_cast<size_t>(sort_index);
    std::stable_sort(visible.begin(), visible.end(),
                     [index, descending](const Record& a, const Record& b) {
                         return descending ? b.values[index] < a.values[index]
                                           : a.values[index] < b.values[index];
                     });
    page.total = static_cast<int64_t>(visible.size());
    const auto begin = std::min<size_t>(visible.size(), static_cast<size_t>(query.offset));
    const auto end = std::min<size_t>(visible.size(), begin + static_cast<size_t>(query.limit));
    for (size_t i = begin; i < end; ++i) page.items.push_back(std::move(visible[i]));
    return page;
}

Result<std::vector<Id>> ReadableIdsRowByRow(store::Store& store, const Viewer& viewer,
                                            std::string_view entity) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_RETURN_IF_ERROR(CheckReadable(viewer, *def));
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(auto records, tx->List(*def, {}));
    Access access(*tx, viewer);
    std::vector<Id> ids;
    for (const auto& record : records) {
        KC_ASSIGN_OR_RETURN(bool readable, access.MayRead(record));
        if (readable) ids.push_back(record.GetId());
    }
    return ids;
}

Result<Record> ShowVisibleRecord(store::Store& store, const Viewer& viewer, std::string_view entity,
                                 Id id) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_RETURN_IF_ERROR(CheckReadable(viewer, *def));
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    KC_ASSIGN_OR_RETURN(Record record, tx->Get(*def, id));
    Access access(*tx, viewer);
    KC_ASSIGN_OR_RETURN(bool readable, access.MayRead(record));
    if (!readable) return Fail(Hidden(*def, id));
    KC_RETURN_IF_ERROR(access.Redact(record));
    return record;
}

Result<Id> AddRecordAs(store::Store& store, const Viewer& viewer, const store::Actor& actor,
                       std::string_view entity, const std::vector<std::string>& assignments) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_RETURN_IF_ERROR(CheckReadable(viewer, *def));
    return AddRecord(store, actor, entity, assignments, WriteRule(viewer, *def));
}

Result<Record> UpdateRecordAs(store::Store& store, const Viewer& viewer, const store::Actor& actor,
                              std::string_view entity, Id id,
                              const std::vector<std::string>& assignments) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_RETURN_IF_ERROR(CheckReadable(viewer, *def));
    KC_RETURN_IF_ERROR(ShowVisibleRecord(store, viewer, entity, id));
    KC_ASSIGN_OR_RETURN(Record updated, UpdateRecord(store, actor, entity, id, assignments,
                                                     WriteRule(viewer, *def)));
    return ShowVisibleRecord(store, viewer, entity, updated.GetId());
}

Status DeleteRecordAs(store::Store& store, const Viewer& viewer, const store::Actor& actor,
                      std::string_view entity, Id id) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_RETURN_IF_ERROR(CheckReadable(viewer, *def));
    KC_RETURN_IF_ERROR(ShowVisibleRecord(store, viewer, entity, id));
    return DeleteRecord(store, actor, entity, id, WriteRule(viewer, *def));
}

}  // namespace kc::app
