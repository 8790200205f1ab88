#include "core/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>

#include "core/entities.h"
#include "core/schema_builder.h"

namespace kc::core {
namespace detail {
void EnsureDefined();
}  // namespace detail

namespace {

struct Registry {
    // deque: stable addresses for the definitions handed out.
    std::deque<EntityDef> defs;
    std::vector<const EntityDef*> order;
    std::map<const EntityDef*, std::vector<detail::Accessor>> accessors;
    std::map<std::string, const EntityDef*, std::less<>> by_name;
};

Registry& Reg() {
    static Registry registry;
    return registry;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

}  // namespace

const char* FieldTypeName(FieldType type) {
    switch (type) {
        case FieldType::kId:
            return "id";
        case FieldType::kRef:
            return "reference";
        case FieldType::kText:
            return "text";
        case FieldType::kLongText:
            return "long text";
        case FieldType::kInt:
            return "integer";
        case FieldType::kDouble:
            return "number";
        case FieldType::kYen:
            return "yen";
        case FieldType::kDate:
            return "date";
        case FieldType::kTimestamp:
            return "timestamp";
        case FieldType::kFiscalYear:
            return "fiscal year";
        case FieldType::kBool:
            return "boolean";
        case FieldType::kEnum:
            return "enum";
        case FieldType::kList:
            return "list";
    }
    return "text";
}

int EntityDef::IndexOf(std::string_view field_name) const {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field_name) return static_cast<int>(i);
    }
    return -1;
}

const FieldDef* EntityDef::Find(std::string_view field_name) const {
    int index = IndexOf(field_name);
    return index < 0 ? nullptr : &fields[static_cast<size_t>(index)];
}

const FieldDef* EntityDef::FindByHeader(std::string_view header) const {
    for (const auto& field : fields) {
        if (EqualsIgnoreAsciiCase(field.name, header)) return &field;
    }
    for (const auto& field : fields) {
        if (field.label_ja == header || EqualsIgnoreAsciiCase(field.label_en, header)) {
            return &field;
        }
    }
    return nullptr;
}

std::span<const EntityDef* const> AllEntities() {
    detail::EnsureDefined();
    return Reg().order;
}

const EntityDef* FindEntity(std::string_view name) {
    detail::EnsureDefined();
    auto it = Reg().by_name.find(name);
    return it == Reg().by_name.end() ? nullptr : it->second;
}

Result<const EntityDef*> RequireEntity(std::string_view name) {
    if (const EntityDef* def = FindEntity(name)) return def;
    std::string known;
    for (const EntityDef* def : AllEntities()) {
        if (!known.empty()) known += ", ";
        known += def->name;
    }
    return Fail(Error::InvalidArgument(
        fmt::format("unknown entity \"{}\": expected one of {}", name, known)));
}

int Record::IndexOf(std::string_view name) const { return def->IndexOf(name); }

const Value& Record::Get(std::string_view name) const {
    int index = IndexOf(name);
    KC_CHECK(index >= 0, "Record::Get of a field the entity does not have");
    return values[static_cast<size_t>(index)];
}

void Record::Set(std::string_view name, Value value) {
    int index = IndexOf(name);
    KC_CHECK(index >= 0, "Record::Set of a field the entity does not have");
    values[static_cast<size_t>(index)] = std::move(value);
}

Id Record::GetId() const {
    const auto* id = std::get_if<int64_t>(&values.at(0));
    return id ? *id : 0;
}

Record EmptyRecord(const EntityDef& def) {
    Record record{&def, std::vector<Value>(def.fields.size())};
    for (size_t i = 0; i < def.fields.size(); ++i) {
        if (def.fields[i].type == FieldType::kBool) record.values[i] = false;
        if (def.fields[i].type == FieldType::kList) record.values[i] = std::vector<std::string>{};
        if (!IsNull(def.fields[i].default_value)) record.values[i] = def.fields[i].default_value;
    }
    record.values[0] = int64_t{0};  // no id yet: the store assigns one
    return record;
}

namespace detail {

const EntityDef& Register(EntityDef def, std::vector<Accessor> accessors) {
    Registry& reg = Reg();
    KC_CHECK(!reg.by_name.contains(def.name), "entity defined twice");
    KC_CHECK(def.fields.size() == accessors.size(), "accessor count mismatch");
    for (const auto& field : def.fields) {
        if (field.type == FieldType::kRef) {
            KC_CHECK(field.ref_entity == def.name || reg.by_name.contains(field.ref_entity),
                     "reference to an entity not yet defined");
        }
    }
    reg.defs.push_back(std::move(def));
    const EntityDef* stored = &reg.defs.back();
    reg.order.push_back(stored);
    reg.by_name.emplace(stored->name, stored);
    reg.accessors.emplace(stored, std::move(accessors));
    return *stored;
}

const std::vector<Accessor>& AccessorsOf(const EntityDef& def) {
    auto it = Reg().accessors.find(&def);
    KC_CHECK(it != Reg().accessors.end(), "no accessors for entity");
    return it->second;
}

Record ToRecordErased(const EntityDef& def, const void* object) {
    const auto& accessors = AccessorsOf(def);
    Record record{&def, {}};
    record.values.reserve(accessors.size());
    for (const auto& accessor : accessors) record.values.push_back(accessor.get(object));
    return record;
}

Status FromRecordErased(const EntityDef& def, const Record& record, void* object) {
    if (record.def != &def) {
        return Fail(Error::InvalidArgument(
            fmt::format("expected a {} record, got a {} record", def.name,
                        record.def ? record.def->name : std::string("null"))));
    }
    const auto& accessors = AccessorsOf(def);
    for (size_t i = 0; i < accessors.size(); ++i) {
        KC_RETURN_IF_ERROR(accessors[i].set(object, record.values[i]));
    }
    return {};
}

}  // namespace detail
}  // namespace kc::core
