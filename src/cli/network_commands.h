#pragma once

// `kcluster network metrics | export`: the collaboration networks of a cluster at the end of a
// fiscal year (app/network.h) as tables or JSON, and as GraphML or GEXF files for Gephi.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterNetworkCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
