#pragma once

// The generic view of an entity: a record is one row of one entity, its values aligned with the
// fields of the entity's definition (core/schema.h). Typed plain structs (core/entities.h) convert
// to and from records through the same definitions, so the store, import/export, the CLI and the
// HTTP API can treat every entity alike while use cases work with plain structs.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kc::core {

using Id = int64_t;

// One field value. Null is std::monostate. Integers carry ids, references, yen, fiscal years and
// counts; strings carry text, enum values, ISO dates and timestamps; lists carry keyword lists.
using Value =
    std::variant<std::monostate, int64_t, double, std::string, bool, std::vector<std::string>>;

[[nodiscard]] inline bool IsNull(const Value& value) {
    return std::holds_alternative<std::monostate>(value);
}

struct EntityDef;

// Values of one row, indexed like `def->fields`. `def` is never null for a record in use; it points
// to a definition with static lifetime.
struct Record {
    const EntityDef* def = nullptr;
    std::vector<Value> values;

    // Index of the field named `name`, or -1.
    [[nodiscard]] int IndexOf(std::string_view name) const;
    [[nodiscard]] const Value& Get(std::string_view name) const;  // KC_CHECKs the name exists
    void Set(std::string_view name, Value value);                 // KC_CHECKs the name exists
    [[nodiscard]] Id GetId() const;
};

// Creates an all-null record of `def` (booleans false, lists empty).
[[nodiscard]] Record EmptyRecord(const EntityDef& def);

}  // namespace kc::core
