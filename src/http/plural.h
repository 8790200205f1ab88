#pragma once

// Entity names in the plural, for resource paths: region → regions, match → matches,
// person → people, feasibility_study → feasibility_studies, criterion → criteria. The last word
// of a snake_case name is pluralised.

#include <string>
#include <string_view>

namespace kc::http {

[[nodiscard]] std::string Plural(std::string_view singular);

}  // namespace kc::http
