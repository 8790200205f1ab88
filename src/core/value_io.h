#pragma once

// Reading field values from text (CSV cells, `key=value` CLI arguments) and JSON, and writing
// them back. References are read here only as numeric ids; resolving a reference by name needs
// the store and is done in app/.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/record.h"
#include "core/schema.h"
#include "util/error.h"

namespace kc::core {

// Parses `text` as a value of `field`. Empty (after trimming) is null. Accepts the forms people
// type: yen as 500000000, ¥500,000,000 or 5億円; dates as 2003-02-01, 2003/2/1, 2003年2月1日,
// 平成15年2月1日 or H15.2.1; fiscal years as 2002, FY2002 or 平成14年度; booleans as
// true/false/1/0/yes/no/はい/いいえ; enum values by code or by their Japanese or English label;
// lists as ';'-separated items. The error's FieldError carries the field name, what was expected
// and what came.
[[nodiscard]] Result<Value> ParseFieldText(const FieldDef& field, std::string_view text);

// The canonical text of a value, as written to CSV: ISO dates, plain integers for yen and fiscal
// years, codes for enums, "true"/"false", ';'-joined lists, empty for null.
[[nodiscard]] std::string FormatFieldText(const FieldDef& field, const Value& value);

// A human-friendly text: ¥ amounts with separators, FY2002, enum labels in `lang` ("ja"/"en").
[[nodiscard]] std::string DisplayFieldText(const FieldDef& field, const Value& value,
                                           std::string_view lang);

// JSON of a value: numbers for ids, integers, yen and fiscal years; strings for text, dates and
// enums; arrays for lists; null for null.
[[nodiscard]] nlohmann::json ValueToJson(const Value& value);

// Reads a JSON value for `field`, with the same checks as ParseFieldText; strings are accepted
// for numbers too (so hand-written JSON may say "5億円").
[[nodiscard]] Result<Value> ValueFromJson(const FieldDef& field, const nlohmann::json& json);

// Record <-> JSON object keyed by field name (every field, nulls included).
[[nodiscard]] nlohmann::json RecordToJson(const Record& record);
// The same object as compact JSON text, keys in field order, written directly (no JSON tree):
// the audit log calls this for every change, so it is on the bulk-import path.
[[nodiscard]] std::string RecordToJsonText(const Record& record);
// Reads the fields present in `json` into a record of `def`; unknown keys are errors.
[[nodiscard]] Result<Record> RecordFromJson(const EntityDef& def, const nlohmann::json& json);

}  // namespace kc::core
