#pragma once

// Test-only: where the gold-standard reviewer-expertise data lives. It stays outside the
// repository (../shared/bench/goldstandard, passed as KC_GOLDSTANDARD_DIR at build time);
// $KC_GOLDSTANDARD_DIR is used when that is absent. "" when neither exists: tests then skip.

#include <cstdlib>
#include <filesystem>
#include <string>

namespace kc::app::testing {

inline std::string GoldDir() {
#ifdef KC_GOLDSTANDARD_DIR
    if (std::filesystem::is_directory(KC_GOLDSTANDARD_DIR)) return KC_GOLDSTANDARD_DIR;
#endif
    if (const char* env = std::getenv("KC_GOLDSTANDARD_DIR");
        env && std::filesystem::is_directory(env)) {
        return env;
    }
    return "";
}

}  // namespace kc::app::testing
