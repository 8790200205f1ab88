#pragma once

// `kcluster match suggest | accept | decline`: the coordinator's 目利き workflow.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterMatchCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
