#include "core/value_io.h"

#include <fmt/format.h>

#include <cmath>

#include "util/date.h"
#include "util/fiscal_year.h"
#include "util/text.h"
#include "util/yen.h"

namespace kc::core {
namespace {

Error FieldFail(const FieldDef& field, std::string expected, std::string_view got) {
    std::string shown(got.substr(0, 60));
    if (got.size() > 60) shown += "…";
    return Error::Fields("invalid value", {FieldError{field.name, std::move(expected),
                                                      fmt::format("\"{}\"", shown)}});
}

std::string ExpectedText(const FieldDef& field) {
    switch (field.type) {
        case FieldType::kId:
        case FieldType::kRef:
            return "a positive integer id";
        case FieldType::kInt:
            return "an integer";
        case FieldType::kDouble:
            return "a number";
        case FieldType::kYen:
            return "an amount of yen such as 500000000, ¥500,000,000 or 5億円";
        case FieldType::kDate:
            return "a date such as 2003-02-01, 2003/2/1, 2003年2月1日, 平成15年2月1日 or H15.2.1";
        case FieldType::kTimestamp:
            return "a timestamp such as 2002-04-15T10:00:00+09:00";
        case FieldType::kFiscalYear:
            return "a fiscal year such as 2002, FY2002 or 平成14年度";
        case FieldType::kBool:
            return "true or false";
        case FieldType::kEnum: {
            std::string out = "one of ";
            for (size_t i = 0; i < field.enum_values.size(); ++i) {
                if (i) out += ", ";
                out += field.enum_values[i].code;
            }
            return out;
        }
        case FieldType::kList:
            return "a ';'-separated list";
        case FieldType::kText:
        case FieldType::kLongText:
            return "text";
    }
    return "a value";
}

}  // namespace

Result<Value> ParseFieldText(const FieldDef& field, std::string_view raw) {
    std::string_view text = field.type == FieldType::kLongText ? raw : Trim(raw);
    if (Trim(text).empty()) {
        if (field.type == FieldType::kList) return Value{std::vector<std::string>{}};
        return Value{};
    }
    switch (field.type) {
        case FieldType::kId:
        case FieldType::kRef:
        case FieldType::kInt: {
            auto number = ParseInt(text);
            if (!number) return Fail(FieldFail(field, ExpectedText(field), text));
            return Value{*number};
        }
        case FieldType::kDouble: {
            auto number = ParseDouble(text);
            if (!number || !std::isfinite(*number)) {
                return Fail(FieldFail(field, ExpectedText(field), text));
            }
            return Value{*number};
        }
        case FieldType::kYen: {
            auto yen = ParseYen(text);
            if (!yen) return Fail(FieldFail(field, ExpectedText(field), text));
            return Value{yen->value};
        }
        case FieldType::kDate: {
            auto date = ParseDate(text);
            if (!date) {
                std::string expected = ExpectedText(field);
                if (!date.error().message.empty()) expected += " (" + date.error().message + ")";
                return Fail(FieldFail(field, expected, text));
            }
            return Value{FormatIso(*date)};
        }
        case FieldType::kFiscalYear: {
            auto fy = ParseFiscalYear(text);
            if (!fy) {
                bool range = fy.error().message.find("out of range") != std::string::npos;
                return Fail(FieldFail(
                    field, range ? "a fiscal year in 1950..2200" : ExpectedText(field), text));
            }
            return Value{static_cast<int64_t>(fy->year)};
        }
        case FieldType::kBool: {
            auto flag = ParseBool(text);
            if (!flag) return Fail(FieldFail(field, ExpectedText(field), text));
            return Value{*flag};
        }
        case FieldType::kEnum: {
            for (const auto& value : field.enum_values) {
                if (value.code == text || value.label_ja == text || value.label_en == text) {
                    return Value{value.code};
                }
            }
            std::string lowered(text);
            for (auto& c : lowered) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            }
            for (const auto& value : field.enum_values) {
                if (value.code == lowered) return Value{value.code};
            }
            return Fail(FieldFail(field, ExpectedText(field), text));
        }
        case FieldType::kList:
            return Value{SplitList(text, ';')};
        case FieldType::kTimestamp:
            if (!ParseTimestamp(text)) return Fail(FieldFail(field, ExpectedText(field), text));
            return Value{std::string(text)};
        case FieldType::kText:
        case FieldType::kLongText:
            return Value{std::string(text)};
    }
    return Value{std::string(text)};
}

std::string FormatFieldText(const FieldDef& field, const Value& value) {
    (void)field;
    if (IsNull(value)) return "";
    if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
    if (auto* s = std::get_if<std::string>(&value)) return *s;
    if (auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
    if (auto* list = std::get_if<std::vector<std::string>>(&value)) return JoinList(*list, ";");
    return "";
}

std::string DisplayFieldText(const FieldDef& field, const Value& value, std::string_view lang) {
    if (IsNull(value)) return "";
    bool ja = lang == "ja";
    switch (field.type) {
        case FieldType::kYen:
            if (auto* i = std::get_if<int64_t>(&value)) {
                return ja ? FormatYenJapanese(Yen{*i}) : FormatYen(Yen{*i});
            }
            break;
        case FieldType::kFiscalYear:
            if (auto* i = std::get_if<int64_t>(&value)) {
                FiscalYear fy{static_cast<int>(*i)};
                return ja ? FormatFiscalYearJapanese(fy) : FormatFiscalYear(fy);
            }
            break;
        case FieldType::kEnum:
            if (auto* s = std::get_if<std::string>(&value)) {
                for (const auto& e : field.enum_values) {
                    if (e.code == *s) return ja ? e.label_ja : e.label_en;
                }
            }
            break;
        case FieldType::kBool:
            if (auto* b = std::get_if<bool>(&value)) {
                if (ja) return *b ? "はい" : "いいえ";
                return *b ? "yes" : "no";
            }
            break;
        case FieldType::kList:
            if (auto* list = std::get_if<std::vector<std::string>>(&value)) {
                return JoinList(*list, ja ? "、" : ", ");
            }
            break;
        default:
            break;
    }
    return FormatFieldText(field, value);
}

nlohmann::json ValueToJson(const Value& value) {
    if (IsNull(value)) return nullptr;
    if (auto* i = std::get_if<int64_t>(&value)) return *i;
    if (auto* d = std::get_if<double>(&value)) return *d;
    if (auto* s = std::get_if<std::string>(&value)) return *s;
    if (auto* b = std::get_if<bool>(&value)) return *b;
    if (auto* list = std::get_if<std::vector<std::string>>(&value)) return *list;
    return nullptr;
}

Result<Value> ValueFromJson(const FieldDef& field, const nlohmann::json& json) {
    if (json.is_null()) {
        if (field.type == FieldType::kList) return Value{std::vector<std::string>{}};
        return Value{};
    }
    if (json.is_string()) return ParseFieldText(field, json.get_ref<const std::string&>());
    switch (field.type) {
        case FieldType::kId:
        case FieldType::kRef:
        case FieldType::kInt:
        case FieldType::kYen:
        case FieldType::kFiscalYear:
            if (json.is_number_integer()) return Value{json.get<int64_t>()};
            break;
        case FieldType::kDouble:
            if (json.is_number()) return Value{json.get<double>()};
            break;
        case FieldType::kBool:
            if (json.is_boolean()) return Value{json.get<bool>()};
            break;
        case FieldType::kList:
            if (json.is_array()) {
                std::vector<std::string> items;
                for (const auto& item : json) {
                    if (!item.is_string()) {
                        return Fail(FieldFail(field, "an array of strings", item.dump()));
                    }
                    items.push_back(item.get<std::string>());
                }
                return Value{std::move(items)};
            }
            break;
        default:
            break;
    }
    return Fail(FieldFail(field, ExpectedText(field), json.dump()));
}

nlohmann::json RecordToJson(const Record& record) {
    nlohmann::json object = nlohmann::json::object();
    for (size_t i = 0; i < record.def->fields.size(); ++i) {
        object[record.def->fields[i].name] = ValueToJson(record.values[i]);
    }
    return object;
}

namespace {

void AppendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

}  // namespace

std::string RecordToJsonText(const Record& record) {
    std::string out;
    out.reserve(512);
    out += '{';
    for (size_t i = 0; i < record.def->fields.size(); ++i) {
        if (i) out += ',';
        AppendJsonString(out, record.def->fields[i].name);
        out += ':';
        const Value& value = record.values[i];
        if (IsNull(value)) {
            out += "null";
        } else if (auto* n = std::get_if<int64_t>(&value)) {
            out += std::to_string(*n);
        } else if (auto* d = std::get_if<double>(&value)) {
            out += nlohmann::json(*d).dump();
        } else if (auto* text = std::get_if<std::string>(&value)) {
            AppendJsonString(out, *text);
        } else if (auto* b = std::get_if<bool>(&value)) {
            out += *b ? "true" : "false";
        } else if (auto* list = std::get_if<std::vector<std::string>>(&value)) {
            out += '[';
            for (size_t j = 0; j < list->size(); ++j) {
                if (j) out += ',';
                AppendJsonString(out, (*list)[j]);
            }
            out += ']';
        }
    }
    out += '}';
    return out;
}

Result<Record> RecordFromJson(const EntityDef& def, const nlohmann::json& json) {
    if (!json.is_object()) {
        return Fail(Error::InvalidArgument(
            fmt::format("expected a JSON object for a {}, got {}", def.name, json.type_name())));
    }
    Record record = EmptyRecord(def);
    std::vector<FieldError> errors;
    for (const auto& [key, value] : json.items()) {
        int index = def.IndexOf(key);
        if (index < 0) {
            errors.push_back({key, fmt::format("a field of {}", def.name), "an unknown key"});
            continue;
        }
        auto parsed = ValueFromJson(def.fields[static_cast<size_t>(index)], value);
        if (!parsed) {
            for (auto& field_error : parsed.error().fields) errors.push_back(field_error);
            continue;
        }
        record.values[static_cast<size_t>(index)] = std::move(*parsed);
    }
    if (!errors.empty()) {
        return Fail(Error::Fields(fmt::format("invalid {}", def.name), std::move(errors)));
    }
    return record;
}

}  // namespace kc::core
