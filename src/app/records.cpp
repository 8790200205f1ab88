#include "app/records.h"

#include <fmt/format.h>

#include "app/programme.h"
#include "core/value_io.h"
#include "util/text.h"

namespace kc::app {

using core::EntityDef;
using core::FieldDef;
using core::FieldType;
using core::Record;
using core::Value;

namespace {

Error FieldProblem(const FieldDef& field, std::string expected, std::string got) {
    return Error::Fields("invalid value",
                         {FieldError{field.name, std::move(expected), std::move(got)}});
}

Status SplitAssignment(std::string_view assignment, std::string_view& key,
                       std::string_view& value) {
    size_t eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        return Fail(Error::InvalidArgument(fmt::format(
            "expected key=value (for example title=希少糖の量産技術), got \"{}\"", assignment)));
    }
    key = Trim(assignment.substr(0, eq));
    value = assignment.substr(eq + 1);
    return {};
}

}  // namespace

Result<core::Id> RefResolver::Resolve(const FieldDef& field, std::string_view raw) {
    std::string_view text = Trim(raw);
    const EntityDef* target = core::FindEntity(field.ref_entity);
    KC_CHECK(target != nullptr, "reference to an unknown entity");
    auto key = std::make_pair(target->name, std::string(text));
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    core::Id id = 0;
    if (auto number = ParseInt(text); number) {
        if (*number <= 0) {
            return Fail(FieldProblem(field, fmt::format("the id or name of a {}", target->name),
                                     QuoteForMessage(text)));
        }
        KC_ASSIGN_OR_RETURN(bool exists, transaction_.Exists(*target, *number));
        if (!exists) {
            return Fail(FieldProblem(field, fmt::format("the id of an existing {}", target->name),
                                     fmt::format("{} (no {} has this id)", *number, target->name)));
        }
        id = *number;
    } else {
        KC_ASSIGN_OR_RETURN(auto ids, transaction_.FindByName(*target, text));
        if (ids.empty()) {
            return Fail(FieldProblem(
                field, fmt::format("the id or exact name of an existing {}", target->name),
                fmt::format("{} (no {} has this name)", QuoteForMessage(text), target->name)));
        }
        if (ids.size() > 1) {
            std::string candidates;
            for (core::Id candidate : ids) {
                if (!candidates.empty()) candidates += ", ";
                candidates += std::to_string(candidate);
            }
            return Fail(FieldProblem(
                field, fmt::format("a name that identifies one {} (use the id)", target->name),
                fmt::format("{} (ids {})", QuoteForMessage(text), candidates)));
        }
        id = ids.front();
    }
    cache_.emplace(std::move(key), id);
    return id;
}

Result<core::Id> ResolveReference(store::Store& store, std::string_view entity,
                                  std::string_view text) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.BeginRead());
    FieldDef field;
    field.name = def->name;
    field.type = FieldType::kRef;
    field.ref_entity = def->name;
    RefResolver resolver(*transaction);
    return resolver.Resolve(field, text);
}

Result<Value> ParseCell(const FieldDef& field, std::string_view text, RefResolver& resolver) {
    if (field.type == FieldType::kRef) {
        if (Trim(text).empty()) return Value{};
        KC_ASSIGN_OR_RETURN(core::Id id, resolver.Resolve(field, text));
        return Value{id};
    }
    return core::ParseFieldText(field, text);
}

const FieldDef* FindFieldByKey(const EntityDef& def, std::string_view key) {
    if (const FieldDef* field = def.FindByHeader(key)) return field;
    std::string with_id = std::string(key) + "_id";
    return def.Find(with_id);
}

Status ApplyAssignments(Record& record, const std::vector<std::string>& assignments,
                        RefResolver& resolver) {
    const EntityDef& def = *record.def;
    std::vector<FieldError> errors;
    for (const auto& assignment : assignments) {
        std::string_view key, value;
        if (auto split = SplitAssignment(assignment, key, value); !split) return split;
        const FieldDef* field = FindFieldByKey(def, key);
        if (!field) {
            std::string known;
            for (const auto& f : def.fields) {
                if (f.name == "id" || f.name == "created_at" || f.name == "updated_at") continue;
                if (!known.empty()) known += ", ";
                known += f.name;
            }
            errors.push_back({std::string(key), fmt::format("a field of {}: {}", def.name, known),
                              "an unknown field"});
            continue;
        }
        if (field->type == FieldType::kId || field->name == "created_at" ||
            field->name == "updated_at") {
            errors.push_back({field->name, "a field you may set", "a field the store manages"});
            continue;
        }
        auto parsed = ParseCell(*field, value, resolver);
        if (!parsed) {
            if (parsed.error().fields.empty()) return Fail(parsed.error());
            for (auto& e : parsed.error().fields) errors.push_back(e);
            continue;
        }
        record.Set(field->name, std::move(*parsed));
    }
    if (!errors.empty()) {
        return Fail(Error::Fields(fmt::format("invalid {}", def.name), std::move(errors)));
    }
    return {};
}

Result<core::Id> AddRecord(store::Store& store, const store::Actor& actor, std::string_view entity,
                           const std::vector<std::string>& assignments, const WriteCheck& check) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin(actor));
    Record record = core::EmptyRecord(*def);
    RefResolver resolver(*transaction);
    KC_RETURN_IF_ERROR(ApplyAssignments(record, assignments, resolver));
    if (check) KC_RETURN_IF_ERROR(check(*transaction, record));
    KC_RETURN_IF_ERROR(CheckBusinessRules(*transaction, record));
    KC_ASSIGN_OR_RETURN(core::Id id, transaction->Insert(std::move(record)));
    KC_RETURN_IF_ERROR(transaction->Commit());
    return id;
}

Result<Record> UpdateRecord(store::Store& store, const store::Actor& actor, std::string_view entity,
                            core::Id id, const std::vector<std::string>& assignments,
                            const WriteCheck& check) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    if (assignments.empty()) {
        return Fail(Error::InvalidArgument("expected at least one key=value to change"));
    }
    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin(actor));
    KC_ASSIGN_OR_RETURN(Record record, transaction->Get(*def, id));
    if (check) KC_RETURN_IF_ERROR(check(*transaction, record));
    RefResolver resolver(*transaction);
    KC_RETURN_IF_ERROR(ApplyAssignments(record, assignments, resolver));
    if (check) KC_RETURN_IF_ERROR(check(*transaction, record));
    KC_RETURN_IF_ERROR(CheckBusinessRules(*transaction, record));
    KC_RETURN_IF_ERROR(transaction->Update(record));
    KC_ASSIGN_OR_RETURN(Record after, transaction->Get(*def, id));
    KC_RETURN_IF_ERROR(transaction->Commit());
    return after;
}

Status DeleteRecord(store::Store& store, const store::Actor& actor, std::string_view entity,
                    core::Id id, const WriteCheck& check) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.Begin(actor));
    KC_ASSIGN_OR_RETURN(Record record, transaction->Get(*def, id));
    if (check) KC_RETURN_IF_ERROR(check(*transaction, record));
    KC_RETURN_IF_ERROR(transaction->Delete(*def, id));
    return transaction->Commit();
}

Result<store::Filter> ParseRecordFilters(const EntityDef& def,
                                         const std::vector<std::string>& filters,
                                         RefResolver& resolver) {
    store::Filter filter;
    std::vector<FieldError> errors;
    for (const auto& text : filters) {
        std::string_view key, value;
        if (auto split = SplitAssignment(text, key, value); !split) return Fail(split.error());
        const FieldDef* field = FindFieldByKey(def, key);
        if (!field) {
            errors.push_back(
                {std::string(key), fmt::format("a field of {}", def.name), "an unknown field"});
            continue;
        }
        if (field->type == FieldType::kList) {
            errors.push_back({field->name, "a field that is not a list", "a list field"});
            continue;
        }
        Value parsed;
        if (field->type == FieldType::kId) {
            auto number = ParseInt(value);
            if (!number) {
                errors.push_back({field->name, "an integer id", QuoteForMessage(value)});
                continue;
            }
            parsed = *number;
        } else {
            auto cell = ParseCell(*field, value, resolver);
            if (!cell) {
                for (auto& e : cell.error().fields) errors.push_back(e);
                if (cell.error().fields.empty()) return Fail(cell.error());
                continue;
            }
            parsed = std::move(*cell);
        }
        filter.equals.emplace_back(field->name, std::move(parsed));
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid filter", std::move(errors)));
    return filter;
}

Result<std::vector<Record>> ListRecords(store::Store& store, std::string_view entity,
                                        const std::vector<std::string>& filters, int64_t limit) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.BeginRead());
    RefResolver resolver(*transaction);
    auto filter = ParseRecordFilters(*def, filters, resolver);
    if (!filter) {
        Error error = std::move(filter).error();
        if (!error.fields.empty())
            error = Error::Fields("invalid --filter", std::move(error.fields));
        return Fail(std::move(error));
    }
    filter->limit = limit;
    return transaction->List(*def, *filter);
}

Result<Record> ShowRecord(store::Store& store, std::string_view entity, core::Id id) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.BeginRead());
    return transaction->Get(*def, id);
}

Result<std::vector<store::AuditEntry>> RecordHistory(store::Store& store, std::string_view entity,
                                                     core::Id id) {
    KC_ASSIGN_OR_RETURN(const EntityDef* def, core::RequireEntity(entity));
    KC_ASSIGN_OR_RETURN(auto transaction, store.BeginRead());
    return transaction->Audit(def->name, id);
}

std::string RecordName(const Record& record) {
    for (const auto& name : record.def->name_fields) {
        if (auto* text = std::get_if<std::string>(&record.Get(name)); text && !text->empty()) {
            return *text;
        }
    }
    if (record.def->name == "person") {
        auto family = std::get_if<std::string>(&record.Get("family_name"));
        auto given = std::get_if<std::string>(&record.Get("given_name"));
        return fmt::format("{} {}", family ? *family : "", given ? *given : "");
    }
    return fmt::format("{} #{}", record.def->name, record.GetId());
}

}  // namespace kc::app
