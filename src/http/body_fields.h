#pragma once

// Typed reading of a JSON request body's fields for the use-case endpoints (api_programme.cpp,
// api_platform.cpp): each getter records a field error naming the field, what was expected and
// what came, so that one request reports every bad field at once; `Finish` turns them into the
// InvalidArgument the problem+json answer lists. Unknown fields are errors too (a misspelt
// option must not be silently ignored).

#include <fmt/format.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/date.h"
#include "util/error.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::http {

class BodyFields {
  public:
    // `body` must outlive the reader; `allowed` lists every field the endpoint takes.
    BodyFields(const nlohmann::json& body, std::initializer_list<const char*> allowed)
        : body_(body) {
        const std::set<std::string> known(allowed.begin(), allowed.end());
        std::string list;
        for (const char* name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
        for (const auto& [key, value] : body_.items()) {
            if (!known.contains(key)) {
                errors_.push_back({key, "one of the fields " + list, "an unknown field"});
            }
        }
    }

    [[nodiscard]] bool Has(const char* name) const {
        return body_.contains(name) && !body_[name].is_null();
    }

    std::optional<bool> Bool(const char* name, bool required = false) {
        if (!Present(name, "true or false", required)) return std::nullopt;
        const auto& value = body_[name];
        if (!value.is_boolean()) return Bad(name, "true or false", value), std::nullopt;
        return value.get<bool>();
    }

    std::optional<int64_t> Int(const char* name, int64_t min, int64_t max, bool required = false) {
        const std::string expected = fmt::format("an integer {}..{}", min, max);
        if (!Present(name, expected, required)) return std::nullopt;
        const auto& value = body_[name];
        if (!value.is_number_integer()) return Bad(name, expected, value), std::nullopt;
        const auto number = value.get<int64_t>();
        if (number < min || number > max) return Bad(name, expected, value), std::nullopt;
        return number;
    }

    std::optional<double> Number(const char* name, double min, double max, bool required = false) {
        const std::string expected = fmt::format("a number {}..{}", min, max);
        if (!Present(name, expected, required)) return std::nullopt;
        const auto& value = body_[name];
        if (!value.is_number()) return Bad(name, expected, value), std::nullopt;
        const auto number = value.get<double>();
        if (!(number >= min && number <= max)) return Bad(name, expected, value), std::nullopt;
        return number;
    }

    std::optional<std::string> String(const char* name, bool required = false,
                                      size_t max_bytes = 10000) {
        const std::string expected = fmt::format("a string of at most {} bytes", max_bytes);
        if (!Present(name, expected, required)) return std::nullopt;
        const auto& value = body_[name];
        if (!value.is_string() || value.get_ref<const std::string&>().size() > max_bytes) {
            return Bad(name, expected, value), std::nullopt;
        }
        return value.get<std::string>();
    }

    // An amount in yen: an integer, or text such as "75億円" or "¥1,234,567".
    std::optional<Yen> Amount(const char* name, bool required = false) {
        const char* expected = "an amount in yen (an integer or text like \"75億円\")";
        if (!Present(name, expected, required)) return std::nullopt;
        const auto& value = body_[name];
        if (value.is_number_integer() && value.get<int64_t>() >= 0) {
            return Yen{value.get<int64_t>()};
        }
        if (value.is_string()) {
            if (auto yen = ParseYen(value.get<std::string>()); yen && yen->value >= 0) return *yen;
        }
        return Bad(name, expected, value), std::nullopt;
    }

    std::optional<Date> DateValue(const char* name, bool required = false) {
        const char* expected = "a date (YYYY-MM-DD or a Japanese form)";
        if (!Present(name, expected, required)) return std::nullopt;
        const auto& value = body_[name];
        if (value.is_string()) {
            if (auto date = ParseDate(value.get<std::string>())) return *date;
        }
        return Bad(name, expected, value), std::nullopt;
    }

    std::optional<FiscalYear> Fiscal(const char* name, bool required = false) {
        const char* expected = "a fiscal year (2004 or \"平成16年度\")";
        if (!Present(name, expected, required)) return std::nullopt;
        const auto& value = body_[name];
        if (value.is_number_integer()) {
            if (auto fy = ParseFiscalYear(std::to_string(value.get<int64_t>()))) return *fy;
        } else if (value.is_string()) {
            if (auto fy = ParseFiscalYear(value.get<std::string>())) return *fy;
        }
        return Bad(name, expected, value), std::nullopt;
    }

    // A JSON value of any type, or null when absent (the caller checks its shape).
    [[nodiscard]] const nlohmann::json* Raw(const char* name) const {
        return body_.contains(name) ? &body_[name] : nullptr;
    }

    void Add(FieldError error) { errors_.push_back(std::move(error)); }

    // InvalidArgument with every field error recorded, or success.
    [[nodiscard]] Status Finish(const std::string& context) {
        if (errors_.empty()) return {};
        return Fail(Error::Fields(context, std::move(errors_)));
    }

  private:
    bool Present(const char* name, const std::string& expected, bool required) {
        if (Has(name)) return true;
        if (required) errors_.push_back({name, expected, "nothing"});
        return false;
    }
    void Bad(const char* name, const std::string& expected, const nlohmann::json& value) {
        std::string got = value.dump();
        if (got.size() > 80) got = got.substr(0, 77) + "...";
        errors_.push_back({name, expected, got});
    }

    const nlohmann::json& body_;
    std::vector<FieldError> errors_;
};

}  // namespace kc::http
