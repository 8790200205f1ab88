#include "core/validate.h"

#include <fmt/format.h>

#include "util/date.h"
#include "util/encoding.h"
#include "util/text.h"

namespace kc::core {
namespace {

// Counts code points of valid UTF-8 text (invalid bytes count one each).
int64_t CountChars(std::string_view text) {
    int64_t count = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++count;
    }
    return count;
}

std::string Shorten(std::string_view text) {
    if (text.size() <= 40) return fmt::format("\"{}\"", text);
    size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return fmt::format("\"{}…\" ({} bytes)", text.substr(0, cut), text.size());
}

std::string EnumChoices(const FieldDef& field) {
    std::string out;
    for (const auto& value : field.enum_values) {
        if (!out.empty()) out += ", ";
        out += value.code;
    }
    return out;
}

std::string RangeText(const FieldDef& field) {
    if (field.min && field.max) return fmt::format("{}..{}", *field.min, *field.max);
    if (field.min) return fmt::format(">= {}", *field.min);
    if (field.max) return fmt::format("<= {}", *field.max);
    return "";
}

void CheckField(const FieldDef& field, const Value& value, std::vector<FieldError>& errors) {
    auto wrong = [&](std::string expected, std::string got) {
        errors.push_back({field.name, std::move(expected), std::move(got)});
    };
    if (IsNull(value)) {
        if (field.required) wrong("a value (required)", "nothing");
        return;
    }
    switch (field.type) {
        case FieldType::kId:
        case FieldType::kRef: {
            auto* id = std::get_if<int64_t>(&value);
            if (!id) return wrong("an integer id", "a value of another type");
            if (*id < 0 || (*id == 0 && field.type == FieldType::kRef && !field.required)) {
                wrong("a positive id", std::to_string(*id));
            }
            if (field.type == FieldType::kRef && *id == 0 && field.required) {
                wrong("a value (required)", "nothing");
            }
            return;
        }
        case FieldType::kInt:
        case FieldType::kYen:
        case FieldType::kFiscalYear: {
            auto* number = std::get_if<int64_t>(&value);
            if (!number) return wrong(fmt::format("{}", FieldTypeName(field.type)), "another type");
            if ((field.min && *number < *field.min) || (field.max && *number > *field.max)) {
                wrong(fmt::format("{} {}", FieldTypeName(field.type), RangeText(field)),
                      std::to_string(*number));
            }
            return;
        }
        case FieldType::kDouble: {
            double number = 0;
            if (auto* d = std::get_if<double>(&value)) {
                number = *d;
            } else if (auto* i = std::get_if<int64_t>(&value)) {
                number = static_cast<double>(*i);
            } else {
                return wrong("a number", "another type");
            }
            if (number != number) return wrong("a number", "NaN");
            if ((field.min && number < static_cast<double>(*field.min)) ||
                (field.max && number > static_cast<double>(*field.max))) {
                wrong(fmt::format("a number {}", RangeText(field)), fmt::format("{}", number));
            }
            return;
        }
        case FieldType::kBool:
            if (!std::holds_alternative<bool>(value)) wrong("true or false", "another type");
            return;
        case FieldType::kDate: {
            auto* text = std::get_if<std::string>(&value);
            if (!text) return wrong("a date", "another type");
            if (!ParseDate(*text)) wrong("a valid date such as 2003-02-01", Shorten(*text));
            return;
        }
        case FieldType::kEnum: {
            auto* text = std::get_if<std::string>(&value);
            if (!text) return wrong("one of " + EnumChoices(field), "another type");
            for (const auto& allowed : field.enum_values) {
                if (allowed.code == *text) return;
            }
            wrong("one of " + EnumChoices(field), Shorten(*text));
            return;
        }
        case FieldType::kText:
        case FieldType::kLongText:
        case FieldType::kTimestamp: {
            auto* text = std::get_if<std::string>(&value);
            if (!text) return wrong("text", "another type");
            int64_t limit = field.max_length;
            if (limit == 0) {
                limit = field.type == FieldType::kLongText ? kDefaultLongTextLength
                                                           : kDefaultTextLength;
            }
            if (!IsValidUtf8(*text)) return wrong("valid UTF-8 text", "invalid bytes");
            if (field.type == FieldType::kTimestamp && !ParseTimestamp(*text)) {
                return wrong("a timestamp such as 2002-04-15T10:00:00+09:00", Shorten(*text));
            }
            if (int64_t chars = CountChars(*text); chars > limit) {
                wrong(fmt::format("at most {} characters", limit),
                      fmt::format("{} characters", chars));
            }
            if (field.required && Trim(*text).empty()) {
                wrong("a value (required)", "blank text");
            }
            return;
        }
        case FieldType::kList: {
            auto* items = std::get_if<std::vector<std::string>>(&value);
            if (!items) return wrong("a list", "another type");
            int64_t limit = field.max_length ? field.max_length : 200;
            if (items->size() > 1000) {
                wrong("at most 1000 items", fmt::format("{} items", items->size()));
            }
            for (const auto& item : *items) {
                if (CountChars(item) > limit) {
                    wrong(fmt::format("items of at most {} characters", limit), Shorten(item));
                    break;
                }
            }
            return;
        }
    }
}

}  // namespace

std::vector<FieldError> ValidateRecord(const Record& record) {
    std::vector<FieldError> errors;
    KC_CHECK(record.def != nullptr, "record without definition");
    const EntityDef& def = *record.def;
    if (record.values.size() != def.fields.size()) {
        errors.push_back({def.name, fmt::format("{} values", def.fields.size()),
                          std::to_string(record.values.size())});
        return errors;
    }
    for (size_t i = 0; i < def.fields.size(); ++i) {
        CheckField(def.fields[i], record.values[i], errors);
    }
    if (errors.empty()) {
        for (const auto& rule : def.rules) {
            auto found = rule(record);
            errors.insert(errors.end(), found.begin(), found.end());
        }
    }
    return errors;
}

Status CheckRecord(const Record& record) {
    auto errors = ValidateRecord(record);
    if (errors.empty()) return {};
    return Fail(Error::Fields(fmt::format("invalid {}", record.def->name), std::move(errors)));
}

std::vector<std::string> NextStates(const StateMachine& machine, std::string_view from) {
    std::vector<std::string> next;
    for (const auto& [a, b] : machine.transitions) {
        if (a == from) next.push_back(b);
    }
    return next;
}

Status CheckTransition(const EntityDef& def, std::string_view from, std::string_view to) {
    if (!def.state_machine || from == to) return {};
    const StateMachine& machine = *def.state_machine;
    for (const auto& [a, b] : machine.transitions) {
        if (a == from && b == to) return {};
    }
    auto next = NextStates(machine, from);
    std::string reachable;
    for (const auto& state : next) {
        if (!reachable.empty()) reachable += ", ";
        reachable += state;
    }
    std::string hint = next.empty() ? fmt::format("{} is a final state", from)
                                    : fmt::format("from {} it can go to {}", from, reachable);
    return Fail(Error::FailedPrecondition(
        fmt::format("{} {} cannot go from {} to {}: {}", def.name, machine.field, from, to, hint)));
}

}  // namespace kc::core
