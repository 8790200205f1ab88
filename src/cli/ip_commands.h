#pragma once

// `kcluster ip rules | deadlines`: statutory deadlines of patent cases for HQ staff and patent
// attorney advisers (a calculator for one case, and the upcoming deadlines of stored
// applications, most urgent first).

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterIpCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
