#pragma once

// Cluster headquarters' commands: `hq roster`, `funnel` and `ledger`.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterHqCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
