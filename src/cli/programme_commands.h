#pragma once

// The programme office's commands: `conflicts`, `review assign|submit|show`, `hearing score`,
// `evaluate`, `select`, `promote`, `grant award` and `cluster-eval grade|items`.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterProgrammeCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
