#pragma once

// `kcluster report annual | programme`: the annual performance report of a cluster and the
// programme report of a fiscal year, as HTML (with SVG charts), CSV or JSON (app/report.h).

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterReportCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
