#pragma once

// The data model as data: every entity of kcluster is described once by an EntityDef (its fields
// with types, Japanese and English labels, required flags, references, enum values and bounds),
// and, where it has a lifecycle, by a StateMachine. The definitions drive validation, the store's
// SQL, CSV/JSON import and export, the CLI and docs/formats.md and docs/glossary.md, so they
// cannot drift apart. The typed structs in core/entities.h are bound to the same definitions.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "util/error.h"

namespace kc::core {

enum class FieldType {
    kId,          // the record's own integer id (always field 0)
    kRef,         // id of a record of `ref_entity`
    kText,        // one line of text (at most max_length characters)
    kLongText,    // free text, several paragraphs
    kInt,         // integer within [min, max]
    kDouble,      // real number within [min, max]
    kYen,         // amount of money in yen (int64, never floating point)
    kDate,        // calendar date, ISO text in storage
    kTimestamp,   // ISO 8601 instant with offset, e.g. 2002-04-15T10:00:00+09:00
    kFiscalYear,  // Japanese fiscal year (April–March), stored as the starting year
    kBool,
    kEnum,  // one of enum_values (snake_case codes)
    kList,  // list of short strings (keywords); ';'-separated in CSV, array in JSON
};

[[nodiscard]] const char* FieldTypeName(FieldType type);

struct EnumValue {
    std::string code;  // snake_case, stored and shown in JSON
    std::string label_ja;
    std::string label_en;
};

struct FieldDef {
    std::string name;  // snake_case: column name, JSON key and English CSV header
    FieldType type = FieldType::kText;
    std::string label_ja;  // Japanese CSV header and UI label
    std::string label_en;
    bool required = false;
    std::string ref_entity;              // kRef only
    std::vector<EnumValue> enum_values;  // kEnum only
    std::optional<int64_t> min;          // kInt, kYen, kDouble, kFiscalYear
    std::optional<int64_t> max;
    int64_t max_length = 0;  // kText, kLongText, kList: characters (0 = type default)
    std::string doc;         // one sentence for docs/formats.md
    Value default_value;     // value of a new record when none is given (null = none)
};

// Maximum characters of a field when FieldDef::max_length is 0.
inline constexpr int64_t kDefaultTextLength = 1000;
inline constexpr int64_t kDefaultLongTextLength = 100000;

// A lifecycle: the legal transitions of the enum field `field`.
struct StateMachine {
    std::string field;
    std::vector<std::pair<std::string, std::string>> transitions;  // (from, to)
    std::vector<std::string> initial;  // states a new record may start in (empty = any)
};

// A check across fields of one record (e.g. "ends_on is not before starts_on"). Returns field
// errors; an empty vector means valid.
using RecordRule = std::function<std::vector<FieldError>(const Record&)>;

struct EntityDef {
    std::string name;  // singular snake_case: CLI name, table name, JSON bundle key
    std::string label_ja;
    std::string label_en;
    std::string doc;               // what the entity is, one or two sentences
    std::string level;             // "programme", "cluster" or "platform" (for the docs)
    std::vector<FieldDef> fields;  // fields[0] is "id"
    // Fields that name a record, tried in order when another record refers to it by name.
    std::vector<std::string> name_fields;
    // Fields that together also name a record (a person's family and given name), matched
    // joined without a separator, with a space or with an ideographic space.
    std::vector<std::string> compound_name;
    std::optional<StateMachine> state_machine;
    std::vector<RecordRule> rules;
    bool importable = true;  // false for platform tables edited only by their own commands

    [[nodiscard]] int IndexOf(std::string_view field_name) const;
    [[nodiscard]] const FieldDef* Find(std::string_view field_name) const;
    // Finds a field by name, English label or Japanese label (CSV headers), ignoring case.
    [[nodiscard]] const FieldDef* FindByHeader(std::string_view header) const;
};

// Every entity, in an order where each reference points to an earlier entity (except
// self-references such as cluster.successor_id). Definitions have static lifetime.
[[nodiscard]] std::span<const EntityDef* const> AllEntities();

// The entity named `name` ("seed"), or nullptr.
[[nodiscard]] const EntityDef* FindEntity(std::string_view name);

// Like FindEntity but an InvalidArgument error listing the known entities.
[[nodiscard]] Result<const EntityDef*> RequireEntity(std::string_view name);

}  // namespace kc::core
