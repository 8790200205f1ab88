#pragma once

// `kcluster sim run | sweep | config`: Monte Carlo runs of the agent-based programme simulator
// (engines/sim, app/simulation.h) from the built-in FY2002 programme, a TOML config or a
// cluster's state in the database; CSV, JSON and SVG outputs; a progress bar on stderr.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterSimCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
