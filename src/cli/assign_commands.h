#pragma once

// `kcluster assign solve`: optimal reviewer assignment from CSV files (engines/assign).

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterAssignCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
