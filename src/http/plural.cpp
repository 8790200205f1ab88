#include "http/plural.h"

#include <array>
#include <utility>

namespace kc::http {

std::string Plural(std::string_view singular) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kIrregular = {{
        {"person", "people"},
        {"criterion", "criteria"},
        {"advice", "advice"},  // uncountable
        {"analysis", "analyses"},
        {"child", "children"},
    }};
    size_t underscore = singular.rfind('_');
    std::string_view head = underscore == std::string_view::npos
                                ? std::string_view()
                                : singular.substr(0, underscore + 1);
    std::string_view word =
        underscore == std::string_view::npos ? singular : singular.substr(underscore + 1);
    for (const auto& [one, many] : kIrregular) {
        if (word == one) return std::string(head) + std::string(many);
    }
    std::string out(singular);
    auto ends = [&](std::string_view suffix) { return word.ends_with(suffix); };
    if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return out + "es";
    if (word.size() >= 2 && ends("y")) {
        char before = word[word.size() - 2];
        bool vowel =
            before == 'a' || before == 'e' || before == 'i' || before == 'o' || before == 'u';
        if (!vowel) return out.substr(0, out.size() - 1) + "ies";
    }
    return out + "s";
}

}  // namespace kc::http
