#pragma once

// Validation of records against their definitions, and lifecycle transitions.

#include <string_view>
#include <vector>

#include "core/entities.h"
#include "core/schema.h"
#include "util/error.h"

namespace kc::core {

// Returns every problem of `record` at once: missing required fields, values of the wrong type,
// enum values not allowed, numbers out of range, text too long, invalid dates, and the entity's
// cross-field rules. Field paths are field names. Empty when valid. Ids and references are not
// checked for existence here (the store does that).
[[nodiscard]] std::vector<FieldError> ValidateRecord(const Record& record);

// ValidateRecord as a Status: InvalidArgument naming the entity and carrying the field errors.
[[nodiscard]] Status CheckRecord(const Record& record);

template <class T>
[[nodiscard]] Status Validate(const T& object) {
    return CheckRecord(ToRecord(object));
}

// Whether `def`'s lifecycle allows moving from state `from` to `to`. Staying in the same state is
// always allowed. Entities without a lifecycle allow anything. The error is FailedPrecondition
// and lists the states reachable from `from`:
//   "proposal status cannot go from draft to full: from draft it can go to submitted".
[[nodiscard]] Status CheckTransition(const EntityDef& def, std::string_view from,
                                     std::string_view to);

// The states reachable in one step from `from`.
[[nodiscard]] std::vector<std::string> NextStates(const StateMachine& machine,
                                                  std::string_view from);

}  // namespace kc::core
