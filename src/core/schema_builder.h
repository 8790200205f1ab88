#pragma once

// Internal to core: the builder that declares an EntityDef and binds it to a plain struct with
// member pointers. Used only by entity_defs.cpp; other code sees EntityDef and the structs.

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/entities.h"
#include "core/schema.h"

namespace kc::core::detail {

// Reads or writes one field of a struct through a type-erased pointer.
struct Accessor {
    std::function<Value(const void*)> get;
    std::function<Status(void*, const Value&)> set;
};

// The accessors of an entity, indexed like its fields. Aborts for an unknown definition.
const std::vector<Accessor>& AccessorsOf(const EntityDef& def);

// Options of one field, given with designated initialisers: {.required = true, .ref = "region"}.
struct FieldOpts {
    bool required = false;
    const char* ref = nullptr;
    std::vector<EnumValue> enums;
    std::optional<int64_t> min;
    std::optional<int64_t> max;
    bool long_text = false;
    bool timestamp = false;
    int64_t max_length = 0;
    const char* doc = "";
    const char* default_code = nullptr;  // kEnum: the code a new record starts with
};

template <class M>
struct Codec;

template <>
struct Codec<int64_t> {
    static Value To(const int64_t& v) { return v; }
    static bool From(const Value& v, int64_t& out) {
        if (IsNull(v)) {
            out = 0;
            return true;
        }
        if (auto* p = std::get_if<int64_t>(&v)) {
            out = *p;
            return true;
        }
        return false;
    }
};
template <>
struct Codec<double> {
    static Value To(const double& v) { return v; }
    static bool From(const Value& v, double& out) {
        if (IsNull(v)) {
            out = 0;
            return true;
        }
        if (auto* p = std::get_if<double>(&v)) {
            out = *p;
            return true;
        }
        if (auto* p = std::get_if<int64_t>(&v)) {
            out = static_cast<double>(*p);
            return true;
        }
        return false;
    }
};
template <>
struct Codec<bool> {
    static Value To(const bool& v) { return v; }
    static bool From(const Value& v, bool& out) {
        if (IsNull(v)) {
            out = false;
            return true;
        }
        if (auto* p = std::get_if<bool>(&v)) {
            out = *p;
            return true;
        }
        return false;
    }
};
template <>
struct Codec<std::string> {
    static Value To(const std::string& v) { return v.empty() ? Value{} : Value{v}; }
    static bool From(const Value& v, std::string& out) {
        if (IsNull(v)) {
            out.clear();
            return true;
        }
        if (auto* p = std::get_if<std::string>(&v)) {
            out = *p;
            return true;
        }
        return false;
    }
};
template <>
struct Codec<Strings> {
    static Value To(const Strings& v) { return v; }
    static bool From(const Value& v, Strings& out) {
        if (IsNull(v)) {
            out.clear();
            return true;
        }
        if (auto* p = std::get_if<Strings>(&v)) {
            out = *p;
            return true;
        }
        return false;
    }
};
template <>
struct Codec<Yen> {
    static Value To(const Yen& v) { return v.value; }
    static bool From(const Value& v, Yen& out) { return Codec<int64_t>::From(v, out.value); }
};
template <>
struct Codec<FiscalYear> {
    static Value To(const FiscalYear& v) { return static_cast<int64_t>(v.year); }
    static bool From(const Value& v, FiscalYear& out) {
        int64_t year = 0;
        if (!Codec<int64_t>::From(v, year)) return false;
        out.year = static_cast<int>(year);
        return true;
    }
};
template <>
struct Codec<Date> {
    static Value To(const Date& v) { return FormatIso(v); }
    static bool From(const Value& v, Date& out) {
        if (IsNull(v)) {
            out = Date{};
            return true;
        }
        auto* p = std::get_if<std::string>(&v);
        if (!p) return false;
        auto parsed = ParseDate(*p);
        if (!parsed) return false;
        out = *parsed;
        return true;
    }
};
template <class M>
struct Codec<std::optional<M>> {
    static Value To(const std::optional<M>& v) { return v ? Codec<M>::To(*v) : Value{}; }
    static bool From(const Value& v, std::optional<M>& out) {
        if (IsNull(v)) {
            out.reset();
            return true;
        }
        M inner{};
        if (!Codec<M>::From(v, inner)) return false;
        out = std::move(inner);
        return true;
    }
};

template <class M>
FieldType DeduceType(const std::string& name, const FieldOpts& opts) {
    using Base = std::remove_cvref_t<M>;
    if constexpr (std::is_same_v<Base, int64_t> || std::is_same_v<Base, std::optional<int64_t>>) {
        if (name == "id") return FieldType::kId;
        return opts.ref ? FieldType::kRef : FieldType::kInt;
    } else if constexpr (std::is_same_v<Base, double> ||
                         std::is_same_v<Base, std::optional<double>>) {
        return FieldType::kDouble;
    } else if constexpr (std::is_same_v<Base, bool>) {
        return FieldType::kBool;
    } else if constexpr (std::is_same_v<Base, Yen> || std::is_same_v<Base, OptYen>) {
        return FieldType::kYen;
    } else if constexpr (std::is_same_v<Base, Date> || std::is_same_v<Base, OptDate>) {
        return FieldType::kDate;
    } else if constexpr (std::is_same_v<Base, FiscalYear> ||
                         std::is_same_v<Base, std::optional<FiscalYear>>) {
        return FieldType::kFiscalYear;
    } else if constexpr (std::is_same_v<Base, Strings>) {
        return FieldType::kList;
    } else {
        static_assert(std::is_same_v<Base, std::string>, "unsupported member type");
        if (!opts.enums.empty()) return FieldType::kEnum;
        if (opts.timestamp) return FieldType::kTimestamp;
        return opts.long_text ? FieldType::kLongText : FieldType::kText;
    }
}

// Registers a definition and its accessors; returns the stored definition.
const EntityDef& Register(EntityDef def, std::vector<Accessor> accessors);

template <class T>
class Builder {
  public:
    Builder(const char* name, const char* label_ja, const char* label_en, const char* level,
            const char* doc) {
        def_.name = name;
        def_.label_ja = label_ja;
        def_.label_en = label_en;
        def_.level = level;
        def_.doc = doc;
        Field("id", &T::id, "ID", "ID", {.doc = "Integer id, unique within the entity."});
    }

    template <class M>
    Builder& Field(const char* name, M T::*member, const char* label_ja, const char* label_en,
                   FieldOpts opts = {}) {
        FieldDef field;
        field.name = name;
        field.type = DeduceType<M>(field.name, opts);
        field.label_ja = label_ja;
        field.label_en = label_en;
        field.required = opts.required || field.type == FieldType::kId;
        if (opts.ref) field.ref_entity = opts.ref;
        field.enum_values = std::move(opts.enums);
        field.min = opts.min;
        field.max = opts.max;
        field.max_length = opts.max_length;
        field.doc = opts.doc;
        if (opts.default_code) field.default_value = std::string(opts.default_code);
        def_.fields.push_back(std::move(field));
        accessors_.push_back(
            Accessor{[member](const void* object) {
                         return Codec<M>::To(static_cast<const T*>(object)->*member);
                     },
                     [member, name](void* object, const Value& value) -> Status {
                         if (!Codec<M>::From(value, static_cast<T*>(object)->*member)) {
                             return Fail(Error::InvalidArgument(
                                 std::string("value of the wrong type for field ") + name));
                         }
                         return {};
                     }});
        return *this;
    }

    Builder& Names(std::vector<std::string> names) {
        def_.name_fields = std::move(names);
        return *this;
    }
    Builder& CompoundName(std::vector<std::string> fields) {
        def_.compound_name = std::move(fields);
        return *this;
    }
    Builder& States(StateMachine machine) {
        def_.state_machine = std::move(machine);
        return *this;
    }
    Builder& Rule(RecordRule rule) {
        def_.rules.push_back(std::move(rule));
        return *this;
    }
    Builder& NotImportable() {
        def_.importable = false;
        return *this;
    }

    // Appends the RowMeta columns and registers the definition.
    const EntityDef& Done() {
        AddSample();
        AddMeta<std::string>("created_at", "作成日時", "Created at", &RowMeta::created_at,
                             "When the record was created (set by the store).");
        AddMeta<std::string>("updated_at", "更新日時", "Updated at", &RowMeta::updated_at,
                             "When the record was last changed (set by the store).");
        return Register(std::move(def_), std::move(accessors_));
    }

  private:
    template <class M>
    void AddMeta(const char* name, const char* ja, const char* en, M RowMeta::*member,
                 const char* doc) {
        FieldDef field;
        field.name = name;
        field.type = FieldType::kTimestamp;
        field.label_ja = ja;
        field.label_en = en;
        field.doc = doc;
        def_.fields.push_back(std::move(field));
        accessors_.push_back(Accessor{
            [member](const void* object) {
                return Codec<M>::To(static_cast<const T*>(object)->meta.*member);
            },
            [member](void* object, const Value& value) -> Status {
                if (!Codec<M>::From(value, static_cast<T*>(object)->meta.*member)) {
                    return Fail(Error::InvalidArgument("value of the wrong type for a timestamp"));
                }
                return {};
            }});
    }

    void AddSample() {
        FieldDef field;
        field.name = "sample";
        field.type = FieldType::kBool;
        field.label_ja = "サンプル";
        field.label_en = "Sample";
        field.doc = "True for demo data that is illustrative rather than sourced fact.";
        def_.fields.push_back(std::move(field));
        accessors_.push_back(Accessor{
            [](const void* object) { return Value{static_cast<const T*>(object)->meta.sample}; },
            [](void* object, const Value& value) -> Status {
                if (!Codec<bool>::From(value, static_cast<T*>(object)->meta.sample)) {
                    return Fail(Error::InvalidArgument("sample must be true or false"));
                }
                return {};
            }});
    }

    EntityDef def_;
    std::vector<Accessor> accessors_;
};

}  // namespace kc::core::detail
