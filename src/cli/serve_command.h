#pragma once

// `kcluster serve`: the HTTP API and the web UI (src/http) on the database named by --db.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterServeCommand(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
